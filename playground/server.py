"""The sandbox server: the built site and the sandbox API on one origin.

An adapter (it may use Starlette and uvicorn; the core may not). Each HTTP request under
`/sandbox/<api id>/` becomes a core [`Request`][playground.Request], the pure sandbox answers it,
and the answer goes back unchanged. Everything else is a file of the built site.

Run it with:

    python -m playground.server --site site --host 127.0.0.1 --port 8000

It is safe to leave running where others can reach it (a shared mock server): it answers only to
the names it is meant to have (localhost, IP addresses, `--host`, `--public-host`: a DNS-rebinding
page gets 400), every redirect is relative, a request target longer than 2 KB gets 414, the request
line and headers must arrive within `--header-timeout` seconds, at most `--max-connections`
connections are open at once, the sandbox answers a large body in a thread pool so that it does
not hold up the others, and `X-Forwarded-*` headers count only from a `--trusted-proxy`.
"""

from __future__ import annotations

import argparse
import asyncio
import http
import ipaddress
import json
import mimetypes
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers as HTTPHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, PlainTextResponse
from starlette.responses import Response as HTTPResponse
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._csp import response_headers, site_policy
from ._models import Headers, Request, Response
from ._openapi import openapi_document
from ._sandbox import MAX_BODY_BYTES, MAX_TARGET_BYTES, answers_at_origin_root, handle, payload_too_large, resolve_api
from ._sandbox.responses import error_response

__all__ = [
    "HEADER_TIMEOUT",
    "INLINE_BODY_BYTES",
    "MAX_CONNECTIONS",
    "MAX_TARGET_BYTES",
    "OPENAPI_PATH",
    "SandboxApp",
    "create_app",
    "main",
]

