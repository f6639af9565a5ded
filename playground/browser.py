"""The playground's adapter for its Web Worker: JSON-ready dicts in, JSON-ready dicts out.

The page's JavaScript never builds headers, requests or messages itself: it sends one JSON
message to [`dispatch`][playground.browser.dispatch] and renders what comes back (as text).
Every function also runs in CPython, so the tests call them directly. Every message a reader
sees is given in English and Japanese (`{"en": ..., "ja": ...}`).
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import io
import json
import math
import os
import re
import time
import traceback
from typing import Any
from urllib.parse import urlsplit

from ._auth import build_auth_header
from ._client import Client
from ._examples import EXAMPLES, get_example
from ._exceptions import (
    InvalidRequestError,
    NetworkError,
    PlaygroundError,
    RedirectError,
    ResponseTooLargeError,
    TimeoutException,
    TransportError,
)
from ._models import MAX_JSON_DEPTH, JSONNestingError, LocalizedText, Response, loads_json
from ._profiles import PROFILES, get_profile
from ._sandbox import MAX_BODY_BYTES
from ._transports import AsyncBaseTransport, BaseTransport, FetchTransport, SandboxTransport

__all__ = [
    "ENV_VARS",
    "METHODS",
    "diagnose",
    "dispatch",
    "info",
    "python_code",
    "ready_info",
    "reproduce",
    "run_code",
    "send",
]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
ENV_VARS = {p.id: p.env_var for p in PROFILES.values()}
"""The environment variable each API's generated code reads its key from (each profile's `env_var`)."""

MAX_OUTPUT_CHARS = 100_000
LIVE_TIMEOUT_SECONDS = 15.0
MAX_LIVE_TIMEOUT_SECONDS = 30.0

_L = LocalizedText
_ERRORS: dict[str, LocalizedText] = {
    "invalid_json": _L("The body is not valid JSON, so nothing was sent: {detail}",
                       "本文が正しい JSON ではないため、送信しませんでした：{detail}"),
    "body_too_large": _L(f"The body is larger than {MAX_BODY_BYTES // 1024 // 1024} MiB, so nothing was sent.",
                         f"本文が {MAX_BODY_BYTES // 1024 // 1024} MiB を超えているため、送信しませんでした。"),
    "invalid_path": _L("The endpoint must be a path such as /api/v1/chatbots/, not a full URL; "
                       "put the server in the target's base URL.",
                       "完全な URL ではなく、/api/v1/chatbots/ のようなパスを指定してください。"
                       "サーバーのアドレスは「ベース URL」に入力します。"),
    "json_too_deep": _L(f"The body is nested more than {MAX_JSON_DEPTH} levels deep, so nothing was sent.",
                        f"本文の入れ子が {MAX_JSON_DEPTH} 階層を超えているため、送信しませんでした。"),
    "json_constant": _L("The body contains {detail}: JSON has no NaN or Infinity, and no number that large, "
                        "so nothing was sent.",
                        "本文に {detail} が含まれています。JSON では NaN、Infinity や、これほど大きな数値は扱えないため、"
                        "送信しませんでした。"),
    "duplicate_key": _L("The body has the key {detail} more than once; servers differ on which value wins, "
                        "so nothing was sent. Keep one.",
                        "本文にキー {detail} が複数回あります。どちらの値が使われるかはサーバーによって異なるため、"
                        "送信しませんでした。1 つだけにしてください。"),
    "empty_path": _L("Enter an endpoint, for example /api/v1/chatbots/.",
                     "エンドポイントを入力してください（例：/api/v1/chatbots/）。"),
    "path_characters": _L("The endpoint contains spaces, line breaks, control or non-ASCII characters, or a "
                          "backslash, so nothing was sent. Percent-encode them (a space is %20).",
                          "エンドポイントにスペース、改行、制御文字、ASCII 以外の文字、またはバックスラッシュが"
                          "含まれているため、送信しませんでした。パーセントエンコードしてください（スペースは %20）。"),
    "path_dot_segments": _L("The endpoint contains a `.` or `..` segment, which would leave the API's base URL, "
                            "so nothing was sent. Write the path without it.",
                            "エンドポイントに `.` または `..` のセグメントが含まれており、API のベース URL の外を"
                            "指してしまうため、送信しませんでした。これを含まないパスにしてください。"),
    "invalid_method": _L("Choose one of the listed HTTP methods.", "一覧にある HTTP メソッドを選んでください。"),
    "body_not_allowed": _L("A {detail} request has no body (browsers refuse to send one), so nothing was sent. "
                           "Clear the body, or choose POST.",
                           "{detail} リクエストには本文を付けられない（ブラウザーが送信を拒否する）ため、送信しませんでした。"
                           "本文を空にするか、POST を選んでください。"),
    "invalid_url": _L("The base URL is not a valid URL. Write it in full, for example {example}",
                      "ベース URL が正しい URL ではありません。{example} のように完全な形で入力してください。"),
    "empty_url": _L("Enter the base URL of the API to call, for example {example}, or choose the sandbox.",
                    "呼び出す API のベース URL を入力してください（例：{example}）。または、サンドボックスを選んでください。"),
    "url_characters": _L("The base URL contains spaces, line breaks or non-ASCII characters. Percent-encode "
                         "them, and write an international domain name in its xn-- form.",
                         "ベース URL にスペース、改行、または ASCII 以外の文字が含まれています。パーセント"
                         "エンコードし、国際化ドメイン名は xn-- で始まる形式で入力してください。"),
    "url_credentials": _L("The base URL contains a user name or password (`user:password@`). Browsers refuse to "
                          "send such URLs, and your key belongs in the API key field: remove it from the URL.",
                          "ベース URL にユーザー名またはパスワード（`user:password@`）が含まれています。ブラウザーは"
                          "このような URL を送信しません。キーは API キーの欄に入力し、URL からは取り除いてください。"),
    "url_query": _L("The base URL cannot have a query (`?…`) or a fragment (`#…`): the endpoint is added after "
                    "it. Put query parameters after the endpoint.",
                    "ベース URL にはクエリ（`?…`）やフラグメント（`#…`）を含められません（エンドポイントはその後ろに"
                    "付きます）。クエリパラメーターはエンドポイントの後ろに付けてください。"),
    "csp_blocked": _L("This site's Content Security Policy lets the playground call https:// URLs, and http:// only "
                      "on this site and on your own computer (localhost, 127.0.0.1), so the browser would refuse "
                      "{detail}: nothing was sent. Use the API's https:// URL.",
                      "このサイトのコンテンツセキュリティポリシーでは、プレイグラウンドが呼び出せるのは https:// の URL と、"
                      "http:// ではこのサイト自身とご自身のコンピューター（localhost、127.0.0.1）だけです。ブラウザーが "
                      "{detail} への送信を拒否するため、送信しませんでした。API の https:// の URL を使ってください。"),
    "url_dot_segments": _L("The base URL contains a `.` or `..` segment, which the browser would resolve before "
                           "sending, so the request would go elsewhere than shown. Write the URL without it.",
                           "ベース URL に `.` または `..` のセグメントが含まれています。ブラウザーが送信前にこれを解決し、"
                           "表示とは別の URL に送られてしまうため、これを含まない URL にしてください。"),
    "non_http_scheme": _L("Only http:// and https:// base URLs can be called (not {detail}).",
                          "呼び出せるのは http:// または https:// のベース URL だけです（{detail} は使えません）。"),
    "invalid_request": InvalidRequestError.hint,
    "network": NetworkError.hint,
    "timeout": _L("The server did not answer within {detail} s, so the request was stopped. Try again, or check "
                  "that the base URL is right.",
                  "サーバーが {detail} 秒以内に応答しなかったため、リクエストを中止しました。再試行するか、"
                  "ベース URL が正しいか確認してください。"),
    "redirect": RedirectError.hint,
    "cancelled": _L("The request was cancelled.", "リクエストをキャンセルしました。"),
    "too_large": ResponseTooLargeError.hint,
    "transport": _L("The request failed before a response arrived.", "レスポンスを受け取る前にリクエストが失敗しました。"),
    "unknown_example": _L("This documented example does not exist.", "このドキュメントの例は存在しません。"),
    "unknown_op": _L("The playground received a message it does not understand.",
                     "プレイグラウンドが解釈できないメッセージを受け取りました。"),
    "internal": PlaygroundError.hint,
}


# A reader trying their own key on the sandbox got the documented 401 with nothing to say why.
_SANDBOX_KEYS_ONLY = _L("The sandbox knows only the demo keys (see Playground, Demo keys) and answers any other "
                        "key with this 401. To try your own key, choose a live base URL.",
                        "サンドボックスが受け付けるのはデモキーだけで、それ以外のキーにはこの 401 を返します"
                        "（プレイグラウンドの「デモキー」を参照）。ご自身のキーを試すには、実際のベース URL を選んでください。")


# Failures after the request left: the page says "no answer" for these, "not sent" for the others.
_SENT_CODES = frozenset({"network", "timeout", "redirect", "too_large", "transport", "cancelled"})


def _error(code: str, detail: str = "", *, detail_ja: str | None = None, example: str = "") -> dict[str, Any]:
    """A failure the page shows: `detail` fills `{detail}` (`detail_ja`, when given, in Japanese), and
    `example` fills `{example}` (a base URL of the API at hand)."""
    text = _ERRORS[code]
    if "{detail}" in text.en or "{example}" in text.en:
        text = _L(text.en.format(detail=detail, example=example),
                  text.ja.format(detail=detail if detail_ja is None else detail_ja, example=example))
    return {"ok": False, "error": {"code": code, "message": text.to_dict(), "detail": detail,
                                   "sent": code in _SENT_CODES}}


def info() -> dict[str, Any]:
    """Describe the APIs for the page, from their profiles and routes: names, schemes, demo keys,
    endpoints, operations and a default request.

    Every path offered is concrete (each path parameter is its documented example value), so it
    answers in the sandbox.

    Returns:
        `{"apis": {api id: {...}}, "methods": [...], "examples": {example id: {...}}}`; each API's
        `operations` are `{"method", "path", "template", "summary", "parameters", "body"}`.
    """
    apis = {}
    for profile in PROFILES.values():
        routes = profile.routes
        operations = [route.describe(method) for route in routes for method in route.methods]
        default = next((op for op in operations if (op["method"], op["template"]) == profile.default_request),
                       operations[0] if operations else {"method": "GET", "path": profile.base_path, "body": ""})
        apis[profile.id] = {
            "id": profile.id,
            "name": profile.name,
            "names": profile.names.to_dict(),
            "scheme": profile.scheme.name,
            "demo_key": next(iter(profile.demo_keys)),
            "demo_keys": dict(profile.demo_keys),
            "env_var": profile.env_var,
            "endpoints": [{"path": route.concrete_path(route.methods[0]), "methods": list(route.methods),
                           "summary": route.summary.to_dict()} for route in routes],
            "operations": operations,
            "default_request": {"method": default["method"], "path": default["path"], "body": default["body"]},
            "live_base_url": _live_base_url(profile.id),
        }
    examples = {e.id: {"api": e.api, "status": e.status, "title": e.title.to_dict()} for e in EXAMPLES.values()}
    return {"apis": apis, "methods": list(METHODS), "examples": examples}


def diagnose(api: str, pasted_key: str | None) -> dict[str, Any]:
    """Build the `Authorization` header from a pasted key and explain what was wrong with it.

    Parameters:
        api: The API's id.
        pasted_key: The key (or header) exactly as pasted.

    Returns:
        `{"name", "value", "key", "ok", "findings": [{"code", "severity", "message", "fix", "example_id", ...}]}`;
        `value` is empty when no header would be sent.
    """
    header = build_auth_header(api, pasted_key)
    return {**header.to_dict(), "key": header.key}


def _pretty(response: Response) -> str | None:
    try:
        data = response.json()
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return json.dumps(data, indent=2, ensure_ascii=False)


def _response_dict(response: Response, elapsed: float | None) -> dict[str, Any]:
    return {
        "ok": True,
        "status": response.status_code,
        "reason": response.reason_phrase,
        "headers": response.headers.raw,
        "body": response.text,
        "pretty": _pretty(response),
        "elapsed_ms": round((response.elapsed if response.elapsed is not None else elapsed or 0.0) * 1000, 1),
    }


class _NotJSON(ValueError):
    # Valid for Python's json module, not for JSON (RFC 8259) nor for the server reading it.
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def _no_constant(name: str) -> Any:
    raise _NotJSON("json_constant", name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJSON("json_constant", text if len(text) <= 40 else text[:40] + "…")
    return value


def _int(text: str) -> int:
    # Python refuses to read an integer this long (sys.get_int_max_str_digits()) with a message
    # about its own limits; for the reader it is a number JSON cannot carry either.
    if len(text.lstrip("-")) > 4300:
        raise _NotJSON("json_constant", text[:40] + "…")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _NotJSON("duplicate_key", json.dumps(key)[:80])
        data[key] = value
    return data


def _request_body(method: str, text: str) -> tuple[Any, dict[str, Any] | None]:
    """`_parse_body`, and a body on GET or HEAD refused: `fetch` throws before sending it, which
    the page could only have called a network failure."""
    data, problem = _parse_body(text)
    if problem is None and data is not None and method in ("GET", "HEAD"):
        return None, _error("body_not_allowed", method)
    return data, problem


def _parse_body(text: str) -> tuple[Any, dict[str, Any] | None]:
    """Return `(data, None)`, `(None, None)` for no body, or `(None, error)`."""
    # A byte order mark is invisible and no part of the JSON: json.loads refused the whole body for it.
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, None
    # "surrogatepass": a lone surrogate pasted into the page is still counted, not a crash.
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        return None, _error("body_too_large")
    try:
        return loads_json(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_int,
                          object_pairs_hook=_unique_keys), None
    except JSONNestingError:
        return None, _error("json_too_deep")
    except _NotJSON as exc:
        return None, _error(exc.code, str(exc))
    except json.JSONDecodeError as exc:
        return None, _error("invalid_json", str(exc), detail_ja=_json_error_ja(exc))
    except (ValueError, RecursionError) as exc:
        return None, _error("invalid_json", str(exc))


# What json.loads says (CPython's json.decoder and _json), in Japanese; an unknown message stays as it is.
_JSON_ERRORS_JA = (
    ("Expecting value", "ここに JSON の値が必要です"),
    ("Expecting property name enclosed in double quotes", "二重引用符（\"）で囲んだプロパティ名が必要です"),
    ("Expecting ':' delimiter", "区切りの `:` が必要です"),
    ("Expecting ',' delimiter", "区切りの `,` が必要です"),
    ("Unterminated string", "文字列が閉じられていません"),
    ("Invalid control character", "文字列の中に制御文字（改行やタブなど）がそのまま入っています"),
    ("Invalid \\uXXXX escape", "\\uXXXX エスケープが正しくありません"),
    ("Invalid \\escape", "エスケープ（\\）が正しくありません"),
    ("Extra data", "JSON の値の後に余分なデータがあります"),
    ("Illegal trailing comma before end of object", "オブジェクトの最後に余分な `,` があります"),
    ("Illegal trailing comma before end of array", "配列の最後に余分な `,` があります"),
)


def _json_error_ja(exc: json.JSONDecodeError) -> str:
    message = next((ja for en, ja in _JSON_ERRORS_JA if exc.msg.startswith(en)), exc.msg)
    return f"{exc.lineno} 行目、{exc.colno} 列目：{message}"


def _unsafe_character(text: str) -> bool:
    return any(ord(c) <= 0x20 or ord(c) >= 0x7F for c in text)


_HOST_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,63}$")


def _live_base_url(api: str) -> str:
    """The base URL to write for the API's live target: its documented root (the endpoint's path
    goes below it). The page's placeholder and the messages about a bad base URL show it."""
    return PROFILES.get(api, PROFILES["maiagent"]).origin + "/"


