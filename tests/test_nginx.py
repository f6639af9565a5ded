"""The built site served by Debian's nginx with the configuration the build writes (`_nginx.conf`,
scripts/nginx_config.py), as a reader's static host would serve it: the same headers as `_headers`,
the precompressed copies, the types browsers insist on, cache lifetimes, the language 404 pages.

The fast tests serve a small site made here; the browser test, the session's built site.
"""

from __future__ import annotations

import gzip
import http.client
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli
import pytest
from test_browser_csp import Watcher, send_demo_request, wait_python
from test_browser_playground import foreign

import nginx_config  # scripts/nginx_config.py
from playground import _csp
from site_server import NGINX, NGINX_MISSING, RunningServer, running_nginx

HASH8, HASH16 = "0123abcd", "0123456789abcdef"
# The small site: each file's path and content. Compressible files get .gz and .br copies, as the build's.
FILES = {
    "index.html": "<!doctype html><title>home</title><script>var home = 1;</script>" + "<p>words</p>" * 200,
    "404.html": "<!doctype html><html lang=en><title>Not found</title>",
    "ja/index.html": "<!doctype html><html lang=ja><title>ホーム</title><script>var ja = 1;</script>",
    "ja/404.html": "<!doctype html><html lang=ja><title>見つかりません</title>",
    "zh-TW/404.html": "<!doctype html><html lang=zh-TW><title>找不到頁面</title>",
    "index.md": "# Home\n\n" + "ホーム\n" * 100,
    f"assets/javascripts/bundle.{HASH8}.min.js": "console.log('bundle');\n" * 200,
    f"ja/assets/stylesheets/main.{HASH8}.min.css": "body { color: black }\n" * 200,
    "assets/javascripts/search-ja.js": "export const ja = 1;\n",
    "assets/playground/worker.mjs": "export const worker = 'worker';\n" * 200,
    "pyodide/pyodide.asm.wasm": b"\0asm\x01\0\0\0" + b"\0\1\2\3" * 20_000,
    f"pyodide/api_auth_playground-0.1.0-py3-none-any.{HASH16}.snapshot": b"\0snapshot" * 20_000,
    f"pyodide/run-bytecode.{HASH16}.zip": b"PK\5\6" + b"\0" * 18,
    "pyodide/api_auth_playground-0.1.0-py3-none-any.whl": b"PK\5\6" + b"\0" * 18,
}
COMPRESSED = [
    "index.html",
    f"assets/javascripts/bundle.{HASH8}.min.js",
    "assets/playground/worker.mjs",
    "pyodide/pyodide.asm.wasm",
    f"pyodide/api_auth_playground-0.1.0-py3-none-any.{HASH16}.snapshot",
]


def need_nginx() -> None:
    if not NGINX.exists():
        pytest.fail(NGINX_MISSING)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("nginx-site")
    for name, content in FILES.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        if name in COMPRESSED:
            (site / f"{name}.gz").write_bytes(gzip.compress(data))
            (site / f"{name}.br").write_bytes(brotli.compress(data))
    policy = _csp.site_policy(site)
    (site / _csp.HEADERS_FILE).write_text(_csp.headers_file(policy, nginx_config.hashed_paths(site)), encoding="utf-8")
    nginx_config.write(site)
    return site


@pytest.fixture(scope="module")
def nginx(small_site: Path) -> Iterator[RunningServer]:
    need_nginx()
    with running_nginx(small_site) as server:
        yield server


