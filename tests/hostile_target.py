"""A hostile or broken live target for the browser tests: one local HTTP server whose routes
answer the way a bad API would (slowly, never, with script, huge, redirecting, ...).
Used by tests/test_hostile_inputs.py and tests/test_browser_faults.py."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MB = 1024 * 1024


class HostileHandler(BaseHTTPRequestHandler):
    """Answers `/<route>/...` the way a hostile or broken live target would."""

    stop = threading.Event()
    other_origin = ""
    HUGE = BIG = DEEP = BOMB = b""  # made by the fixture, not on import
    SCRIPT = b'<script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned=2">'

    def cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
        self.send_header("Access-Control-Expose-Headers", "X-Evil, Content-Length, Content-Encoding")

    def route(self) -> str:
        return self.path.strip("/").split("/")[0]

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        if self.route() != "no-cors":
            self.cors()
        self.end_headers()

    def answer(
        self,
        status: int,
        content_type: str | None,
        body: bytes,
        *,
        length: bool = True,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.cors()
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The page may abort the request (Cancel, a time limit, or a refused huge body).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        route = self.route()
        if route.startswith("slow"):
            # "slow" answers after 2 s, "slow8" after 8 s.
            self.stop.wait(int(route[4:] or 2))
            self.answer(200, "application/json", b'{"late": true}')
        elif route == "never":
            self.stop.wait(60)
        elif route == "text":
            self.answer(200, "text/plain", b"plain text, not JSON: <b>bold</b>")
        elif route == "html":
            self.answer(200, "text/html", self.SCRIPT)
        elif route == "headers":
            self.answer(200, "application/json", b"{}", headers=(("X-Evil", '<img src=x onerror="window.__pwned=3">'),))
        elif route == "huge":
            self.answer(200, "application/octet-stream", self.HUGE)
        elif route == "huge-stream":
            self.answer(200, "application/octet-stream", self.HUGE, length=False)  # read until the connection closes
        elif route == "gzip-bomb":
            self.answer(200, "application/json", self.BOMB, headers=(("Content-Encoding", "gzip"),))
        elif route == "big":
            self.answer(200, "application/json", self.BIG)
        elif route == "deep-json":
            self.answer(200, "application/json", self.DEEP)
        elif route == "redirect":
            self.answer(302, None, b"", headers=(("Location", self.other_origin + "stolen-key"),))
        elif route == "loop":
            self.answer(302, None, b"", headers=(("Location", self.path),))
        elif route == "empty":
            self.answer(204, None, b"", length=False)
        elif route == "wrong-type":
            self.answer(200, "text/html", b'{"detail": "JSON served as HTML"}')
        elif route == "bad-utf8":
            self.answer(200, "application/json; charset=utf-8", b'{"name": "\xff\xfe broken"}')
        elif route == "no-cors":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")
        elif route == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self.answer(404, "application/json", b'{"detail": "Not found."}')

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """Run the hostile target on a free port of 127.0.0.1; yield its base URL (ending in `/`)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    HostileHandler.stop.clear()
    HostileHandler.HUGE = b"x" * 20 * MB
    HostileHandler.BIG = json.dumps([f"item {i:06d} " + "y" * 90 for i in range(50_000)]).encode()  # 5 MB
    HostileHandler.DEEP = b"[" * 100_000 + b"]" * 100_000
    HostileHandler.BOMB = gzip.compress(b"\0" * 20 * MB)  # 20 KB that unpack to 20 MB
    # "localhost" is another origin than "127.0.0.1": where the redirect would take the key.
    HostileHandler.other_origin = f"http://localhost:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    HostileHandler.stop.set()
    server.shutdown()
    server.server_close()
