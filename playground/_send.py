"""Send the reader's request, reproduce a documented example, and cancel a send still waiting.

Both go through [`Client`][playground.Client]; any failure becomes the page's error answer in
one place (`playground._messages.error_answer`).
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from typing import Any
from urllib.parse import urlsplit

from ._checks import check_connect_allowed, check_method, parse_body
from ._client import Client
from ._examples import get_example
from ._exceptions import InvalidRequestError, RedirectError, TransportError, UnknownExampleError
from ._messages import SANDBOX_KEYS_ONLY, SLASH_REDIRECT, UNMODELLED, error_answer, error_dict
from ._models import Request, Response
from ._profiles import ApiProfile
from ._sandbox import is_modelled
from ._transports import AsyncBaseTransport, BaseTransport, FetchTransport, SandboxTransport

__all__ = ["LIVE_TIMEOUT_SECONDS", "MAX_LIVE_TIMEOUT_SECONDS", "cancel", "reproduce", "send", "send_cancellable"]

LIVE_TIMEOUT_SECONDS = 15.0
MAX_LIVE_TIMEOUT_SECONDS = 30.0


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


def _about(response: Response, request: Request, profile: ApiProfile, sandbox: bool) -> dict[str, Any]:
    """The answer's size, who answered and as what, and what the API's pages say about its status."""
    status = profile.statuses.get(response.status_code)
    about: dict[str, Any] = {
        "size": len(response.body),
        "target": "sandbox" if sandbox else "live",
        "status_info": status.to_dict() if status else None,
    }
    if sandbox:
        parts = urlsplit(request.url)
        query = f"?{parts.query}" if parts.query else ""
        about["answered_as"] = profile.live_base_url.rstrip("/") + parts.path + query
        if not is_modelled(request):
            # The sandbox's own 404: no link to what the real API's 404 means.
            about["unmodelled"] = UNMODELLED.to_dict()
            about["status_info"] = None
    return about


def _redirect_answer(exc: RedirectError, profile: ApiProfile, path: str) -> dict[str, Any]:
    """A live target's redirect. The browser hides where it points; for a path without its trailing
    slash, on an API whose server redirects those (`ApiProfile.append_slash`), it says what to send."""
    request = exc.request
    if not profile.append_slash or not isinstance(request, Request) or urlsplit(request.url).path.endswith("/"):
        return error_answer(exc)
    typed, mark, query = path.partition("?")
    answer = error_dict(code="redirect_slash", detail=f"{typed}/{mark}{query}")
    answer["error"].update(method=request.method, url=request.url)
    return answer


def _time_limit(timeout: Any) -> float:
    try:
        seconds = min(max(float(timeout), 0.1), MAX_LIVE_TIMEOUT_SECONDS) if timeout else LIVE_TIMEOUT_SECONDS
    except (TypeError, ValueError):
        seconds = LIVE_TIMEOUT_SECONDS
    return seconds if math.isfinite(seconds) else LIVE_TIMEOUT_SECONDS


async def send(
    spec: dict[str, Any],
    target: str = "sandbox",
    *,
    transport: BaseTransport | AsyncBaseTransport | None = None,
    timeout: float | None = None,
    page_origin: str | None = None,
) -> dict[str, Any]:
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
        `{"ok": True, "status", "reason", "headers", "body", "pretty", "elapsed_ms", "url", "method",
        "size", "target", "status_info"}`: `size` is the body's bytes, `target` `"sandbox"` or
        `"live"`, `status_info` `{"meaning": {"en", "ja", "zh-TW"}, "page", "anchor"}` where the API's pages
        document the status, else `None`. For the sandbox also `answered_as` (the real API's URL it
        answers as), `unmodelled` (`{"en", "ja", "zh-TW"}`, when it has no route for the path: its 404 is not
        the real API's, and `status_info` is then `None`) and `note` (when it refused a well-formed
        key that is not a demo key, or redirected a path without its trailing slash). Or
        `{"ok": False, "error": {"code", "message": {"en", "ja", "zh-TW"}, "detail", "sent"}}`; `sent` says whether
        the request left (and got no usable answer) or was refused before sending, and a request
        that left also names its `method` and `url`.
    """
    sandbox = target == "sandbox"
    try:
        method = check_method(spec.get("method", "GET"))
        data = parse_body(method, str(spec.get("body") or ""))
        if transport is None:
            transport = SandboxTransport() if sandbox else FetchTransport(timeout=_time_limit(timeout))
        client = Client(
            spec.get("api", "maiagent"),
            str(spec.get("key") or ""),
            transport=transport,
            base_url=None if sandbox else target.strip(),
        )
        # A live base URL is the API's root (`.../sandbox/maiagent/`): the path goes below it.
        request = client.build_request(method, str(spec.get("path") or "").strip(" "), json=data)
        if not sandbox and page_origin:
            check_connect_allowed(target.strip(), page_origin)
        start = time.perf_counter()
        response = await client.asend(request)
    except RedirectError as exc:
        return _redirect_answer(exc, client.profile, str(spec.get("path") or "").strip(" "))
    except (InvalidRequestError, TransportError) as exc:
        return error_answer(exc)
    result = _response_dict(response, time.perf_counter() - start)
    result["url"] = request.url
    result["method"] = request.method
    result.update(_about(response, request, client.profile, sandbox))
    # Only for a key with nothing else wrong: a mistake's 401 is explained by the diagnosis.
    if sandbox and response.status_code == 401 and client.auth.ok and client.auth.key not in client.profile.demo_keys:
        result["note"] = SANDBOX_KEYS_ONLY.to_dict()
    if sandbox and response.status_code == 301 and client.profile.append_slash:
        result["note"] = SLASH_REDIRECT.format(location=response.headers.get("location", "")).to_dict()
    return result


