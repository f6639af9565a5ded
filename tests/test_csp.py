"""The Content Security Policy: one policy, hashed from the built pages, sent by the server with
every response, written into the static build's `_headers`, and documented in every language.

The browser side (zero violations on every page and playground feature) is tests/test_browser_csp.py.
"""

from __future__ import annotations

import asyncio
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from playground import _csp
from playground.server import create_app

ROOT = Path(__file__).resolve().parent.parent
ALERT_HASH = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"  # of "alert(1)"


def directives(policy: str) -> dict[str, list[str]]:
    parsed = [part.split() for part in policy.split("; ")]
    return {name: sources for name, *sources in parsed}


# --- the policy itself ---------------------------------------------------------------------------


def test_only_scripts_a_browser_runs_are_hashed() -> None:
    page = (
        '<script>alert(1)</script><script id="__config" type="application/json">{"a": 1}</script>'
        '<script src="x.js"></script><SCRIPT type="text/javascript">alert(1)</SCRIPT>'
        '<script type="module">import "./a.js";</script>'
    )
    hashes = _csp.inline_script_hashes(page)
    assert hashes[0] == ALERT_HASH
    assert len(hashes) == 2  # the repeated script once, the module; not the JSON data or the src
    assert _csp.inline_script_hashes("<p>no scripts</p>") == []


def test_the_policy_is_strict_and_names_no_third_party_origin() -> None:
    policy = directives(_csp.content_security_policy([ALERT_HASH]))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", ALERT_HASH]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    sources = {source for values in policy.values() for source in values}
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "blob:"} & sources
    for source in sources:
        # Keywords, hashes, data: images, and the live base URL's https: or this computer.
        assert (
            source.startswith("'")
            or source in ("data:", "https:")
            or urlsplit(source).hostname in ("localhost", "127.0.0.1")
        ), source


def test_the_server_hashes_the_inline_scripts_of_the_pages_it_serves(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title><script>alert(1)</script>", encoding="utf-8")

    async def get(path: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(tmp_path))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get(path)

    for path in ("/", "/sandbox/maiagent/api/v1/chatbots/", "/missing"):
        assert asyncio.run(get(path)).headers["content-security-policy"] == _csp.content_security_policy([ALERT_HASH])


# --- the built site: the file for static hosts equals what the server sends -----------------------


def headers_file_policy(site_dir: Path) -> str:
    text = (site_dir / _csp.HEADERS_FILE).read_text(encoding="utf-8")
    assert re.search(r"^/\*$", text, re.MULTILINE), "one rule for every path"
    (policy,) = re.findall(r"^  Content-Security-Policy: (.+)$", text, re.MULTILINE)
    for name, value in _csp.SECURITY_HEADERS.items():
        assert re.findall(rf"^  {name}: (.+)$", text, re.MULTILINE) == [value]
    return policy


def test_the_build_writes_the_policy_of_its_pages_into_headers(site_dir: Path) -> None:
    policy = headers_file_policy(site_dir)
    assert policy == _csp.site_policy(site_dir)
    allowed = set(directives(policy)["script-src"])
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        hashes = _csp.inline_script_hashes(page.read_text(encoding="utf-8"))
        assert hashes and set(hashes) <= allowed, page  # Material writes inline scripts into every page


def request(base: str, method: str, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_the_server_sends_that_policy_with_every_response(site_server: str, site_dir: Path) -> None:
    policy = headers_file_policy(site_dir)
    (search_worker,) = (site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    cases = [
        ("GET", "/", 200),
        ("GET", "/ja/playground/", 200),
        ("GET", "/no-such-page/", 404),
        ("GET", "/assets/playground/worker.mjs", 200),
        ("GET", "/ja/assets/playground/worker.mjs", 200),
        ("GET", f"/assets/javascripts/workers/{search_worker.name}", 200),
        ("GET", "/pyodide/pyodide.mjs", 200),
        ("HEAD", "/pyodide/pyodide.asm.wasm", 200),
        ("GET", "/sandbox/maiagent/api/v1/chatbots/", 401),
        ("GET", "/sandbox/openapi.json", 200),
    ]
    for method, path, status in cases:
        response = request(site_server, method, path)
        assert response.status == status, path
        assert response.getheader("Content-Security-Policy") == policy, path
        for name, value in _csp.SECURITY_HEADERS.items():
            assert response.headers.get_all(name) == [value], path
    # A cross-origin caller of the sandbox still gets its CORS answer.
    preflight = request(
        site_server,
        "OPTIONS",
        "/sandbox/maiagent/api/v1/chatbots/",
        {
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status == 200 and preflight.getheader("Access-Control-Allow-Origin") == "*"


# --- the documentation ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_documented_policy_is_the_policy(lang: str) -> None:
    page = (ROOT / "docs" / lang / "playground.md").read_text(encoding="utf-8")
    section = page.split("{ #content-security-policy }", 1)[1]
    (block,) = re.findall(r"^```text\n(.*?)^```", section, re.MULTILINE | re.DOTALL)[:1]
    assert " ".join(block.split("\n")).strip() == _csp.content_security_policy(["'sha256-…'"])


@pytest.mark.parametrize(
    ("url", "page", "allowed"),
    [
        ("https://api.maiagent.ai/", "http://127.0.0.1:8000", True),
        ("http://127.0.0.1:9/sandbox/maiagent/", "http://127.0.0.1:8000", True),
        ("http://localhost:3000/", "https://docs.example.com", True),
        ("http://docs.lan:8000/sandbox/maiagent/", "http://docs.lan:8000", True),  # 'self'
        ("http://docs.lan:8001/", "http://docs.lan:8000", False),  # another port is another origin
        ("http://example.com/", "http://127.0.0.1:8000", False),
        ("http://[::1]:9/", "http://127.0.0.1:8000", False),  # the policy names localhost and 127.0.0.1 only
        ("ftp://127.0.0.1/", "http://127.0.0.1:8000", False),
    ],
)
def test_connect_allowed_follows_connect_src(url: str, page: str, allowed: bool) -> None:
    from playground._csp import connect_allowed

    assert connect_allowed(url, page) is allowed
