"""The server hardened enough to be someone's mock server (issue 21): each bound, and a test that
fails without it. In process where the app decides; against the real CLI where uvicorn's
connection handling does (timeouts, connection cap, proxy headers, heads too long to parse)."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import statistics
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from playground import AIGNE_HUB_DEMO_KEY, MAIAGENT_DEMO_KEY, _csp
from playground import server as server_module
from playground.server import HEADER_TIMEOUT as DEFAULT_HEADER_TIMEOUT
from playground.server import INLINE_BODY_BYTES, MAX_CONNECTIONS, MAX_TARGET_BYTES, create_app, main
from site_server import running_server  # scripts/site_server.py (conftest puts scripts/ on the path)

ROOT = Path(__file__).resolve().parents[1]
RW = ("Authorization", f"Api-Key {MAIAGENT_DEMO_KEY}")
LIST = "/sandbox/maiagent/api/v1/chatbots/"
CHAT = "/sandbox/aigne-hub/api/v1/chat/completions"
ENGLISH_404, JAPANESE_404, FRENCH_404 = "<p>Not found</p>", "<p>見つかりません</p>", "<p>Introuvable</p>"


class Answer:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.header_list, self.body = status, headers, body

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.header_list if key == name]
        assert len(values) <= 1, (name, values)
        return values[0] if values else None

    def json(self) -> Any:
        return json.loads(self.body)


async def asgi_async(
    app: Any, method: str, target: str, headers: list[tuple[str, str]] | None = None, body: bytes = b""
) -> Answer:
    """One request exactly as uvicorn hands it to the app (raw path, every header as given)."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or [("Host", "127.0.0.1:8000")])],
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # the client stays until the answer is sent
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = sent[0]
    return Answer(
        start["status"],
        [(k.decode(), v.decode()) for k, v in start["headers"]],
        b"".join(m.get("body", b"") for m in sent[1:]),
    )


