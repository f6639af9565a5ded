"""The live playground in Chromium, in both languages: Pyodide in a Web Worker, the sandbox, live targets."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin, urlsplit

import pytest
from test_status_codes import PAGES as STATUS_PAGES
from test_status_codes import REPRODUCED

import playground
from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes
from playground import browser as adapter

pytestmark = pytest.mark.browser

# The flows run in English and Japanese; the reproduced examples and the pages' loading in every language.
PREFIX = {lang: LANGUAGES[lang] for lang in ("en", "ja")}
REPRODUCE_PAGES = {
    "maiagent/authentication/": ["maiagent/401-missing-key", "maiagent/401-invalid-format"],
    "aigne-hub/authentication/": ["aigne-hub/401-not-authenticated"],
    "playground/": ["maiagent/500-server-error", "aigne-hub/400-messages-required"],
    # The status codes pages: each code's buttons, in the order of the codes.
    **{STATUS_PAGES[api]: [e for ids in codes.values() for e in ids] for api, codes in REPRODUCED.items()},
}
WORDS = {
    "en": {"equal": "Matches", "bearer": "expects", "fullwidth": "full-width space"},
    "ja": {"equal": "一致", "bearer": "必要です", "fullwidth": "全角スペース"},
    "zh-TW": {"equal": "相符"},
}
READY = 60_000


@pytest.fixture(scope="module")
def context(browser):
    # One context per module: Pyodide's files are cached after the first page, as for a reader.
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def open_page(context, url: str):
    tab = context.new_page()
    tab.requests = []
    tab.dialogs = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(url)
    return tab


def wait_ready(tab) -> None:
    tab.wait_for_selector("[data-python=ready]", state="attached", timeout=READY)


def foreign(urls: list[str], base: str) -> list[str]:
    origin = urlsplit(base).netloc
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


# --- documented examples, reproduced from the pages ------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", REPRODUCE_PAGES)
def test_reproduce_buttons_match_the_documented_examples(site_server: str, context, lang: str, path: str) -> None:
    tab = open_page(context, urljoin(site_server, LANGUAGES[lang] + path))
    try:
        blocks = tab.locator(".playground-reproduce")
        assert [blocks.nth(i).get_attribute("data-example") for i in range(blocks.count())] == REPRODUCE_PAGES[path]
        for i, example_id in enumerate(REPRODUCE_PAGES[path]):
            block = blocks.nth(i)
            block.locator(".playground-reproduce__button").click()
            verdict = block.locator(".playground-reproduce__verdict")
            verdict.wait_for(timeout=READY)
            assert verdict.get_attribute("data-equal") == "true", example_id
            assert WORDS[lang]["equal"] in verdict.text_content()
            example = playground.get_example(example_id)
            actual = block.locator(".playground__body code").text_content()
            assert json.loads(actual) == example.json()
            assert block.locator("[data-status]").get_attribute("data-status") == str(example.status)
            # The documented block on the page says the same as the file the sandbox answers with.
            assert json.loads(block.locator(".playground-reproduce__documented").text_content()) == example.json()
        assert not foreign(tab.requests, site_server), "requests left the local origin"
    finally:
        tab.close()


# --- the full playground, one page per language ------------------------------------------------------


@pytest.fixture(scope="module", params=list(PREFIX))
def pg(request, site_server: str, context):
    lang = request.param
    tab = open_page(context, urljoin(site_server, PREFIX[lang] + "maiagent/authentication/"))
    tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
    tab.lang = lang
    yield tab
    tab.close()


def reset(tab, api: str = "maiagent") -> None:
    """Sandbox target and no key, for both APIs (each keeps its own), ending on `api`."""
    for each in [other for other in ("maiagent", "aigne-hub") if other != api] + [api]:
        tab.select_option(".playground__api", each)
        tab.check(".playground__target-sandbox")
        tab.fill(".playground__key", "")


def send(tab) -> None:
    tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
    tab.click(".playground__send")
    tab.wait_for_selector(
        ".playground__response .playground__status, .playground__response .playground__error", timeout=30_000
    )


def test_diagnosis_of_bearer_and_api_key_and_fullwidth_space(pg) -> None:
    words = WORDS[pg.lang]
    reset(pg)
    pg.fill(".playground__key", "Bearer demo1234abcd5678")
    finding = pg.locator("li[data-code=wrong_scheme_bearer]")
    finding.wait_for()
    assert words["bearer"] in finding.text_content()
    # The header is sent as typed: the preview masks the whole typed text, "Bearer " included.
    assert pg.locator(".playground__header").text_content() == "Authorization: Api-Key " + "•" * 23
    # Nothing is corrected before sending: the 401 is what Send gets, as the reader's own code would.
    as_typed = {
        "en": "Sent like this, the real API answers 401",
        "ja": "このまま送信すると、実際の API は 401 を返します",
    }[pg.lang]
    assert as_typed in finding.text_content()
    if pg.lang == "ja":  # Japanese runs sentences and labels together: no space after 。 or ：
        assert "。 " not in finding.text_content() and "： " not in finding.text_content()

    pg.fill(".playground__key", "Api-Key\u3000demo1234abcd5678")
    finding = pg.locator("li[data-code=fullwidth_space]")
    finding.wait_for()
    assert "U+3000" in finding.text_content() and words["fullwidth"] in finding.text_content()

    reset(pg, "aigne-hub")
    pg.fill(".playground__key", "Api-Key aigne-demo-key")
    pg.locator("li[data-code=wrong_scheme_api_key]").wait_for()
    pg.click(".playground__toggle")
    pg.wait_for_function("() => document.querySelector('.playground__header').textContent.endsWith('aigne-demo-key')")
    assert pg.locator(".playground__header").text_content() == "Authorization: Bearer Api-Key aigne-demo-key"
    pg.click(".playground__toggle")
    assert pg.locator(".playground__key").get_attribute("type") == "password"


def test_a_very_long_key_is_previewed_in_part_and_counted(pg) -> None:
    reset(pg)
    pg.fill(".playground__key", "a" * 3000)
    more = {"en": "… (2,808 more characters)", "ja": "…（さらに 2,808 文字）"}[pg.lang]
    pg.wait_for_function("more => document.querySelector('.playground__header').textContent.endsWith(more)", arg=more)
    assert pg.locator(".playground__header").text_content() == "Authorization: " + "Api-Key " + "•" * 192 + more
    pg.fill(".playground__key", "")


def test_full_request_to_the_in_browser_sandbox(pg) -> None:
    reset(pg)
    pg.click(".playground__demo")
    pg.wait_for_function("() => document.querySelector('.playground__key').value.length > 0")
    pg.select_option(".playground__method", "POST")
    pg.fill(".playground__path", "/api/v1/chatbots/")
    pg.fill(".playground__body-input", '{"name": "Docs assistant"}')
    send(pg)
    status = pg.locator(".playground__response [data-status]")
    assert status.get_attribute("data-status") == "201"
    assert status.text_content() == "201 Created"
    body = json.loads(pg.locator(".playground__response .playground__body code").text_content())
    assert body == playground.get_example("maiagent/201-chatbot-created").json()
    assert " ms" in pg.locator(".playground__response .playground__meta").text_content()


def test_an_unknown_key_sent_to_the_sandbox_is_explained(pg) -> None:
    reset(pg)
    pg.fill(".playground__key", "mySecretKey123")
    send(pg)
    assert pg.locator(".playground__response [data-status]").get_attribute("data-status") == "401"
    note = {"en": "The sandbox knows only the demo keys", "ja": "サンドボックスが受け付けるのはデモキーだけ"}[pg.lang]
    assert note in pg.locator(".playground__response .playground__response-note").text_content()
    pg.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    send(pg)
    assert not pg.locator(".playground__response .playground__response-note").count()
    # No stray text where the note is left out (append(null) writes "null").
    assert (
        pg.locator(".playground__response-body").evaluate(
            "node => [...node.childNodes].filter((n) => n.nodeType === 3).length"
        )
        == 0
    )


def test_invalid_json_body_is_not_sent(pg) -> None:
    reset(pg)
    pg.select_option(".playground__method", "POST")
    pg.fill(".playground__body-input", "{not json")
    send(pg)
    error = pg.locator(".playground__response .playground__error").text_content()
    assert ("JSON" in error) and (("nothing was sent" in error) if pg.lang == "en" else ("送信しませんでした" in error))
    assert error.startswith({"en": "Not sent: ", "ja": "送信していません："}[pg.lang])  # the language's own colon
    # Where and what, in the page's language: not Python's English message on the Japanese page.
    if pg.lang == "en":
        assert "Expecting property name enclosed in double quotes: line 1 column 2" in error
    else:
        assert "1 行目、2 列目：二重引用符" in error and "Expecting" not in error
    pg.fill(".playground__body-input", "")


def test_switching_the_api_keeps_what_was_typed_for_each(pg) -> None:
    reset(pg)
    try:
        pg.fill(".playground__path", "/api/v1/my-custom/")
        pg.fill(".playground__body-input", '{"my": "typed text"}')
        send(pg)
        response = pg.locator(".playground__response").inner_html()
        assert pg.get_attribute(".playground__url", "placeholder") == "https://api.maiagent.ai/"

        pg.select_option(".playground__api", "aigne-hub")
        hub = adapter.info()["apis"]["aigne-hub"]["default_request"]
        assert (pg.input_value(".playground__path"), pg.input_value(".playground__body-input")) == (
            hub["path"],
            hub["body"],
        )
        assert pg.locator(".playground__response").inner_html() == ""  # no answer from the other API
        assert pg.get_attribute(".playground__url", "placeholder") == "https://your-aigne-hub-url/"

        pg.select_option(".playground__api", "maiagent")
        assert pg.input_value(".playground__path") == "/api/v1/my-custom/"
        assert pg.input_value(".playground__body-input") == '{"my": "typed text"}'
        assert pg.locator(".playground__response").inner_html() == response
    finally:
        pg.select_option(".playground__api", "maiagent")
        pg.fill(".playground__path", "/api/v1/chatbots/")
        pg.fill(".playground__body-input", "")


def test_a_key_and_a_live_url_stay_with_their_api(pg) -> None:
    # Each API has its own key and server: what was typed for MaiAgent must not be sent to AIGNE Hub.
    reset(pg)
    try:
        pg.fill(".playground__key", "maiagent-key-1234")
        pg.check(".playground__target-live")
        pg.fill(".playground__url", "http://127.0.0.1:9/maiagent/")

        pg.select_option(".playground__api", "aigne-hub")
        assert pg.input_value(".playground__key") == ""
        assert pg.is_checked(".playground__target-sandbox") and pg.is_disabled(".playground__url")
        assert pg.input_value(".playground__url") == ""
        pg.wait_for_function("() => !document.querySelector('.playground__code').value.includes('maiagent')")
        pg.fill(".playground__key", "hub-key-5678")

        pg.select_option(".playground__api", "maiagent")
        assert pg.input_value(".playground__key") == "maiagent-key-1234"
        assert (
            pg.is_checked(".playground__target-live")
            and pg.input_value(".playground__url") == "http://127.0.0.1:9/maiagent/"
        )
        pg.select_option(".playground__api", "aigne-hub")
        assert pg.input_value(".playground__key") == "hub-key-5678"
    finally:
        pg.select_option(".playground__api", "maiagent")
        reset(pg)


def test_start_up_asks_python_nothing_it_sent_with_ready(site_server: str, browser) -> None:
    # The worker sends the package's description with "ready": asking for it again costs a round
    # trip through Python before the playground can say it is ready.
    ctx = browser.new_context()
    try:
        ctx.add_init_script("""(() => {
          const post = Worker.prototype.postMessage;
          window.playgroundOps = [];
          Worker.prototype.postMessage = function (data, ...rest) {
            if (data && data.message) window.playgroundOps.push(data.message.op);
            return post.call(this, data, ...rest);
          };
        })();""")
        tab = ctx.new_page()
        tab.goto(urljoin(site_server, "playground/"))
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
        tab.wait_for_selector(".playground__finding", state="attached")
        ops = tab.evaluate("() => window.playgroundOps")
        assert "diagnose" in ops and "info" not in ops, ops
    finally:
        ctx.close()


def test_a_request_typed_before_python_is_ready_is_kept(site_server: str, browser) -> None:
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        held = []
        tab.route("**/pyodide/pyodide.mjs", lambda route: held.append(route))  # Python waits until the reader has typed
        tab.goto(urljoin(site_server, "playground/"))
        tab.wait_for_selector(".playground__path")
        tab.select_option(".playground__method", "PATCH")
        tab.fill(".playground__path", "/api/v1/chatbots/typed-early/")
        tab.fill(".playground__code", "print('typed early')\n")
        for _ in range(600):  # the worker asks for pyodide.mjs within moments of the page loading
            if held:
                break
            tab.wait_for_timeout(50)
        held[0].continue_()
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
        assert tab.input_value(".playground__method") == "PATCH"
        assert tab.input_value(".playground__path") == "/api/v1/chatbots/typed-early/"
        tab.wait_for_timeout(1000)  # the generated code's debounce (120 ms) and Python's answer
        assert tab.input_value(".playground__code") == "print('typed early')\n"
        # The field left alone gets the default.
        maiagent = adapter.info()["apis"]["maiagent"]["default_request"]
        assert tab.input_value(".playground__body-input") == maiagent["body"]
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_without_the_pages_copy_of_info_the_choices_come_with_ready(site_server: str, browser, lang: str) -> None:
    # A page served without the build's JSON copy of info() (a host that strips it, an old cached
    # page): the APIs and methods are filled in from Python's own info() once it is ready.
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        stripped = []

        def without_info(route) -> None:
            page = route.fetch()
            html = page.text()
            start = html.index('<script type="application/json" id="playground-info">')
            end = html.index("</script>", start) + len("</script>")
            stripped.append(True)
            route.fulfill(response=page, body=html[:start] + html[end:])

        url = urljoin(site_server, PREFIX[lang] + "aigne-hub/authentication/")
        tab.route(url, without_info)
        tab.goto(url)
        assert stripped and tab.locator("#playground-info").count() == 0
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
        info = adapter.info()
        apis = tab.locator(".playground__api option")
        assert [apis.nth(i).get_attribute("value") for i in range(apis.count())] == list(info["apis"])
        assert tab.input_value(".playground__api") == "aigne-hub"
        methods = tab.locator(".playground__method option")
        assert [methods.nth(i).get_attribute("value") for i in range(methods.count())] == info["methods"]
        tab.click(".playground__demo")
        send(tab)
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
    finally:
        ctx.close()


def test_request_to_the_local_server_as_a_live_target(pg, site_server: str) -> None:
    reset(pg)
    pg.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    pg.select_option(".playground__method", "GET")
    pg.fill(".playground__path", "/api/v1/chatbots/?pageSize=1")
    pg.check(".playground__target-live")
    pg.fill(".playground__url", site_server + "sandbox/maiagent/")
    send(pg)
    assert pg.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
    body = json.loads(pg.locator(".playground__response .playground__body code").text_content())
    assert body["count"] == 3 and len(body["results"]) == 1
    assert body["next"].startswith(site_server + "sandbox/maiagent/api/v1/chatbots/")
    assert (
        f"GET {site_server}sandbox/maiagent/api/v1/chatbots/?pageSize=1"
        in pg.locator(".playground__response .playground__meta").text_content()
    )


def test_unreachable_live_target_is_explained(pg) -> None:
    reset(pg)
    pg.check(".playground__target-live")
    pg.fill(".playground__url", "http://127.0.0.1:9/")  # the discard port: nothing listens
    send(pg)
    error = pg.locator(".playground__response .playground__error").text_content()
    assert "CORS" in error
    assert {"en": "the server is not running", "ja": "サーバーが起動していない"}[pg.lang] in error
    # Which request got no answer.
    assert (
        "GET http://127.0.0.1:9/api/v1/chatbots/"
        in pg.locator(".playground__response .playground__meta").text_content()
    )
    pg.fill(".playground__url", "ftp://127.0.0.1/")
    send(pg)
    assert "ftp:" in pg.locator(".playground__response .playground__error").text_content()
    # An http:// URL elsewhere: the site's policy keeps the page from calling it, and the message says so.
    pg.fill(".playground__url", "http://example.com/")
    send(pg)
    error = pg.locator(".playground__response .playground__error").text_content()
    assert {"en": "Content Security Policy", "ja": "コンテンツセキュリティポリシー"}[pg.lang] in error
    assert "http://example.com" in error and "CORS" not in error


class HostileHandler(BaseHTTPRequestHandler):
    BODY = b'<script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned=2">'

    def cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
        self.send_header("Access-Control-Expose-Headers", "X-Evil")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self.cors()
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.cors()
        self.send_header("Content-Type", "text/html")
        self.send_header("X-Evil", '<img src=x onerror="window.__pwned=3">')
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_hostile_live_target_is_shown_as_text(pg, hostile_server: str) -> None:
    reset(pg)
    pg.fill(".playground__key", "abc123")
    pg.select_option(".playground__method", "GET")
    pg.check(".playground__target-live")
    pg.fill(".playground__url", hostile_server)
    send(pg)
    assert pg.locator(".playground__response .playground__body code").text_content() == HostileHandler.BODY.decode()
    assert "onerror" in pg.locator(".playground__response .playground__header-table").text_content()
    pg.wait_for_timeout(300)
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.locator(".playground script, .playground img").count() == 0
    assert not pg.dialogs


def test_python_code_runs_in_the_browser(pg) -> None:
    reset(pg)
    pg.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    pg.select_option(".playground__method", "GET")
    pg.fill(".playground__path", "/api/v1/chatbots/")
    # The code for the sandbox target (an earlier test left the code for a live URL, until it refreshes).
    pg.wait_for_function(
        "() => document.querySelector('.playground__code').value.includes('os.environ[\"MAIAGENT_API_KEY\"]')"
        " && document.querySelector('.playground__code').value.includes('https://api.maiagent.ai/')"
    )
    code = pg.locator(".playground__code").input_value()
    assert 'os.environ["MAIAGENT_API_KEY"]' in code and playground.MAIAGENT_DEMO_KEY not in code
    output = pg.locator(".playground__output")
    output.evaluate("node => delete node.dataset.ok")  # an earlier test's Run on this page left its own
    pg.click(".playground__run")
    pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
    assert output.get_attribute("data-ok") == "true"
    # The text is in the output's own box, where the reader sees it: Material adds its copy button
    # to every <pre> on the page, and the output once went into that button's bar, drawn as one line.
    shown = output.locator(":scope > code")
    assert shown.text_content().startswith("200 OK")
    assert shown.bounding_box()["height"] > 100
    assert not "".join(output.locator(".md-code__nav").all_text_contents()).strip()

    # Edited code runs as edited; an error shows its traceback.
    pg.fill(".playground__code", "print('edited', 6 * 7)\n1/0\n")
    pg.locator(".playground__output").evaluate("node => delete node.dataset.ok")
    pg.click(".playground__run")
    pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
    assert "edited 42" in shown.text_content() and "ZeroDivisionError" in shown.text_content()
    pg.click(".playground__reset")

    hint = pg.locator(".playground__code-hint")
    assert "MAIAGENT_API_KEY" in hint.text_content()
    pg.check(".playground__usekey")
    pg.wait_for_function(
        f"() => document.querySelector('.playground__code').value.includes('\"{playground.MAIAGENT_DEMO_KEY}\"')"
    )
    # The note above the code no longer says the key comes from the environment.
    assert "MAIAGENT_API_KEY" not in hint.text_content()
    key_mark = pg.locator(".playground__key-mark")
    assert {"en": "do not share the code", "ja": "共有やコミットをしないでください"}[pg.lang] in key_mark.text_content()
    pg.uncheck(".playground__usekey")
    pg.wait_for_function("() => document.querySelector('.playground__code').value.includes('os.environ')")
    assert "MAIAGENT_API_KEY" in hint.text_content()


def test_on_a_phone_the_answer_comes_into_view(pg) -> None:
    # Send and Run often sit near the bottom of a phone's screen; their answer appears below them.
    reset(pg)
    pg.set_viewport_size({"width": 390, "height": 844})
    in_view = (
        "(selector) => { const r = document.querySelector(selector).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight - 60; }"
    )
    try:
        pg.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        pg.locator(".playground__send").evaluate("node => node.scrollIntoView({ block: 'end' })")
        send(pg)
        pg.wait_for_function(in_view, arg=".playground__response .playground__status")
        # The line under the status says who answered: the URL shown is the real API's.
        sandbox = {
            "en": "In-browser sandbox, answering as https://api.maiagent.ai/",
            "ja": "ブラウザー内サンドボックスが https://api.maiagent.ai/",
        }[pg.lang]
        assert sandbox in pg.locator(".playground__response .playground__meta").text_content()

        pg.wait_for_function("() => document.querySelector('.playground__code').value.includes('MAIAGENT_API_KEY')")
        pg.locator(".playground__run").evaluate("node => node.scrollIntoView({ block: 'end' })")
        pg.locator(".playground__output").evaluate("node => delete node.dataset.ok")
        pg.click(".playground__run")
        pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
        pg.wait_for_function(in_view, arg=".playground__output")
    finally:
        pg.set_viewport_size({"width": 1280, "height": 720})


def test_running_the_code_before_typing_a_key_gets_the_documented_401(pg) -> None:
    # Not a KeyError traceback from the site's own code: the same answer Send gives without a key.
    reset(pg)
    pg.click(".playground__reset")
    # MaiAgent's code: reset() passed through AIGNE Hub, whose code may still be in the box for a moment.
    # Without a key, the code sends no Authorization header (and reads no variable).
    pg.wait_for_function(
        "() => document.querySelector('.playground__code').value.includes('https://api.maiagent.ai/api/v1/chatbots/')"
    )
    output = pg.locator(".playground__output")
    output.evaluate("node => delete node.dataset.ok")
    pg.click(".playground__run")
    pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
    text = output.locator(":scope > code").text_content()
    assert text.startswith("401 Unauthorized") and "Authentication credentials were not provided." in text
    assert "Traceback" not in text


def test_code_kept_across_a_switch_runs_with_its_own_apis_key(pg) -> None:
    # Edited code stays when the reader switches API; it still reads MaiAgent's variable, which
    # Run must set from the MaiAgent key (it set only the shown API's, and the code hit a KeyError).
    reset(pg)
    try:
        pg.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        pg.wait_for_function(
            "() => document.querySelector('.playground__code').value.includes('os.environ[\"MAIAGENT_API_KEY\"]')"
        )
        code = pg.locator(".playground__code")
        code.fill(code.input_value() + "\nprint('edited')\n")
        pg.select_option(".playground__api", "aigne-hub")
        pg.fill(".playground__key", "hub-key-5678")
        assert "MAIAGENT_API_KEY" in code.input_value()
        # The note above the code is about the code in the box, not the API now shown.
        hint = pg.locator(".playground__code-hint").text_content()
        assert "MAIAGENT_API_KEY" in hint and "AIGNE_HUB_API_KEY" not in hint
        output = pg.locator(".playground__output")
        output.evaluate("node => delete node.dataset.ok")
        pg.click(".playground__run")
        pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
        text = output.locator(":scope > code").text_content()
        assert text.startswith("200 OK") and "edited" in text and "KeyError" not in text
        assert output.get_attribute("data-ok") == "true"
    finally:
        pg.select_option(".playground__api", "maiagent")
        pg.click(".playground__reset")
        reset(pg)


def test_code_typed_while_new_code_is_generated_is_kept(pg) -> None:
    # "Reset" asks Python for the generated code (after a short debounce). Code typed in that moment
    # is the reader's newer intent: the answer must not overwrite it (it did, right after start-up).
    reset(pg)
    pg.click(".playground__reset")
    pg.locator(".playground__code").evaluate(
        "node => { node.value = 'print(\"mine\")'; node.dispatchEvent(new Event('input', { bubbles: true })); }"
    )
    pg.wait_for_timeout(1500)  # the debounce (120 ms) and Python's answer have come and gone
    assert pg.locator(".playground__code").input_value() == 'print("mine")'
    pg.click(".playground__reset")
    pg.wait_for_function("() => document.querySelector('.playground__code').value.includes('requests.get(')")


def test_endless_code_is_stopped_and_python_restarts(pg) -> None:
    pg.fill(".playground__code", "while True:\n    pass\n")
    pg.locator(".playground__output").evaluate("node => delete node.dataset.ok")
    pg.click(".playground__run")
    # A Send while the code runs waits behind it, and says why it was not done.
    pg.locator(".playground__response").evaluate("node => node.replaceChildren()")
    pg.click(".playground__send")
    pg.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined", timeout=20_000)
    assert {"en": "was stopped", "ja": "停止しました"}[pg.lang] in pg.locator(".playground__output").text_content()
    pg.wait_for_selector(".playground__response .playground__error")
    error = pg.locator(".playground__response .playground__error").text_content()
    assert {"en": "Not done: the code was still running", "ja": "実行されませんでした：コードの実行が続いていたため"}[
        pg.lang
    ] in error
    # The page stayed responsive, and a new Python answers again.
    pg.click(".playground__reset")
    pg.wait_for_selector("[data-python=ready]", state="attached", timeout=READY)
    reset(pg)
    send(pg)
    assert pg.locator(".playground__response [data-status]").get_attribute("data-status") == "401"


def test_the_key_is_kept_nowhere_unless_asked(pg, context) -> None:
    secret = "secretKey0123456789"
    reset(pg)
    pg.fill(".playground__key", secret)
    pg.press(".playground__path", "Enter")  # the form sends; it never navigates
    pg.wait_for_selector(".playground__response [data-status]")
    stored = pg.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),"
        " document.cookie, location.href, history.length])"
    )
    assert secret not in stored
    assert not context.cookies()

    pg.check(".playground__remember")
    assert pg.evaluate("() => sessionStorage.getItem('playground:key:maiagent')") == secret
    assert secret not in pg.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    pg.click(".playground__forget")
    assert pg.evaluate("() => JSON.stringify(Object.entries(sessionStorage))").find(secret) == -1
    assert pg.locator(".playground__key").input_value() == ""
    assert not pg.locator(".playground__remember").is_checked()
    assert secret not in pg.url


# --- loading ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "reference/"])
def test_pages_without_a_playground_load_no_pyodide(site_server: str, context, lang: str, path: str) -> None:
    tab = context.new_page()
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(urljoin(site_server, LANGUAGES[lang] + path), wait_until="networkidle")
    assert tab.locator("article h1").count() == 1
    assert not [u for u in urls if "/pyodide/" in u or "worker.mjs" in u]
    assert not tab.evaluate("() => document.querySelector('.playground, .playground-reproduce')")
    tab.close()


@pytest.mark.parametrize(("lang", "message"), [("en", "could not be loaded"), ("ja", "読み込めませんでした")])
def test_a_failed_load_is_explained_and_the_page_stays_usable(
    site_server: str, browser, lang: str, message: str
) -> None:
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.route("**/pyodide/pyodide.mjs", lambda route: route.fulfill(status=404, body="missing"))
        tab.goto(urljoin(site_server, PREFIX[lang] + "maiagent/authentication/"))
        failed = tab.locator(".playground .playground__loading--failed")
        failed.wait_for(timeout=READY)
        assert message in failed.text_content()
        # The documented examples are still on the page.
        assert "Authentication credentials were not provided." in tab.locator("article").text_content()
    finally:
        ctx.close()


RUNTIME_CODE = """import json, locale, os, random, sys, time
print(json.dumps([sys.path, dict(os.environ), sys.executable, list(sys._emscripten_info),
                  time.timezone, time.altzone, time.daylight, time.tzname, time.strftime("%Z %z"),
                  locale.getlocale(), random.random()]))
