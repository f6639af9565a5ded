"""The playground's adapter for its Web Worker: JSON-ready dicts in, JSON-ready dicts out.

The page's JavaScript never builds headers, requests or messages itself: it sends one JSON
message to [`dispatch`][playground.browser.dispatch] and renders what comes back (as text).
Every function also runs in CPython, so the tests call them directly. Every message a reader
sees is given in English and Japanese (`{"en": ..., "ja": ...}`).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import time
import traceback
from typing import Any
from urllib.parse import urlsplit

from ._auth import build_auth_header
from ._client import Client
from ._examples import DEMO_KNOWLEDGE_BASE_ID, EXAMPLES, get_example
from ._exceptions import (
    InvalidRequestError,
    NetworkError,
    PlaygroundError,
    ResponseTooLargeError,
    TimeoutException,
    TransportError,
)
from ._models import LocalizedText, Response, loads_json
from ._profiles import PROFILES, get_profile
from ._sandbox import CHATBOTS, MAX_BODY_BYTES, SANDBOX_ROUTES
from ._transports import AsyncBaseTransport, BaseTransport, FetchTransport, SandboxTransport

__all__ = [
    "ENV_VARS",
    "METHODS",
    "diagnose",
    "dispatch",
    "info",
    "python_code",
    "reproduce",
    "run_code",
    "send",
]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
ENV_VARS = {"maiagent": "MAIAGENT_API_KEY", "aigne-hub": "AIGNE_HUB_API_KEY"}
"""The environment variable each API's generated code reads its key from."""

MAX_OUTPUT_CHARS = 100_000
LIVE_TIMEOUT_SECONDS = 15.0

_DEFAULT_REQUESTS: dict[str, dict[str, Any]] = {
    "maiagent": {"method": "GET", "path": "/api/v1/chatbots/", "body": ""},
    "aigne-hub": {
        "method": "POST",
        "path": "/api/v1/chat/completions",
        "body": json.dumps(EXAMPLES["aigne_hub/200-chat-completion"].request.body, indent=2),
    },
}
# Concrete values for the path templates, so every offered endpoint answers in the sandbox.
_PATH_VALUES = {"chatbotId": str(CHATBOTS[0]["id"]), "knowledgeBaseId": DEMO_KNOWLEDGE_BASE_ID}

_L = LocalizedText
_ERRORS: dict[str, LocalizedText] = {
    "invalid_json": _L("The body is not valid JSON, so nothing was sent: {detail}",
                       "本文が正しい JSON ではないため、送信しませんでした：{detail}"),
    "body_too_large": _L(f"The body is larger than {MAX_BODY_BYTES} bytes, so nothing was sent.",
                         f"本文が {MAX_BODY_BYTES} バイトを超えているため、送信しませんでした。"),
    "invalid_path": _L("The endpoint must be a path such as /api/v1/chatbots/, not a full URL; "
                       "put the server in the target's base URL.",
                       "エンドポイントは /api/v1/chatbots/ のようなパスで指定してください（完全な URL ではなく）。"
                       "サーバーはターゲットのベース URL に入力します。"),
    "invalid_method": _L("Choose one of the listed HTTP methods.", "一覧にある HTTP メソッドを選んでください。"),
    "invalid_url": _L("The base URL is not a valid URL. Write it in full, for example "
                      "http://127.0.0.1:8000/sandbox/maiagent/.",
                      "ベース URL が正しい URL ではありません。http://127.0.0.1:8000/sandbox/maiagent/ "
                      "のように完全な形で入力してください。"),
    "non_http_scheme": _L("Only http:// and https:// base URLs can be called (not {detail}).",
                          "呼び出せるのは http:// または https:// のベース URL だけです（{detail} は使えません）。"),
    "invalid_request": InvalidRequestError.hint,
    "network": NetworkError.hint,
    "timeout": TimeoutException.hint,
    "too_large": ResponseTooLargeError.hint,
    "transport": _L("The request failed before a response arrived.", "応答を受け取る前にリクエストが失敗しました。"),
    "unknown_example": _L("This documented example does not exist.", "このドキュメントの例は存在しません。"),
    "unknown_op": _L("The playground received a message it does not understand.",
                     "プレイグラウンドが解釈できないメッセージを受け取りました。"),
    "internal": PlaygroundError.hint,
}


def _error(code: str, detail: str = "") -> dict[str, Any]:
    text = _ERRORS[code]
    if "{detail}" in text.en:
        text = text.format(detail=detail)
    return {"ok": False, "error": {"code": code, "message": text.to_dict(), "detail": detail}}


