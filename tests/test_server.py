"""The sandbox server: same-origin site + sandbox API, CORS, body limit, and the real CLI."""

from __future__ import annotations

import asyncio
import http.client
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import urlopen

import httpx
import pytest

from playground import (
    AIGNE_HUB_DEMO_KEY,
    EXAMPLES,
    MAIAGENT_DEMO_KEY,
    PROFILES,
    Client,
    HTTPTransport,
    build_auth_header,
    openapi_document,
)
from playground.server import SandboxApp, create_app

RW = {"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}"}


def call(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        # A name the server answers to (not httpx's "testserver": tests/test_server_hardening.py).
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def app(playground_site_dir: Path) -> Any:
    return create_app(playground_site_dir)


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_each_documented_example_through_the_server(app: Any, example_id: str) -> None:
    example = EXAMPLES[example_id]
    request = example.request.to_request(example.api, origin=PROFILES[example.api].sandbox_mount)
    response = call(app, request.method, request.url, headers=dict(request.headers.raw), content=request.body)
    assert response.status_code == example.status
    # Two bodies name the server's own address: the pagination links, the Hub's mount point.
    if not example.shape and example.id not in ("maiagent/200-chatbots-page", "aigne-hub/200-blocklet"):
        assert response.json() == example.json()


def test_pagination_links_point_back_at_the_server(app: Any) -> None:
    data = call(app, "GET", "/sandbox/maiagent/api/v1/chatbots/?pageSize=2", headers=RW).json()
    assert data["next"] == "http://127.0.0.1/sandbox/maiagent/api/v1/chatbots/?page=2&pageSize=2"


def test_a_hostile_host_header_never_reaches_links(app: Any) -> None:
    headers = {**RW, "Host": "evil.example/<script>"}
    response = call(app, "GET", "/sandbox/maiagent/api/v1/chatbots/?pageSize=2", headers=headers)
    assert response.status_code == 400 and "evil" not in response.text and "<" not in response.text


def test_the_site_is_served_with_the_right_types(app: Any) -> None:
    home = call(app, "GET", "/")
    assert home.status_code == 200 and "home" in home.text and home.headers["content-type"].startswith("text/html")
    assert "guide" in call(app, "GET", "/guide/").text
    assert call(app, "GET", "/pyodide.asm.wasm").headers["content-type"] == "application/wasm"
    assert call(app, "GET", "/worker.mjs").headers["content-type"].startswith("text/javascript")
    assert call(app, "GET", "/nothing-here").status_code == 404


ENGLISH_404, JAPANESE_404 = "<html lang=en>Not found</html>", "<html lang=ja>見つかりません</html>"


@pytest.fixture
def site_with_404_pages(tmp_path: Path) -> Any:
    (tmp_path / "ja" / "maiagent").mkdir(parents=True)
    (tmp_path / "404.html").write_text(ENGLISH_404, encoding="utf-8")
    (tmp_path / "ja" / "404.html").write_text(JAPANESE_404, encoding="utf-8")
    return create_app(tmp_path)


def test_a_missing_page_gets_the_404_page_of_its_language(site_with_404_pages: Any) -> None:
    for path, page in (
        ("/nothing/", ENGLISH_404),
        ("/maiagent/nothing", ENGLISH_404),
        ("/ja/nothing/", JAPANESE_404),
        ("/ja/maiagent/nothing/", JAPANESE_404),
        ("/ja/a/b/c.html", JAPANESE_404),
    ):
        response = call(site_with_404_pages, "GET", path)
        assert (response.status_code, response.text) == (404, page), path


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/%0asandbox/", ENGLISH_404),  # a route regex stops at a line break
        ("/index.html%00", ENGLISH_404),  # a NUL makes the file lookup raise
        ("/" + "a" * 300, ENGLISH_404),  # a name too long for the file system
        ("/ja/%0anothing", JAPANESE_404),
        ("/ja/index.html%00", JAPANESE_404),
        ("/ja/x%00/y", JAPANESE_404),
        ("/ja/" + "a" * 300 + "/b", JAPANESE_404),
    ],
)
def test_a_path_no_file_can_have_gets_the_404_page_of_its_language(
    site_with_404_pages: Any, path: str, page: str
) -> None:
    response = call(site_with_404_pages, "GET", path)
    assert (response.status_code, response.text) == (404, page)


def test_a_missing_site_still_serves_the_sandbox(tmp_path: Path) -> None:
    app = create_app(tmp_path / "not-built")
    assert call(app, "GET", "/").status_code == 404
    assert call(app, "GET", "/sandbox/maiagent/api/v1/chatbots/", headers=RW).status_code == 200


