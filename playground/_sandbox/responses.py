"""What the sandbox answers with: JSON bodies, the documented examples, generic errors, early answers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .._examples import get_example
from .._models import Headers, Response, json_bytes
from .._profiles import ApiProfile, get_profile

__all__ = [
    "SANDBOX_NOW",
    "Reject",
    "compact_json",
    "error_response",
    "event_stream_response",
    "example_response",
    "json_response",
]

SANDBOX_NOW = "2025-09-10T09:00:00+08:00"
"""The sandbox's frozen clock, so that every answer is reproducible."""


class Reject(Exception):
    """Raised inside a handler to answer early with `response`."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def compact_json(data: Any) -> str:
    """JSON without spaces, as Node.js's `JSON.stringify` writes it.

    Parameters:
        data: Any JSON-serializable value.

    Returns:
        The JSON text; characters UTF-8 cannot carry (lone surrogates) escaped, as `json_bytes` does.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":"))
    return text


def _compact_bytes(data: Any) -> bytes:
    return compact_json(data).encode("utf-8")


def json_response(
    status: int, data: Any, headers: Mapping[str, str] | None = None, *, compact: bool = False
) -> Response:
    """A JSON response.

    Parameters:
        status: The status code.
        data: The body, JSON-ready.
        headers: Headers besides `Content-Type`.
        compact: Write it without spaces, as its API's server does (`ApiProfile.compact_json`).

    Returns:
        The response.
    """
    body = _compact_bytes(data) if compact else json_bytes(data)
    pairs = [("Content-Type", "application/json")] + list((headers or {}).items())
    return Response(status, Headers(pairs), body)


def example_response(example_id: str, headers: Mapping[str, str] | None = None) -> Response:
    """The response of a documented example: its status and its body.

    Parameters:
        example_id: The example's id.
        headers: Headers besides `Content-Type`.

    Returns:
        The response.
    """
    example = get_example(example_id)
    return json_response(example.status, example.json(), headers, compact=get_profile(example.api).compact_json)


def error_response(
    profile: ApiProfile | None, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """A generic error in the API's shape (`{"detail": ...}` or `{"error": ...}`).

    Parameters:
        profile: The API, or `None` when no API matched (`detail`, as the server's own errors).
        status: The status code.
        message: The message.
        headers: Headers besides `Content-Type`.

    Returns:
        The response.
    """
    field = profile.error_field if profile else "detail"
    return json_response(status, {field: message}, headers, compact=profile is not None and profile.compact_json)


def event_stream_response(events: Iterable[str]) -> Response:
    """A stream of Server-Sent Events, whole in one body: a client reads it event by event all the same.

    Parameters:
        events: Each event's `data`, as text (`compact_json(...)`, or OpenAI's `[DONE]`).

    Returns:
        The `200` response, `Content-Type: text/event-stream`.
    """
    body = "".join(f"data: {event}\n\n" for event in events).encode("utf-8")
    return Response(200, Headers({"Content-Type": "text/event-stream"}), body)
