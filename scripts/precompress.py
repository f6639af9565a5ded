"""Write a built site's precompressed copies: ``X.br`` and ``X.gz`` beside each file ``X`` they make
smaller, which nginx (``brotli_static``, ``gzip_static``: scripts/nginx_config.py) and
``playground.server`` send, with ``Content-Encoding``, to browsers that accept them.

- gzip at level 9 (the standard library's), with no name and time 0 in its header: the same file
  always gets the same copy.
- brotli (PyPI ``brotli``) by size (``BROTLI``): quality 11, its best, up to 1 MiB (the pages,
  styles, scripts, search indexes); 10 up to 4 MiB, its default window (``pyodide.asm.mjs``: 7 KB
  more than at 11, for half the time); 9 with a 16 MiB window above (``pyodide.asm.wasm`` and the
  start-up snapshot, 23 MB): quality 10 would save ~0.7 MB more of a first visit's ~11 MB, for over
  a minute more of compressing (~40 s on two cores), which a fresh clone (CI) pays in full.
- A copy is kept only if it saves ``MIN_SAVING`` of ``X`` and at least ``MIN_SAVED_BYTES``: files that
  are compressed already (Run's wheels from PyPI, deflated zips) get none; a quick deflate (level 1)
  finds them, and they are not compressed further (brotli at its best takes seconds on one). Neither are
  formats known to be compressed (images, fonts, ``.gz`` such as MkDocs' ``sitemap.xml.gz``) tried,
  nor the copies themselves, nor the server configurations, which are never served (``_headers``,
  ``_nginx.conf``). The ``X.gz`` MkDocs writes for ``sitemap.xml`` is replaced by ours: the same
  bytes once unpacked.
- Every copy is cached in ``.cache/precompress/``, by its content's sha256 and the settings: a
  rebuild compresses only what changed (a new wheel, a new snapshot). Work that is not cached is
  shared between processes, one per core, the largest file first. The cache keeps its most
  recently used ``CACHE_BYTES``.

scripts/build.py runs it last; ``python scripts/precompress.py --site-dir DIR`` runs it alone.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import brotli

import nginx_config  # scripts/nginx_config.py: the name of its configuration file
from playground import _csp

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "precompress"
CACHE_BYTES = 300 * 2**20  # a few builds' worth (each build's new copies: ~10 MB, mostly its snapshot)
ENCODINGS = ("br", "gz")
GZIP_LEVEL = 9
# (largest file size, quality, window bits), the first that fits.
BROTLI = ((2**20, 11, 22), (4 * 2**20, 10, 22), (None, 9, 24))
MIN_SAVING = 0.05
MIN_SAVED_BYTES = 256
# Never compressed: the server configurations (not served), the copies, and compressed formats.
SKIP_NAMES = frozenset({_csp.HEADERS_FILE, nginx_config.CONFIG_FILE})
SKIP_SUFFIXES = frozenset(
    {".br", ".gz", ".zst", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".mp4", ".webm"}
)

__all__ = ["CACHE", "Summary", "brotli_settings", "candidates", "compress", "precompress", "settings", "worth_keeping"]


def brotli_settings(size: int) -> tuple[int, int]:
    """brotli's quality and window bits for a file of `size` bytes."""
    return next((quality, window) for largest, quality, window in BROTLI if largest is None or size <= largest)


def settings(encoding: str, size: int) -> str:
    """The cache's name for how a file of `size` bytes is compressed in `encoding`."""
    if encoding == "gz":
        return f"gz{GZIP_LEVEL}"
    quality, window = brotli_settings(size)
    return f"br{quality}w{window}"


def compress(encoding: str, data: bytes) -> bytes:
    """`data` compressed in `encoding` ("br" or "gz"), with the settings for its size."""
    if encoding == "gz":
        return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    quality, window = brotli_settings(len(data))
    # The default mode (generic) differs from text's by a hint only; it suits our binaries too.
    return brotli.compress(data, quality=quality, lgwin=window)


def worth_keeping(size: int, compressed: int) -> bool:
    """Whether a copy of `compressed` bytes is worth sending instead of the file's `size`."""
    return size - compressed >= max(MIN_SAVED_BYTES, size * MIN_SAVING)