def _check_target(target: str, example: str, page_origin: str | None = None) -> dict[str, Any] | None:
    """Refuse a live base URL that cannot be called; `example` is the API's own, for the messages,
    and `page_origin` the page's, whose Content Security Policy the browser applies."""
    if target == "sandbox":
        return None
    target = target.strip()
    if not target:
        return _error("empty_url", example=example)
    try:
        parts = urlsplit(target)
    except ValueError as exc:
        return _error("invalid_url", str(exc), example=example)
    if parts.scheme and parts.scheme not in ("http", "https"):
        if re.match(r"(localhost|[A-Za-z0-9-]+\.[A-Za-z0-9.-]+):\d+(/|$)", target):
            return _error("invalid_url", target[:200], example=example)  # `localhost:8000/...`: a host and port, not a scheme
        return _error("non_http_scheme", parts.scheme[:20] + ":")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _error("invalid_url", target[:200], example=example)
    if _unsafe_character(target):
        return _error("url_characters", target[:200])
    if "@" in parts.netloc:
        return _error("url_credentials")
    if parts.query or parts.fragment or target.endswith(("?", "#")):
        return _error("url_query", target[:200])
    if _has_dot_segment(parts.path):
        # The browser resolves them before sending: the request goes elsewhere than the URL shown.
        return _error("url_dot_segments", target[:200])
    try:
        parts.port  # noqa: B018  (raises for a port out of range)
    except ValueError as exc:
        return _error("invalid_url", str(exc), example=example)
    host = parts.hostname or ""
    # urlsplit checks an IPv6 literal (the host with colons); a name has DNS's limits, or fetch fails on it.
    if ":" not in host and (len(host) > 253 or not all(_HOST_LABEL.match(label) for label in host.rstrip(".").split("."))):
        return _error("invalid_url", target[:200], example=example)
    if page_origin:
        # Imported here: only a live target needs it, and start-up should not import html.parser.
        from ._csp import connect_allowed

        if not connect_allowed(target, page_origin):
            # fetch fails on it as on a network error: the reader got the generic list of causes.
            return _error("csp_blocked", f"{parts.scheme}://{parts.netloc}")
    return None


