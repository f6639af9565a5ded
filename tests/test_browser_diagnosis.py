"""The key panel in Chromium, en and ja, at 1280 and 390 px: Send sends what was typed, the diagnosis
is quiet when nothing is wrong, and Apply fix writes the cleaned key in one click."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

import playground
from playground import browser as adapter

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ja": "ja/"}
PAGE = {"maiagent": "maiagent/authentication/", "aigne-hub": "aigne-hub/authentication/"}
WIDTHS = [1280, 390]
# The flows whose layout the Bearer test already checks at both widths in both languages: each
# language once, at one width each (a browser test costs seconds; the suite has a 15-minute budget).
ONE_WIDTH_EACH = [("en", 1280), ("ja", 390)]
READY = 60_000
SEVERITY = {
    "en": {"error": "Error: ", "warning": "Warning: ", "info": "Note: ", "ok": "OK: "},
    "ja": {"error": "エラー：", "warning": "警告：", "info": "情報：", "ok": "問題なし："},
}
APPLY = {"en": "Apply fix", "ja": "修正を適用"}
FIX_APPLIED = {"en": "Fix applied", "ja": "修正を適用しました"}
NOT_SENT = {"en": "Not sent", "ja": "送信していません"}


@pytest.fixture(scope="module")
def tabs(browser, site_server: str):
    # One context and one tab per (language, API page), reused: Pyodide loads once per tab.
    context = browser.new_context()
    opened: dict[tuple[str, str], object] = {}

    def open_tab(lang: str, api: str, width: int):
        if (lang, api) not in opened:
            tab = context.new_page()
            tab.goto(urljoin(site_server, PREFIX[lang] + PAGE[api]))
            tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
            opened[lang, api] = tab
        tab = opened[lang, api]
        tab.set_viewport_size({"width": width, "height": 800})
        tab.check(".playground__target-sandbox")
        tab.fill(".playground__key", "")
        tab.locator(".playground__finding[data-code=empty_key]").wait_for()
        request = adapter.info()["apis"][api]["default_request"]
        tab.select_option(".playground__method", request["method"])
        tab.fill(".playground__path", request["path"])
        tab.fill(".playground__body-input", request["body"])
        return tab

    yield open_tab
    context.close()


def type_key(tab, text: str, code: str):
    """Type `text` in the key field and wait for its diagnosis, whose first finding is `code`."""
    tab.fill(".playground__key", text)
    finding = tab.locator(f".playground__findings li[data-code={code}]")
    finding.wait_for()
    return finding


def send(tab) -> None:
    tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
    tab.click(".playground__send")
    tab.wait_for_selector(
        ".playground__response [data-status], .playground__response .playground__error", timeout=30_000
    )


def status(tab) -> str:
    return tab.locator(".playground__response [data-status]").get_attribute("data-status")


def body(tab) -> object:
    return json.loads(tab.locator(".playground__response .playground__body code").text_content())


def findings(tab) -> list[str]:
    return tab.locator(".playground__findings li").evaluate_all("items => items.map((li) => li.dataset.code)")


def assert_on_screen(tab, locator, width: int) -> None:
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def apply_fix(tab, finding, lang: str, width: int, key: str) -> None:
    button = finding.locator(".playground__apply")
    assert button.text_content() == APPLY[lang]
    button.scroll_into_view_if_needed()
    assert_on_screen(tab, button, width)
    button.click()
    tab.wait_for_function("key => document.querySelector('.playground__key').value === key", arg=key)
    # Focus moves to the field that changed (the button goes with its finding), and the note, a
    # live region, says what happened.
    assert tab.evaluate("() => document.activeElement.classList.contains('playground__key')")
    note = tab.locator("fieldset.playground__group").first.locator(":scope > p.playground__note")
    assert FIX_APPLIED[lang] in note.text_content()
    assert note.get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", PREFIX)
def test_bearer_gets_the_documented_401_then_apply_fix_gets_200(tabs, lang: str, width: int) -> None:
    tab = tabs(lang, "maiagent", width)
    finding = type_key(tab, "Bearer " + playground.MAIAGENT_DEMO_KEY, "wrong_scheme_bearer")
    assert findings(tab) == ["wrong_scheme_bearer"]
    text = finding.text_content()
    assert text.startswith(SEVERITY[lang]["error"])
    assert {"en": "Sent like this, the real API answers 401", "ja": "このまま送信すると、実際の API は 401 を返します"}[
        lang
    ] in text
    # The preview is the header sent: the typed text, "Bearer " included, masked until shown.
    header = tab.locator(".playground__header")
    assert header.text_content() == "Authorization: Api-Key " + "•" * 23
    tab.click(".playground__toggle")
    tab.wait_for_function("() => !document.querySelector('.playground__header').textContent.includes('•')")
    assert header.text_content() == "Authorization: Api-Key Bearer " + playground.MAIAGENT_DEMO_KEY
    tab.click(".playground__toggle")

    send(tab)
    assert status(tab) == "401"
    assert body(tab) == {"detail": "Invalid API key format."}

    apply_fix(tab, finding, lang, width, playground.MAIAGENT_DEMO_KEY)
    tab.locator(".playground__findings li[data-code=sandbox_demo_key]").wait_for()
    assert findings(tab) == ["sandbox_demo_key"]
    assert header.text_content() == "Authorization: Api-Key " + "•" * 16
    send(tab)
    assert status(tab) == "200"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", PREFIX)
def test_aigne_hub_sends_the_wrong_scheme_as_typed_too(tabs, lang: str, width: int) -> None:
    tab = tabs(lang, "aigne-hub", width)
    finding = type_key(tab, "Api-Key " + playground.AIGNE_HUB_DEMO_KEY, "wrong_scheme_api_key")
    assert findings(tab) == ["wrong_scheme_api_key"]
    send(tab)
    assert status(tab) == "401"
    assert body(tab) == {"error": "User not authenticated"}
    apply_fix(tab, finding, lang, width, playground.AIGNE_HUB_DEMO_KEY)
    tab.locator(".playground__findings li[data-code=sandbox_demo_key]").wait_for()
    send(tab)
    assert status(tab) == "200"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", PREFIX)
def test_a_right_key_and_the_demo_key_get_one_quiet_line(tabs, lang: str, width: int) -> None:
    tab = tabs(lang, "maiagent", width)
    for key, code, severity in (
        ("myOwnKey123", "key_ok", "ok"),
        (playground.MAIAGENT_DEMO_KEY, "sandbox_demo_key", "info"),
    ):
        finding = type_key(tab, key, code)
        assert findings(tab) == [code]
        assert f"playground__finding--{severity}" in finding.get_attribute("class")
        text = finding.text_content()
        assert text.startswith(SEVERITY[lang][severity])
        # One line: no "Fix:", no consequence, no Apply fix.
        assert {"en": "Fix:", "ja": "修正方法："}[lang] not in text
        assert finding.locator(".playground__fix, .playground__note-inline, .playground__apply").count() == 0
        assert_on_screen(tab, finding, width)


@pytest.mark.parametrize(("lang", "width"), ONE_WIDTH_EACH)
def test_a_pasted_env_line_is_one_finding(tabs, lang: str, width: int) -> None:
    tab = tabs(lang, "maiagent", width)
    finding = type_key(tab, "MAIAGENT_API_KEY=" + playground.MAIAGENT_DEMO_KEY, "assignment_pasted")
    assert findings(tab) == ["assignment_pasted"]
    assert "MAIAGENT_API_KEY" in finding.text_content() and ".env" in finding.text_content()
    send(tab)
    assert body(tab) == {"detail": "Invalid API key format."}
    apply_fix(tab, finding, lang, width, playground.MAIAGENT_DEMO_KEY)
    tab.locator(".playground__findings li[data-code=sandbox_demo_key]").wait_for()


@pytest.mark.parametrize(("lang", "width"), ONE_WIDTH_EACH)
def test_a_full_width_space_is_not_sent_and_apply_fix_removes_it(tabs, lang: str, width: int) -> None:
    tab = tabs(lang, "maiagent", width)
    finding = type_key(tab, "Api-Key\u3000" + playground.MAIAGENT_DEMO_KEY, "fullwidth_space")
    assert findings(tab) == ["fullwidth_space", "duplicate_scheme"]
    tab.click(".playground__toggle")
    header = tab.locator(".playground__header")
    tab.wait_for_function("() => !document.querySelector('.playground__header').textContent.includes('•')")
    assert header.text_content().startswith("Authorization: Api-Key Api-Key⟨U+3000⟩" + playground.MAIAGENT_DEMO_KEY)
    assert {"en": "not sent", "ja": "送信されません"}[lang] in header.text_content()
    tab.click(".playground__toggle")
    send(tab)
    error = tab.locator(".playground__response .playground__error").text_content()
    assert error.startswith(NOT_SENT[lang])
    assert {"en": "full-width space", "ja": "全角スペース"}[lang] in error
    apply_fix(tab, finding, lang, width, playground.MAIAGENT_DEMO_KEY)
    tab.locator(".playground__findings li[data-code=sandbox_demo_key]").wait_for()
    send(tab)
    assert status(tab) == "200"
