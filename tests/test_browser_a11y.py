"""Accessibility in Chromium: axe-core on every page, and the playground by keyboard alone.

- axe-core comes from npm (``node_modules/axe-core``, pinned in ``package-lock.json``) and runs with
  its default rules (WCAG 2.x A and AA, and its best practices), none turned off: every page of both
  languages, including 404.html, in the light and the dark palette. The palette follows the
  reader's system setting (Material's "automatic" choice is the first one), so each palette gets
  its own browser context with that colour-scheme preference.
- Pages with a playground or Reproduce buttons are checked again once they have been used: a key
  with a mistake diagnosed, a request sent and answered, every Reproduce button pressed, the Python
  code run; and once more when Python cannot load.
- The playground page, in both languages and both palettes, is used with the keyboard only: every
  control is reached by Tab in order, shows a visible focus indicator, and has an accessible name;
  a whole request (demo key, Send, response) needs no mouse.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

import playground
from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DOCS = ROOT / "docs"
# Every page is checked in every language; the keyboard flows, the same code in each, in two.
PREFIX = LANGUAGES
FLOW_LANGUAGES = ["en", "ja"]
SCHEMES = {"light": "default", "dark": "slate"}
READY = 60_000


def _page_url(md: Path) -> str:
    path = md.relative_to(DOCS / "en").with_suffix("").as_posix()
    return "" if path == "index" else path.removesuffix("/index") + "/"


# Every page of a language (from the sources; test_every_built_page_is_checked compares with the
# build) and Material's 404 page.
PAGES = sorted(_page_url(md) for md in (DOCS / "en").rglob("*.md")) + ["404.html"]


# --- axe ------------------------------------------------------------------------------------------


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


# Colours are measured once transitions have ended: Material fades its header tabs out as the page
# scrolls, and halfway through they would be measured as faint text. (Endless animations, such as
# the pulse of a code annotation's marker, are not waited for.)
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 3000)),
])"""


# axe measures what the browser lays out: content it skips until the reader scrolls near it
# (content-visibility: auto, site.css) read as black on black. It is shown first, as a reader
# scrolling to it sees it (a style set from script: the page's policy allows no inline <style>).
SHOW_SKIPPED = """() => {
  for (const el of document.querySelectorAll("*"))
    if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
}"""


def run_axe(tab) -> list[dict]:
    tab.evaluate(SHOW_SKIPPED)
    tab.evaluate(SETTLED)
    # page.evaluate is not subject to the page's Content Security Policy, unlike a <script> tag.
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(axe_source())
    return tab.evaluate("() => axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} - {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_no_violations(tab, state: str) -> None:
    violations = run_axe(tab)
    assert not violations, f"axe on {tab.url} ({state}):\n{describe(violations)}"


# --- browser contexts: one per palette, so Pyodide's files are cached after the first page -------


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_context(request, browser):
    ctx = browser.new_context(color_scheme=request.param)
    ctx.scheme = request.param
    yield ctx
    ctx.close()


def open_page(ctx, url: str):
    tab = ctx.new_page()
    tab.goto(url)
    assert tab.evaluate("() => document.body.dataset.mdColorScheme") == SCHEMES[ctx.scheme]
    return tab


def has_playground(tab) -> bool:
    return tab.locator(".playground[data-api], .playground-reproduce[data-example]").count() > 0


def wait_ready(tab) -> None:
    tab.wait_for_selector("[data-python=ready]", state="attached", timeout=READY)
    if tab.locator(".playground[data-api]").count():
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)