def asgi(app: Any, method: str, target: str, headers: list[tuple[str, str]] | None = None, body: bytes = b"") -> Answer:
    return asyncio.run(asgi_async(app, method, target, headers, body))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hardened-site")
    for folder in ("guide", "ja/guide", "maiagent/authentication", "fr", "日本語"):
        (root / folder).mkdir(parents=True)
        (root / folder / "index.html").write_text(f"<title>{folder}</title>", encoding="utf-8")
    (root / "index.html").write_text("<title>home</title>", encoding="utf-8")
    (root / "style.css").write_text("p {}", encoding="utf-8")
    (root / "404.html").write_text(ENGLISH_404, encoding="utf-8")
    (root / "ja" / "404.html").write_text(JAPANESE_404, encoding="utf-8")
    (root / "fr" / "404.html").write_text(FRENCH_404, encoding="utf-8")
    # Not a language root's: the nearest-404-up-the-path rule would have served it.
    (root / "maiagent" / "authentication" / "404.html").write_text("<p>section</p>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def app(site: Path) -> Any:
    return create_app(site, public_hosts=["docs.example"])


# --- the 404 fallback costs constant work; long targets get 414 -----------------------------------


@pytest.mark.parametrize("prefix", ["/", "/ja/", "/maiagent/"])
def test_a_missing_page_costs_the_same_work_at_any_depth(
    app: Any, monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    lookups: list[str] = []
    resolved: list[str] = []
    original_lookup, original_realpath = server_module._SiteFiles.lookup_path, os.path.realpath

    def lookup(self: Any, path: str) -> Any:
        lookups.append(path)
        return original_lookup(self, path)

    def realpath(path: str, *args: Any, **kwargs: Any) -> str:
        resolved.append(path)  # realpath costs a system call per segment
        return original_realpath(path, *args, **kwargs)

    monkeypatch.setattr(server_module._SiteFiles, "lookup_path", lookup)
    monkeypatch.setattr(os.path, "realpath", realpath)
    shallow = asgi(app, "GET", prefix + "missing")
    shallow_work = (len(lookups), sorted(len(Path(p).parts) for p in resolved))
    lookups.clear()
    resolved.clear()
    deep = asgi(app, "GET", prefix + "a/" * 900 + "missing")
    assert shallow.status == deep.status == 404 and shallow.body == deep.body
    assert (len(lookups), sorted(len(Path(p).parts) for p in resolved)) == shallow_work
    assert len(lookups) <= 3


@pytest.mark.parametrize(
    ("target", "page"),
    [
        ("/ja/a/b/c/missing", JAPANESE_404),
        ("/ja/index.html%00", JAPANESE_404),
        ("/fr/a/missing", FRENCH_404),  # a language root is whatever top folder has a 404 page
        ("/maiagent/authentication/missing", ENGLISH_404),  # a 404 page below a top folder is not one
        ("/guide/missing", ENGLISH_404),
        ("/" + "a" * 300, ENGLISH_404),
    ],
)
def test_only_the_language_roots_404_pages_are_served(app: Any, target: str, page: str) -> None:
    answer = asgi(app, "GET", target)
    assert (answer.status, answer.body.decode()) == (404, page)


@pytest.mark.parametrize(
    ("target", "content_type", "body"),
    [
        (
            "/" + "a" * MAX_TARGET_BYTES,
            "text/plain; charset=utf-8",
            b"Request target is too long (limit 2048 bytes).\n",
        ),
        (
            LIST + "?q=" + "a" * MAX_TARGET_BYTES,
            "application/json",
            {"detail": "Request target is too long (limit 2048 bytes)."},
        ),
        (
            CHAT + "?" + "a" * MAX_TARGET_BYTES,
            "application/json",
            {"error": "Request target is too long (limit 2048 bytes)"},
        ),
    ],
)
def test_a_target_over_2_kb_gets_414_with_a_clear_body(app: Any, target: str, content_type: str, body: Any) -> None:
    answer = asgi(app, "GET", target, [("Host", "127.0.0.1"), RW])
    assert answer.status == 414 and answer.header("content-type") == content_type
    assert (answer.json() if isinstance(body, dict) else answer.body) == body


def test_a_target_of_2_kb_is_still_served(app: Any) -> None:
    target = LIST + "?q=" + "a" * (MAX_TARGET_BYTES - len(LIST) - 3)
    assert len(target) == MAX_TARGET_BYTES
    assert asgi(app, "GET", target, [("Host", "127.0.0.1"), RW]).status == 200


# --- redirects are relative ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/guide", "/guide/"),
        ("/ja/guide?tab=1", "/ja/guide/?tab=1"),
        ("//guide", "/guide/"),  # not "//guide/", which a browser reads as the host "guide"
        ("/%E6%97%A5%E6%9C%AC%E8%AA%9E", "/%E6%97%A5%E6%9C%AC%E8%AA%9E/"),
    ],
)
@pytest.mark.parametrize("host", ["localhost:1234", "docs.example"])
def test_a_folder_redirect_never_names_the_host_header(app: Any, host: str, target: str, location: str) -> None:
    answer = asgi(app, "GET", target, [("Host", host)])
    assert answer.status == 307 and answer.header("location") == location


# --- Host: loopback names, IP addresses and the configured names only ------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST:8000",
        "127.0.0.1:1",
        "[::1]:8000",
        "192.168.1.5:8000",  # an address cannot be rebound: a LAN client of --host 0.0.0.0
        "[2001:db8::1]",
        "docs.example",
        "Docs.Example:443",
    ],
)
def test_the_names_this_server_answers_to(app: Any, host: str) -> None:
    assert asgi(app, "GET", "/", [("Host", host)]).status == 200
    page = asgi(app, "GET", LIST + "?pageSize=1", [("Host", host), RW])
    assert page.status == 200 and page.json()["next"].startswith(f"http://{host}/sandbox/maiagent/")


@pytest.mark.parametrize(
    "headers",
    [
        [("Host", "evil.example")],
        [("Host", "evil.example:8000")],
        [("Host", "localhost.")],
        [("Host", "127.0.0.1.evil.example")],
        [("Host", "docs.example.evil.example")],
        [("Host", "localhost@evil.example")],
        [("Host", "::1")],
        [("Host", "[127.0.0.1]")],
        [("Host", "")],
        [("Host", "localhost"), ("Host", "evil.example")],
    ],
)
def test_any_other_host_gets_a_clear_400(app: Any, headers: list[tuple[str, str]]) -> None:
    site_answer = asgi(app, "GET", "/", headers)
    assert site_answer.status == 400 and site_answer.header("content-type") == "text/plain; charset=utf-8"
    assert b"--public-host NAME" in site_answer.body and b"evil" not in site_answer.body
    maiagent = asgi(app, "GET", LIST, [*headers, RW])
    assert maiagent.status == 400 and "--public-host NAME." in maiagent.json()["detail"]
    hub = asgi(app, "POST", CHAT, [*headers, ("Authorization", f"Bearer {AIGNE_HUB_DEMO_KEY}")], b"{}")
    assert hub.status == 400 and hub.json()["error"].endswith("--public-host NAME")