# A first segment with a colon reads as a URL scheme (`javascript:`, `mailto:`), not a path.
_SCHEME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _has_dot_segment(path: str) -> bool:
    return any(segment.lower().replace("%2e", ".") in (".", "..") for segment in path.split("/"))


def _check_path(path: str) -> dict[str, Any] | None:
    if not path:
        return _error("empty_path")
    if "://" in path or path.startswith("//") or _SCHEME_LIKE.match(path):
        return _error("invalid_path", path[:200])
    if _unsafe_character(path) or "\\" in path:
        return _error("path_characters")
    if _has_dot_segment(re.split(r"[?#]", path, maxsplit=1)[0]):
        # Browsers resolve dot segments (also %2e%2e) before sending: the request would leave the base URL.
        return _error("path_dot_segments", path[:200])
    return None


async def send(spec: dict[str, Any], target: str = "sandbox", *,
               transport: BaseTransport | AsyncBaseTransport | None = None,
               timeout: float | None = None, page_origin: str | None = None) -> dict[str, Any]:
    """Send the request the reader composed, to the in-browser sandbox or to a live base URL.

    Parameters:
        spec: `{"api", "key", "method", "path", "body"}`; `body` is JSON text (empty for none).
        target: `"sandbox"`, or a live base URL: the API's root, such as `https://api.maiagent.ai/`.
        transport: Overrides the transport (tests); by default the sandbox, or the browser's
            `fetch` for a live target.
        timeout: Seconds a live target has to answer (at most `MAX_LIVE_TIMEOUT_SECONDS`);
            `LIVE_TIMEOUT_SECONDS` by default.
        page_origin: The page's origin: a live URL that the site's Content Security Policy keeps
            the page from calling is refused with a message that says so.

    Returns:
        `{"ok": True, "status", "reason", "headers", "body", "pretty", "elapsed_ms", "url", "method"}`
        (and `note` when the sandbox refused a key that is not a demo key), or
        `{"ok": False, "error": {"code", "message": {"en", "ja"}, "detail", "sent"}}`; `sent` says whether
        the request left (and got no usable answer) or was refused before sending, and a request
        that left also names its `method` and `url`.
    """
    method = str(spec.get("method", "GET")).upper()
    if method not in METHODS:
        return _error("invalid_method", method)
    path = str(spec.get("path") or "").strip(" ")
    data, problem = _request_body(method, str(spec.get("body") or ""))
    problem = problem or _check_path(path) or _check_target(target, _live_base_url(str(spec.get("api"))), page_origin)
    if problem:
        return problem
    try:
        seconds = min(max(float(timeout), 0.1), MAX_LIVE_TIMEOUT_SECONDS) if timeout else LIVE_TIMEOUT_SECONDS
    except (TypeError, ValueError):
        seconds = LIVE_TIMEOUT_SECONDS
    if not math.isfinite(seconds):
        seconds = LIVE_TIMEOUT_SECONDS
    if transport is None:
        transport = SandboxTransport() if target == "sandbox" else FetchTransport(timeout=seconds)
    base_url = None if target == "sandbox" else target.strip()
    client = Client(spec.get("api", "maiagent"), str(spec.get("key") or ""), transport=transport, base_url=base_url)
    start = time.perf_counter()
    try:
        # A live base URL is the API's root (`.../sandbox/maiagent/`): the path goes below it.
        request = client.build_request(method, path, json=data)
    except InvalidRequestError as exc:
        return _error("invalid_request", str(exc))
    try:
        if isinstance(transport, AsyncBaseTransport):
            response = await transport.handle_async_request(request)
        else:
            response = transport.handle_request(request)
    except InvalidRequestError as exc:
        failure = _error("invalid_request", str(exc))
    except TimeoutException:
        failure = _error("timeout", f"{getattr(transport, 'timeout', seconds):g}")
    except ResponseTooLargeError as exc:
        failure = _error("too_large", str(exc))
    except RedirectError as exc:
        failure = _error("redirect", str(exc))
    except NetworkError as exc:
        failure = _error("network", str(exc))
    except TransportError as exc:
        # ConnectError and any other transport failure: explained like a network failure.
        failure = _error("network", str(exc))
    else:
        failure = None
    if failure is not None:
        # Which request failed: the reader checks the URL against what they meant to call.
        failure["error"].update(method=request.method, url=request.url)
        return failure
    result = _response_dict(response, time.perf_counter() - start)
    result["url"] = request.url
    result["method"] = request.method
    if target == "sandbox" and response.status_code == 401 and client.auth.key not in ("", *client.profile.demo_keys):
        result["note"] = _SANDBOX_KEYS_ONLY.to_dict()
    return result


