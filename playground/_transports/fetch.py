"""The Pyodide transport, on the browser's `fetch` through `pyodide.http.pyfetch`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from .._exceptions import NetworkError, RedirectError, ResponseTooLargeError, TimeoutException
from .._models import Headers, Request, Response
from .base import AsyncBaseTransport, check_outgoing

__all__ = ["FetchTransport"]


class FetchTransport(AsyncBaseTransport):
    """Send requests with the browser's `fetch` (asynchronous: a browser cannot block).

    Parameters:
        timeout: Seconds to wait for the whole response.
        max_response_bytes: Responses larger than this raise `ResponseTooLargeError`.
        pyfetch: The fetch function; `pyodide.http.pyfetch` by default, imported on first use so
            that the package imports in CPython too (tests pass a fake).
    """

    def __init__(
        self,
        timeout: float = 10.0,
        max_response_bytes: int = 10 * 1024 * 1024,
        pyfetch: Callable[..., Any] | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        self._pyfetch = pyfetch

    def _fetch_function(self) -> Callable[..., Any]:
        if self._pyfetch is None:
            from pyodide.http import pyfetch  # only exists inside Pyodide

            self._pyfetch = pyfetch
        return self._pyfetch

    async def handle_async_request(self, request: Request) -> Response:
        """Send `request` with `fetch`; any HTTP status is a normal response.

        Parameters:
            request: The request.

        Returns:
            The response, with `elapsed` measured.

        Raises:
            InvalidRequestError: The URL or a header is unsafe to send.
            TimeoutException: No complete answer within `timeout`.
            RedirectError: The target answered with a redirect, which is not followed.
            NetworkError: `fetch` failed: offline, DNS or CORS (browsers do not say which, by design).
            ResponseTooLargeError: The body exceeded `max_response_bytes`.
        """
        check_outgoing(request)
        pyfetch = self._fetch_function()
        options: dict[str, Any] = {
            "method": request.method,
            "headers": dict(request.headers.raw),
            # Never send the site's cookies, never cache, never follow a redirect with the key
            # ("manual": a redirect comes back as an opaque answer, so it can be named as such).
            "credentials": "omit",
            "cache": "no-store",
            "redirect": "manual",
        }
        if request.body:
            # Text crosses into JavaScript as a plain string; only binary needs a byte array.
            try:
                options["body"] = request.body.decode("utf-8")
            except UnicodeDecodeError:
                options["body"] = request.body
        start = time.perf_counter()
        try:
            response, body = await asyncio.wait_for(self._exchange(pyfetch, request.url, options), self.timeout)
        except TimeoutError as exc:
            raise TimeoutException(f"timed out after {self.timeout} s", timeout=self.timeout, request=request) from exc
        except (ResponseTooLargeError, RedirectError) as exc:
            exc.request = request  # raised where the request is not at hand
            raise
        except Exception as exc:  # pyfetch raises OSError or JavaScript errors, depending on the version
            raise NetworkError(f"fetch failed: {exc}", request=request) from exc
        return Response(
            int(response.status), Headers(dict(response.headers)), body, elapsed=time.perf_counter() - start
        )

    async def _exchange(self, pyfetch: Callable[..., Any], url: str, options: dict[str, Any]) -> tuple[Any, bytes]:
        response = await pyfetch(url, **options)
        if getattr(response, "type", "") == "opaqueredirect":
            raise RedirectError("the target answered with a redirect, which is not followed")
        declared = response.headers.get("content-length") if hasattr(response.headers, "get") else None
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            if hasattr(response, "abort"):
                response.abort()  # stop the download, and free the connection, instead of leaving it unread
            raise ResponseTooLargeError(f"response larger than {self.max_response_bytes} bytes")
        return response, await self._read_body(response)

    async def _read_body(self, response: Any) -> bytes:
        # Read chunk by chunk and stop at the limit: a small compressed answer can unpack to
        # gigabytes (a gzip bomb), which response.bytes() would have held in memory whole, and
        # which outlasted the time limit before its size could be checked.
        stream = getattr(getattr(response, "js_response", None), "body", None)
        if stream is None:  # no body, or a fetch stand-in without streams
            body = bytes(await response.bytes())
            if len(body) > self.max_response_bytes:
                raise ResponseTooLargeError(f"response larger than {self.max_response_bytes} bytes")
            return body
        reader = stream.getReader()
        chunks: list[bytes] = []
        size = 0
        while True:
            part = await reader.read()
            if part.done:
                return b"".join(chunks)
            chunk = part.value.to_bytes()
            size += len(chunk)
            if size > self.max_response_bytes:
                reader.cancel()
                raise ResponseTooLargeError(f"response larger than {self.max_response_bytes} bytes")
            chunks.append(chunk)
