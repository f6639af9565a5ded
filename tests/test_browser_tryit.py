"""Try it, request links, the history and the snippets' live base URL in Chromium: en and ja, 1280 and 390 px.

- Try it under a page's snippets loads the documented request into the page's playground and brings
  it into view (smoothly at 1280 px; the 390 px reader asks for reduced motion); Send gets the
  documented answer. On a page without a playground, Try it opens the playground page with it.
- "Copy link to this request" copies a link without the key; opened in a new page it restores the
  form. A damaged or hostile link gets a clear message and restores nothing.
- The history lists each request sent, restores one, and keeps no key; it is in sessionStorage only
  with "Remember for this tab".
- The page's snippets show the chosen live base URL, and the documented one again on the sandbox;
  with "show my key" too, both hold, and Material's copy button copies what is shown.
- axe-core finds nothing on a page with Try it links once they have been used.
"""

from __future__ import annotations

import json
from urllib.parse import unquote, urljoin

import pytest
from test_browser_a11y import describe, run_axe

import playground
from playground import browser as adapter

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ja": "ja/"}
WIDTHS = [1280, 390]
READY = 60_000
WORDS = {
    "en": {
        "loaded": "Loaded “{title}”",
        "copied": "Link copied",
        "restored": "The request from the link is in the form",
        "damaged": "could not be restored",
        "restore": "Restore",
        "keyBack": "Put my key back",
    },
    "ja": {
        "loaded": "「{title}」をフォームに読み込みました",
        "copied": "リンクをコピーしました",
        "restored": "リンクのリクエストをフォームに読み込みました",
        "damaged": "復元できませんでした",
        "restore": "復元",
        "keyBack": "自分のキーに戻す",
    },
}


@pytest.fixture(
    scope="module", params=[(lang, width) for lang in PREFIX for width in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}"
)
def context(request, browser):
    lang, width = request.param
    ctx = browser.new_context(
        viewport={"width": width, "height": 800}, reduced_motion="reduce" if width < 600 else "no-preference"
    )
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    ctx.lang, ctx.width = lang, width
    yield ctx
    ctx.close()


def open_page(context, server: str, path: str):
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.goto(urljoin(server, PREFIX[context.lang] + path))
    return tab


def wait_ready(tab) -> None:
    tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)


def form(tab) -> dict[str, str]:
    return {
        "method": tab.input_value(".playground__method"),
        "path": tab.input_value(".playground__path"),
        "body": tab.input_value(".playground__body-input"),
        "key": tab.input_value(".playground__key"),
        "api": tab.input_value(".playground__api"),
    }


def expected_form(example_id: str) -> dict[str, str]:
    example = playground.get_example(example_id)
    return {"api": example.api, **example.request.form_fields(example.api)}


def send(tab) -> str:
    tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
    tab.click(".playground__send")
    return tab.locator(".playground__response [data-status]").get_attribute("data-status", timeout=30_000)


def assert_send_in_view_and_focused(tab) -> None:
    # Smooth scrolling takes a moment: wait until the focused Send button is wholly on screen.
    tab.wait_for_function(
        """() => { const b = document.activeElement;
          if (!b || !b.classList.contains("playground__send")) return false;
          const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }""",
        timeout=5_000,
    )


def status_text(tab) -> str:
    return tab.locator(".playground__link-status").text_content()


# --- Try it ---------------------------------------------------------------------------------------------