def use_playground(tab, check) -> None:
    """Put every part of the page's playground UI on screen, calling `check(state)` on the way."""
    for i in range(tab.locator(".playground[data-api]").count()):
        pg = tab.locator(".playground[data-api]").nth(i)
        # The other API's scheme (an error, with what the real API answers and Apply fix), a space
        # in the key (an error) and a trailing space (a warning): findings of both kinds, with
        # their fixes and Apply fix buttons; then its 401.
        wrong = "Api-Key abc def " if pg.locator(".playground__api").input_value() == "aigne-hub" else "Bearer abc def "
        pg.locator(".playground__key").fill(wrong)
        pg.locator(".playground__finding--error").first.wait_for()
        pg.locator(".playground__finding--warning").first.wait_for()
        pg.locator(".playground__apply").first.wait_for()
        pg.locator(".playground__send").click()
        pg.locator(".playground__response [data-status^='4']").wait_for(timeout=30_000)
        check("a mistaken key diagnosed, and its 4xx response")
        # The demo key, a 2xx response with its headers open, the Python code's output, a live target.
        pg.locator(".playground__demo").click()
        pg.locator(".playground__finding--error").first.wait_for(state="detached")
        pg.locator(".playground__send").click()
        pg.locator(".playground__response [data-status^='2']").wait_for(timeout=30_000)
        pg.locator(".playground__response details").evaluate("node => { node.open = true; }")
        pg.locator(".playground__run").click()
        pg.locator(".playground__output[data-ok]").wait_for(timeout=30_000)
        pg.locator(".playground__target-live").check()
        check("a 2xx response, the code's output, the live URL field")
    for i in range(tab.locator(".playground-reproduce[data-example]").count()):
        block = tab.locator(".playground-reproduce[data-example]").nth(i)
        block.locator(".playground-reproduce__button").click()
        block.locator(".playground-reproduce__verdict").wait_for(timeout=READY)
    if tab.locator(".playground-reproduce[data-example]").count():
        check("every documented example reproduced")


# --- every page -------------------------------------------------------------------------------------


def test_every_built_page_is_checked(site_dir: Path) -> None:
    for lang, prefix in PREFIX.items():
        root = site_dir / prefix
        built = sorted(
            "" if p == "index.html" else p.removesuffix("index.html")
            for p in (html.relative_to(root).as_posix() for html in root.rglob("*.html"))
            if not p.startswith((*(prefix for prefix in PREFIX.values() if prefix), "pyodide/", "assets/"))
        )
        assert built == sorted(PAGES), lang


# Each language in the light palette, and the dark one in English: the palettes are CSS that every
# language shares (contrast is checked in both); what a language changes (its text, its lang, its
# names and labels) shows in either.
SCHEME_LANGUAGES = [("light", lang) for lang in PREFIX] + [("dark", "en")]


