"""The playground's adapter for its Web Worker: JSON-ready dicts in, JSON-ready dicts out.

The page's JavaScript never builds headers, requests or messages itself: it sends one JSON
message to [`dispatch`][playground.browser.dispatch] and renders what comes back (as text).
Every function also runs in CPython, so the tests call them directly. Every message a reader
sees is given in English, Japanese and Traditional Chinese (`{"en": ..., "ja": ..., "zh-TW": ...}`).

The work is done in private modules named for it: `_checks` (what may be sent), `_send` (send,
reproduce, cancel), `_codegen` (the code for the reader's request, in each language), `_runner`
(Run) and `_messages` (every error text, and the one function that turns an exception into the
page's error answer).
"""

from __future__ import annotations

import json
from typing import Any

from ._auth import build_auth_header
from ._checks import METHODS
from ._codegen import generate
from ._examples import EXAMPLES
from ._exceptions import InvalidRequestError, UnknownOperationError
from ._messages import error_answer, unexpected
from ._profiles import PROFILES
from ._runner import MAX_OUTPUT_CHARS, run_code
from ._sandbox import MAX_BODY_BYTES
from ._send import LIVE_TIMEOUT_SECONDS, MAX_LIVE_TIMEOUT_SECONDS, cancel, reproduce, send, send_cancellable

__all__ = [
    "ENV_VARS",
    "LIVE_TIMEOUT_SECONDS",
    "MAX_BODY_BYTES",
    "MAX_LIVE_TIMEOUT_SECONDS",
    "MAX_OUTPUT_CHARS",
    "METHODS",
    "code",
    "diagnose",
    "dispatch",
    "info",
    "ready_info",
    "reproduce",
    "run_code",
    "send",
]

ENV_VARS = {p.id: p.env_var for p in PROFILES.values()}
"""The environment variable each documented API's generated code reads its key from (its profile's `env_var`)."""


def info() -> dict[str, Any]:
    """Describe the APIs for the page, from their profiles and routes: names, schemes, demo keys,
    endpoints, operations and a default request.

    Every path offered is concrete (each path parameter is its documented example value), so it
    answers in the sandbox.

    Returns:
        `{"apis": {api id: {...}}, "methods": [...], "examples": {example id: {...}}}`; each API's
        `operations` are `{"method", "path", "template", "append_slash", "summary", "parameters", "body"}`; each
        example is `{"api", "status", "title", "request", "snippet"}`, its `request` what the form
        holds to send it (`{"method", "path", "body", "key"}`, see `ExampleRequest.form_fields`) and
        its `snippet` the pages' code for it (`<api>/<case>`, or `None`).
    """
    apis = {}
    for profile in PROFILES.values():
        routes = profile.routes
        operations = [route.describe(method) for route in routes for method in route.methods]
        default = next(
            (op for op in operations if (op["method"], op["template"]) == profile.default_request),
            operations[0] if operations else {"method": "GET", "path": profile.base_path, "body": ""},
        )
        apis[profile.id] = {
            "id": profile.id,
            "name": profile.name,
            "names": profile.names.to_dict(),
            "scheme": profile.scheme.name,
            "demo_key": next(iter(profile.demo_keys)),
            "demo_keys": dict(profile.demo_keys),
            "env_var": profile.env_var,
            "endpoints": [
                {
                    "path": route.concrete_path(route.methods[0]),
                    "methods": list(route.methods),
                    "summary": route.summary.to_dict(),
                }
                for route in routes
            ],
            "operations": operations,
            "default_request": {"method": default["method"], "path": default["path"], "body": default["body"]},
            "live_base_url": profile.live_base_url,
        }
    examples = {
        e.id: {
            "api": e.api,
            "status": e.status,
            "title": e.title.to_dict(),
            "request": e.request.form_fields(e.api),
            "snippet": e.snippet,
        }
        for e in EXAMPLES.values()
    }
    return {"apis": apis, "methods": list(METHODS), "examples": examples}


