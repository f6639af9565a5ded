"""The transport interface, and the checks every outgoing request passes."""

from __future__ import annotations

from urllib.parse import urlsplit

from .._exceptions import InvalidRequestError
from .._models import Request, Response

__all__ = ["AsyncBaseTransport", "BaseTransport", "check_outgoing"]


class BaseTransport:
    """A synchronous transport: sends a request, returns the response."""

    def handle_request(self, request: Request) -> Response:
        """Send `request` and return the response (an HTTP error status is a normal response).

        Parameters:
            request: The request.

        Returns:
            The response.

        Raises:
            TransportError: No response was received.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Release resources; the default transport holds none."""


class AsyncBaseTransport:
    """An asynchronous transport, for backends that cannot block (the browser's `fetch`)."""

    async def handle_async_request(self, request: Request) -> Response:
        """Send `request` and return the response (an HTTP error status is a normal response).

        Parameters:
            request: The request.

        Returns:
            The response.

        Raises:
            TransportError: No response was received.
        """
        raise NotImplementedError

    async def aclose(self) -> None:
        """Release resources; the default transport holds none."""


def check_outgoing(request: Request) -> None:
    """Refuse a request that must not leave the machine.

    Only `http` and `https` URLs (urllib would also read `file:` URLs), and only header names
    and values made of visible ASCII and spaces: a line break in a header would split the request.

    Parameters:
        request: The request about to be sent.

    Raises:
        InvalidRequestError: The URL or a header is unsafe.
    """
    try:
        parts = urlsplit(request.url)
    except ValueError as exc:
        raise InvalidRequestError(f"invalid URL {request.url!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidRequestError(f"only absolute http:// and https:// URLs can be sent, not {request.url!r}")
    if any(ord(c) <= 0x20 or ord(c) >= 0x7F for c in request.url):
        raise InvalidRequestError("the URL contains spaces, control or non-ASCII characters; percent-encode them")
    for name, value in request.headers.raw:
        if not name or any(not ("!" <= c <= "~") or c == ":" for c in name):
            raise InvalidRequestError(f"invalid header name {name!r}")
        if any(not (" " <= c <= "~") for c in value):
            raise InvalidRequestError(f"the value of header {name!r} contains a line break, control or non-ASCII character")
