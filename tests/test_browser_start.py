"""How a playground page starts Python: the page's own files first, Pyodide's scripts after its first paint."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes

pytestmark = pytest.mark.browser

READY = 60_000


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_pyodides_scripts_wait_for_the_pages_first_paint(site_server: str, browser, lang: str) -> None:
    # Material's stylesheet holds the page's first paint until it arrives. Meanwhile the worker
    # downloads Pyodide's files (the start-up snapshot among them), but imports none of its scripts:
    # they would compete with the page's own, and Lighthouse counts a script that ends before the
    # first contentful paint as holding that paint up.
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        requested: list[str] = []
        held = []
        tab.on("request", lambda request: requested.append(request.url))
        tab.route("**/assets/stylesheets/main.*.min.css", lambda route: held.append(route))
        with tab.expect_event("requestfinished", lambda request: request.url.endswith(".snapshot"), timeout=READY):
            tab.goto(urljoin(site_server, LANGUAGES[lang] + "maiagent/authentication/"), wait_until="commit")
        assert held, "the stylesheet was not requested"
        assert tab.evaluate("() => performance.getEntriesByType('paint').length") == 0
        assert not [url for url in requested if url.endswith(("/pyodide.mjs", "/pyodide.asm.mjs"))], requested
        snapshot_at = len(requested)
        for route in held:
            route.continue_()
        tab.wait_for_selector("[data-python=ready]", state="attached", timeout=READY)
        assert any(url.endswith("/pyodide.asm.mjs") for url in requested[snapshot_at:])
        assert tab.locator(".playground").first.get_attribute("data-python-start") == "snapshot"
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["en", "ja", "zh-TW"])
@pytest.mark.parametrize("viewport", [(412, 823), (1280, 800)])
def test_mounting_the_playground_moves_nothing_the_reader_sees(
    site_server: str, browser, lang: str, viewport: tuple[int, int]
) -> None:
    # playground.js (async) mounts the form after the first paint, on a phone a second or more
    # later. Until then the empty box holds a screen's height (playground.css): what follows it is
    # below the screen, before the form and after it, so the mount shifts nothing in view.
    width, height = viewport
    ctx = browser.new_context(viewport={"width": width, "height": height})
    try:
        tab = ctx.new_page()
        held = []
        tab.route("**/assets/playground/playground.js", lambda route: held.append(route))
        tab.goto(urljoin(site_server, LANGUAGES[lang] + "playground/"), wait_until="domcontentloaded")
        # Painted: the page's stylesheets (render-blocking) are in; playground.js is held.
        tab.wait_for_function("() => performance.getEntriesByType('paint').length > 0", timeout=READY)
        assert held, "playground.js was not requested"
        box = tab.locator(".playground[data-api]")
        below = tab.locator("#demo-keys")
        assert box.evaluate("node => node.childElementCount") == 0
        assert below.evaluate("node => node.getBoundingClientRect().top") >= height
        for route in held:
            route.continue_()
        box.locator("form").wait_for(state="attached", timeout=READY)
        assert below.evaluate("node => node.getBoundingClientRect().top") >= height
    finally:
        ctx.close()
    # Without scripts the box is not held open: nothing would ever fill it.
    ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    try:
        tab = ctx.new_page()
        tab.goto(urljoin(site_server, LANGUAGES[lang] + "playground/"))
        assert tab.locator(".playground[data-api]").evaluate("node => node.getBoundingClientRect().height") < 100
    finally:
        ctx.close()
