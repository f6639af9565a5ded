"""The code panel in Chromium, en and ja, at 1280 px and 390 px: a tab per language with a copy
button, the mark when the key is in the code, and no key in any tab without the opt-in."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ja": "ja/"}
READY = 60_000
SECRET = "mySecretKey987"
TABS = {
    "maiagent": ["curl", "python", "javascript", "node"],
    "aigne-hub": ["curl", "python", "javascript", "node", "openai"],
}
COPIED = {"en": "Copied.", "ja": "コピーしました。"}
KEY_MARK = {"en": "Your key is in this code.", "ja": "このコードにはキーが入っています。"}


@pytest.fixture(scope="module", params=[(lang, width) for lang in PREFIX for width in (1280, 390)], ids=str)
def pg(request, browser, site_server: str):
    lang, width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    tab = context.new_page()
    tab.goto(urljoin(site_server, PREFIX[lang] + "playground/"))
    tab.wait_for_selector("[data-python=ready]", state="attached", timeout=READY)
    tab.lang = lang
    yield tab
    context.close()


def tab_ids(pg) -> list[str]:
    return pg.locator(".playground__code-panel [role=tab]").evaluate_all("tabs => tabs.map(t => t.dataset.tab)")


def all_code(pg) -> str:
    snippets = pg.locator(".playground__snippet code").all_text_contents()
    return "\n".join([*snippets, pg.locator(".playground__code").input_value()])


def choose_api(pg, api: str) -> None:
    pg.select_option(".playground__api", api)
    pg.wait_for_function(
        "(n) => document.querySelectorAll('.playground__code-panel [role=tab]').length === n", arg=len(TABS[api])
    )


def test_a_tab_per_language_with_keyboard_and_copy(pg) -> None:
    choose_api(pg, "aigne-hub")
    assert tab_ids(pg) == TABS["aigne-hub"]
    choose_api(pg, "maiagent")
    assert tab_ids(pg) == TABS["maiagent"]
    panel = pg.locator(".playground__code-panel")
    assert panel.locator("[role=tablist]").count() == 1
    # The python tab (editable, Run) is shown first; arrow keys move through the tabs.
    python = panel.locator("[role=tab][data-tab=python]")
    assert python.get_attribute("aria-selected") == "true"
    python.focus()
    pg.keyboard.press("ArrowRight")
    javascript = panel.locator("[role=tab][data-tab=javascript]")
    assert javascript.get_attribute("aria-selected") == "true" and javascript.evaluate(
        "t => t === document.activeElement"
    )
    pg.keyboard.press("End")
    assert panel.locator("[role=tab][data-tab=node]").get_attribute("aria-selected") == "true"
    pg.keyboard.press("ArrowRight")  # wraps round to the first
    curl = panel.locator("[role=tab][data-tab=curl]")
    assert curl.get_attribute("aria-selected") == "true"
    shown = panel.locator("[role=tabpanel]:not([hidden])")
    assert shown.count() == 1 and shown.get_attribute("aria-labelledby") == curl.get_attribute("id")
    pg.wait_for_function(
        "() => document.querySelector('[role=tabpanel][data-tab=curl] code').textContent.includes('curl -sS')"
    )
    shown.locator(".playground__copy").click()
    # Copying is asynchronous (the Clipboard API): the status says so once it is done.
    pg.wait_for_function(
        "() => document.querySelector('[role=tabpanel]:not([hidden]) .playground__copied').textContent"
    )
    assert shown.locator(".playground__copied").text_content() == COPIED[pg.lang]
    copied = pg.evaluate("() => navigator.clipboard.readText()")
    assert copied == shown.locator("code").text_content() and "https://api.maiagent.ai/api/v1/" in copied
    # The chosen tab is kept across an API switch and back.
    choose_api(pg, "aigne-hub")
    assert panel.locator("[role=tab][data-tab=curl]").get_attribute("aria-selected") == "true"
    choose_api(pg, "maiagent")
    panel.locator("[role=tab][data-tab=python]").click()
    assert pg.locator(".playground__code").is_visible()


def test_the_key_is_in_the_code_only_with_the_opt_in_and_then_marked(pg) -> None:
    choose_api(pg, "maiagent")
    pg.fill(".playground__key", SECRET)
    pg.wait_for_function("() => document.querySelector('.playground__code').value.includes('MAIAGENT_API_KEY')")
    pg.wait_for_timeout(400)  # any later answer has come
    assert SECRET not in all_code(pg)
    assert pg.locator(".playground__key-mark").is_hidden()
    assert "MAIAGENT_API_KEY" in pg.locator(".playground__code-hint").text_content()
    pg.check(".playground__usekey")
    pg.wait_for_function(
        "(key) => [...document.querySelectorAll('.playground__snippet code')].every(c => c.textContent.includes(key))",
        arg=SECRET,
    )
    assert SECRET in pg.locator(".playground__code").input_value()
    mark = pg.locator(".playground__key-mark")
    assert mark.is_visible() and KEY_MARK[pg.lang] in mark.text_content()
    pg.uncheck(".playground__usekey")
    pg.wait_for_function(
        "(key) => !document.querySelector('.playground__code-panel').textContent.includes(key)", arg=SECRET
    )
    pg.wait_for_timeout(400)
    assert SECRET not in all_code(pg)
    assert mark.is_hidden()
    pg.fill(".playground__key", "")
