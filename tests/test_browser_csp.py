"""The whole site, playground included, under the server's Content Security Policy: zero violations.

Violations are caught three ways: `securitypolicyviolation` events on the page, the page's console,
and Chromium's log (over CDP), the only one that also reports violations inside Web Workers (search,
Pyodide). Every response must carry the policy, or zero violations would prove nothing.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Error as PlaywrightError
from test_browser_site import open_search

import playground
from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"
PREFIX = LANGUAGES  # every page, in every language


def _page_path(parts: tuple[str, ...]) -> str:
    return "".join(part + "/" for part in parts)


# Every page of a language, from its Markdown sources (index.md -> "", a/b.md -> "a/b/").
PAGES = sorted(
    _page_path(md.relative_to(DOCS / "en").with_suffix("").parts).removesuffix("index/")
    for md in (DOCS / "en").rglob("*.md")
)
READY = 60_000
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`));
"""


class Watcher:
    """Everything the browser reports about a tab: console, uncaught errors, violations, its log."""

    def __init__(self, context, tab) -> None:
        self.tab = tab
        self.messages: list[str] = []
        tab.add_init_script(WATCH)
        tab.on(
            "console", lambda m: m.type in ("error", "warning") and self.messages.append(f"console {m.type}: {m.text}")
        )
        tab.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        self.cdp = context.new_cdp_session(tab)
        self.cdp.on(
            "Log.entryAdded",
            lambda e: self.messages.append(f"log {e['entry']['source']} {e['entry']['level']}: {e['entry']['text']}"),
        )
        self.cdp.send("Log.enable")
        # Without the header nothing would be refused, and zero violations would prove nothing.
        tab.on(
            "response",
            lambda r: "content-security-policy" not in r.headers and self.messages.append(f"no policy on {r.url}"),
        )

    def problems(self) -> list[str]:
        self.tab.wait_for_timeout(200)  # let the last log entries arrive
        return self.messages + [f"violation: {v}" for v in self.tab.evaluate("() => window.__cspViolations")]

    @contextlib.contextmanager
    def explained(self) -> Iterator[None]:
        """A step that times out (a blocked script, a worker that never loads) fails with what the browser said."""
        try:
            yield
        except PlaywrightError as error:
            pytest.fail(f"{error.message.splitlines()[0]}\nthe browser reported: {self.problems()}")


@pytest.fixture(scope="module")
def context(browser):
    # One context for the module: Pyodide's files are cached after the first page, as for a reader.
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def watched(context):
    tab = context.new_page()
    yield Watcher(context, tab)
    tab.close()


def wait_python(watched: Watcher) -> None:
    tab = watched.tab
    if tab.locator(".playground, .playground-reproduce").count():
        with watched.explained():
            tab.wait_for_selector("[data-python=ready], [data-python=failed]", state="attached", timeout=READY)
        assert tab.locator("[data-python=failed]").count() == 0, watched.problems()
    if tab.locator(".playground").count():
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)


def use_material(tab) -> None:
    """Search (its Web Worker, and lunr's Japanese support), the palette toggle and content tabs."""
    box = tab.locator("input.md-search__input")
    open_search(tab)
    box.press_sequentially("API")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    box.press("Escape")
    tab.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    labels = tab.locator(".tabbed-labels > label")
    if labels.count() > 1:
        labels.nth(1).click()
    copy = tab.locator(".md-clipboard")
    if copy.count():
        copy.first.click()
    tab.mouse.wheel(0, 3000)  # the header, the table of contents and "Back to top" follow the scroll
    tab.wait_for_timeout(100)


def test_the_pages_visited_are_every_page_of_the_build(site_dir: Path) -> None:
    for lang, prefix in PREFIX.items():
        root = site_dir / prefix
        built = {_page_path(html.parent.relative_to(root).parts) for html in root.rglob("index.html")}
        others = {prefix.rstrip("/") for prefix in PREFIX.values() if prefix} | {"pyodide"}
        assert {page for page in built if page.split("/")[0] not in others} == set(PAGES), lang


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_works_without_violations(site_server: str, watched: Watcher, lang: str, path: str) -> None:
    tab = watched.tab
    tab.goto(urljoin(site_server, PREFIX[lang] + path))
    wait_python(watched)
    with watched.explained():
        use_material(tab)
    assert watched.problems() == []


