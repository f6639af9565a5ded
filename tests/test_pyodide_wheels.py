"""Run's wheels for Pyodide (scripts/pyodide_wheels.py): requests and its dependencies from PyPI,
pinned with their sha256, served by the built site as they are and registered in its lock."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

import pyodide_wheels


def test_the_pins_are_requirements_locks_versions_with_a_sha256_each() -> None:
    # The CPython tests and the page must run the same requests.
    pins = pyodide_wheels.read_pins()
    assert [pin.name for pin in pins] == list(pyodide_wheels.PACKAGES)
    lock = (pyodide_wheels.ROOT / "requirements.lock").read_text()
    for pin in pins:
        assert re.search(rf"^{re.escape(pin.name)}=={re.escape(pin.version)}$", lock, re.MULTILINE | re.IGNORECASE), pin
        assert re.fullmatch(r"[0-9a-f]{64}", pin.sha256)


def test_a_pin_without_its_sha256_is_refused(tmp_path: Path) -> None:
    pins = tmp_path / "pins.lock"
    pins.write_text("# comment\n\nrequests==2.34.2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="sha256"):
        pyodide_wheels.read_pins(pins)


def test_the_site_serves_the_pinned_wheels_and_its_lock_registers_them(site_dir: Path) -> None:
    folder = site_dir / "pyodide"
    packages = json.loads((folder / "pyodide-lock.json").read_text())["packages"]
    for pin in pyodide_wheels.read_pins():
        entry = packages[pin.name]
        wheel = folder / entry["file_name"]
        assert entry["version"] == pin.version and entry["file_name"].endswith("-py3-none-any.whl")
        assert entry["sha256"] == pin.sha256 == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert sorted(packages["requests"]["depends"]) == sorted(set(pyodide_wheels.PACKAGES) - {"requests"})