def test_try_it_loads_the_request_into_the_pages_playground(site_server: str, context) -> None:
    words = WORDS[context.lang]
    tab = open_page(context, site_server, "maiagent/authentication/")
    try:
        wait_ready(tab)
        for example_id, status in [("maiagent/401-missing-key", "401"), ("maiagent/200-paginated-shape", "200")]:
            title = playground.get_example(example_id).title.to_dict()[context.lang]
            tab.click(f"a.playground-tryit[data-example='{example_id}']")
            assert_send_in_view_and_focused(tab)
            assert form(tab) == expected_form(example_id)
            assert words["loaded"].format(title=title) in status_text(tab)
            assert tab.url.endswith("maiagent/authentication/")  # loaded in place: the page did not move on
            assert send(tab) == status
        # The wrong-scheme example puts the whole header value in the key field; like any request
        # from a link, it goes to the sandbox, whatever target was chosen before.
        tab.check(".playground__target-live")
        tab.fill(".playground__url", "http://127.0.0.1:9/")
        tab.click("a.playground-tryit[data-example='maiagent/401-invalid-format']")
        # The link loads the request once the form is ready (try-it.mjs, whenFormReady): a promise,
        # which a busy machine (CI on two cores) settled after this line had read the field.
        tab.wait_for_function(
            "key => document.querySelector('.playground__key').value === key",
            arg=f"Bearer {playground.MAIAGENT_DEMO_KEY}",
            timeout=10_000,
        )
        assert tab.is_checked(".playground__target-sandbox") and tab.is_disabled(".playground__url")
        assert not tab.errors
    finally:
        tab.close()


def test_try_it_offers_the_readers_own_key_back(site_server: str, context) -> None:
    words = WORDS[context.lang]
    tab = open_page(context, site_server, "aigne-hub/authentication/")
    try:
        wait_ready(tab)
        tab.fill(".playground__key", "my-own-key-1234")
        tab.click("a.playground-tryit[data-example='aigne-hub/200-chat-completion']")
        assert form(tab) == expected_form("aigne-hub/200-chat-completion")
        assert send(tab) == "200"
        back = tab.locator(".playground__key-back")
        assert back.text_content() == words["keyBack"]
        back.click()
        assert tab.input_value(".playground__key") == "my-own-key-1234"
    finally:
        tab.close()


def test_try_it_on_a_page_without_a_playground_opens_the_playground_page(site_server: str, context) -> None:
    words = WORDS[context.lang]
    tab = open_page(context, site_server, "maiagent/status-codes/")
    try:
        assert not tab.locator(".playground[data-api]").count()
        tab.click("a.playground-tryit[data-example='maiagent/200-chatbots-page']")
        tab.wait_for_url(lambda url: "/playground/#request?" in url)
        wait_ready(tab)
        tab.wait_for_function("() => document.querySelector('.playground__link-status').textContent !== ''")
        assert form(tab) == expected_form("maiagent/200-chatbots-page")
        title = playground.get_example("maiagent/200-chatbots-page").title.to_dict()[context.lang]
        assert words["loaded"].format(title=title) in status_text(tab)
        assert_send_in_view_and_focused(tab)
        assert send(tab) == "200"
        body = tab.locator(".playground__response .playground__body code").text_content()
        assert json.loads(body) == playground.get_example("maiagent/200-chatbots-page").json()
        assert playground.MAIAGENT_DEMO_KEY not in unquote(tab.url)
        assert not tab.errors
    finally:
        tab.close()


# --- Copy link ---------------------------------------------------------------------------------------------


