"""A route's path without its trailing slash: MaiAgent redirects it as Django's APPEND_SLASH does,
AIGNE Hub answers it as Express's non-strict routing does.

Django's CommonMiddleware (django/django, django/middleware/common.py: process_response,
should_redirect_with_slash, get_full_path_with_slash): when the URL resolver finds nothing and the
path with a slash resolves, the 404 becomes 301 to that path (query string kept) as a relative
Location, before the view runs, so before authentication, and for every method in production.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests

import playground
from playground import (
    AIGNE_HUB_DEMO_KEY,
    MAIAGENT,
    MAIAGENT_DEMO_KEY,
    PROFILES,
    Request,
    Response,
    browser,
    handle,
)
from playground._run_sandbox import sandboxed
from playground._sandbox import is_modelled
from playground.server import create_app

MAI = "https://api.maiagent.ai"
MOUNT = "http://127.0.0.1:8000/sandbox/maiagent"
RW = {"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}"}
HUB_KEY = {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"}
HELLO = {"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}
# Every MaiAgent route, each path once, as its documented example values make it.
MAI_PATHS = sorted({route.concrete_path(route.methods[0]) for route in MAIAGENT.routes})


def call(method: str, url: str, headers: dict[str, str] | None = None, body: bytes = b"") -> Response:
    return handle(Request(method, url, headers, body))


def assert_redirect(response: Response, location: str) -> None:
    assert response.status_code == 301
    assert response.headers["Location"] == location
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"  # Django's HttpResponse default
    assert response.body == b""


def test_only_maiagent_redirects() -> None:
    assert [p.id for p in PROFILES.values() if p.append_slash] == ["maiagent"]


@pytest.mark.parametrize("path", MAI_PATHS)
@pytest.mark.parametrize("origin", [MAI, MOUNT])
def test_every_route_without_its_slash_gets_301_to_the_slash_url(origin: str, path: str) -> None:
    prefix = origin.removeprefix(MAI).removeprefix("http://127.0.0.1:8000")
    unslashed = path.removesuffix("/")
    assert_redirect(call("GET", origin + unslashed, RW), prefix + path)
    # The query string is kept as sent; an empty one is left out, as Django's get_full_path does.
    assert_redirect(call("GET", f"{origin}{unslashed}?pageSize=2&q=a%20b", RW), f"{prefix}{path}?pageSize=2&q=a%20b")
    assert_redirect(call("GET", f"{origin}{unslashed}?", RW), prefix + path)
    assert is_modelled(Request("GET", origin + unslashed))


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Api-Key unknownkey123"}, RW],
    ids=["no key", "wrong scheme", "unknown key", "demo key"],
)
def test_the_redirect_comes_before_authentication(headers: dict[str, str]) -> None:
    assert_redirect(call("GET", f"{MAI}/api/v1/chatbots", headers), "/api/v1/chatbots/")


@pytest.mark.parametrize("method", ["POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
def test_every_method_is_redirected_as_in_production(method: str) -> None:
    # Only Django's DEBUG turns a POST, PUT or PATCH into an error page; production answers 301,
    # whether or not the route has the method (the view, which would answer 405, never runs).
    response = call(method, f"{MAI}/api/v1/chatbots", {**RW, "Content-Type": "application/json"}, b'{"name": "x"}')
    assert_redirect(response, "/api/v1/chatbots/")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/chatbot", "/api/v1/chatbots//", "/api/v1/chatbots/x/y", "/api/v1", "/api/v1/knowledge-bases/x"],
)
def test_a_path_that_resolves_neither_way_is_the_documented_404(path: str) -> None:
    response = call("GET", MAI + path, RW)
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert not is_modelled(Request("GET", MAI + path))


def test_the_slash_urls_answer_as_before() -> None:
    assert call("GET", f"{MAI}/api/v1/chatbots/", RW).status_code == 200
    assert call("GET", f"{MAI}/api/v1/chatbots/").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/chat/completions", "/api/v1/chat/completions/"])
@pytest.mark.parametrize("origin", ["https://your-aigne-hub-url", "http://h/sandbox/aigne-hub"])
def test_aigne_hub_answers_with_and_without_the_slash(origin: str, path: str) -> None:
    assert handle(Request.with_json("POST", origin + path, HELLO, HUB_KEY)).status_code == 200


def asgi_call(method: str, url: str, headers: dict[str, str]) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(Path(__file__).parent / "no-site"))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, url, headers=headers)

    return asyncio.run(go())


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
def test_the_server_redirects_within_its_own_mount_whatever_the_host(method: str) -> None:
    # Any host the server answers to (another name gets 400: tests/test_server_hardening.py).
    response = asgi_call(method, "/sandbox/maiagent/api/v1/chatbots?pageSize=2", {**RW, "Host": "192.0.2.7:8080"})
    assert response.status_code == 301
    assert response.headers["location"] == "/sandbox/maiagent/api/v1/chatbots/?pageSize=2"
    assert response.content == b"" and response.headers["content-length"] == "0"


def test_the_playground_shows_the_redirect_and_what_to_send() -> None:
    spec = {"api": "maiagent", "key": MAIAGENT_DEMO_KEY, "method": "GET", "path": "/api/v1/chatbots?page=1"}
    result = asyncio.run(browser.send(spec))
    assert (result["status"], result["reason"], result["body"]) == (301, "Moved Permanently", "")
    assert dict(result["headers"])["Location"] == "/api/v1/chatbots/?page=1"
    assert "unmodelled" not in result  # the real API's answer, not the sandbox's own 404
    assert "send /api/v1/chatbots/?page=1 instead" in result["note"]["en"]
    assert "/api/v1/chatbots/?page=1 を送信" in result["note"]["ja"]
    assert all("django/middleware/common.py" in text for text in result["note"].values())  # its source, cited
    documented = asyncio.run(browser.send(dict(spec, path="/api/v1/chatbots/?page=1")))
    assert documented["status"] == 200 and "note" not in documented


class OpaqueRedirect:
    """What `fetch` with `redirect: "manual"` gives for any 3xx: no status, no Location."""

    type = "opaqueredirect"
    status = 0
    headers: dict[str, str] = {}


async def redirecting_fetch(url: str, **options: Any) -> OpaqueRedirect:
    return OpaqueRedirect()


@pytest.mark.parametrize(
    ("api", "path", "code"),
    [
        ("maiagent", "/api/v1/chatbots?pageSize=2", "redirect_slash"),
        ("maiagent", "/api/v1/chatbots/", "redirect"),  # the slash is there: another redirect
        ("aigne-hub", "/api/v1/chat/completions", "redirect"),  # Express does not redirect it
    ],
)
def test_a_live_redirect_names_the_slash_url_when_the_slash_is_missing(api: str, path: str, code: str) -> None:
    transport = playground.FetchTransport(pyfetch=redirecting_fetch)
    spec = {"api": api, "key": "k", "method": "GET", "path": path}
    error = asyncio.run(browser.send(spec, "http://127.0.0.1:8000/sandbox/maiagent/", transport=transport))["error"]
    assert (error["code"], error["sent"], error["method"]) == (code, True, "GET")
    assert error["url"].startswith("http://127.0.0.1:8000/sandbox/maiagent/api/v1/")
    if code == "redirect_slash":
        assert error["detail"] == "/api/v1/chatbots/?pageSize=2"
        assert "Send /api/v1/chatbots/?pageSize=2 instead" in error["message"]["en"]
        assert "/api/v1/chatbots/?pageSize=2 を送信" in error["message"]["ja"]


def test_run_follows_the_redirect_as_requests_does_against_the_real_api() -> None:
    with sandboxed():
        listed = requests.get(f"{MAI}/api/v1/chatbots?pageSize=2", headers=RW, timeout=5)
        posted = requests.post(f"{MAI}/api/v1/chatbots", json={"name": "x"}, headers=RW, timeout=5)
    assert [r.status_code for r in listed.history] == [301] and listed.status_code == 200
    assert listed.url == f"{MAI}/api/v1/chatbots/?pageSize=2"
    # requests turns a POST redirected by 301 into a GET (as browsers do): the list, not a create.
    assert (posted.status_code, posted.request.method, posted.json()["count"]) == (200, "GET", 3)