async def reproduce(example_id: str) -> dict[str, Any]:
    """Send a documented example's request to the in-browser sandbox and compare the answers.

    Parameters:
        example_id: An id of [`EXAMPLES`][playground.EXAMPLES], e.g. `maiagent/401-missing-key`.

    Returns:
        The actual response (as `send` returns it) plus `example_id`, `title`, `request`
        (method, URL, headers, body), `documented` (the file's text), `documented_status`, and
        `equal` (same status and same JSON body).
    """
    try:
        example = get_example(example_id)
    except PlaygroundError:
        return _error("unknown_example", example_id)
    request = example.request.to_request(example.api)
    response = SandboxTransport().handle_request(request)
    result = _response_dict(response, None)
    try:
        same_body = response.json() == example.json()
    except ValueError:
        same_body = False
    result.update({
        "example_id": example.id,
        "title": example.title.to_dict(),
        "request": {"method": request.method, "url": request.url, "headers": request.headers.raw,
                    "body": request.body.decode("utf-8")},
        "documented": example.text(),
        "documented_status": example.status,
        "equal": response.status_code == example.status and same_body,
    })
    return result


def _literal(value: Any, indent: int = 0) -> str:
    """Write a JSON value as a Python literal, laid out like `json.dumps(..., indent=4)`."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, dict) and value:
        items = [f"{inner}{_literal(str(k))}: {_literal(v, indent + 4)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _literal(v, indent + 4) for v in value) + f",\n{pad}]"
    if isinstance(value, str):
        # A JSON string literal is also a valid Python one, and keeps the double quotes readers expect.
        # A lone surrogate (valid JSON: "\ud800") stays escaped: source code cannot hold it.
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(value)
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if not isinstance(value, (dict, list)) else ("{}" if isinstance(value, dict) else "[]")


_CODE_COMMENTS = {
    "sandbox": _L("# The sandbox answers as the documentation says; no network is used.",
                  "# サンドボックスはドキュメントどおりに応答します。ネットワークは使いません。"),
    "live": _L("# The browser's fetch (inside Pyodide); in CPython use HTTPTransport() and client.request(...).",
               "# ブラウザーの fetch を使います（Pyodide 内）。CPython では HTTPTransport() と client.request(...) を使います。"),
    "body_left_out": _L("# No body: Send does not send this one either. {reason}",
                        "# 本文は付けません：「送信」でもこの本文は送信されません。{reason}"),
}


def python_code(spec: dict[str, Any], target: str = "sandbox", *, use_my_key: bool = False, lang: str = "en") -> str:
    """Return the Python source that sends the same request with this package.

    Parameters:
        spec: As for `send`.
        target: As for `send`.
        use_my_key: Put the reader's key in the code; otherwise the code reads it from
            an environment variable (`MAIAGENT_API_KEY`, `AIGNE_HUB_API_KEY`).
        lang: The language of the code's comments (`"en"` or `"ja"`).

    Returns:
        The source code.
    """
    profile = get_profile(spec.get("api", "maiagent"))
    method = str(spec.get("method", "GET")).upper()
    path = str(spec.get("path") or "/")
    data, problem = _request_body(method, str(spec.get("body") or ""))
    env_var = ENV_VARS[profile.id]
    pasted = str(spec.get("key") or "")
    built_key = build_auth_header(profile, pasted).key
    # The code's Client builds the header from the key as Send does. The clean key reads better, but
    # where the diagnosis could not fix the key ("Token abc"), only the key as pasted sends the same header.
    if build_auth_header(profile, built_key).value != build_auth_header(profile, pasted).value:
        built_key = pasted
    key_expr = _literal(built_key) if use_my_key and built_key else f'os.environ["{env_var}"]'
    live = target != "sandbox"
    lines = []
    if not (use_my_key and built_key):
        lines += ["import os", ""]
    lines.append("from playground import Client, FetchTransport" if live else "from playground import Client")
    lines.append("")
    if live:
        lines += [
            _CODE_COMMENTS["live"].get(lang),
            f"client = Client({_literal(profile.id)}, {key_expr}, transport=FetchTransport(), "
            f"base_url={_literal(target.strip())})",
        ]
    else:
        lines += [
            _CODE_COMMENTS["sandbox"].get(lang),
            f"client = Client({_literal(profile.id)}, {key_expr})",
        ]
    arguments = [_literal(method), _literal(path)]
    if problem is None and data is not None:
        arguments.append("json=" + _literal(data))
    elif problem is not None:
        # The code does what Send does, and says why. One line, whatever the message holds: a line
        # break in a comment would start a line of code.
        message = problem["error"]["message"]
        reason = " ".join(_L(message["en"], message["ja"]).get(lang).split())
        lines.append(_CODE_COMMENTS["body_left_out"].get(lang).format(reason=reason))
    call = ("await client.arequest(" if live else "client.request(") + ", ".join(arguments) + ")"
    lines += [
        f"response = {call}",
        "print(response.status_code, response.reason_phrase)",
        "print(response.text)",
    ]
    return "\n".join(lines) + "\n"


async def run_code(source: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run Python source (top-level `await` allowed) and capture what it prints.

    The page enforces the time limit: it restarts the worker when a run takes too long.

    Parameters:
        source: The code.
        env: Environment variables set for the run only (the key, so the code needs no literal key).
            An empty value is set too: code that reads the key gets the empty key the reader
            typed (the documented `401`), not a `KeyError`.

    Returns:
        `{"ok", "stdout", "stderr", "elapsed_ms"}`; `stderr` holds the traceback of an exception.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in (env or {})}
    ok = True
    start = time.perf_counter()
    try:
        # An environment variable cannot hold NUL or a lone surrogate, which a pasted key may (the
        # diagnosis reports them, and the header never carries them): Run failed on them before the
        # code even started ("embedded null byte", or no output at all).
        os.environ.update({name: value.replace("\0", "").encode("utf-8", "ignore").decode("utf-8")
                           for name, value in (env or {}).items()})
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = compile(source, "<playground>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
                result = eval(code, {"__name__": "__main__"})  # noqa: S307  (the reader's own code, in their browser)
                if result is not None and hasattr(result, "__await__"):
                    await result
            except BaseException as exc:  # noqa: BLE001  (SystemExit too: the reader's code must not end the worker)
                ok = False
                # Leave out this function's own frame: the traceback starts in the reader's code.
                tb = exc.__traceback__.tb_next if exc.__traceback__ else None
                stderr.write("".join(traceback.format_exception(type(exc), exc, tb)))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _stop_tasks_left_running()

    def cap(text: str) -> str:
        return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n[…]"

    return {"ok": ok, "stdout": cap(stdout.getvalue()), "stderr": cap(stderr.getvalue()),
            "elapsed_ms": round((time.perf_counter() - start) * 1000, 1)}


def _stop_tasks_left_running() -> None:
    # A task the reader's code started (asyncio.ensure_future(...)) and left running would keep
    # Python busy after Run ended, beyond its time limit: the next Send waited until the page gave
    # up on Python. Run ends them; only coroutines of the reader's code are touched, not a Send
    # that runs meanwhile.
    for task in asyncio.all_tasks():
        coroutine = task.get_coro()
        code = getattr(coroutine, "cr_code", None)
        if code is not None and code.co_filename == "<playground>" and not task.done():
            task.cancel()


# The page's sends still waiting for an answer, by the id the page gave them: "cancel" ends one.
_SENDING: dict[str, asyncio.Task[dict[str, Any]]] = {}


async def _send_cancellable(message: dict[str, Any]) -> dict[str, Any]:
    request_id = str(message.get("request_id", ""))
    task = asyncio.ensure_future(send(message.get("spec", {}), message.get("target", "sandbox"),
                                      timeout=message.get("timeout"), page_origin=message.get("origin")))
    if request_id:
        _SENDING[request_id] = task
    try:
        # Cancelling the task cancels browser fetch's await, which aborts the request itself.
        return await task
    except asyncio.CancelledError:
        if not task.cancelled():
            raise
        return _error("cancelled")
    finally:
        if _SENDING.get(request_id) is task:
            del _SENDING[request_id]


def _cancel(request_id: str) -> dict[str, Any]:
    task = _SENDING.get(request_id)
    if task is not None:
        task.cancel()
    return {"ok": True, "cancelled": task is not None}


async def _call(message: dict[str, Any]) -> Any:
    op = message.get("op")
    if op == "info":
        return info()
    if op == "diagnose":
        return diagnose(message.get("api", "maiagent"), message.get("key", ""))
    if op == "send":
        return await _send_cancellable(message)
    if op == "cancel":
        return _cancel(str(message.get("request_id", "")))
    if op == "reproduce":
        return await reproduce(message.get("example_id", ""))
    if op == "python_code":
        return {"code": python_code(message.get("spec", {}), message.get("target", "sandbox"),
                                    use_my_key=bool(message.get("use_my_key")), lang=str(message.get("lang", "en")))}
    if op == "run_code":
        return await run_code(str(message.get("source", "")), message.get("env") or None)
    return _error("unknown_op", str(op))


async def dispatch(message_json: str) -> str:
    """Answer one JSON message from the page (the Web Worker's only entry point).

    Parameters:
        message_json: `{"op": "info" | "diagnose" | "send" | "cancel" | "reproduce" | "python_code" | "run_code",
            ...}`; a "send" may carry a `request_id` (which "cancel" names), a `timeout` in seconds
            and the page's `origin`.

    Returns:
        The answer as JSON text; never raises (an unexpected failure becomes an `internal` error).
    """
    try:
        result = await _call(json.loads(message_json))
    except Exception as exc:  # noqa: BLE001  (the page must always get an answer)
        result = _error("internal", f"{type(exc).__name__}: {exc}")
    return _answer(result)


def ready_info() -> str:
    """`info()` as JSON, exactly as `dispatch` answers `{"op": "info"}`, but synchronously.

    The worker sends it with "ready". At start-up an async call's first trip through Pyodide's
    event loop and promise glue costs 20-50 ms (their code is still cold); this one has none.
    """
    return _answer(info())


def _answer(result: Any) -> str:
    answer = json.dumps(result, ensure_ascii=False)
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:
        answer = json.dumps(result)  # a lone surrogate typed by the reader: escaped, so still valid text
    return answer