def test_a_copied_link_restores_the_form_without_the_key(site_server: str, context) -> None:
    words = WORDS[context.lang]
    tab = open_page(context, site_server, "playground/")
    try:
        wait_ready(tab)
        tab.select_option(".playground__api", "aigne-hub")
        tab.fill(".playground__key", "secret-key-987")
        tab.select_option(".playground__method", "POST")
        tab.fill(".playground__path", "/api/v1/chat/completions?x=a&y=b#c")
        body = '{"model": "m", "messages": [{"role": "user", "content": "引用 \\"quotes\\" \\\\ & # + 100%"}]}'
        tab.fill(".playground__body-input", body)
        tab.check(".playground__target-live")
        tab.fill(".playground__url", "https://hub.example.com/")
        tab.click(".playground__copy-link")
        tab.wait_for_function("() => document.querySelector('.playground__link-status').textContent !== ''")
        assert words["copied"] in status_text(tab)
        link = tab.evaluate("navigator.clipboard.readText()")
        assert "secret" not in unquote(link) and "hub.example.com" not in unquote(link)
        assert "#request?api=aigne-hub&method=POST&path=/api/v1/chat/completions%3F" in link
    finally:
        tab.close()

    opened = context.new_page()
    try:
        opened.goto(link)
        wait_ready(opened)
        opened.wait_for_function("() => document.querySelector('.playground__link-status').textContent !== ''")
        restored = form(opened)
        assert {k: restored[k] for k in ("api", "method", "path", "body")} == {
            "api": "aigne-hub",
            "method": "POST",
            "path": "/api/v1/chat/completions?x=a&y=b#c",
            "body": body,
        }
        assert restored["key"] == ""
        assert opened.is_checked(".playground__target-sandbox")  # a link never chooses where the key goes
        assert words["restored"] in status_text(opened)
    finally:
        opened.close()


@pytest.mark.parametrize(
    "fragment",
    [
        "request?api=evil&method=GET&path=/x",
        "request?api=maiagent&method=TRACE&path=/x",
        "request?api=maiagent&method=GET&path=https://evil.example/",
        "request?api=maiagent&method=GET&path=/a%0Ab<img src=x onerror=alert(1)>",
        "request?" + "a" * 9000,
    ],
)
def test_a_damaged_or_hostile_link_says_so_and_restores_nothing(site_server: str, context, fragment: str) -> None:
    if context.width != 1280:
        pytest.skip("the message is the same at every width")
    tab = open_page(context, site_server, "playground/#" + fragment)
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        wait_ready(tab)
        tab.wait_for_function("() => document.querySelector('.playground__link-status').textContent !== ''")
        assert WORDS[context.lang]["damaged"] in status_text(tab)
        assert tab.locator(".playground__link-status.playground__error").count() == 1
        default = adapter.info()["apis"]["maiagent"]["default_request"]
        assert (form(tab)["method"], form(tab)["path"]) == (default["method"], default["path"])
        assert not tab.locator(".playground img").count() and not tab.dialogs and not tab.errors
    finally:
        tab.close()


# --- history -------------------------------------------------------------------------------------------------


def test_the_history_lists_sent_requests_restores_one_and_keeps_no_key(site_server: str, context) -> None:
    words = WORDS[context.lang]
    tab = open_page(context, site_server, "playground/")
    try:
        wait_ready(tab)
        assert tab.locator(".playground__history").is_hidden()
        tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        tab.fill(".playground__path", "/api/v1/chatbots/?page=1&pageSize=2")
        assert send(tab) == "200"
        tab.fill(".playground__path", "/api/v1/sandbox/server-error/")
        assert send(tab) == "500"
        history = tab.locator(".playground__history")
        assert history.locator("summary").text_content() == {"en": "History (2)", "ja": "履歴（2）"}[context.lang]
        history.locator("summary").click()
        items = history.locator(".playground__history-item")
        assert [items.nth(i).get_attribute("data-status") for i in range(items.count())] == ["500", "200"]
        assert "GET /api/v1/sandbox/server-error/" in items.nth(0).text_content()
        assert playground.MAIAGENT_DEMO_KEY not in history.text_content()
        # Not ticked "Remember for this tab": nothing is stored.
        assert tab.evaluate("sessionStorage.getItem('playground:history')") is None
        restore = items.nth(1).locator(".playground__history-restore")
        assert restore.text_content() == words["restore"]
        restore.click()
        assert tab.input_value(".playground__path") == "/api/v1/chatbots/?page=1&pageSize=2"
        assert_send_in_view_and_focused(tab)
        # Ticked: the list is kept for the tab, still without the key, and is back after a reload.
        tab.check(".playground__remember")
        stored = tab.evaluate("sessionStorage.getItem('playground:history')")
        assert len(json.loads(stored)) == 2 and playground.MAIAGENT_DEMO_KEY not in stored and "key" not in stored
        tab.reload()
        wait_ready(tab)
        assert tab.locator(".playground__history-item").count() == 2
        tab.uncheck(".playground__remember")
        assert tab.evaluate("sessionStorage.getItem('playground:history')") is None
    finally:
        tab.close()