# --- sandbox answers are computed off the event loop ---------------------------------------------


def test_a_large_body_is_answered_off_the_event_loop(monkeypatch: pytest.MonkeyPatch, site: Path) -> None:
    slow_started, other_answered = threading.Event(), threading.Event()
    waited: list[bool] = []
    threads: dict[str, threading.Thread] = {}
    real_handle = server_module.handle

    def handle(request: Any) -> Any:
        threads[request.method] = threading.current_thread()
        if request.method == "POST":
            slow_started.set()
            # On the event loop, this would block the loop: the other request could not be answered.
            waited.append(other_answered.wait(timeout=5))
        return real_handle(request)

    monkeypatch.setattr(server_module, "handle", handle)
    app = create_app(site)
    large = json.dumps({"name": "a" * INLINE_BODY_BYTES}).encode()
    headers = [("Host", "127.0.0.1"), RW, ("Content-Type", "application/json")]

    async def scenario() -> tuple[Answer, Answer]:
        slow = asyncio.create_task(asgi_async(app, "POST", LIST, headers, large))
        while not slow_started.is_set():
            await asyncio.sleep(0.01)
        other = await asgi_async(app, "GET", LIST, headers)
        other_answered.set()
        return other, await slow

    other, slow = asyncio.run(scenario())
    assert other.status == 200 and slow.status == 400 and waited == [True]
    # A small request is answered on the event loop, where it is quicker than a hop to a thread.
    assert threads["GET"] is threading.main_thread() is not threads["POST"]


# --- nosniff and no-referrer on every response, and in _headers ----------------------------------


@pytest.mark.parametrize(
    ("method", "target", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/style.css", 200),
        ("HEAD", "/guide/", 200),
        ("GET", "/ja/missing", 404),
        ("GET", "/guide", 307),
        ("GET", LIST, 401),
        ("GET", "/sandbox/openapi.json", 200),
        ("GET", "/" + "a" * 3000, 414),
    ],
)
def test_every_response_carries_the_security_headers_once(app: Any, method: str, target: str, status: int) -> None:
    answer = asgi(app, method, target)
    assert answer.status == status
    assert answer.header("x-content-type-options") == "nosniff"
    assert answer.header("referrer-policy") == "no-referrer"
    assert answer.header("content-security-policy") == _csp.site_policy(app_site(app))


def app_site(app: Any) -> str:
    return app.router.default.directory


def test_the_headers_file_gives_every_path_the_same_headers() -> None:
    text = _csp.headers_file("default-src 'none'")
    rules = text.split("/*\n", 1)[1]
    assert rules == (
        "  Content-Security-Policy: default-src 'none'\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
    )


# --- the real CLI: proxy headers, heads too long to parse, slow senders, the connection cap --------


