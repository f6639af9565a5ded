"""The transport interface, and the checks every outgoing request passes (`playground._checks`)."""

from __future__ import annotations

from .._checks import check_outgoing
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
