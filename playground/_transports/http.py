"""The CPython transport, on `urllib.request` (no third-party dependency)."""

from __future__ import annotations

import time
from functools import cache
from typing import Any

from .._exceptions import ConnectError, NetworkError, ResponseTooLargeError, TimeoutException, TransportError
from .._models import Headers, Request, Response
from .base import BaseTransport, check_outgoing

__all__ = ["HTTPTransport"]


# urllib.request pulls in http.client and email (about half of the package's import time in
# Pyodide, where this transport is never used), so it is imported on first use, not with the package.
@cache
def _opener() -> Any:
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        # urllib would resend the Authorization header to wherever a redirect points;
        # the key must go only to the target the reader chose, so a 3xx is returned as is.
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            return None

    return urllib.request.build_opener(NoRedirect)


class HTTPTransport(BaseTransport):
    """Send requests over the network with `urllib.request`.

    Parameters:
        timeout: Seconds to wait for the connection and for each read.
        max_response_bytes: Responses larger than this raise `ResponseTooLargeError`.
    """

    def __init__(self, timeout: float = 10.0, max_response_bytes: int = 10 * 1024 * 1024) -> None:
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes

    def handle_request(self, request: Request) -> Response:
        """Send `request`; any HTTP status, including 4xx and 5xx, is a normal response.

        Parameters:
            request: The request.

        Returns:
            The response, with `elapsed` measured.

        Raises:
            InvalidRequestError: The URL or a header is unsafe to send.
            ConnectError: The host could not be reached.
            TimeoutException: No answer within `timeout`.
            NetworkError: The connection failed mid-way.
            ResponseTooLargeError: The body exceeded `max_response_bytes`.
        """
        import http.client
        import socket
        import urllib.error
        import urllib.request

        check_outgoing(request)
        outgoing = urllib.request.Request(
            request.url,
            data=request.body if request.body or request.method in ("POST", "PUT", "PATCH") else None,
            headers=dict(request.headers.raw),
            method=request.method,
        )
        start = time.perf_counter()
        # The one place where urllib's and socket's errors become the package's own.
        try:
            try:
                raw = _opener().open(outgoing, timeout=self.timeout)
            except urllib.error.HTTPError as error:
                raw = error
            with raw:
                status = raw.status if raw.status is not None else raw.code
                headers = Headers(list(raw.headers.items()))
                body = raw.read(self.max_response_bytes + 1)
        except TransportError:
            raise
        except TimeoutError as exc:
            raise TimeoutException(
                f"timed out after {self.timeout} s: {exc}", timeout=self.timeout, request=request
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise TimeoutException(
                    f"timed out after {self.timeout} s", timeout=self.timeout, request=request
                ) from exc
            raise ConnectError(f"could not connect: {exc.reason}", request=request) from exc
        except (http.client.HTTPException, OSError) as exc:
            raise NetworkError(f"connection failed: {exc!r}", request=request) from exc
        if len(body) > self.max_response_bytes:
            raise ResponseTooLargeError(f"response larger than {self.max_response_bytes} bytes", request=request)
        return Response(status, headers, body, elapsed=time.perf_counter() - start)