OPENAPI_PATH = "/sandbox/openapi.json"
HEADER_TIMEOUT = 10.0
"""Seconds a connection may take to send a request's line and headers, counted from the connection
or from the request's first byte (a slow sender is cut off, however often it sends a byte)."""
INLINE_BODY_BYTES = 8 * 1024
"""The sandbox answers a request with a larger body in a thread, off the event loop."""
MAX_CONNECTIONS = 512
"""Open connections beyond this get 503 and are closed (a file descriptor each, far below the
usual limit of 1,024)."""
# Pyodide's files must have these types: browsers refuse to compile wasm served as anything else.
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")
_HOST = re.compile(r"^(?P<name>[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
# The security headers every response gets are added around the whole app (_SiteHeaders).
_EXTRA_HEADERS = (("cache-control", "no-store"),)
# Messages end without a full stop: `_refusal` adds one where the API's messages have one.
_HOST_REFUSED = (
    "This server answers only to localhost, IP addresses and the names it was started with "
    "(--host, --public-host), and the Host header names another: to serve it under that name, "
    "start it with --public-host NAME"
)
_TARGET_TOO_LONG = f"Request target is too long (limit {MAX_TARGET_BYTES} bytes)"
_LINGER_SECONDS = 1.0
# The build's precompressed copies of a file X (scripts/precompress.py): each Content-Encoding and
# its copy's suffix, the preferred first (brotli's are the smaller).
_ENCODED_COPIES = (("br", ".br"), ("gzip", ".gz"))


class _Hosts:
    """The names this server answers to, whatever the port: `localhost`, any IP address, and the
    names it is given. A DNS-rebinding page reaches the server under the page's own name, which is
    none of these; an IP address cannot be rebound. The same rule as Vite's `server.allowedHosts`
    (vitejs/vite, docs/config/server-options.md)."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = frozenset(name.lower() for name in names)

    def accepts(self, host: str) -> bool:
        match = _HOST.match(host)
        if match is None:
            return False
        name = match["name"].lower()
        if name == "localhost" or name in self.names:
            return True
        try:
            address = ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
        except ValueError:
            return False
        return name.startswith("[") == (address.version == 6)


class SandboxApp:
    """A raw ASGI app that answers every request with the pure sandbox (and serves the OpenAPI document).

    Parameters:
        max_body_bytes: Bodies larger than this get 413; a larger `Content-Length` is refused
            before reading, and a chunked body stops being read once it passes the limit.
        public_hosts: Names besides `localhost` and IP addresses that links (pagination) may
            name when a request's Host does.
    """

    def __init__(self, max_body_bytes: int = MAX_BODY_BYTES, public_hosts: Iterable[str] = ()) -> None:
        self.max_body_bytes = max_body_bytes
        self.hosts = _Hosts(public_hosts)
        self._openapi = json.dumps(openapi_document(), ensure_ascii=False).encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1003})
            return
        request = _core_request(scope, self.hosts)
        head = request.method == "HEAD"
        if head:
            # HEAD is GET without the content (RFC 9110, 9.3.2): the sandbox answers GET, so that
            # Content-Length is GET's; `_send` drops the body.
            request.method = "GET"
        if scope["path"] == OPENAPI_PATH:
            if request.method == "GET":
                response = Response(200, Headers({"Content-Type": "application/json"}), self._openapi)
            else:
                response = Response(
                    405,
                    Headers({"Content-Type": "application/json", "Allow": "GET, HEAD"}),
                    b'{"detail": "Method not allowed."}',
                )
            await _send(send, response, head)
            return
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _send(send, payload_too_large(request), head)
            return
        body = await _read_body(receive, self.max_body_bytes)
        if body is None:
            await _send(send, payload_too_large(request), head)
            return
        request.body = body
        # A large body can take long to answer (1 MB of 349,000 bad items took 0.65 s): it is
        # answered in the thread pool, so that it does not hold up other clients. A small one
        # (a few ms at most) is answered on the event loop, several times faster than a thread.
        if len(body) > INLINE_BODY_BYTES:
            response = await run_in_threadpool(handle, request)
        else:
            response = handle(request)
        await _send(send, response, head)


def _core_request(scope: Scope, hosts: _Hosts) -> Request:
    headers = Headers([(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", [])])
    host = _link_host(headers.get("host", ""), scope.get("server") or ("localhost", None), hosts)
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
    query = scope.get("query_string", b"").decode("latin-1")
    url = f"{scope.get('scheme', 'http')}://{host}{path}" + (f"?{query}" if query else "")
    return Request(scope["method"], url, headers)


def _link_host(host: str, server: Sequence[Any], hosts: _Hosts) -> str:
    """The host that pagination links name: the request's Host when it is a name this server answers
    to (any port, so that an SSH or container port forward still gets working links), else the
    server's own address."""
    own = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
    if hosts.accepts(host):
        return host
    return f"{own}:{server[1]}" if server[1] else own


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _send(send: Send, response: Response, head: bool) -> None:
    body = b"" if head else response.body
    headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers.raw]
    headers += [(k.encode(), v.encode()) for k, v in _EXTRA_HEADERS]
    headers.append((b"content-length", str(len(response.body)).encode()))
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _SiteHeaders:
    # Every response carries the site's policy and security headers (`_csp.response_headers`); on
    # the sandbox's JSON the policy is harmless and nosniff keeps it from being read as HTML.
    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (name.lower().encode(), value.encode("latin-1")) for name, value in response_headers(policy).items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_policy)


class _SandboxFirst:
    # Routes /sandbox/... by the decoded path's prefix, before Starlette's router (whose default
    # is the site): no route regex that a line break could slip past. So are the few paths a real
    # service answers at its origin's root (/__blocklet__.js, where the AIGNE Hub SDK looks for the Hub).
    def __init__(self, app: ASGIApp, sandbox: ASGIApp) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and (
            scope["path"].startswith("/sandbox/") or answers_at_origin_root(scope["path"])
        ):
            await self.sandbox(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class _Admission:
    # Refuses, before any page or route sees it, a request target longer than MAX_TARGET_BYTES
    # (414) and a Host this server does not answer to (400: the DNS-rebinding defence).
    def __init__(self, app: ASGIApp, hosts: _Hosts) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        target = len(scope.get("raw_path") or quote(scope["path"]).encode()) + len(scope.get("query_string", b""))
        # A request without Host (HTTP/1.0) cannot be a browser's; more than one is a 400 (RFC 9112, 3.2).
        named = [value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"host"]
        if target > MAX_TARGET_BYTES:
            refusal = _refusal(scope, self.hosts, 414, _TARGET_TOO_LONG)
        elif len(named) > 1 or not all(self.hosts.accepts(host) for host in named):
            refusal = _refusal(scope, self.hosts, 400, _HOST_REFUSED)
        else:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await _send(send, refusal, scope["method"] == "HEAD")


def _refusal(scope: Scope, hosts: _Hosts, status: int, message: str) -> Response:
    """The server's own refusal: under /sandbox/ in the shape of the API's errors (as its 413),
    elsewhere as plain text."""
    if scope["path"].startswith("/sandbox/"):
        profile = resolve_api(_core_request(scope, hosts))[0]
        # As the sandbox's own messages: DRF's (MaiAgent) end with a full stop, Joi's (AIGNE Hub) do not.
        suffix = "." if profile is None or profile.error_field == "detail" else ""
        return error_response(profile, status, message + suffix)
    return Response(status, Headers({"Content-Type": "text/plain; charset=utf-8"}), (message + ".\n").encode())


def _accepted_encodings(header: str) -> dict[str, float]:
    """The content codings an Accept-Encoding header names, lowercased, with their q-values
    (RFC 9110, 12.5.3: 1 unless given; 0 means "not this one")."""
    weights: dict[str, float] = {}
    for item in header.split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    if "x-gzip" in weights:  # the same coding (RFC 9110, 8.4.1.3)
        weights.setdefault("gzip", weights["x-gzip"])
    return weights


def _chosen_encoding(header: str, available: Sequence[str]) -> str | None:
    """Of the codings `available` (the preferred first), the one the client weighs most, or None
    if it accepts none of them: one it does not name counts as "*" does, or as not accepted."""
    weights = _accepted_encodings(header)
    chosen, best = None, 0.0
    for coding in available:
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > best:  # a tie keeps the preferred one
            chosen, best = coding, weight
    return chosen


class _SiteFiles(StaticFiles):
    """The built site. A missing page gets the 404.html of its language: under /ja/ the Japanese
    one, elsewhere the site's. Only the language roots' pages are tried, so a miss costs the same
    however deep its path.

    A file X the build precompressed (``X.br``, ``X.gz`` beside it) is sent as the copy the request's
    Accept-Encoding prefers, with X's type and `Content-Encoding`, as nginx's ``brotli_static`` and
    ``gzip_static`` send it (scripts/nginx_config.py); its ETag names the coding, and every response
    for X says `Vary: Accept-Encoding`. A Range request gets X itself: its ranges are X's bytes.
    A request for ``X.gz`` itself gets that file, as it is."""

    def __init__(self, *, directory: str, html: bool) -> None:
        super().__init__(directory=directory, html=html)
        # The language roots: the top folders with a 404 page of their own (each language's build).
        with os.scandir(directory) as entries:
            self.languages = frozenset(
                entry.name
                for entry in entries
                if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "404.html"))
            )

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        # One stat finds a file missing, however deep its path; Starlette's realpath would lstat
        # every segment first. A file that exists still goes through its checks.
        try:
            os.stat(os.path.join(str(self.directory), path))
        except (FileNotFoundError, NotADirectoryError):
            return "", None
        return super().lookup_path(path)

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> HTTPResponse:
        request_headers = HTTPHeaders(scope=scope)
        copies = {}  # coding: (path, stat) of each copy beside the file
        for coding, suffix in _ENCODED_COPIES:
            copy = f"{os.fspath(full_path)}{suffix}"
            try:
                found = os.stat(copy)
            except OSError:
                continue
            if stat.S_ISREG(found.st_mode):
                copies[coding] = (copy, found)
        coding = None
        if copies and "range" not in request_headers:
            coding = _chosen_encoding(request_headers.get("accept-encoding", ""), list(copies))
        if coding is None:
            response = FileResponse(full_path, status_code=status_code, stat_result=stat_result)
        else:
            copy, found = copies[coding]
            # X's type (FileResponse would name the copy's: application/octet-stream for a .snapshot.br).
            media_type = mimetypes.guess_type(os.fspath(full_path))[0] or "application/octet-stream"
            response = FileResponse(copy, status_code=status_code, stat_result=found, media_type=media_type)
            response.headers["content-encoding"] = coding
            response.headers["etag"] = response.headers["etag"].removesuffix('"') + f'-{coding}"'
            del response.headers["accept-ranges"]  # ranges are served of X only
        if copies:
            response.headers["vary"] = "Accept-Encoding"
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response

    async def get_response(self, path: str, scope: Scope) -> HTTPResponse:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            # Starlette raises a bare 404 for a path no file can have (a NUL, a name too long).
            if exc.status_code != 404:
                raise
            response = None
        if response is not None and "location" in response.headers:
            # Starlette's redirect of a folder to its slash URL names the Host header's host
            # (URL(scope=scope)); a relative one names none. `path` is normalised, so it cannot
            # start with "//" (another host) nor hold "..".
            query = scope.get("query_string", b"").decode("latin-1")
            response.headers["location"] = quote("/" + path.replace(os.sep, "/") + "/") + (f"?{query}" if query else "")
        if response is None or response.status_code == 404:
            # Starlette has tried the site's 404.html already: a language's is the only other one.
            language = path.split(os.sep, 1)[0]
            if response is None or language in self.languages:
                page = os.path.join(language, "404.html") if language in self.languages else "404.html"
                try:
                    full_path, found = await run_in_threadpool(self.lookup_path, page)
                except (OSError, ValueError):
                    found = None
                if found is not None and stat.S_ISREG(found.st_mode):
                    return FileResponse(full_path, status_code=404, stat_result=found)
        if response is None:
            raise HTTPException(status_code=404)
        return response


