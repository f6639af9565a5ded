"""scripts/precompress.py: the build's brotli and gzip copies beside each file they make smaller."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import brotli
import pytest

import precompress  # scripts/precompress.py (tests/conftest.py puts scripts/ on the path)

TEXT = "<!doctype html><title>page</title>" + "<p>words that repeat</p>" * 300
FILES = {
    "index.html": TEXT.encode(),
    "ja/index.html": TEXT.encode(),  # the same content as another file: compressed once
    "assets/app.js": b"console.log('app');\n" * 400,
    "pyodide/x.0123456789abcdef.snapshot": b"\0snp" + bytes(4096) + bytes(range(256)) * 64,
    "pyodide/random.whl": os.urandom(64 * 1024),  # a deflated zip: nothing to gain
    "tiny.txt": b"a few bytes\n",
    "_headers": b"/*\n  X-Frame-Options: DENY\n" * 100,
    "_nginx.conf": b"gzip_static on;\n" * 100,
    "logo.png": b"\x89PNG\r\n\x1a\n" + bytes(8192),
    "sitemap.xml": b"<urlset>" + b"<url><loc>https://example.com/</loc></url>" * 50 + b"</urlset>",
}
FILES["sitemap.xml.gz"] = gzip.compress(FILES["sitemap.xml"])  # MkDocs writes one
COMPRESSED = {"index.html", "ja/index.html", "assets/app.js", "pyodide/x.0123456789abcdef.snapshot", "sitemap.xml"}


def make_site(folder: Path) -> Path:
    for name, data in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def copies(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in (".br", ".gz")}


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_each_file_that_compresses_gets_a_brotli_and_a_gzip_copy(tmp_path: Path, cache: Path) -> None:
    site = make_site(tmp_path / "site")
    summary = precompress.precompress(site, cache=cache, workers=2)
    expected = {f"{name}.{encoding}" for name in COMPRESSED for encoding in ("br", "gz")}
    assert copies(site) == expected
    assert summary.copies == {"br": len(COMPRESSED), "gz": len(COMPRESSED)}
    for name in COMPRESSED:
        original = (site / name).read_bytes()
        brotli_copy, gzip_copy = (site / f"{name}.br").read_bytes(), (site / f"{name}.gz").read_bytes()
        assert brotli.decompress(brotli_copy) == original and gzip.decompress(gzip_copy) == original
        assert len(brotli_copy) < len(original) and len(gzip_copy) < len(original)
        assert gzip_copy[4:8] == b"\0\0\0\0"  # no time in the header: the same file, the same copy
    # The same content in two languages was compressed once; what deflate cannot shrink, not at all.
    assert summary.compressed == len(COMPRESSED) - 1


def test_a_second_build_takes_every_copy_from_the_cache(tmp_path: Path, cache: Path) -> None:
    first = make_site(tmp_path / "first")
    precompress.precompress(first, cache=cache, workers=1)
    second = make_site(tmp_path / "second")
    summary = precompress.precompress(second, cache=cache, workers=1)
    assert summary.compressed == 0
    assert copies(second) == copies(first)
    assert all((second / name).read_bytes() == (first / name).read_bytes() for name in copies(first))


def test_running_it_again_compresses_no_copy(tmp_path: Path, cache: Path) -> None:
    site = make_site(tmp_path / "site")
    precompress.precompress(site, cache=cache, workers=1)
    before = copies(site)
    summary = precompress.precompress(site, cache=cache, workers=1)
    assert copies(site) == before and summary.compressed == 0  # no .br.br, no .gz.gz


def test_a_changed_file_gets_new_copies(tmp_path: Path, cache: Path) -> None:
    site = make_site(tmp_path / "site")
    precompress.precompress(site, cache=cache, workers=1)
    (site / "assets/app.js").write_bytes(b"console.log('changed');\n" * 400)
    assert precompress.precompress(site, cache=cache, workers=1).compressed == 1
    assert brotli.decompress((site / "assets/app.js.br").read_bytes()) == b"console.log('changed');\n" * 400


def test_the_copy_must_save_a_useful_margin() -> None:
    assert precompress.worth_keeping(100_000, 90_000)
    assert not precompress.worth_keeping(100_000, 96_000)  # under 5 %
    assert not precompress.worth_keeping(2_000, 1_800)  # under 256 bytes


def test_larger_files_get_a_faster_brotli_the_largest_a_larger_window() -> None:
    sizes = (100_000, 2**20, 2**20 + 1, 4 * 2**20, 10 * 2**20)
    expected = ["br11w22", "br11w22", "br10w22", "br10w22", "br9w24"]
    assert [precompress.settings("br", size) for size in sizes] == expected
    assert precompress.settings("gz", 10 * 2**20) == "gz9"


def test_the_cache_keeps_its_most_recently_used_copies(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for age, name in enumerate(("new", "middle", "old")):
        entry = cache / name
        entry.write_bytes(bytes(1000))
        os.utime(entry, (1_000_000 - age, 1_000_000 - age))
    precompress._prune(cache, 2000)
    assert sorted(entry.name for entry in cache.iterdir()) == ["middle", "new"]


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site")
    shutil.rmtree(site / "pyodide")
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    precompress.main(["--site-dir", str(site)])
    assert "precompressed" in capsys.readouterr().out
    assert (site / "index.html.br").exists()
