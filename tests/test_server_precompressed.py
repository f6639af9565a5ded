"""playground.server sends the build's precompressed copies (scripts/precompress.py: ``X.br`` and
``X.gz`` beside ``X``) as nginx's brotli_static and gzip_static do: the copy the request's
Accept-Encoding prefers, with X's type, Content-Encoding, Vary and an ETag of its own."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path
from typing import Any

import brotli
import httpx
import pytest

from playground.server import create_app

SCRIPT = ("export const answer = 'an ES module that compresses well';\n" * 200).encode()
SNAPSHOT = b"\x8a\x01\0\0" + bytes(range(256)) * 100  # no type of its own: application/octet-stream
FILES = {
    "assets/app.mjs": SCRIPT,
    "pyodide/x.0123456789abcdef.snapshot": SNAPSHOT,
    "index.html": b"<!doctype html><title>home</title>" + b"<p>words</p>" * 100,
    "plain.txt": b"no copies beside me\n" * 50,
    "sitemap.xml.gz": gzip.compress(b"<urlset></urlset>"),
}
COPIED = ("assets/app.mjs", "pyodide/x.0123456789abcdef.snapshot", "index.html")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    site = tmp_path_factory.mktemp("precompressed-site")
    for name, data in FILES.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if name in COPIED:
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data))
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, mtime=0))
    (site / "only-gzip.css").write_bytes(b"body { color: black }\n" * 100)
    (site / "only-gzip.css.gz").write_bytes(gzip.compress((site / "only-gzip.css").read_bytes()))
    return create_app(site)


def fetch(app: Any, path: str, accept: str | None, method: str = "GET", **headers: str) -> tuple[httpx.Response, bytes]:
    """The response and its body as sent (not decoded), with `Accept-Encoding: accept` (None: no such header)."""

    async def go() -> tuple[httpx.Response, bytes]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            request = client.build_request(method, path, headers=headers)
            # httpx adds its own Accept-Encoding: the one under test replaces it, or none is sent.
            del request.headers["accept-encoding"]
            if accept is not None:
                request.headers["accept-encoding"] = accept
            response = await client.send(request, stream=True)
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
            return response, raw

    return asyncio.run(go())


def decoded(response: httpx.Response, raw: bytes) -> bytes:
    coding = response.headers.get("content-encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](raw)


@pytest.mark.parametrize("path", ["/assets/app.mjs", "/pyodide/x.0123456789abcdef.snapshot", "/"])
@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),  # Chromium's
        ("br", "br"),
        ("gzip, deflate", "gzip"),
        ("x-gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),  # the client's weights win over ours
        ("*", "br"),
        ("*;q=0.5, br;q=0", "gzip"),
        ("identity", None),
        ("br;q=0, gzip;q=0", None),
        ("*;q=0", None),
        ("", None),
        (None, None),
        ("deflate, zstd", None),
        ("br;q=oops, gzip", "gzip"),  # a q-value that is not a number accepts nothing
    ],
)
def test_the_copy_the_client_prefers_is_sent_with_its_encoding(
    app: Any, path: str, accept: str | None, coding: str | None
) -> None:
    response, raw = fetch(app, path, accept)
    original = FILES[path.lstrip("/") or "index.html"]
    identity, _ = fetch(app, path, None)
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == coding
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"] == identity.headers["content-type"]
    assert int(response.headers["content-length"]) == len(raw)
    assert decoded(response, raw) == original
    if coding:
        assert len(raw) < len(original)
        assert response.headers["etag"] != identity.headers["etag"]
        assert "accept-ranges" not in response.headers
    else:
        assert raw == original


def test_the_types_are_the_files_not_the_copies(app: Any) -> None:
    assert fetch(app, "/assets/app.mjs", "br")[0].headers["content-type"].startswith("text/javascript")
    assert fetch(app, "/pyodide/x.0123456789abcdef.snapshot", "br")[0].headers["content-type"] == (
        "application/octet-stream"
    )
    assert fetch(app, "/", "gzip")[0].headers["content-type"].startswith("text/html")


def test_each_encoding_has_its_own_etag_and_revalidates(app: Any) -> None:
    tags = {coding: fetch(app, "/assets/app.mjs", coding)[0].headers["etag"] for coding in ("br", "gzip", "identity")}
    assert len(set(tags.values())) == 3
    for coding, tag in tags.items():
        again, raw = fetch(app, "/assets/app.mjs", coding, **{"if-none-match": tag})
        assert (again.status_code, raw) == (304, b""), coding
        assert again.headers["vary"] == "Accept-Encoding"
    other, _ = fetch(app, "/assets/app.mjs", "br", **{"if-none-match": tags["gzip"]})
    assert other.status_code == 200 and other.headers["content-encoding"] == "br"


def test_only_the_copies_that_exist_are_offered(app: Any) -> None:
    response, raw = fetch(app, "/only-gzip.css", "gzip, deflate, br, zstd")
    assert response.headers["content-encoding"] == "gzip" and response.headers["vary"] == "Accept-Encoding"
    assert decoded(response, raw) == b"body { color: black }\n" * 100
    assert fetch(app, "/only-gzip.css", "br")[0].headers.get("content-encoding") is None


def test_a_file_without_copies_is_sent_as_it_is_without_vary(app: Any) -> None:
    response, raw = fetch(app, "/plain.txt", "gzip, deflate, br, zstd")
    assert raw == FILES["plain.txt"] and "content-encoding" not in response.headers and "vary" not in response.headers


def test_a_copy_asked_for_by_name_is_sent_as_it_is(app: Any) -> None:
    response, raw = fetch(app, "/sitemap.xml.gz", "gzip, deflate, br, zstd")
    assert raw == FILES["sitemap.xml.gz"] and "content-encoding" not in response.headers
    response, raw = fetch(app, "/assets/app.mjs.br", "br")
    assert raw == brotli.compress(SCRIPT) and "content-encoding" not in response.headers


@pytest.mark.parametrize("accept", ["br", "gzip", None])
def test_head_describes_what_get_sends(app: Any, accept: str | None) -> None:
    get, body = fetch(app, "/assets/app.mjs", accept)
    head, nothing = fetch(app, "/assets/app.mjs", accept, method="HEAD")
    assert nothing == b"" and head.status_code == 200
    for name in ("content-length", "content-encoding", "content-type", "etag", "vary"):
        assert head.headers.get(name) == get.headers.get(name), name
    assert int(head.headers["content-length"]) == len(body)


def test_a_range_request_gets_the_files_own_bytes(app: Any) -> None:
    response, raw = fetch(app, "/assets/app.mjs", "gzip, deflate, br, zstd", range="bytes=10-29")
    assert response.status_code == 206 and raw == SCRIPT[10:30]
    assert "content-encoding" not in response.headers and response.headers["vary"] == "Accept-Encoding"


def test_the_built_sites_copies_are_what_the_server_sends(tmp_path: Path) -> None:
    # scripts/precompress.py's copies, not hand-made ones: the server sends the one it wrote.
    import precompress  # scripts/precompress.py (tests/conftest.py puts scripts/ on the path)

    (tmp_path / "index.html").write_bytes(FILES["index.html"])
    precompress.precompress(tmp_path, cache=tmp_path.parent / "cache", workers=1)
    site = create_app(tmp_path)
    for accept, suffix in (("br", ".br"), ("gzip", ".gz")):
        response, raw = fetch(site, "/", accept)
        assert raw == (tmp_path / f"index.html{suffix}").read_bytes()
        assert decoded(response, raw) == FILES["index.html"]
