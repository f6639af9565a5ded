"""What the sandbox answers with: JSON bodies, the documented examples, generic errors, early answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._examples import get_example
from .._models import Headers, Response, json_bytes
from .._profiles import ApiProfile

__all__ = ["SANDBOX_NOW", "Reject", "error_response", "example_response", "json_response"]

SANDBOX_NOW = "2025-09-10T09:00:00+08:00"
"""The sandbox's frozen clock, so that every answer is reproducible."""


class Reject(Exception):
    """Raised inside a handler to answer early with `response`."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def json_response(status: int, data: Any, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response.

    Parameters:
        status: The status code.
        data: The body, JSON-ready.
        headers: Headers besides `Content-Type`.

    Returns:
        The response.
    """
    body = json_bytes(data)
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
    return json_response(example.status, example.json(), headers)


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
    return json_response(status, {profile.error_field if profile else "detail": message}, headers)