def info() -> dict[str, Any]:
    """Describe the APIs for the page: names, schemes, demo keys, endpoints and a default request.

    Returns:
        `{"apis": {api id: {...}}, "methods": [...], "examples": {example id: {...}}}`.
    """
    apis = {}
    for profile in PROFILES.values():
        endpoints = []
        for route in SANDBOX_ROUTES:
            if route.api != profile.id:
                continue
            path = route.path
            for name, value in _PATH_VALUES.items():
                path = path.replace("{" + name + "}", value)
            endpoints.append({"path": path, "methods": list(route.methods), "summary": route.summary.to_dict()})
        apis[profile.id] = {
            "id": profile.id,
            "name": profile.name,
            "scheme": profile.scheme.name,
            "demo_key": next(iter(profile.demo_keys)),
            "demo_keys": dict(profile.demo_keys),
            "env_var": ENV_VARS[profile.id],
            "endpoints": endpoints,
            "default_request": _DEFAULT_REQUESTS[profile.id],
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


def _parse_body(text: str) -> tuple[Any, dict[str, Any] | None]:
    """Return `(data, None)`, `(None, None)` for no body, or `(None, error)`."""
    if not text.strip():
        return None, None
    if len(text.encode("utf-8")) > MAX_BODY_BYTES:
        return None, _error("body_too_large")
    try:
        return loads_json(text), None
    except (ValueError, RecursionError) as exc:
        return None, _error("invalid_json", str(exc))


def _check_target(target: str) -> dict[str, Any] | None:
    if target == "sandbox":
        return None
    try:
        parts = urlsplit(target.strip())
    except ValueError as exc:
        return _error("invalid_url", str(exc))
    if parts.scheme and parts.scheme not in ("http", "https"):
        return _error("non_http_scheme", parts.scheme + ":")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _error("invalid_url", target)
    return None


def _check_path(path: str) -> dict[str, Any] | None:
    if "://" in path or path.startswith("//") or any(c in path for c in "\r\n"):
        return _error("invalid_path", path)
    return None


async def send(spec: dict[str, Any], target: str = "sandbox", *,
               transport: BaseTransport | AsyncBaseTransport | None = None) -> dict[str, Any]:
    """Send the request the reader composed, to the in-browser sandbox or to a live base URL.

    Parameters:
        spec: `{"api", "key", "method", "path", "body"}`; `body` is JSON text (empty for none).
        target: `"sandbox"`, or a live base URL such as `http://127.0.0.1:8000/sandbox/maiagent/`.
        transport: Overrides the transport (tests); by default the sandbox, or the browser's
            `fetch` for a live target.

    Returns:
        `{"ok": True, "status", "reason", "headers", "body", "pretty", "elapsed_ms", "url"}`, or
        `{"ok": False, "error": {"code", "message": {"en", "ja"}, "detail"}}`; nothing was sent then.
    """
    method = str(spec.get("method", "GET")).upper()
    if method not in METHODS:
        return _error("invalid_method", method)
    path = str(spec.get("path") or "/")
    data, problem = _parse_body(str(spec.get("body") or ""))
    problem = problem or _check_path(path) or _check_target(target)
    if problem:
        return problem
    if transport is None:
        transport = SandboxTransport() if target == "sandbox" else FetchTransport(timeout=LIVE_TIMEOUT_SECONDS)
    base_url = None if target == "sandbox" else target.strip()
    client = Client(spec.get("api", "maiagent"), str(spec.get("key") or ""), transport=transport, base_url=base_url)
    start = time.perf_counter()
    try:
        # A live base URL is the API's root (`.../sandbox/maiagent/`): the path goes below it.
        request = client.build_request(method, path, json=data)
        if isinstance(transport, AsyncBaseTransport):
            response = await transport.handle_async_request(request)
        else:
            response = transport.handle_request(request)
    except InvalidRequestError as exc:
        return _error("invalid_request", str(exc))
    except TimeoutException as exc:
        return _error("timeout", str(exc))
    except ResponseTooLargeError as exc:
        return _error("too_large", str(exc))
    except NetworkError as exc:
        return _error("network", str(exc))
    except TransportError as exc:
        # ConnectError and any other transport failure: explained like a network failure.
        return _error("network", str(exc))
    result = _response_dict(response, time.perf_counter() - start)
    result["url"] = request.url
    result["method"] = request.method
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
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if not isinstance(value, (dict, list)) else ("{}" if isinstance(value, dict) else "[]")


_CODE_COMMENTS = {
    "sandbox": _L("# The sandbox answers as the documentation says; no network is used.",
                  "# サンドボックスはドキュメントどおりに応答します。ネットワークは使いません。"),
    "live": _L("# The browser's fetch (inside Pyodide); in CPython use HTTPTransport() and client.request(...).",
               "# ブラウザーの fetch を使います（Pyodide 内）。CPython では HTTPTransport() と client.request(...) を使います。"),
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
    data, problem = _parse_body(str(spec.get("body") or ""))
    env_var = ENV_VARS[profile.id]
    built_key = build_auth_header(profile, str(spec.get("key") or "")).key
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

    Returns:
        `{"ok", "stdout", "stderr", "elapsed_ms"}`; `stderr` holds the traceback of an exception.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in (env or {})}
    ok = True
    start = time.perf_counter()
    try:
        os.environ.update({k: v for k, v in (env or {}).items() if v})
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

    def cap(text: str) -> str:
        return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n[…]"

    return {"ok": ok, "stdout": cap(stdout.getvalue()), "stderr": cap(stderr.getvalue()),
            "elapsed_ms": round((time.perf_counter() - start) * 1000, 1)}


async def _call(message: dict[str, Any]) -> Any:
    op = message.get("op")
    if op == "info":
        return info()
    if op == "diagnose":
        return diagnose(message.get("api", "maiagent"), message.get("key", ""))
    if op == "send":
        return await send(message.get("spec", {}), message.get("target", "sandbox"))
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
        message_json: `{"op": "info" | "diagnose" | "send" | "reproduce" | "python_code" | "run_code", ...}`.

    Returns:
        The answer as JSON text; never raises (an unexpected failure becomes an `internal` error).
    """
    try:
        result = await _call(json.loads(message_json))
    except Exception as exc:  # noqa: BLE001  (the page must always get an answer)
        result = _error("internal", f"{type(exc).__name__}: {exc}")
    return json.dumps(result, ensure_ascii=False)
