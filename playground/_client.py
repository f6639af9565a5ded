"""A small client: the auth header from a key, sent as given, through any transport.

Every request takes one path, as in httpx: `build_request` (the auth header, the checked path and
base URL), then `send` or `asend` (the transport; a failure carries the request that failed).
"""

from __future__ import annotations

from typing import Any

from ._auth import AuthHeader, build_auth_header
from ._checks import check_path, check_target
from ._exceptions import InvalidRequestError, PlaygroundError
from ._models import Headers, HeadersInput, Request, Response, json_bytes
from ._profiles import ApiProfile, get_profile
from ._transports.base import AsyncBaseTransport, BaseTransport
from ._transports.sandbox import SandboxTransport

__all__ = ["Client"]


class Client:
    """Send requests to one API with a key, through the sandbox (default) or a real transport.

    Parameters:
        api: The API, as a profile or its id (`"maiagent"`, `"aigne-hub"`).
        key: The key. It is sent exactly as given, after the API's scheme
            (`Authorization: Api-Key <key>`), as the playground's Send does: a pasted `Bearer …` or
            `.env` line is not corrected, so the answer is the real API's answer to it.
            `client.auth` holds the diagnosis ([`build_auth_header`][playground.build_auth_header]):
            its findings say what is wrong, and `client.auth.key` is the cleaned key.
        transport: Where requests go; [`SandboxTransport`][playground.SandboxTransport] by default.
        base_url: The target's origin, e.g. `http://127.0.0.1:8000/sandbox/maiagent`; the API's
            documented origin by default. The documented base URL (`https://api.maiagent.ai/api/v1/`)
            works too: its base path is not repeated before an absolute path. It is checked with
            each request (see `build_request`).

    Examples:
        >>> client = Client("maiagent", "demo1234abcd5678")
        >>> client.get("/api/v1/chatbots/").status_code
        200
    """

    def __init__(
        self,
        api: str | ApiProfile,
        key: str | None,
        transport: BaseTransport | AsyncBaseTransport | None = None,
        base_url: str | None = None,
    ) -> None:
        self.profile = get_profile(api)
        self.auth: AuthHeader = build_auth_header(self.profile, key)
        self.transport = transport if transport is not None else SandboxTransport()
        # Checked as given: without its trailing slash, "/" would read as empty.
        self._given_base_url = self.profile.origin if base_url is None else base_url
        self.base_url = self._given_base_url.rstrip("/")

    def build_request(self, method: str, path: str, *, json: Any = None, headers: HeadersInput = None) -> Request:
        """Build the request that `request()` would send.

        Parameters:
            method: The HTTP method.
            path: An absolute path (`/api/v1/chatbots/`), or one relative to the API's base path
                (`chatbots/`). A relative path that already starts with the base path
                (`api/v1/chatbots/`) is taken as absolute, not prefixed twice.
            json: A JSON body, or `None` for none.
            headers: Extra headers; they override the defaults.

        Returns:
            The request.

        Raises:
            InvalidRequestError: The path or the base URL cannot be sent (an `InvalidPathError` or
                an `InvalidURLError`, whose `code` names the problem), or the key has a character no
                HTTP header can carry (code `header_characters`; `client.auth.findings` say which).
        """
        check_path(path)
        check_target(self._given_base_url, example=self.profile.live_base_url)
        if not self.auth.sendable:
            raise InvalidRequestError(
                "the key contains a line break, control or non-ASCII character", code="header_characters"
            )
        if not path.startswith("/"):
            base = self.profile.base_path
            path = "/" + path if path.startswith(base.lstrip("/")) else base + path
        built = Headers({"Accept": "application/json", **self.auth.headers()})
        body = b""
        if json is not None:
            built.set("Content-Type", "application/json")
            body = json_bytes(json)
        for name, value in Headers(headers).raw:
            built.set(name, value)
        # The pages give the API's base URL with its base path (…/api/v1/) and each endpoint as an
        # absolute path (/api/v1/chatbots/): joined as they are, they asked for /api/v1/api/v1/….
        base_url, base_path = self.base_url, self.profile.base_path
        if path.startswith(base_path) and base_url.endswith(base_path.rstrip("/")):
            base_url = base_url.removesuffix(base_path.rstrip("/"))
        return Request(method, base_url + path, built, body)

    def send(self, request: Request) -> Response:
        """Send a built request through a synchronous transport.

        Parameters:
            request: The request (see `build_request`).

        Returns:
            The response.

        Raises:
            TransportError: No response was received (the exception's `request` is this request).
            InvalidRequestError: The transport refused to send it.
        """
        if not isinstance(self.transport, BaseTransport):
            raise TypeError("this transport is asynchronous: use `await client.arequest(...)` (or `asend`)")
        try:
            return self.transport.handle_request(request)
        except PlaygroundError as exc:
            if exc.request is None:
                exc.request = request
            raise

    async def asend(self, request: Request) -> Response:
        """Send a built request through an asynchronous transport (or a synchronous one).

        Parameters:
            request: The request (see `build_request`).

        Returns:
            The response.

        Raises:
            TransportError: No response was received (the exception's `request` is this request).
            InvalidRequestError: The transport refused to send it.
        """
        try:
            if isinstance(self.transport, AsyncBaseTransport):
                return await self.transport.handle_async_request(request)
            return self.transport.handle_request(request)
        except PlaygroundError as exc:
            if exc.request is None:
                exc.request = request
            raise

    def request(self, method: str, path: str, *, json: Any = None, headers: HeadersInput = None) -> Response:
        """Build a request and send it through a synchronous transport.

        Parameters:
            method: The HTTP method.
            path: The path (see `build_request`).
            json: A JSON body, or `None`.
            headers: Extra headers.

        Returns:
            The response.
        """
        return self.send(self.build_request(method, path, json=json, headers=headers))

    async def arequest(self, method: str, path: str, *, json: Any = None, headers: HeadersInput = None) -> Response:
        """Build a request and send it through an asynchronous transport (or a synchronous one).

        Parameters:
            method: The HTTP method.
            path: The path (see `build_request`).
            json: A JSON body, or `None`.
            headers: Extra headers.

        Returns:
            The response.
        """
        return await self.asend(self.build_request(method, path, json=json, headers=headers))

    def get(self, path: str, *, headers: HeadersInput = None) -> Response:
        """Send a `GET` (see `request`)."""
        return self.request("GET", path, headers=headers)

    def post(self, path: str, *, json: Any = None, headers: HeadersInput = None) -> Response:
        """Send a `POST` (see `request`)."""
        return self.request("POST", path, json=json, headers=headers)
