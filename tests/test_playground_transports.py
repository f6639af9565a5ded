"""Models, the three transports behind one interface, and the small client."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from playground import (
    AIGNE_HUB_DEMO_KEY,
    MAIAGENT_DEMO_KEY,
    AsyncBaseTransport,
    BaseTransport,
    Client,
    ConnectError,
    FetchTransport,
    Headers,
    HTTPTransport,
    InvalidRequestError,
    NetworkError,
    Request,
    Response,
    ResponseTooLargeError,
    SandboxTransport,
    TimeoutException,
)

# --- models --------------------------------------------------------------------------------------


def test_headers_are_case_insensitive_and_keep_repeats() -> None:
    headers = Headers([("Accept", "a"), ("X-Two", "1"), ("x-two", "2")])
    assert headers["accept"] == "a" and headers["X-TWO"] == "1, 2" and headers.get_list("x-two") == ["1", "2"]
    assert "ACCEPT" in headers and 3 not in headers and len(headers) == 2 and list(headers) == ["accept", "x-two"]
    headers.set("x-two", "3")
    assert headers.raw == [("Accept", "a"), ("x-two", "3")]
    assert headers.setdefault("Accept", "b") == "a" and headers == {"accept": "a", "X-Two": "3"}
    assert Headers(headers).raw == headers.raw and Headers() == {}
    with pytest.raises(KeyError):
        headers["missing"]


def test_request_normalizes_its_fields() -> None:
    request = Request("post", "https://h/p/a?x=1&x=2&y=", {"A": "b"}, "é")
    assert request.method == "POST" and request.body == "é".encode() and isinstance(request.headers, Headers)
    assert request.path == "/p/a" and request.query == {"x": ["1", "2"], "y": [""]}
    assert Request("GET", "https://h").path == "/" and Request("GET", "https://h", body=None).body == b""
    built = Request.with_json("POST", "https://h/", {"k": "キー"})
    assert built.headers["content-type"] == "application/json" and json.loads(built.body) == {"k": "キー"}


def test_response_helpers() -> None:
    response = Response(401, {"Content-Type": "application/json"}, b'{"detail": "x"}')
    assert response.reason_phrase == "Unauthorized" and not response.is_success and response.json() == {"detail": "x"}
    assert Response(299).reason_phrase == "" and Response(204).is_success
    assert Response(200, body=b"\xff").text == "\ufffd"
    with pytest.raises(ValueError):
        Response(200, body=b"<html>").json()


# --- sandbox transport and client ----------------------------------------------------------------


def test_sandbox_transport_is_sync_and_async() -> None:
    transport = SandboxTransport()
    assert isinstance(transport, BaseTransport) and isinstance(transport, AsyncBaseTransport)
    request = Request(
        "GET", "https://api.maiagent.ai/api/v1/chatbots/", {"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}"}
    )
    response = transport.handle_request(request)
    assert response.status_code == 200 and response.elapsed is not None and response.elapsed >= 0
    assert asyncio.run(transport.handle_async_request(request)).json() == response.json()


def test_client_sends_the_key_as_given_and_diagnoses_it() -> None:
    pasted = Client("maiagent", f"Authorization: Bearer {MAIAGENT_DEMO_KEY}")
    assert pasted.auth.value == f"Api-Key Authorization: Bearer {MAIAGENT_DEMO_KEY}"
    assert pasted.auth.codes == ("authorization_prefix_pasted", "wrong_scheme_bearer")
    assert pasted.auth.key == MAIAGENT_DEMO_KEY
    assert pasted.get("chatbots/").json() == {"detail": "Invalid API key format."}
    # A key no HTTP client can put in a header is refused before anything is sent.
    with pytest.raises(InvalidRequestError) as refused:
        Client("maiagent", f"{MAIAGENT_DEMO_KEY}\n").build_request("GET", "chatbots/")
    assert refused.value.code == "header_characters"
    client = Client("maiagent", pasted.auth.key)
    assert client.auth.value == f"Api-Key {MAIAGENT_DEMO_KEY}"
    assert client.get("chatbots/").json()["count"] == 3
    created = client.post("/api/v1/chatbots/", json={"name": "Bot"})
    assert created.status_code == 201
    request = client.build_request("POST", "chatbots/", json={"name": "x"}, headers={"Accept": "text/plain"})
    assert request.url == "https://api.maiagent.ai/api/v1/chatbots/"
    assert request.headers["accept"] == "text/plain" and request.headers["content-type"] == "application/json"
    # "api/v1/chatbots/" (the leading slash forgotten) is that path, not /api/v1/api/v1/chatbots/.
    assert client.build_request("GET", "api/v1/chatbots/").url == "https://api.maiagent.ai/api/v1/chatbots/"


@pytest.mark.parametrize(
    "base_url", ["https://api.maiagent.ai/api/v1/", "https://api.maiagent.ai/api/v1", "https://api.maiagent.ai"]
)
@pytest.mark.parametrize("path", ["/api/v1/chatbots/", "chatbots/", "api/v1/chatbots/"])
def test_the_documented_base_url_and_an_endpoint_make_one_url(base_url: str, path: str) -> None:
    # The status codes page gives the base URL with /api/v1/, the playground's endpoints start with it.
    client = Client("maiagent", MAIAGENT_DEMO_KEY, base_url=base_url)
    assert client.build_request("GET", path).url == "https://api.maiagent.ai/api/v1/chatbots/"
    sandbox = Client("maiagent", MAIAGENT_DEMO_KEY, base_url="http://127.0.0.1:8000/sandbox/maiagent/api/v1/")
    assert sandbox.build_request("GET", path).url == "http://127.0.0.1:8000/sandbox/maiagent/api/v1/chatbots/"


def test_client_without_a_key_sends_no_authorization_header() -> None:
    client = Client("aigne-hub", "")
    request = client.build_request("POST", "chat/completions", json={})
    assert "authorization" not in request.headers
    response = client.post("chat/completions", json={"model": "m", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 401 and response.json() == {"error": "User not authenticated"}


def test_client_with_an_async_transport() -> None:
    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        return FakeFetchResponse(200, {"content-type": "application/json"}, json.dumps({"url": url}).encode())

    client = Client("aigne-hub", AIGNE_HUB_DEMO_KEY, FetchTransport(pyfetch=pyfetch), base_url="http://127.0.0.1:1/x/")
    response = asyncio.run(client.arequest("GET", "/api/v1/models"))
    assert response.json() == {"url": "http://127.0.0.1:1/x/api/v1/models"}
    with pytest.raises(TypeError):
        client.get("/api/v1/models")
    sync = Client("aigne-hub", AIGNE_HUB_DEMO_KEY)
    chat = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    assert asyncio.run(sync.arequest("POST", "chat/completions", json=chat)).status_code == 200


# --- outgoing checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("file:///etc/passwd", {}),
        ("ftp://example.com/", {}),
        ("/relative/path", {}),
        ("http://[::1/", {}),
        ("http://example.com/a b", {}),
        ("http://example.com/", {"Authorization": "Api-Key a\r\nX-Evil: 1"}),
        ("http://example.com/", {"Authorization": "Api-Key \u3000a"}),
        ("http://example.com/", {"Bad Name": "x"}),
    ],
)
def test_unsafe_requests_are_refused_before_sending(url: str, headers: dict[str, str]) -> None:
    with pytest.raises(InvalidRequestError):
        HTTPTransport().handle_request(Request("GET", url, headers))
    with pytest.raises(InvalidRequestError):
        asyncio.run(FetchTransport(pyfetch=_never_called).handle_async_request(Request("GET", url, headers)))


async def _never_called(url: str, **options: Any) -> Any:
    raise AssertionError("must not be called")


# --- HTTP transport (CPython, urllib) ------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/redirect":
            self._reply(302, b"{}", {"Location": "/echo"})
        elif self.path == "/big":
            self._reply(200, b"x" * 5000)
        elif self.path == "/missing":
            self._reply(404, b'{"detail": "Not found."}')
        else:
            echoed = {"path": self.path, "authorization": self.headers.get("Authorization")}
            self._reply(200, json.dumps(echoed).encode())

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._reply(201, body)


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_http_transport_sends_and_receives(local_server: str) -> None:
    transport = HTTPTransport(timeout=5)
    response = transport.handle_request(Request("GET", f"{local_server}/echo", {"Authorization": "Api-Key k"}))
    assert response.status_code == 200 and response.json() == {"path": "/echo", "authorization": "Api-Key k"}
    assert response.elapsed is not None
    posted = transport.handle_request(Request.with_json("POST", f"{local_server}/", {"a": 1}))
    assert (posted.status_code, posted.json()) == (201, {"a": 1})
    transport.close()


def test_http_transport_error_status_is_a_response(local_server: str) -> None:
    response = HTTPTransport().handle_request(Request("GET", f"{local_server}/missing"))
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_http_transport_never_follows_redirects(local_server: str) -> None:
    response = HTTPTransport().handle_request(
        Request("GET", f"{local_server}/redirect", {"Authorization": "Api-Key k"})
    )
    assert response.status_code == 302 and response.headers["location"] == "/echo"


def test_http_transport_maps_failures_to_its_own_exceptions(local_server: str) -> None:
    with pytest.raises(TimeoutException):
        HTTPTransport(timeout=0.3).handle_request(Request("GET", f"{local_server}/slow"))
    with pytest.raises(ResponseTooLargeError):
        HTTPTransport(max_response_bytes=1000).handle_request(Request("GET", f"{local_server}/big"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    with pytest.raises(ConnectError) as caught:
        HTTPTransport(timeout=2).handle_request(Request("GET", f"http://127.0.0.1:{closed_port}/"))
    assert caught.value.request is not None and caught.value.hint.ja


# --- fetch transport (Pyodide), with a fake pyfetch ----------------------------------------------


class FakeFetchResponse:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self._body = body

    async def bytes(self) -> bytes:
        return self._body


def test_fetch_transport_sends_through_pyfetch() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    async def pyfetch(url: str, **options: Any) -> FakeFetchResponse:
        calls.append((url, options))
        return FakeFetchResponse(
            401,
            {"content-type": "application/json", "www-authenticate": "Api-Key"},
            b'{"detail": "Invalid API key format."}',
        )

    request = Request.with_json(
        "POST", "https://api.maiagent.ai/api/v1/chatbots/", {"name": "x"}, {"Authorization": "Bearer k"}
    )
    response = asyncio.run(FetchTransport(pyfetch=pyfetch).handle_async_request(request))
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Api-Key"
    assert response.json() == {"detail": "Invalid API key format."}
    url, options = calls[0]
    assert url == request.url and options["method"] == "POST" and options["body"] == request.body.decode()
    assert options["headers"] == {"Authorization": "Bearer k", "Content-Type": "application/json"}
    assert options["credentials"] == "omit" and options["redirect"] == "manual"


def test_fetch_transport_maps_failures() -> None:
    async def failing(url: str, **options: Any) -> Any:
        raise OSError("Failed to fetch")

    async def slow(url: str, **options: Any) -> Any:
        await asyncio.sleep(5)

    async def huge(url: str, **options: Any) -> FakeFetchResponse:
        return FakeFetchResponse(200, {"content-length": "999999"}, b"")

    async def huge_undeclared(url: str, **options: Any) -> FakeFetchResponse:
        return FakeFetchResponse(200, {}, b"x" * 2000)

    request = Request("GET", "https://example.com/")
    with pytest.raises(NetworkError) as caught:
        asyncio.run(FetchTransport(pyfetch=failing).handle_async_request(request))
    assert "CORS" in caught.value.hint.en and "CORS" in caught.value.hint.ja
    # To fetch, a refused connection looks the same as CORS: the hint names both.
    assert "not running" in caught.value.hint.en and "起動していない" in caught.value.hint.ja
    with pytest.raises(TimeoutException):
        asyncio.run(FetchTransport(timeout=0.05, pyfetch=slow).handle_async_request(request))
    with pytest.raises(ResponseTooLargeError):
        asyncio.run(FetchTransport(max_response_bytes=1000, pyfetch=huge).handle_async_request(request))
    with pytest.raises(ResponseTooLargeError):
        asyncio.run(FetchTransport(max_response_bytes=1000, pyfetch=huge_undeclared).handle_async_request(request))


def test_fetch_transport_imports_pyodide_only_when_used() -> None:
    transport = FetchTransport()
    with pytest.raises(ModuleNotFoundError):
        asyncio.run(transport.handle_async_request(Request("GET", "https://example.com/")))