@pytest.mark.parametrize("lang", PREFIX)
def test_the_not_found_page_works_without_violations(site_server: str, watched: Watcher, lang: str) -> None:
    tab = watched.tab
    response = tab.goto(urljoin(site_server, PREFIX[lang] + "no-such-page/"))
    assert response.status == 404 and "content-security-policy" in response.headers
    tab.locator("article h1").wait_for()
    # The one expected message: the browser notes the page's own 404 status.
    assert [m for m in watched.problems() if "status of 404" not in m] == []


def send(tab) -> None:
    tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
    tab.click(".playground__send")
    tab.wait_for_selector(
        ".playground__response .playground__status, .playground__response .playground__error", timeout=30_000
    )


# Both kinds of playground page in English and Japanese; the Playground page in every language.
FEATURE_PAGES = [
    *((lang, path) for lang in ("en", "ja") for path in ("playground/", "maiagent/authentication/")),
    *((lang, "playground/") for lang in PREFIX if lang not in ("en", "ja")),
]


@pytest.mark.parametrize(("lang", "path"), FEATURE_PAGES)
def test_every_playground_feature_works_without_violations(
    site_server: str, watched: Watcher, lang: str, path: str
) -> None:
    tab = watched.tab
    tab.goto(urljoin(site_server, PREFIX[lang] + path))
    wait_python(watched)
    with watched.explained():
        use_playground(tab, site_server)
    assert watched.problems() == []


def send_demo_request(tab) -> None:
    """A demo key, GET /api/v1/chatbots/ to the target chosen, and its 200 answer."""
    tab.click(".playground__demo")
    tab.wait_for_function("() => document.querySelector('.playground__key').value.length > 0")
    tab.select_option(".playground__method", "GET")
    tab.fill(".playground__path", "/api/v1/chatbots/")
    send(tab)
    assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"


def use_playground(tab, site_server: str) -> None:
    # A demo key, and a request to the in-browser sandbox.
    send_demo_request(tab)

    # The same request to the server's sandbox as a live target (fetch from the worker).
    tab.check(".playground__target-live")
    tab.fill(".playground__url", site_server + "sandbox/maiagent/")
    send(tab)
    assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
    assert (
        f"GET {site_server}sandbox/maiagent/api/v1/chatbots/"
        in tab.locator(".playground__response .playground__meta").text_content()
    )

    # The Python code runs in the worker.
    tab.wait_for_function("() => document.querySelector('.playground__code').value.includes('sandbox/maiagent/')")
    tab.click(".playground__run")
    tab.wait_for_function(
        "() => document.querySelector('.playground__output').dataset.ok !== undefined", timeout=30_000
    )
    assert tab.locator(".playground__output").get_attribute("data-ok") == "true"

    # The key in the page's examples (their HTML is restored afterwards), then every Reproduce button.
    tab.check(".playground__pagekey")
    tab.uncheck(".playground__pagekey")
    blocks = tab.locator(".playground-reproduce")
    assert blocks.count() >= 2
    for i in range(blocks.count()):
        blocks.nth(i).locator(".playground-reproduce__button").click()
        verdict = blocks.nth(i).locator(".playground-reproduce__verdict")
        verdict.wait_for(timeout=READY)
        assert verdict.get_attribute("data-equal") == "true"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "Content Security Policy"), ("ja", "コンテンツセキュリティポリシー"), ("zh-TW", "內容安全性原則")],
)
def test_a_live_url_the_policy_refuses_is_explained(site_server: str, watched: Watcher, lang: str, words: str) -> None:
    tab = watched.tab
    tab.goto(urljoin(site_server, PREFIX[lang] + "playground/"))
    wait_python(watched)
    tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    tab.check(".playground__target-live")
    tab.fill(".playground__url", "http://192.0.2.1/")  # plain http to another computer: not in connect-src
    send(tab)
    error = tab.locator(".playground__response .playground__error").text_content()
    assert words in error and "http://192.0.2.1" in error
    # Refused by the playground, which reads the policy's connect-src, before fetch could try: the
    # browser has nothing to refuse, so no violation is reported.
    assert not watched.problems(), json.dumps(watched.problems(), ensure_ascii=False)
    # The policy itself still refuses it: a fetch from the page is blocked, and reported.
    assert tab.evaluate("() => fetch('http://192.0.2.1/').then(() => 'sent', () => 'refused')") == "refused"
    problems = watched.problems()
    assert problems and all("192.0.2.1" in m for m in problems), json.dumps(problems, ensure_ascii=False)
    assert any("connect-src" in m for m in problems)