def candidates(site_dir: Path) -> list[Path]:
    """The files of `site_dir` that may get copies, sorted."""
    return sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file() and path.name not in SKIP_NAMES and path.suffix.lower() not in SKIP_SUFFIXES
    )


@dataclass
class Summary:
    files: int = 0  # files tried
    copies: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENCODINGS, 0))
    compressed: int = 0  # distinct contents compressed now (the others' copies came from the cache)
    seconds: float = 0.0

    def __str__(self) -> str:
        made = ", ".join(f"{count} .{encoding}" for encoding, count in self.copies.items())
        return (
            f"precompressed {self.files} files: {made} "
            f"({self.compressed} compressed now, the rest from the cache; {self.seconds:.1f} s)"
        )


def _cache_path(cache: Path, digest: str, tag: str) -> Path:
    return cache / f"{digest}.{tag}"


def _store(path: Path, data: bytes) -> None:
    # Written aside and renamed: two builds at once may store the same copy.
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, path)


def _prune(cache: Path, keep_bytes: int) -> None:
    """Delete the least recently used copies beyond `keep_bytes` (a hit renews its file's time)."""
    entries = []
    for entry in cache.iterdir():
        try:
            found = entry.stat()
        except FileNotFoundError:  # another build's, renamed meanwhile
            continue
        entries.append((found.st_mtime, found.st_size, entry))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    for _, size, entry in entries:
        if total <= keep_bytes:
            break
        entry.unlink(missing_ok=True)
        total -= size


def _compress_to_cache(encoding: str, path: Path, target: Path) -> None:
    # In a worker process: it reads the file itself, so that only names cross the process boundary.
    _store(target, compress(encoding, path.read_bytes()))


def precompress(site_dir: Path, cache: Path | None = None, workers: int | None = None) -> Summary:
    """Write ``X.br`` and ``X.gz`` beside each file of `site_dir` that they make smaller.

    Parameters:
        site_dir: The built site.
        cache: Where copies are kept between builds, by content and settings (default: `CACHE`).
        workers: Processes compressing at once (default: one per core).

    Returns:
        What was written.
    """
    started = time.perf_counter()
    cache = CACHE if cache is None else cache
    summary = Summary()
    files = candidates(site_dir)
    summary.files = len(files)
    # Each file's cache entries, by encoding; each distinct content compressed once (the three
    # languages share most of Material's assets). An empty entry stands for "no copy".
    plans: dict[Path, dict[str, Path]] = {}
    todo: dict[Path, tuple[int, str, Path]] = {}
    compressing: set[str] = set()  # the contents compressed now
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        plans[path] = {encoding: _cache_path(cache, digest, settings(encoding, len(data))) for encoding in ENCODINGS}
        missing = [(encoding, entry) for encoding, entry in plans[path].items() if not entry.exists()]
        if missing and not worth_keeping(len(data), len(zlib.compress(data, 1))):
            for _, entry in missing:
                _store(entry, b"")  # compressed already
        else:
            for encoding, entry in missing:
                todo.setdefault(entry, (len(data), encoding, path))
                compressing.add(digest)
    if todo:
        jobs = sorted(todo.items(), key=lambda item: item[1][0], reverse=True)  # the largest first
        # Started afresh (spawn), not forked: forking a process that runs threads (a test run's) may deadlock.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=context) as pool:
            futures = [pool.submit(_compress_to_cache, encoding, path, entry) for entry, (_, encoding, path) in jobs]
            for future in futures:
                future.result()
    summary.compressed = len(compressing)
    now = time.time()
    for path, entries in plans.items():
        size = path.stat().st_size
        for encoding, cached in entries.items():
            copy = cached.read_bytes()
            os.utime(cached, (now, now))
            if copy and worth_keeping(size, len(copy)):
                path.with_name(f"{path.name}.{encoding}").write_bytes(copy)
                summary.copies[encoding] += 1
    if cache.is_dir():
        _prune(cache, CACHE_BYTES)
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(None if argv is None else list(argv))
    if not args.site_dir.is_dir():
        raise SystemExit(f"{args.site_dir} is not a built site: run scripts/build.py")
    print(precompress(args.site_dir.resolve()))


if __name__ == "__main__":
    sys.exit(main())