def get(server: RunningServer, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def headers_file_rules(site: Path) -> dict[str, dict[str, str]]:
    """Each rule of a `_headers` file: its path and its headers."""
    rules: dict[str, dict[str, str]] = {}
    for line in (site / _csp.HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            current[name] = value
    return rules


# --- the configuration -------------------------------------------------------------------------------


def test_hashed_names_are_told_from_the_others() -> None:
    hashed = [name for name in FILES if nginx_config.HASHED.match("/" + name)]
    assert hashed == [
        f"assets/javascripts/bundle.{HASH8}.min.js",
        f"ja/assets/stylesheets/main.{HASH8}.min.css",
        f"pyodide/api_auth_playground-0.1.0-py3-none-any.{HASH16}.snapshot",
        f"pyodide/run-bytecode.{HASH16}.zip",
    ]
    # Their precompressed copies are not files a browser asks for.
    assert not nginx_config.HASHED.match(f"/pyodide/run-bytecode.{HASH16}.zip.br")


def test_a_value_nginx_would_read_otherwise_is_refused() -> None:
    for policy in ("default-src 'none' $host", 'default-src "none"', "default-src 'none'\nX-Other: 1"):
        with pytest.raises(ValueError, match="nginx string"):
            nginx_config.render(policy)


def test_the_headers_file_caches_the_hashed_files_only(small_site: Path) -> None:
    rules = headers_file_rules(small_site)
    assert rules.pop("/*") == _csp.response_headers(_csp.site_policy(small_site))
    assert rules == {path: {"Cache-Control": _csp.IMMUTABLE} for path in nginx_config.hashed_paths(small_site)}
    assert len(rules) == 4


def test_the_build_writes_the_configuration_of_its_pages(site_dir: Path) -> None:
    policy = _csp.site_policy(site_dir)
    assert (site_dir / nginx_config.CONFIG_FILE).read_text(encoding="utf-8") == nginx_config.render(policy)
    hashed = nginx_config.hashed_paths(site_dir)
    # Material's bundles in every language, the snapshot and Run's bytecode: the names a build really has.
    for kind in (r"/assets/javascripts/bundle\.", r"/assets/stylesheets/main\.", r"\.snapshot$", r"/run-bytecode\."):
        assert [path for path in hashed if re.search(kind, path)], kind
    assert not [path for path in hashed if path.endswith(".whl")]
    rules = headers_file_rules(site_dir)
    assert [path for path in rules if path != "/*"] == hashed


# --- nginx serving it --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/ja/", 200),
        ("/pyodide/pyodide.asm.wasm", 200),
        (f"/assets/javascripts/bundle.{HASH8}.min.js", 200),
        ("/missing/", 404),
        ("/assets/", 404),
    ],
)
def test_every_response_carries_the_headers_of_the_headers_file(
    nginx: RunningServer, small_site: Path, path: str, status: int
) -> None:
    expected = headers_file_rules(small_site)["/*"]
    assert "'sha256-" in expected["Content-Security-Policy"]
    response = get(nginx, path, {"Accept-Encoding": "br, gzip"})
    assert response.status == status
    for name, value in expected.items():
        assert response.headers.get_all(name) == [value], name


@pytest.mark.parametrize("name", COMPRESSED)
@pytest.mark.parametrize(
    ("accept", "encoding"), [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("identity", None), ("", None)]
)
def test_the_precompressed_copies_are_sent_to_browsers_that_take_them(
    nginx: RunningServer, small_site: Path, name: str, accept: str, encoding: str | None
) -> None:
    original = (small_site / name).read_bytes()
    response = get(nginx, "/" + name, {"Accept-Encoding": accept} if accept else {})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == encoding
    assert response.headers.get_all("Vary") == ["Accept-Encoding"]
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert decode(response.body) == original
    if encoding:
        assert len(response.body) < len(original)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/assets/playground/worker.mjs", "text/javascript; charset=utf-8"),
        ("/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("/index.md", "text/markdown; charset=utf-8"),
        (f"/pyodide/api_auth_playground-0.1.0-py3-none-any.{HASH16}.snapshot", "application/octet-stream"),
        ("/pyodide/api_auth_playground-0.1.0-py3-none-any.whl", "application/octet-stream"),
        (f"/pyodide/run-bytecode.{HASH16}.zip", "application/zip"),
    ],
)
def test_each_file_has_the_type_browsers_need(nginx: RunningServer, path: str, kind: str) -> None:
    # With and without a precompressed copy (a browser compiles wasm served as application/wasm only).
    for accept in ("br", "identity"):
        assert get(nginx, path, {"Accept-Encoding": accept}).getheader("Content-Type") == kind, accept


