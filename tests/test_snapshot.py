"""The start-up snapshot (scripts/snapshot.mjs, playground/web/pyodide-boot.mjs): a page restores
Pyodide's memory, our package already imported, instead of starting Python again.

A restored Python must be the one a reader would have had without it: same sys.path, environment,
time zone and runtime, fresh random numbers. Here in Node, against the built site; the browser
tests (test_browser_playground.py) check that the page starts from it and falls back without it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import brotli
import pytest
from pyodide_node import run_in_pyodide

# Pyodide in Node, started afresh by nearly every test: about 20 s in all.
pytestmark = pytest.mark.slow

SNAPSHOT_GLOB = "*.snapshot"
PAGE = 65536


def runtime(site_dir: Path, *, snapshot: bool, zone: str = "Asia/Tokyo") -> dict:
    env = {"TZ": zone, "PLAYGROUND_SNAPSHOT": "1" if snapshot else "0"}
    result = run_in_pyodide("runtime_main.py", site_dir, [], [], env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def booted(site_dir: Path) -> dict:
    return runtime(site_dir, snapshot=False)


@pytest.fixture(scope="module")
def restored(site_dir: Path) -> dict:
    return runtime(site_dir, snapshot=True)


def unpack(snapshot: Path) -> tuple[dict, bytes]:
    """The header and the memory of a snapshot file (pyodide-boot.mjs: packSnapshot)."""
    packed = snapshot.read_bytes()
    size = int.from_bytes(packed[:4], "little")
    header, pages = json.loads(packed[4 : 4 + size]), packed[4 + size :]
    memory = bytearray(header["length"])
    for index, page in enumerate(header["pages"]):
        memory[page * PAGE : (page + 1) * PAGE] = pages[index * PAGE : (index + 1) * PAGE]
    return header, bytes(memory)


def pack(header: dict, memory: bytes) -> bytes:
    data = json.dumps(header).encode()
    pages = b"".join(memory[page * PAGE : (page + 1) * PAGE] for page in header["pages"])
    return len(data).to_bytes(4, "little") + data + pages


def test_the_build_writes_one_snapshot_named_after_the_wheel(site_dir: Path) -> None:
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    entry = lock["packages"]["api-auth-playground"]
    (snapshot,) = (site_dir / "pyodide").glob(SNAPSHOT_GLOB)
    assert snapshot.name == f"{entry['file_name'].removesuffix('.whl')}.{entry['sha256'][:16]}.snapshot"
    header, memory = unpack(snapshot)
    assert memory[:4] == b"\0snp" and len(memory) >= 16 * 2**20  # Pyodide's magic number, then the memory
    # Only the pages with data are stored; the archives zipimport indexed are the build's own.
    assert 0 < len(header["pages"]) < len(memory) // PAGE
    assert all(memory[page * PAGE : (page + 1) * PAGE].strip(b"\0") for page in header["pages"])
    assert header["archives"] == {
        "/lib/python314.zip": hashlib.sha256((site_dir / "pyodide" / "python_stdlib.zip").read_bytes()).hexdigest(),
        f"/lib/{entry['file_name']}": entry["sha256"],
    }


def test_the_snapshot_is_sent_compressed_as_every_file_is(site_dir: Path) -> None:
    # Written as it is; the build's copies (scripts/precompress.py) are what servers send, with
    # Content-Encoding, and what the browser decodes.
    (snapshot,) = (site_dir / "pyodide").glob(SNAPSHOT_GLOB)
    raw = snapshot.read_bytes()
    brotli_copy, gzip_copy = (snapshot.with_name(snapshot.name + suffix).read_bytes() for suffix in (".br", ".gz"))
    assert brotli.decompress(brotli_copy) == raw == gzip.decompress(gzip_copy)
    assert len(brotli_copy) < len(gzip_copy) < len(raw) / 2


def test_python_starts_from_the_snapshot_with_the_package_imported(booted: dict, restored: dict) -> None:
    assert (booted["started"], booted["package_imported_at_start"]) == ("boot", False)
    assert (restored["started"], restored["package_imported_at_start"]) == ("snapshot", True)
    assert restored["answers"] == booted["answers"] == "Api-Key"
    assert restored["uuid_module"] == 4


@pytest.mark.parametrize(
    "field", ["sys.path", "environ", "executable", "emscripten_info", "zone", "strftime", "locale"]
)
def test_a_restored_python_sees_this_runtime_not_the_builds(booted: dict, restored: dict, field: str) -> None:
    # The build made the snapshot in UTC, from scripts/snapshot.mjs: none of that may show.
    assert restored[field] == booted[field]


def test_the_time_zone_is_this_machines_in_either_hemisphere(site_dir: Path) -> None:
    for zone in ("America/New_York", "Australia/Sydney"):
        booted, restored = runtime(site_dir, snapshot=False, zone=zone), runtime(site_dir, snapshot=True, zone=zone)
        assert restored["zone"] == booted["zone"] and restored["strftime"] == booted["strftime"], zone
        assert booted["zone"][2] == 1, "a zone with daylight saving time"


def test_random_numbers_differ_between_restores(site_dir: Path, restored: dict) -> None:
    assert runtime(site_dir, snapshot=True)["random"] != restored["random"]


def copy_pyodide(site_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site_dir / "pyodide", copy / "pyodide")
    return copy


def refused(copy: Path) -> dict:
    report = runtime(copy, snapshot=True)
    assert report["started"] == "boot" and not report["package_imported_at_start"]
    assert report["answers"] == "Api-Key"
    return report


def test_without_the_snapshot_python_starts_as_before(site_dir: Path, tmp_path: Path) -> None:
    copy = copy_pyodide(site_dir, tmp_path)
    next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}")).unlink()
    refused(copy)


def test_a_damaged_snapshot_is_not_restored(site_dir: Path, tmp_path: Path) -> None:
    copy = copy_pyodide(site_dir, tmp_path)
    snapshot = next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}"))
    snapshot.write_bytes(snapshot.read_bytes()[: 1 << 20])  # cut short
    refused(copy)


def test_a_snapshot_sent_gzipped_without_saying_so_is_restored(site_dir: Path, tmp_path: Path) -> None:
    # A host that sends the .gz copy as the file, without Content-Encoding: the page unpacks it.
    copy = copy_pyodide(site_dir, tmp_path)
    snapshot = next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}"))
    snapshot.write_bytes(gzip.compress(snapshot.read_bytes(), compresslevel=1))
    assert runtime(copy, snapshot=True)["started"] == "snapshot"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<!doctype html><title>Not found</title>", "no header"),  # a host's error page, sent with 200
        (b"\x10\0\0\0not json at all!", "its header"),
        (b"\2\0\0\0{}", "its header"),
        (b"\1\0", "2 bytes"),
        (None, "gzip"),  # the gzip copy, cut short
    ],
)
def test_a_body_that_is_not_a_snapshot_is_refused_saying_so(
    site_dir: Path, tmp_path: Path, body: bytes | None, why: str
) -> None:
    copy = copy_pyodide(site_dir, tmp_path)
    snapshot = next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}"))
    if body is None:
        body = gzip.compress(snapshot.read_bytes(), compresslevel=1)[: 1 << 20]
    snapshot.write_bytes(body)
    result = run_in_pyodide("runtime_main.py", copy, [], [], env={"PLAYGROUND_SNAPSHOT": "1"})
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["started"] == "boot" and report["answers"] == "Api-Key"
    assert f"the start-up snapshot is damaged: {why}" in result.stderr


def test_a_snapshot_of_another_pyodide_build_is_refused(site_dir: Path, tmp_path: Path) -> None:
    copy = copy_pyodide(site_dir, tmp_path)
    snapshot = next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}"))
    header, memory = unpack(snapshot)
    memory = bytearray(memory)
    memory[16] ^= 0xFF  # the build id Pyodide writes after the magic number and two offsets
    snapshot.write_bytes(pack(header, bytes(memory)))
    refused(copy)


def test_a_repacked_snapshot_is_restored(site_dir: Path, tmp_path: Path) -> None:
    # The control for the test above: unpacking and packing again changes nothing.
    copy = copy_pyodide(site_dir, tmp_path)
    snapshot = next(copy.glob(f"pyodide/{SNAPSHOT_GLOB}"))
    snapshot.write_bytes(pack(*unpack(snapshot)))
    assert runtime(copy, snapshot=True)["started"] == "snapshot"


def test_a_standard_library_other_than_the_builds_is_read_as_it_is(site_dir: Path, tmp_path: Path) -> None:
    # A cache may hold another build's copy: zipimport's index from the build must not be used for it.
    copy = copy_pyodide(site_dir, tmp_path)
    stdlib = copy / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(stdlib, "w") as archive:  # the same files, stored in another order
        for info, data in reversed(members):
            archive.writestr(info, data)
    report = runtime(copy, snapshot=True)
    assert report["started"] == "snapshot" and report["uuid_module"] == 4


@pytest.mark.parametrize("snapshot", [True, False])
def test_a_damaged_standard_library_fails_at_start_either_way(site_dir: Path, tmp_path: Path, snapshot: bool) -> None:
    # A restored Python has imported what start-up needs: without reading the archive again it
    # would come up, then fail at the reader's first import.
    copy = copy_pyodide(site_dir, tmp_path)
    stdlib = copy / "pyodide" / "python_stdlib.zip"
    stdlib.write_bytes(stdlib.read_bytes()[: stdlib.stat().st_size // 2])
    env = {"PLAYGROUND_SNAPSHOT": "1" if snapshot else "0"}
    result = run_in_pyodide("runtime_main.py", copy, [], [], env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout
