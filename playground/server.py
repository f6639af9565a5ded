"""The sandbox server: the built site and the sandbox API on one origin.

An adapter (it may use Starlette and uvicorn; the core may not). Each HTTP request under
`/sandbox/<api id>/` becomes a core [`Request`][playground.Request], the pure sandbox answers it,
and the answer goes back unchanged. Everything else is a file of the built site.

Run it with:

    python -m playground.server --site site --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import re
import stat
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, PlainTextResponse
from starlette.responses import Response as HTTPResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ._csp import site_policy
from ._models import Headers, Request, Response
from ._openapi import openapi_document
from ._sandbox import MAX_BODY_BYTES, answers_at_origin_root, handle, payload_too_large

__all__ = ["OPENAPI_PATH", "SandboxApp", "create_app", "main"]

OPENAPI_PATH = "/sandbox/openapi.json"
# Pyodide's files must have these types: browsers refuse to compile wasm served as anything else.
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")
_HOST = re.compile(r"^(?P<name>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_EXTRA_HEADERS = (("cache-control", "no-store"), ("x-content-type-options", "nosniff"))


class SandboxApp:
    """A raw ASGI app that answers every request with the pure sandbox (and serves the OpenAPI document).

    Parameters:
        max_body_bytes: Bodies larger than this get 413; a larger `Content-Length` is refused
            before reading, and a chunked body stops being read once it passes the limit.
    """

    def __init__(self, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.max_body_bytes = max_body_bytes
        self._openapi = json.dumps(openapi_document(), ensure_ascii=False).encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1003})
            return
        request = _core_request(scope)
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
        await _send(send, handle(request), head)


def _core_request(scope: Scope) -> Request:
    headers = Headers([(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", [])])
    host = _link_host(headers.get("host", ""), scope.get("server") or ("localhost", None))
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
    query = scope.get("query_string", b"").decode("latin-1")
    url = f"{scope.get('scheme', 'http')}://{host}{path}" + (f"?{query}" if query else "")
    return Request(scope["method"], url, headers)


def _link_host(host: str, server: Sequence[Any]) -> str:
    """The host that pagination links name: the request's Host when it names this server (any port,
    so that an SSH or container port forward still gets working links), else the server's own address."""
    own = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
    match = _HOST.match(host)
    if match and match["name"].lower() in (*_LOOPBACK_NAMES, own.lower()):
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


class _ContentSecurityPolicy:
    # Every response carries the site's policy; on the sandbox's JSON it is harmless.
    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.header = (b"content-security-policy", policy.encode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
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


class _SiteFiles(StaticFiles):
    """The built site. A missing page gets the nearest 404.html up its path, as Cloudflare Pages
    does: under /ja/ the Japanese one, elsewhere the site's."""

    async def get_response(self, path: str, scope: Scope) -> HTTPResponse:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            # Starlette raises a bare 404 for a path no file can have (a NUL, a name too long).
            if exc.status_code != 404:
                raise
            response = None
        if response is None or response.status_code == 404:
            folders = path.split(os.sep)[:-1]
            for depth in range(len(folders), -1, -1):
                try:
                    full_path, found = await run_in_threadpool(
                        self.lookup_path, os.path.join(*folders[:depth], "404.html")
                    )
                except (OSError, ValueError):
                    continue
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


def create_app(site: str | os.PathLike[str] = "site", max_body_bytes: int = MAX_BODY_BYTES) -> Starlette:
    """Create the ASGI app: the sandbox API under `/sandbox/`, the built site everywhere else.

    Every response carries the site's Content Security Policy (`playground._csp.site_policy`),
    the same one the build writes into the static site's `_headers` file.

    Parameters:
        site: The built static site (`index.html` files are served for directories).
        max_body_bytes: The request body limit of the sandbox API.

    Returns:
        The Starlette app.
    """
    site = os.fspath(site)
    api = CORSMiddleware(
        SandboxApp(max_body_bytes),
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
            Middleware(_ContentSecurityPolicy, policy=site_policy(site)),
            Middleware(_SandboxFirst, sandbox=api),
        ]
    )
    # The site is the router's default, not a Mount("/"): a Mount's regex stops at a line break,
    # and `/%0a...` would get the router's bare "Not Found" instead of the site's 404 page.
    app.router.default = _SiteFiles(directory=site, html=True) if os.path.isdir(site) else _missing_site(site)
    return app


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
        argv: Command-line arguments (`--site`, `--host`, `--port`); `sys.argv[1:]` by default.
    """
    parser = argparse.ArgumentParser(
        prog="python -m playground.server", description="Serve the built site and the sandbox API on one origin."
    )
    parser.add_argument("--site", default="site", help="the built site directory (default: site)")
    parser.add_argument("--host", default="127.0.0.1", help="the interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="the port; 0 picks a free one (default: 8000)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.site):
        print(f"warning: {args.site!r} does not exist; only the sandbox API will be served", file=sys.stderr)
    config = uvicorn.Config(create_app(args.site), host=args.host, port=args.port, log_level="warning")
    _Server(config).run()


if __name__ == "__main__":
    main()