"""


def runtime_seen_by_code(browser, url: str, *, snapshot: bool) -> tuple[str, list]:
    # A Japanese reader in Tokyo: the snapshot was made in Node, in UTC, with no browser language.
    ctx = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    try:
        tab = ctx.new_page()
        if not snapshot:
            tab.route("**/pyodide/*.snapshot", lambda route: route.fulfill(status=404, body="missing"))
        tab.goto(url)
        wait_ready(tab)
        tab.fill(".playground__code", RUNTIME_CODE)
        tab.click(".playground__run")
        tab.wait_for_function("() => document.querySelector('.playground__output').dataset.ok !== undefined")
        start = tab.locator(".playground").first.get_attribute("data-python-start")
        return start, json.loads(tab.locator(".playground__output > code").text_content())
    finally:
        ctx.close()


def test_python_starts_from_the_snapshot_and_sees_the_readers_runtime(site_server: str, browser) -> None:
    url = urljoin(site_server, "ja/playground/")
    restored, booted = (runtime_seen_by_code(browser, url, snapshot=flag) for flag in (True, False))
    assert (restored[0], booted[0]) == ("snapshot", "boot")
    # Everything a reader's code can see of its runtime is what it would be without the snapshot
    # (the browser's language, time zone and user agent), except the random numbers, which differ.
    assert restored[1][:-1] == booted[1][:-1]
    assert booted[1][1]["LANG"] == "ja_JP.UTF-8" and booted[1][7] == ["UTC+0900", "UTC+0900"]
    assert restored[1][-1] != booted[1][-1]


@pytest.mark.parametrize("served", ["as the server sends it", "its gzip copy, as it is", "an error page, with 200"])
def test_the_snapshot_is_restored_whatever_compression_the_host_applies(
    site_server: str, site_dir, browser, served: str
) -> None:
    # playground.server sends the build's brotli copy (Content-Encoding: br), which the browser
    # decodes; a host may instead send the .gz copy as the file itself, which the page unpacks.
    # Anything else is refused, saying so, and Python starts without it.
    (snapshot,) = (site_dir / "pyodide").glob("*.snapshot")
    bodies = {
        "its gzip copy, as it is": (snapshot.parent / f"{snapshot.name}.gz").read_bytes(),
        "an error page, with 200": b"<!doctype html><title>Not found</title>",
    }
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        messages, encodings = [], []

        def seen(response) -> None:
            if response.url.endswith(".snapshot"):
                encodings.append(response.headers.get("content-encoding"))

        tab.on("console", lambda message: messages.append(message.text))
        tab.on("response", seen)
        if served in bodies:
            tab.route(
                "**/pyodide/*.snapshot",
                lambda route: route.fulfill(status=200, body=bodies[served], content_type="application/octet-stream"),
            )
        tab.goto(urljoin(site_server, "maiagent/authentication/"))
        wait_ready(tab)
        start = tab.locator(".playground").first.get_attribute("data-python-start")
    finally:
        ctx.close()
    if served == "as the server sends it":
        assert (start, encodings) == ("snapshot", ["br"])
    elif served == "its gzip copy, as it is":
        assert start == "snapshot"
    else:
        assert start == "boot"
        assert any("the start-up snapshot is damaged" in message for message in messages), messages


def python_tab_code(tab) -> str:
    # The Python example of the first tab set on the page (the authenticated request).
    return tab.locator(".tabbed-set").first.locator("pre > code").nth(1).text_content()


def test_use_my_key_fills_the_page_examples_only_when_asked(pg) -> None:
    secret = "pageKey0123456789"
    reset(pg)
    pg.fill(".playground__key", secret)
    pg.wait_for_function("() => document.querySelector('.playground__header').textContent.includes('•')")
    before = python_tab_code(pg)
    assert 'os.environ["MAIAGENT_API_KEY"]' in before and secret not in before

    pg.check(".playground__pagekey")
    pg.wait_for_function(f"() => document.querySelector('.tabbed-set pre > code').textContent.includes('{secret}')")
    assert f'API_KEY = "{secret}"' in python_tab_code(pg)
    curl = pg.locator(".tabbed-set").first.locator("pre > code").first.text_content()
    assert f"Api-Key {secret}" in curl and "$MAIAGENT_API_KEY" not in curl

    # A key that cannot be placed safely in shell/Python/JS leaves the examples as they are.
    pg.fill(".playground__key", 'bad"key$(rm)')
    pg.wait_for_function(
        "() => document.querySelector('.tabbed-set pre > code').textContent.includes('$MAIAGENT_API_KEY')"
    )

    pg.uncheck(".playground__pagekey")
    pg.fill(".playground__key", secret)
    pg.wait_for_timeout(300)
    assert python_tab_code(pg) == before
    assert pg.locator(".tabbed-set pre > code .n, .tabbed-set pre > code span").count() > 0  # highlighting is back
    reset(pg)