@pytest.mark.parametrize(("scheme_context", "lang"), SCHEME_LANGUAGES, indirect=["scheme_context"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(site_server: str, scheme_context, lang: str, path: str) -> None:
    tab = open_page(scheme_context, urljoin(site_server, PREFIX[lang] + path))
    try:
        assert tab.locator("article h1").count() == 1
        if has_playground(tab):
            wait_ready(tab)
            assert_no_violations(tab, f"{scheme_context.scheme}, playground ready")
            use_playground(tab, lambda state: assert_no_violations(tab, f"{scheme_context.scheme}, {state}"))
        else:
            assert_no_violations(tab, scheme_context.scheme)
    finally:
        tab.close()


@pytest.mark.parametrize(("scheme_context", "lang"), SCHEME_LANGUAGES, indirect=["scheme_context"])
def test_no_axe_violations_when_python_cannot_load(site_server: str, scheme_context, lang: str) -> None:
    tab = scheme_context.new_page()
    try:
        tab.route("**/pyodide/pyodide.mjs", lambda route: route.fulfill(status=404, body="missing"))
        tab.goto(urljoin(site_server, PREFIX[lang] + "maiagent/authentication/"))
        tab.locator(".playground .playground__loading--failed").wait_for(timeout=READY)
        tab.locator(".playground-reproduce__button").first.click()
        tab.locator(".playground-reproduce .playground__error").first.wait_for(timeout=READY)
        assert_no_violations(tab, f"{scheme_context.scheme}, Python failed to load")
    finally:
        tab.close()


# --- the playground by keyboard alone -----------------------------------------------------------------

# Which element is which, in messages: its playground class, else its tag.
DESCRIBE = """const describe = (el) =>
  [...el.classList].find((c) => c.startsWith("playground")) || el.tagName.toLowerCase();
const CONTROL = "input, select, textarea, button, summary, a[href], [tabindex]";"""

FOCUSED = (
    """() => {
  """
    + DESCRIBE
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  // The accessible name's usual sources, for the failure message (Playwright's aria snapshot checks it).
  const labelled = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
  const labels = el.labels ? [...el.labels].map((l) => l.textContent).join(" ") : "";
  return {
    what: describe(el), control: el.matches(CONTROL), inPlayground: Boolean(el.closest(".playground")),
    name: (el.getAttribute("aria-label") || labelled || labels || el.title || "").trim(),
    visible: el.matches(":focus-visible"),
    style: { outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, shadow: style.boxShadow,
             background: style.backgroundColor, border: style.borderColor, color: style.color },
  };
}"""
)

STYLE_OF = """(el) => { const s = getComputedStyle(el);
  return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
  shadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor, color: s.color }; }"""

# Every Tab stop of the playground, in document order: its controls, and (Chromium makes them
# keyboard-focusable, so keyboard users can scroll them) boxes that scroll and hold no control.
CONTROLS = (
    """(root) => {
  """
    + DESCRIBE
    + """
  return [...root.querySelectorAll("*")].filter((el) => {
    if (el.disabled || el.getClientRects().length === 0) return false;
    // what a closed <details> holds is not a Tab stop until it is opened (its <summary> is)
    const closed = el.closest("details:not([open])");
    if (closed && el !== closed && !(el.matches("summary") && el.parentElement === closed)) return false;
    // a radio group is one Tab stop
    if (el.matches(CONTROL)) return el.tabIndex >= 0 && !(el.type === "radio" && !el.checked);
    const s = getComputedStyle(el);
    return /auto|scroll/.test(s.overflowX + s.overflowY) && !el.querySelector(CONTROL)
      && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth);
  }).map(describe);
}"""
)

HEADER_BUILT = "() => document.querySelector('.playground__header').textContent.startsWith('Authorization: Api-Key ')"
ROLE_AND_NAME = re.compile(r'^(?P<role>[\w-]+) "(?P<name>.*)"')


def accessible_name(tab) -> str:
    """The focused element's name, as Playwright's accessibility snapshot computes it."""
    snapshot = tab.locator(":focus").aria_snapshot()
    node = yaml.safe_load(snapshot)[0]
    found = ROLE_AND_NAME.match(node if isinstance(node, str) else next(iter(node)))
    if found:
        return found.group("name").strip()
    # A <summary> shows as plain text in the snapshot: its text is what it is called.
    return tab.evaluate(
        "() => document.activeElement.matches('summary') ? document.activeElement.textContent.trim() : ''"
    )


def focus_visible(before: dict, after: dict) -> bool:
    """Focused (`after`) vs not focused (`before`): an outline, a ring (box-shadow) or new colours."""
    style, width = after["outline"].split(" ")[:2]
    outline = after["outline"] != before["outline"] and style != "none" and float(width.removesuffix("px")) >= 1
    return outline or any(after[k] != before[k] for k in ("shadow", "background", "border"))


def tab_to(tab, selector: str, limit: int = 200) -> None:
    """Press Tab from wherever the focus is until `selector` has it."""
    for _ in range(limit):
        if tab.evaluate("(s) => Boolean(document.activeElement && document.activeElement.matches(s))", selector):
            return
        tab.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


@pytest.fixture
def playground_tab(site_server: str, scheme_context, request):
    lang = request.param
    tab = open_page(scheme_context, urljoin(site_server, PREFIX[lang] + "playground/"))
    wait_ready(tab)
    tab.lang = lang
    yield tab
    tab.close()


@pytest.mark.parametrize("playground_tab", FLOW_LANGUAGES, indirect=True)
def test_a_whole_request_by_keyboard_alone(playground_tab) -> None:
    tab = playground_tab
    tab.locator("body").focus()
    tab_to(tab, ".playground__demo")  # from the top of the page: skip link, header, navigation, ...
    tab.keyboard.press("Enter")
    tab.wait_for_function(
        "(key) => document.querySelector('.playground__key').value === key", arg=playground.MAIAGENT_DEMO_KEY
    )
    tab.wait_for_function(HEADER_BUILT)
    tab_to(tab, ".playground__send")
    tab.keyboard.press("Enter")
    status = tab.locator(".playground__response [data-status]")
    status.wait_for(timeout=30_000)
    assert status.get_attribute("data-status") == "200"
    # Focus stays on the button, busy or not: a disabled button would drop it to the page's body.
    focused = "(selector) => document.activeElement.matches(selector)"
    assert tab.evaluate(focused, ".playground__send")

    tab_to(tab, ".playground__run")
    tab.keyboard.press("Enter")
    tab.wait_for_function(
        "() => document.querySelector('.playground__output').dataset.ok !== undefined", timeout=30_000
    )
    assert tab.evaluate(focused, ".playground__run")
    assert tab.locator(".playground__run").get_attribute("aria-disabled") is None

    # The target is a radio group: arrow keys move between its two choices; the URL field follows.
    tab_to(tab, ".playground__key")
    tab_to(tab, ".playground__target-sandbox")
    tab.keyboard.press("ArrowDown")
    assert tab.locator(".playground__target-live").is_checked()
    assert tab.evaluate("() => document.activeElement.matches('.playground__url')")
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("ArrowUp")
    assert tab.locator(".playground__target-sandbox").is_checked()
    assert tab.locator(".playground__url").is_disabled()

    # Space toggles the key's visibility; Enter on a Reproduce button reproduces.
    tab_to(tab, ".playground__toggle")
    tab.keyboard.press("Space")
    assert tab.locator(".playground__key").get_attribute("type") == "text"
    assert tab.locator(".playground__toggle").get_attribute("aria-pressed") == "true"
    tab_to(tab, ".playground-reproduce__button")
    tab.keyboard.press("Enter")
    verdict = tab.locator(".playground-reproduce__verdict").first
    verdict.wait_for(timeout=READY)
    assert verdict.get_attribute("data-equal") == "true"
    assert tab.evaluate(focused, ".playground-reproduce__button")


@pytest.mark.parametrize("playground_tab", FLOW_LANGUAGES, indirect=True)
def test_every_control_is_reached_by_tab_with_visible_focus_and_a_name(playground_tab) -> None:
    tab = playground_tab
    # Sent once, so the response's headers (a <details>) are among the controls.
    tab.locator(".playground__demo").click()
    tab.wait_for_function(HEADER_BUILT)
    tab.locator(".playground__send").click()
    tab.locator(".playground__response [data-status]").wait_for(timeout=30_000)
    expected = tab.locator(".playground").evaluate(CONTROLS)

    tab.locator(".playground__api").focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")  # the first control, reached by keyboard (so :focus-visible applies)
    reached: list[str] = []
    problems: list[str] = []
    for _ in range(len(expected) + 5):
        focused = tab.evaluate(FOCUSED)
        if focused is None or not focused["inPlayground"]:
            break
        what = focused["what"]
        reached.append(what)
        handle = tab.evaluate_handle("() => document.activeElement")
        if focused["control"] and not accessible_name(tab):
            problems.append(
                f"{what}: no accessible name ({tab.locator(':focus').aria_snapshot()!r};"
                f" label sources: {focused['name']!r})"
            )
        if not focused["visible"]:
            problems.append(f"{what}: focused by Tab but not :focus-visible")
        tab.keyboard.press("Tab")
        unfocused = tab.evaluate(STYLE_OF, handle)
        if not focus_visible(unfocused, focused["style"]):
            problems.append(f"{what}: looks the same focused and not ({focused['style']} vs {unfocused})")
    assert reached == expected, (
        f"Tab order does not reach every control of the playground, in order:\n{reached}\n{expected}"
    )
    assert not problems, "\n".join(problems)
