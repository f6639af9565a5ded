"""The compile cache (scripts/precompile.mjs, scripts/vendor_pyodide.py): the bytecode of every
module the playground's start-up imports ships beside its source, written by Pyodide's own Python.

Pyodide would otherwise compile ~160 modules on every page load (more than half of a warm start);
docs/playground.md and the README's Performance section give the figures.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from pyodide_node import run_in_pyodide

import vendor_pyodide

# The modules a page load can least do without: if any of them is compiled in the browser again,
# the cache has stopped covering start-up.
ESSENTIAL = (
    "_pyodide._base",
    "asyncio.base_events",
    "json.decoder",
    "urllib.parse",
    "ipaddress",
    "zipfile",
    "playground",
    "playground._sandbox",
    "playground.browser",
)


@pytest.fixture(scope="module")
def startup(site_dir: Path) -> dict:
    result = run_in_pyodide("compile_cache_main.py", site_dir, [], [])
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_startup_loads_every_module_from_the_cache(startup: dict) -> None:
    assert not startup["compiled_here"], f"compiled from source at start-up: {startup['compiled_here']}"
    assert set(ESSENTIAL) <= set(startup["from_cache"])
    assert len(startup["from_cache"]) >= 100


def test_cached_bytecode_matches_its_source(startup: dict) -> None:
    assert startup["stale"] == []


def test_tracebacks_still_show_the_source(startup: dict) -> None:
    # The sources stay beside the bytecode: a reader's traceback through the stdlib keeps its lines.
    assert 'json/decoder.py", line' in startup["traceback"]
    assert "self.raw_decode(" in startup["traceback"]


def stdlib_bytecode(site_dir: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(site_dir / "pyodide" / "python_stdlib.zip") as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".pyc")}


def test_stdlib_bytecode_sits_beside_its_source(site_dir: Path) -> None:
    with zipfile.ZipFile(site_dir / "pyodide" / "python_stdlib.zip") as archive:
        names = set(archive.namelist())
    bytecode = stdlib_bytecode(site_dir)
    assert len(bytecode) >= 100
    assert all(name[:-1] in names for name in bytecode), "every .pyc has its .py"
    magics = {data[:4] for data in bytecode.values()}
    assert len(magics) == 1, "one interpreter wrote them all"
    assert all(int.from_bytes(data[4:8], "little") == 0b01 for data in bytecode.values()), "unchecked-hash .pyc"


def test_wheel_record_lists_every_file_with_its_hash(site_dir: Path) -> None:
    (wheel,) = (site_dir / "pyodide").glob("api_auth_playground-*.whl")  # ours; Run's wheels are beside it
    with zipfile.ZipFile(wheel) as archive:
        (record,) = [name for name in archive.namelist() if name.endswith(".dist-info/RECORD")]
        rows = dict(line.split(",", 1) for line in archive.read(record).decode().splitlines() if line)
        files = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    assert set(rows) == set(files)
    for name, data in files.items():
        if name == record:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert rows[name] == f"sha256={digest},{len(data)}", name
    # zipimport looks for bytecode beside the source (pyodide-boot.mjs imports straight from the wheel).
    bytecode = [name for name in files if name.endswith(".pyc")]
    assert len(bytecode) >= 10
    assert all(name[:-1] in files and "__pycache__" not in name for name in bytecode)


def test_lock_names_the_wheel_as_built(site_dir: Path) -> None:
    (wheel,) = (site_dir / "pyodide").glob("api_auth_playground-*.whl")  # ours; Run's wheels are beside it
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    entry = lock["packages"][vendor_pyodide.PACKAGE_NAME]
    assert entry["file_name"] == wheel.name
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()


def test_adding_files_to_a_wheel_records_them(tmp_path: Path) -> None:
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "")
        archive.writestr("demo-1.0.dist-info/RECORD", "demo/__init__.py,sha256=x,0\ndemo-1.0.dist-info/RECORD,,\n")
    vendor_pyodide.add_files(wheel, {"demo/__init__.pyc": b"bytecode"})
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("demo/__init__.pyc") == b"bytecode"
        record = archive.read("demo-1.0.dist-info/RECORD").decode()
    assert vendor_pyodide.record_line("demo/__init__.pyc", b"bytecode") in record
    with pytest.raises(SystemExit, match="already holds"):
        vendor_pyodide.add_files(wheel, {"demo/__init__.py": b""})


# --- Run's bytecode: the first Run's modules, fetched on the first Run only ---------------------

# What the first Run imports: Run's wheels, the standard library modules they need, and ours.
RUN_ESSENTIAL = (
    "requests.sessions",
    "urllib3.connectionpool",
    "urllib3.contrib.emscripten.fetch",
    "idna.core",
    "certifi",
    "charset_normalizer.api",
    "http.client",
    "http.cookiejar",
    "email.message",
    "playground._run_sandbox",
)


@pytest.fixture(scope="module")
def first_run(site_dir: Path) -> dict:
    env = {"PLAYGROUND_RUN_PACKAGES": "1", "PLAYGROUND_SNAPSHOT": "1"}
    result = run_in_pyodide("run_compile_cache_main.py", site_dir, [], [], timeout=300, env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_run_compiles_nothing(first_run: dict) -> None:
    assert first_run["answer"]["ok"] and first_run["answer"]["stdout"] == "200\n", first_run["answer"]
    assert first_run["compiled_here"] == [], "compiled from source on the first Run"
    assert set(RUN_ESSENTIAL) <= set(first_run["from_run_bytecode"])
    assert first_run["stale"] == []


def test_run_tracebacks_and_resources_still_come_from_the_sources(first_run: dict) -> None:
    assert 'requests/models.py", line' in first_run["traceback"]
    assert "raise InvalidURL(" in first_run["traceback"]
    assert first_run["certifi_bundle"] > 100_000  # certifi's cacert.pem, read from its wheel


def test_run_bytecode_is_one_file_the_lock_names_with_its_sha256(site_dir: Path) -> None:
    folder = site_dir / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    entry = lock["tool"][vendor_pyodide.PACKAGE_NAME]["run_bytecode"]
    data = (folder / entry["file_name"]).read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["file_name"] == f"run-bytecode.{entry['sha256'][:16]}.zip"
    archives = {"python314.zip": folder / "python_stdlib.zip"}
    archives |= {package["file_name"]: folder / package["file_name"] for package in lock["packages"].values()}
    with zipfile.ZipFile(folder / entry["file_name"]) as archive:
        bytecode = {name: archive.read(name) for name in archive.namelist()}
    assert len(bytecode) >= 100 and all(name.endswith(".pyc") for name in bytecode)
    assert len({data[:4] for data in bytecode.values()}) == 1, "one interpreter wrote them all"
    assert all(int.from_bytes(data[4:8], "little") == 0b01 for data in bytecode.values()), "unchecked-hash .pyc"
    # Each is named after a source the page has: /lib/<archive>/<path inside>.py
    for name in bytecode:
        _, archive_name, inside = name.split("/", 2)
        with zipfile.ZipFile(archives[archive_name]) as source:
            assert inside[:-1] in source.namelist(), name
    # None of it is start-up's: the standard library's zip holds no Run-only bytecode.
    assert not {name.split("/", 2)[2] for name in bytecode} & set(stdlib_bytecode(site_dir))