@pytest.mark.parametrize("name", FILES)
def test_only_files_named_after_their_content_are_cached_for_good(nginx: RunningServer, name: str) -> None:
    for accept in ("br", "identity"):
        response = get(nginx, "/" + name, {"Accept-Encoding": accept})
        assert response.status == 200
        if nginx_config.HASHED.match("/" + name):
            assert response.getheader("Cache-Control") == _csp.IMMUTABLE
        else:
            # Revalidated on each use: the ETag answers "not modified" without the body.
            assert response.getheader("Cache-Control") == "no-cache"
            again = get(nginx, "/" + name, {"Accept-Encoding": accept, "If-None-Match": response.getheader("ETag")})
            assert (again.status, again.body) == (304, b"")


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/missing/", "404.html"),
        ("/maiagent/missing.mjs", "404.html"),
        ("/ja/missing/", "ja/404.html"),
        ("/ja/assets/missing.mjs", "ja/404.html"),
        ("/zh-TW/missing/page/", "zh-TW/404.html"),
        ("/zh-TW/", "zh-TW/404.html"),  # a folder without a page
        (f"/assets/javascripts/bundle.{'f' * 8}.min.js", "404.html"),
        ("/jam/", "404.html"),
    ],
)
def test_a_missing_page_gets_its_languages_404_page(
    nginx: RunningServer, small_site: Path, path: str, page: str
) -> None:
    response = get(nginx, path)
    assert response.status == 404
    assert response.body == (small_site / page).read_bytes()
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-cache"  # a name that may exist after the next build


@pytest.mark.parametrize("path", ["/_headers", "/_nginx.conf"])
def test_the_configuration_files_are_not_served(nginx: RunningServer, path: str) -> None:
    response = get(nginx, path)
    assert response.status == 404
    assert b"add_header" not in response.body and b"Content-Security-Policy" not in response.body


def test_a_folder_is_redirected_to_its_page_relatively(nginx: RunningServer) -> None:
    response = get(nginx, "/ja")
    assert (response.status, response.getheader("Location")) == (301, "/ja/")


# --- a browser, through nginx ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nginx_site(site_dir: Path) -> Iterator[str]:
    need_nginx()
    with running_nginx(site_dir) as server:
        yield server.url


@pytest.mark.browser
def test_the_playground_works_from_nginx(nginx_site: str, browser) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        watched = Watcher(context, tab)
        requests, encodings = [], {}
        tab.on("request", lambda request: requests.append(request.url))
        tab.on("response", lambda response: encodings.update({response.url: response.headers.get("content-encoding")}))
        tab.goto(urljoin(nginx_site, "maiagent/authentication/"))
        wait_python(watched)
        with watched.explained():
            # Send, to the in-browser sandbox.
            tab.check(".playground__target-sandbox")
            send_demo_request(tab)
            # The first documented example, reproduced.
            block = tab.locator(".playground-reproduce").first
            block.locator(".playground-reproduce__button").click()
            verdict = block.locator(".playground-reproduce__verdict")
            verdict.wait_for(timeout=30_000)
            assert verdict.get_attribute("data-equal") == "true"
        # Python started from the snapshot, whatever encoding nginx sent it in.
        assert tab.locator(".playground").first.get_attribute("data-python-start") == "snapshot"
        assert watched.problems() == []
        assert foreign(requests, nginx_site) == []
        wasm = [url for url in encodings if url.endswith("/pyodide/pyodide.asm.wasm")]
        assert wasm and encodings[wasm[0]] == "br", encodings
    finally:
        context.close()
