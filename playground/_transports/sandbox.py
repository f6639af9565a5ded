"""The in-process transport: the sandbox answers without any network."""

from __future__ import annotations

import time

from .._models import Request, Response
from .._sandbox import handle
from .base import AsyncBaseTransport, BaseTransport

__all__ = ["SandboxTransport"]


class SandboxTransport(BaseTransport, AsyncBaseTransport):
    """Send requests to the in-process sandbox; works offline, in CPython and in Pyodide.

    Requests to the real APIs' URLs (`https://api.maiagent.ai/...`) or to a sandbox server's
    paths (`.../sandbox/maiagent/...`) are answered as the documentation says.
    """

    def handle_request(self, request: Request) -> Response:
        """Answer `request` with the sandbox.

        Parameters:
            request: The request.

        Returns:
            The sandbox's response, with `elapsed` measured.
        """
        start = time.perf_counter()
        response = handle(request)
        response.elapsed = time.perf_counter() - start
        return response

    async def handle_async_request(self, request: Request) -> Response:
        """Answer `request` with the sandbox (the same as `handle_request`, for async callers).

        Parameters:
            request: The request.

        Returns:
            The sandbox's response.
        """
        return self.handle_request(request)
