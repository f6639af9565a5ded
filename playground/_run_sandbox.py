"""Answer the HTTP requests of a Run from the sandbox: requests and urllib3, for that run only.

The reader's program is the plain `requests` program they copy into their own project. With the
sandbox target, a request to a documented API's real origin (each profile's `origin`, e.g.
`https://api.maiagent.ai`) is answered by the in-process sandbox, through the package's one request
path ([`Client`][playground.Client] with a [`SandboxTransport`][playground.SandboxTransport]), so
nothing leaves the browser; any other URL is refused with a message that says to choose a live
base URL.

- requests: a transport adapter, as requests-mock mounts one: every `Session` (the one
  `requests.get` makes too) gets it from `Session.get_adapter` for the run.
- urllib3 used directly: `HTTPConnectionPool.urlopen`, which `PoolManager`, `urllib3.request` and
  connection pools all go through, answers the same way.

requests and urllib3 are imported here, never at start-up: this module is imported by a Run only.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool

from ._client import Client
from ._messages import RUN_NOT_IN_SANDBOX
from ._models import LocalizedText, Request, Response
from ._profiles import PROFILES, ApiProfile
from ._transports import SandboxTransport

__all__ = ["SandboxAdapter", "answer", "refusal", "sandboxed"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> str:
    # Compared as scheme, host and port, so that https://API.maiagent.ai:443 is the same origin.
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return ""
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def _profile_for(url: str) -> ApiProfile | None:
    origin = _origin(url)
    return next((profile for profile in PROFILES.values() if _origin(profile.origin) == origin), None)


def refusal(url: str) -> LocalizedText:
    """The message for a URL the sandbox does not answer (it names the URL's origin only: a key
    the reader put in a query string is not repeated).

    Parameters:
        url: The URL the program asked for.

    Returns:
        The text in every language.
    """
    try:
        parts = urlsplit(url)
        shown = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}" if parts.netloc else url[:80]
    except ValueError:
        shown = url[:80]
    origins = ", ".join(profile.origin for profile in PROFILES.values())
    return RUN_NOT_IN_SANDBOX.format(origin=shown, origins=origins)


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        return _body_bytes(body.read())
    return b"".join(_body_bytes(part) for part in body)  # a generator of chunks (a streamed upload)


def answer(method: str, url: str, headers: Any, body: Any) -> Response:
    """The sandbox's answer to one request of the program, as `Send` gets it.

    Parameters:
        method: The HTTP method.
        url: The absolute URL; its origin must be a documented API's.
        headers: The headers (a mapping, or `(name, value)` pairs).
        body: The body: bytes, text, a file or an iterable of chunks.

    Returns:
        The sandbox's response.

    Raises:
        LookupError: The URL is not a documented API's (see `refusal` for the reader's message).
    """
    profile = _profile_for(url)
    if profile is None:
        raise LookupError(url)
    pairs = list(headers.items()) if hasattr(headers, "items") else list(headers or ())
    return Client(profile, None, transport=SandboxTransport()).send(Request(method, url, pairs, _body_bytes(body)))


def _urllib3_response(response: Response, method: str, url: str, **options: Any) -> urllib3.HTTPResponse:
    return urllib3.HTTPResponse(
        body=io.BytesIO(response.body),
        headers=urllib3.HTTPHeaderDict(response.headers.raw),
        status=response.status_code,
        reason=response.reason_phrase,
        request_method=method,
        request_url=url,
        **options,
    )


class SandboxAdapter(HTTPAdapter):
    """A requests transport adapter that answers from the sandbox and refuses other URLs.

    Parameters:
        lang: The language of the refusal (`"en"`, `"ja"` or `"zh-TW"`).
    """

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def send(self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any) -> requests.Response:
        """Answer `request` from the sandbox (timeouts, proxies and certificates do not apply).

        Parameters:
            request: The prepared request.
            stream: Whether the program reads the body as a stream.
            **kwargs: requests' other transport options.

        Returns:
            The response, built by requests from the sandbox's answer as from a network's.

        Raises:
            requests.ConnectionError: The URL is not a documented API's: nothing was sent.
        """
        url = request.url or ""
        try:
            sandbox = answer(request.method or "GET", url, request.headers, request.body)
        except LookupError:
            raise requests.ConnectionError(refusal(url).get(self.lang), request=request) from None
        raw = _urllib3_response(sandbox, request.method or "GET", url, preload_content=False, decode_content=False)
        return self.build_response(request, raw)


@contextlib.contextmanager
def _replaced(owner: type, name: str, value: Any) -> Iterator[None]:
    original = owner.__dict__[name]
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextlib.contextmanager
def sandboxed(lang: str = "en") -> Iterator[None]:
    """While inside, requests and urllib3 are answered by the sandbox (see the module's docs).

    Parameters:
        lang: The language of the refusal messages.
    """
    adapter = SandboxAdapter(lang)

    def get_adapter(session: requests.Session, url: str) -> HTTPAdapter:
        return adapter

    def urlopen(pool: HTTPConnectionPool, method: str, url: str, body: Any = None, headers: Any = None, **kw: Any):
        if url.startswith("/"):  # a pool is asked for paths on its own host
            port = "" if pool.port in (None, _DEFAULT_PORTS.get(pool.scheme)) else f":{pool.port}"
            url = f"{pool.scheme}://{pool.host}{port}{url}"
        try:
            response = answer(method, url, pool.headers if headers is None else headers, body)
        except LookupError:
            raise urllib3.exceptions.HTTPError(refusal(url).get(lang)) from None
        options = {name: kw[name] for name in ("preload_content", "decode_content") if name in kw}
        return _urllib3_response(response, method, url, **options)

    with _replaced(requests.Session, "get_adapter", get_adapter), _replaced(HTTPConnectionPool, "urlopen", urlopen):
        yield