def diagnose(api: str, pasted_key: str | None) -> dict[str, Any]:
    """The `Authorization` header Send sends for the key field's text, and what is wrong with it.

    Parameters:
        api: The API's id.
        pasted_key: The key field's text, exactly as typed.

    Returns:
        `{"api", "name", "value", "key", "ok", "findings": [{"code", "severity", "message", "fix", "apply",
        "example_id"}]}`: `value` is exactly the header value Send sends (the scheme, a space, the
        text as typed; `""` when the field is empty and no header is sent), `key` the cleaned key
        that Apply fix writes into the field, and each finding one root cause (`severity` `"error"`
        or `"warning"`, `apply` true when writing `key` fixes it), or the one `"ok"` or `"info"`
        line of a key with nothing wrong.
    """
    return build_auth_header(api, pasted_key).to_dict()


def code(
    spec: dict[str, Any], target: str = "sandbox", *, use_my_key: bool = False, lang: str = "en"
) -> dict[str, Any]:
    """Write the request in curl, Python (requests), JavaScript (browser fetch), Node.js and, for an
    API that answers as OpenAI's does (AIGNE Hub), the OpenAI Python SDK.

    Parameters:
        spec: As for `send`; `path` may carry a query string.
        target: `"sandbox"` (the code calls the API's real base URL, e.g. `https://api.maiagent.ai`)
            or a live base URL.
        use_my_key: Write the typed key into the code; otherwise the code reads it from the API's
            environment variable (`MAIAGENT_API_KEY`, `AIGNE_HUB_API_KEY`). No key typed: no
            `Authorization` header.
        lang: The language of the code's comments (`"en"`, `"ja"` or `"zh-TW"`).

    Returns:
        `{"tabs": [{"id", "label": {"en", "ja", "zh-TW"}, "language", "code"}], "key_included", "env_var"}`
        with the tabs `curl`, `python`, `javascript`, `node` (and `openai`), or the error answer
        of a method, path or live base URL that cannot be sent.
    """
    try:
        return generate(spec, target, use_my_key=use_my_key, lang=lang)
    except InvalidRequestError as exc:
        return error_answer(exc)


async def _call(message: dict[str, Any]) -> Any:
    op = message.get("op")
    if op == "info":
        return info()
    if op == "diagnose":
        return diagnose(message.get("api", "maiagent"), message.get("key", ""))
    if op == "send":
        return await send_cancellable(
            str(message.get("request_id", "")),
            message.get("spec", {}),
            message.get("target", "sandbox"),
            timeout=message.get("timeout"),
            page_origin=message.get("origin"),
        )
    if op == "cancel":
        return cancel(str(message.get("request_id", "")))
    if op == "reproduce":
        return await reproduce(message.get("example_id", ""))
    if op == "code":
        return code(
            message.get("spec", {}),
            message.get("target", "sandbox"),
            use_my_key=bool(message.get("use_my_key")),
            lang=str(message.get("lang", "en")),
        )
    if op == "run_code":
        return await run_code(
            str(message.get("source", "")),
            message.get("env") or None,
            str(message.get("target") or "sandbox"),
            str(message.get("lang", "en")),
        )
    return error_answer(UnknownOperationError(str(op)))


async def dispatch(message_json: str) -> str:
    """Answer one JSON message from the page (the Web Worker's only entry point).

    Parameters:
        message_json: `{"op": "info" | "diagnose" | "send" | "cancel" | "reproduce" | "code" | "run_code",
            ...}`; a "send" may carry a `request_id` (which "cancel" names), a `timeout` in seconds
            and the page's `origin`.

    Returns:
        The answer as JSON text; never raises (an unexpected failure becomes an `internal` error).
    """
    try:
        result = await _call(json.loads(message_json))
    except Exception as exc:  # noqa: BLE001  (the page must always get an answer)
        # Whatever its type (an unknown API id too): a failure no operation expected.
        result = error_answer(unexpected(exc))
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