# --- the snippets' base URL ----------------------------------------------------------------------------------


def snippet_texts(tab) -> list[str]:
    return tab.eval_on_selector_all(".tabbed-set pre > code", "codes => codes.map((c) => c.textContent)")


def test_snippets_follow_the_live_base_url_and_revert(site_server: str, context) -> None:
    tab = open_page(context, site_server, "aigne-hub/authentication/")
    try:
        wait_ready(tab)
        documented = snippet_texts(tab)
        highlighted = tab.locator(".tabbed-set pre > code span").count()
        assert all("https://your-aigne-hub-url" in text for text in documented)
        tab.check(".playground__target-live")
        tab.fill(".playground__url", "http://127.0.0.1:9/hub/")
        tab.wait_for_function(
            "() => document.querySelector('.tabbed-set pre > code').textContent.includes('127.0.0.1:9')"
        )
        shown = snippet_texts(tab)
        assert shown == [t.replace("https://your-aigne-hub-url", "http://127.0.0.1:9/hub") for t in documented]
        assert "http://127.0.0.1:9/hub/api/v1/chat/completions" in shown[0]
        # The SDK example outside the tabs follows too.
        assert "http://127.0.0.1:9/hub" in tab.locator("pre > code", has_text="new AIGNEHubChatModel").text_content()
        # With the key shown too: both personalisations hold, and the copy button copies what is shown.
        tab.click(".playground__demo")
        tab.check(".playground__pagekey")
        tab.wait_for_function(
            "() => document.querySelector('.tabbed-set pre > code').textContent.includes('aigne-demo-key')"
        )
        tab.locator(".tabbed-set pre").first.hover()
        tab.locator(".tabbed-set [data-md-type=copy]").first.click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert "aigne-demo-key" in copied and "http://127.0.0.1:9/hub/api/v1/chat/completions" in copied
        tab.uncheck(".playground__pagekey")
        assert "aigne-demo-key" not in snippet_texts(tab)[0] and "127.0.0.1:9/hub" in snippet_texts(tab)[0]
        # A URL that cannot be placed in code safely is left out, and the note says so.
        tab.fill(".playground__url", "https://x/$(id)")
        assert snippet_texts(tab) == documented
        assert tab.locator(".playground__base-note").text_content()
        # Back to the sandbox: the page's own code, highlighted as it was.
        tab.fill(".playground__url", "http://127.0.0.1:9/hub")
        tab.check(".playground__target-sandbox")
        assert snippet_texts(tab) == documented
        assert tab.locator(".tabbed-set pre > code span").count() == highlighted
        assert not tab.locator(".playground__base-note").text_content()
    finally:
        tab.close()


# --- accessibility ---------------------------------------------------------------------------------------------


def test_no_axe_violations_with_try_it_used(site_server: str, context) -> None:
    if context.width != 1280:
        pytest.skip("tests/test_browser_a11y.py checks every page at its width; here once Try it has been used")
    tab = open_page(context, site_server, "maiagent/authentication/")
    try:
        wait_ready(tab)
        tab.click("a.playground-tryit[data-example='maiagent/200-paginated-shape']")
        send(tab)
        tab.fill(".playground__key", "my-own-key")
        tab.click("a.playground-tryit[data-example='maiagent/401-missing-key']")
        tab.click(".playground__copy-link")
        tab.locator(".playground__history summary").click()
        tab.check(".playground__target-live")
        tab.fill(".playground__url", "https://x/$(id)")
        violations = run_axe(tab)
        assert not violations, describe(violations)
    finally:
        tab.close()