def _missing_site(site: str) -> Any:
    message = f"The site directory {site!r} does not exist: build the site first. The sandbox API is at /sandbox/.\n"

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await PlainTextResponse(message, status_code=404)(scope, receive, send)

    return app


def create_app(
    site: str | os.PathLike[str] = "site", max_body_bytes: int = MAX_BODY_BYTES, public_hosts: Iterable[str] = ()
) -> Starlette:
    """Create the ASGI app: the sandbox API under `/sandbox/`, the built site everywhere else.

    Every response carries the site's Content Security Policy (`playground._csp.site_policy`) and
    security headers, the same ones the build writes into the static site's `_headers` file.

    Parameters:
        site: The built static site (`index.html` files are served for directories).
        max_body_bytes: The request body limit of the sandbox API.
        public_hosts: The names besides `localhost` and IP addresses that a request's Host may
            give (any other gets 400).

    Returns:
        The Starlette app.
    """
    site = os.fspath(site)
    public_hosts = tuple(public_hosts)
    api = CORSMiddleware(
        SandboxApp(max_body_bytes, public_hosts),
        # Any origin may call the sandbox: a copy of the site on another host must work too. Any
        # header a preflight asks for is allowed, as AIGNE Hub's `cors()` does (AIGNE-io/aigne-hub@4fd9f0f
        # blocklets/core/api/src/index.ts L42; the cors package reflects Access-Control-Request-Headers):
        # the OpenAI SDK's x-stainless-*, the AIGNE Hub SDK's x-aigne-hub-client-did. No credentials.
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["WWW-Authenticate", "Allow", "Content-Length", "Content-Type"],
        max_age=600,
    )
    app = Starlette(
        middleware=[
            Middleware(_SiteHeaders, policy=site_policy(site)),
            Middleware(_Admission, hosts=_Hosts(public_hosts)),
            Middleware(_SandboxFirst, sandbox=api),
        ]
    )
    # The site is the router's default, not a Mount("/"): a Mount's regex stops at a line break,
    # and `/%0a...` would get the router's bare "Not Found" instead of the site's 404 page.
    app.router.default = _SiteFiles(directory=site, html=True) if os.path.isdir(site) else _missing_site(site)
    return app


class _Config(uvicorn.Config):
    def __init__(self, app: Any, *, header_timeout: float, max_connections: int, **kwargs: Any) -> None:
        super().__init__(app, http=_BoundedH11Protocol, **kwargs)
        self.header_timeout = header_timeout
        self.max_connections = max_connections