def test_cors_allows_any_origin_with_authorization(app: Any) -> None:
    preflight = call(
        app,
        "OPTIONS",
        "/sandbox/aigne-hub/api/v1/chat/completions",
        headers={
            "Origin": "https://docs.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    response = call(app, "GET", "/sandbox/maiagent/api/v1/chatbots/", headers={"Origin": "https://docs.example"})
    assert response.status_code == 401 and response.headers["access-control-allow-origin"] == "*"
    assert "WWW-Authenticate" in response.headers["access-control-expose-headers"]
    assert response.headers["www-authenticate"] == "Api-Key"
    assert response.headers["cache-control"] == "no-store"


def test_openapi_document_is_served(app: Any) -> None:
    response = call(app, "GET", "/sandbox/openapi.json", headers={"Origin": "https://x.example"})
    assert response.status_code == 200 and response.json() == json.loads(json.dumps(openapi_document()))
    assert response.headers["access-control-allow-origin"] == "*"
    assert call(app, "HEAD", "/sandbox/openapi.json").content == b""
    refused = call(app, "POST", "/sandbox/openapi.json")
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, HEAD"


def test_head_requests_have_no_body(app: Any) -> None:
    response = call(app, "HEAD", "/sandbox/maiagent/api/v1/chatbots/", headers=RW)
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/sandbox/maiagent/api/v1/chatbots/", RW),  # 200
        ("/sandbox/maiagent/api/v1/chatbots/", {}),  # the documented 401
        ("/sandbox/maiagent/api/v1/chatbots/00000000-0000-0000-0000-000000000000/", RW),  # the documented 404
        ("/sandbox/aigne-hub/api/v1/chat/completions", {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"}),  # 405
    ],
)
def test_head_reports_the_content_length_of_get(app: Any, path: str, headers: dict[str, str]) -> None:
    get, head = call(app, "GET", path, headers=headers), call(app, "HEAD", path, headers=headers)
    assert head.status_code == get.status_code and head.content == b""
    assert head.headers["content-length"] == str(len(get.content)) != "0"


def test_unknown_sandbox_paths(app: Any) -> None:
    assert call(app, "GET", "/sandbox/nothing/").json()["apis"] == ["/sandbox/maiagent/", "/sandbox/aigne-hub/"]
    assert call(app, "GET", "/sandbox/maiagent/api/v1/unknown/").json() == {"detail": "Not found."}


def test_a_declared_huge_body_is_refused_before_reading() -> None:
    received: list[dict[str, Any]] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        received.append({})
        return {"type": "http.request", "body": b"x", "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/sandbox/maiagent/api/v1/chatbots/",
        "raw_path": b"/sandbox/maiagent/api/v1/chatbots/",
        "query_string": b"",
        "scheme": "http",
        "headers": [(b"host", b"h"), (b"content-length", b"999999999")],
        "server": ("h", 80),
    }
    asyncio.run(SandboxApp(max_body_bytes=100)(scope, receive, send))
    assert received == [] and sent[0]["status"] == 413


def test_a_streamed_huge_body_stops_being_read_past_the_limit() -> None:
    chunks = 0

    async def receive() -> dict[str, Any]:
        nonlocal chunks
        chunks += 1
        return {"type": "http.request", "body": b"x" * 40, "more_body": True}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/sandbox/aigne-hub/api/v1/chat/completions",
        "query_string": b"",
        "headers": [],
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(SandboxApp(max_body_bytes=100)(scope, receive, send))
    assert chunks == 3 and sent[0]["status"] == 413
    assert json.loads(sent[1]["body"]) == {"error": "Request body is too large (limit 1048576 bytes)"}


def test_websockets_are_closed() -> None:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    asyncio.run(SandboxApp()({"type": "websocket", "path": "/sandbox/x"}, receive, send))
    assert sent == [{"type": "websocket.close", "code": 1003}]


# --- the real server, started with the documented command ----------------------------------------


def test_cli_serves_site_and_sandbox(sandbox_server: str) -> None:
    with urlopen(sandbox_server) as response:
        assert b"home" in response.read()
    with urlopen(sandbox_server + "pyodide.asm.wasm") as response:
        assert response.headers["Content-Type"] == "application/wasm"
    client = Client(
        "maiagent",
        MAIAGENT_DEMO_KEY,
        HTTPTransport(timeout=5),
        base_url=sandbox_server + "sandbox/maiagent",
    )
    page = client.get("chatbots/?pageSize=1")
    assert page.status_code == 200 and page.json()["next"].startswith(sandbox_server + "sandbox/maiagent/")
    for example in EXAMPLES.values():
        origin = sandbox_server.rstrip("/") + PROFILES[example.api].sandbox_mount
        response = HTTPTransport(timeout=5).handle_request(example.request.to_request(example.api, origin=origin))
        assert response.status_code == example.status, example.id


@pytest.mark.parametrize("host", ["evil.com:1", "127.0.0.1.evil.com", "localhost.:80"])
def test_cli_refuses_a_foreign_host(sandbox_server: str, host: str) -> None:
    parts = urlsplit(sandbox_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", "/sandbox/maiagent/api/v1/chatbots/?pageSize=1", headers={**RW, "Host": host})
        response = connection.getresponse()
        assert response.status == 400
        assert "--public-host" in json.loads(response.read())["detail"]
    finally:
        connection.close()


def test_cli_keeps_the_loopback_name_the_client_used_in_links(sandbox_server: str) -> None:
    port = urlsplit(sandbox_server).port
    for origin in (f"http://localhost:{port}", f"http://127.0.0.1:{port}"):
        client = Client("maiagent", MAIAGENT_DEMO_KEY, HTTPTransport(timeout=5), base_url=origin + "/sandbox/maiagent")
        assert client.get("chatbots/?pageSize=1").json()["next"].startswith(origin + "/sandbox/maiagent/")


def test_cli_refuses_a_huge_body_without_reading_it(sandbox_server: str) -> None:
    parts = urlsplit(sandbox_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.putrequest("POST", "/sandbox/maiagent/api/v1/chatbots/")
        connection.putheader("Authorization", build_auth_header("maiagent", MAIAGENT_DEMO_KEY).value)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(50 * 1024 * 1024))
        connection.endheaders()
        connection.send(b"{" * 1024)
        response = connection.getresponse()
        assert response.status == 413 and "too large" in json.loads(response.read())["detail"]
    finally:
        connection.close()