async def reproduce(example_id: str) -> dict[str, Any]:
    """Send a documented example's request to the in-browser sandbox and compare the answers.

    Parameters:
        example_id: An id of [`EXAMPLES`][playground.EXAMPLES], e.g. `maiagent/401-missing-key`.

    Returns:
        The actual response (as `send` returns it for the sandbox) plus `example_id`, `title`, `request`
        (method, URL, headers, body), `documented` (the file's text), `documented_status`, and
        `equal` (same status and same JSON body).
    """
    try:
        example = get_example(example_id)
    except UnknownExampleError as exc:
        # The page's message names the id it asked for.
        return error_answer(UnknownExampleError(str(exc), detail=example_id))
    # The example's own headers, exactly as documented (a wrong scheme, no key): no key of the client's.
    request = example.request.to_request(example.api)
    client = Client(example.api, None)
    response = client.send(request)
    result = _response_dict(response, None)
    result.update(_about(response, request, client.profile, sandbox=True))
    try:
        same_body = response.json() == example.json()
    except ValueError:
        same_body = False
    result.update(
        {
            "example_id": example.id,
            "title": example.title.to_dict(),
            "request": {
                "method": request.method,
                "url": request.url,
                "headers": request.headers.raw,
                "body": request.body.decode("utf-8"),
            },
            "documented": example.text(),
            "documented_status": example.status,
            "equal": response.status_code == example.status and same_body,
        }
    )
    return result


# The page's sends still waiting for an answer, by the id the page gave them: "cancel" ends one.
_SENDING: dict[str, asyncio.Task[dict[str, Any]]] = {}


async def send_cancellable(
    request_id: str,
    spec: dict[str, Any],
    target: str = "sandbox",
    *,
    timeout: float | None = None,
    page_origin: str | None = None,
) -> dict[str, Any]:
    """`send`, which `cancel(request_id)` can end while it waits.

    Parameters:
        request_id: The page's id for this send (empty: it cannot be cancelled).
        spec: As for `send`.
        target: As for `send`.
        timeout: As for `send`.
        page_origin: As for `send`.

    Returns:
        As `send`, or a `cancelled` error.
    """
    task = asyncio.ensure_future(send(spec, target, timeout=timeout, page_origin=page_origin))
    if request_id:
        _SENDING[request_id] = task
    try:
        # Cancelling the task cancels browser fetch's await, which aborts the request itself.
        return await task
    except asyncio.CancelledError as exc:
        if not task.cancelled():
            raise
        return error_answer(exc)
    finally:
        if _SENDING.get(request_id) is task:
            del _SENDING[request_id]


def cancel(request_id: str) -> dict[str, Any]:
    """Cancel the send the page named.

    Parameters:
        request_id: The id the page gave the send.

    Returns:
        `{"ok": True, "cancelled"}`: whether a send was still waiting.
    """
    task = _SENDING.get(request_id)
    if task is not None:
        task.cancel()
    return {"ok": True, "cancelled": task is not None}