class _BoundedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 connection with the bounds it lacks (it has a keep-alive timeout, none for
    reading a request's head, and `limit_concurrency` counts requests, not open connections): a
    connection beyond `max_connections` gets 503, and the request line and headers must arrive
    within `header_timeout` seconds. A head too long to parse gets 414 or 431 rather than 400."""

    def __init__(self, config: _Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout = config.header_timeout
        self.max_connections = config.max_connections
        self.head_timer: asyncio.TimerHandle | None = None
        self.head_started = False  # a byte of the awaited request has arrived
        self.refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self._refuse(503, "Too many open connections: try again shortly.")
        else:
            self.head_timer = self.loop.call_later(self.header_timeout, self._head_too_late)

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            # The awaited request's head is incomplete: its deadline runs from its first byte
            # (or from the connection), and more bytes do not move it.
            self.head_started = True
            if self.head_timer is None:
                self.head_timer = self.loop.call_later(self.header_timeout, self._head_too_late)
        else:
            self._stop_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        # h11 gives up on a head that outgrows its buffer (16 KB) before the blank line that ends
        # it, so before the app could see the target.
        buffered, _ = self.conn.trailing_data
        if len(buffered.split(b"\n", 1)[0]) > MAX_TARGET_BYTES:
            self._refuse(414, _TARGET_TOO_LONG + ".")
        elif not re.search(rb"\n\r?\n", buffered):
            self._refuse(431, "Request header fields are too large.")
        else:
            super().send_400_response(msg)

    def _stop_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None
        self.head_started = False

    def _head_too_late(self) -> None:
        self.head_timer = None
        if self.conn.their_state is not h11.IDLE or self.transport.is_closing():
            return
        if self.head_started:
            self._refuse(408, f"The request line and headers must arrive within {self.header_timeout:g} seconds.")
        else:
            # Nothing was sent: a browser's spare connection, closed quietly.
            self.transport.close()

    def _refuse(self, status: int, message: str) -> None:
        # Written as bytes: h11 sends a response only after a complete request.
        self.refused = True
        self._stop_head_timer()
        body = (message + "\n").encode()
        head = (
            f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}\r\n"
            "content-type: text/plain; charset=utf-8\r\n"
            "x-content-type-options: nosniff\r\n"
            f"content-length: {len(body)}\r\n"
            "connection: close\r\n\r\n"
        )
        self.transport.write(head.encode("ascii") + body)
        # Half-close and drop what the client still sends for a moment: closing at once would
        # reset the connection, and the client could lose the answer before reading it.
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(_LINGER_SECONDS, self.transport.close)


class _Server(uvicorn.Server):
    async def startup(self, sockets: list[Any] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers:
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            shown = f"[{host}]" if ":" in host else host
            print(f"Serving the site and the sandbox API at http://{shown}:{port}/", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the server until interrupted.

    Parameters:
        argv: Command-line arguments (`--site`, `--host`, `--port`, `--public-host`,
            `--trusted-proxy`, `--header-timeout`, `--max-connections`); `sys.argv[1:]` by default.
    """
    parser = argparse.ArgumentParser(
        prog="python -m playground.server", description="Serve the built site and the sandbox API on one origin."
    )
    parser.add_argument("--site", default="site", help="the built site directory (default: site)")
    parser.add_argument("--host", default="127.0.0.1", help="the interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="the port; 0 picks a free one (default: 8000)")
    parser.add_argument(
        "--public-host",
        action="append",
        default=[],
        type=_host_name,
        metavar="NAME",
        help="a name the server is reached under, besides localhost, IP addresses and --host "
        "(repeatable); a request whose Host header names another gets 400",
    )
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy's address or network whose X-Forwarded-Proto and X-Forwarded-For are "
        "believed (repeatable; by default no one's are)",
    )
    parser.add_argument(
        "--header-timeout",
        type=_positive(float),
        default=HEADER_TIMEOUT,
        metavar="SECONDS",
        help=f"the time a request's line and headers may take to arrive (default: {HEADER_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-connections",
        type=_positive(int),
        default=MAX_CONNECTIONS,
        metavar="N",
        help=f"open connections beyond this get 503 (default: {MAX_CONNECTIONS})",
    )
    args = parser.parse_args(argv)
    if not os.path.isdir(args.site):
        print(f"warning: {args.site!r} does not exist; only the sandbox API will be served", file=sys.stderr)
    names = [*args.public_host, args.host.lower()]
    config = _Config(
        create_app(args.site, public_hosts=names),
        host=args.host,
        port=args.port,
        log_level="warning",
        # uvicorn believes X-Forwarded-* from 127.0.0.1 unless told otherwise: here only a named proxy's.
        proxy_headers=bool(args.trusted_proxy),
        forwarded_allow_ips=args.trusted_proxy or None,
        header_timeout=args.header_timeout,
        max_connections=args.max_connections,
    )
    _Server(config).run()


def _host_name(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._-]+", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a host name (no scheme, port or path)")
    return value.lower()


def _positive(kind: type[float] | type[int]) -> Any:
    def parse(value: str) -> float | int:
        number = kind(value)
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} is not above 0")
        return number

    parse.__name__ = kind.__name__  # argparse names the type in its error message
    return parse


if __name__ == "__main__":
    main()