def fetch(base: str, target: str, headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def exchange(base: str, data: bytes) -> bytes:
    """Send raw bytes, read the answer until the server closes."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(data)
        return read_to_end(connection)


def read_to_end(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "Authorization": RW[1]}


def test_forwarded_headers_are_ignored_unless_a_proxy_is_trusted(sandbox_server: str) -> None:
    status, _, body = fetch(sandbox_server, LIST + "?pageSize=1", FORWARDED)
    assert status == 200 and json.loads(body)["next"].startswith(sandbox_server + "sandbox/maiagent/")
    assert fetch(sandbox_server, "/", {"Host": "docs.example"})[0] == 400


def test_behind_a_trusted_proxy_under_a_public_name(playground_site_dir: Path) -> None:
    options = ["--public-host", "docs.example", "--trusted-proxy", "127.0.0.1"]
    with running_server(playground_site_dir, options=options) as server:
        status, _, body = fetch(server.url, LIST + "?pageSize=1", {**FORWARDED, "Host": "docs.example"})
        assert status == 200 and json.loads(body)["next"].startswith("https://docs.example/sandbox/maiagent/")
        assert fetch(server.url, "/", {"Host": "other.example"})[0] == 400


def test_the_cli_redirects_relatively(sandbox_server: str) -> None:
    status, headers, _ = fetch(sandbox_server, "/guide?x=1", {"Host": "localhost:1"})
    assert status == 307 and headers["Location"] == "/guide/?x=1"


def test_a_head_too_long_to_parse_gets_414_or_431(sandbox_server: str) -> None:
    # No end of line: h11 gives up once its 16 KB buffer is full, before the app sees a target.
    line = exchange(sandbox_server, b"GET /" + b"a" * 20_000)
    assert line.startswith(b"HTTP/1.1 414 ") and line.endswith(
        b"\r\n\r\nRequest target is too long (limit 2048 bytes).\n"
    )
    headers = exchange(sandbox_server, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20_000)
    assert headers.startswith(b"HTTP/1.1 431 ") and headers.endswith(b"Request header fields are too large.\n")
    complete = exchange(
        sandbox_server, b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    assert complete.startswith(b"HTTP/1.1 414 ")


SLOW_SENDERS = 200
HEADER_TIMEOUT = 5


def test_slow_senders_are_cut_off_while_others_are_answered_quickly(playground_site_dir: Path) -> None:
    with running_server(playground_site_dir, options=["--header-timeout", str(HEADER_TIMEOUT)]) as server:
        parts = urlsplit(server.url)
        slow = [socket.create_connection((parts.hostname, parts.port)) for _ in range(SLOW_SENDERS)]
        answered: set[socket.socket] = set()
        stop = threading.Event()

        def trickle() -> None:
            # A header byte per connection every 0.2 s until it is answered: a deadline that each
            # read moved on would never come.
            while not stop.wait(0.2):
                for connection in slow:
                    if connection not in answered:
                        try:
                            connection.send(b"a")
                        except OSError:
                            answered.add(connection)

        for connection in slow:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sender = threading.Thread(target=trickle, daemon=True)
        sender.start()
        try:
            latencies = []
            for _ in range(50):
                started = time.perf_counter()
                status, _, _ = fetch(server.url, LIST, {"Authorization": RW[1]})
                latencies.append(time.perf_counter() - started)
                assert status == 200
            for connection in slow:  # all still held open, unanswered
                connection.setblocking(False)
                with pytest.raises(BlockingIOError):
                    connection.recv(1)
            answers = []
            for connection in slow:
                connection.settimeout(HEADER_TIMEOUT + 10)
                answers.append(read_to_end(connection))
                answered.add(connection)
        finally:
            stop.set()
            sender.join()
            for connection in slow:
                connection.close()
    assert statistics.quantiles(latencies, n=100)[98] < 0.2, sorted(latencies)[-5:]
    expected = f"The request line and headers must arrive within {HEADER_TIMEOUT} seconds.\n".encode()
    assert all(a.startswith(b"HTTP/1.1 408 ") and a.endswith(expected) for a in answers), answers[0]


def test_connections_beyond_the_cap_get_503(playground_site_dir: Path) -> None:
    with running_server(playground_site_dir, options=["--max-connections", "3"]) as server:
        parts = urlsplit(server.url)
        idle = [socket.create_connection((parts.hostname, parts.port)) for _ in range(3)]
        try:
            status, _, body = fetch(server.url, "/")
            assert status == 503 and body == b"Too many open connections: try again shortly.\n"
            idle.pop().close()
            for _ in range(100):  # until the server has seen that connection close
                status = fetch(server.url, "/")[0]
                if status != 503:
                    break
                time.sleep(0.05)
            assert status == 200
        finally:
            for connection in idle:
                connection.close()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--public-host", "https://docs.example"], "is not a host name"),
        (["--public-host", "docs.example:8000"], "is not a host name"),
        (["--header-timeout", "0"], "is not above 0"),
        (["--max-connections", "-3"], "is not above 0"),
    ],
)
def test_bad_options_are_refused(options: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--site", "no-site", *options])
    assert exited.value.code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "seconds"), [("en", "{:g} seconds"), ("ja", "{:g} 秒")])
def test_the_sandbox_page_says_how_to_serve_it_to_others(lang: str, seconds: str) -> None:
    page = (ROOT / "docs" / lang / "test-against-the-sandbox.md").read_text(encoding="utf-8")
    for option in (
        "--host 0.0.0.0",
        "--public-host NAME",
        "--trusted-proxy ADDRESS",
        "--header-timeout",
        "--max-connections",
    ):
        assert f"`{option}`" in page, option
    assert seconds.format(DEFAULT_HEADER_TIMEOUT) in page and f" {MAX_CONNECTIONS} " in page
