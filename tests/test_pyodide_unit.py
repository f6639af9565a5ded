"""The package's own unit tests, run again inside real Pyodide (Python 3.14, Node runtime).

The package under test is the wheel from the built site, loaded by name from the vendored
pyodide-lock.json exactly as the browser loads it. pytest and hypothesis are pure-Python wheels
at the versions pinned in requirements.lock, downloaded from PyPI once into .cache/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEEL_CACHE = ROOT / ".cache" / "pyodide-test-wheels"
TEST_WHEELS = ("pytest", "pluggy", "iniconfig", "packaging", "pygments", "sortedcontainers")
# Hypothesis releases after 6.155.7 ship compiled wheels only; this is its newest pure-Python one.
PURE_HYPOTHESIS = "hypothesis==6.155.7"
# Pure unit tests of the core: no sockets, threads or subprocesses (Pyodide has none).
UNIT_TESTS = (
    "test_playground_auth.py",
    "test_playground_sandbox.py",
    "test_playground_examples.py",
    "test_playground_browser_adapter.py",
)


def pinned(name: str) -> str:
    lock = (ROOT / "requirements.lock").read_text()
    match = re.search(rf"^{re.escape(name)}==(\S+)$", lock, re.MULTILINE | re.IGNORECASE)
    assert match, f"{name} is not pinned in requirements.lock"
    return f"{name}=={match.group(1)}"


@pytest.fixture(scope="module")
def test_wheels() -> list[Path]:
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    wanted = [pinned(name) for name in TEST_WHEELS] + [PURE_HYPOTHESIS]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         # Pure-Python wheels only: Pyodide cannot load CPython's compiled ones.
         "--only-binary=:all:", "--platform", "any", "--python-version", "3.14", "--implementation", "py",
         "--abi", "none", "--dest", str(WHEEL_CACHE), *wanted],
        check=True,
    )
    wheels = []
    for requirement in wanted:
        name, version = requirement.split("==")
        (wheel,) = WHEEL_CACHE.glob(f"{name.replace('-', '_')}-{version}-*-none-any.whl")
        wheels.append(wheel)
    return wheels


def jspi_flags(node: str) -> list[str]:
    """asyncio.run under Pyodide needs JavaScript Promise Integration; older Nodes hide it behind a flag."""
    v8_options = subprocess.run([node, "--v8-options"], capture_output=True, text=True).stdout
    for flag in ("--experimental-wasm-jspi", "--experimental-wasm-stack-switching"):
        if flag in v8_options:
            return [flag]
    return []


def test_unit_tests_pass_inside_pyodide(site_dir: Path, test_wheels: list[Path]) -> None:
    node = shutil.which("node")
    assert node, "Node.js is required (scripts/setup.sh checks it)"
    result = subprocess.run(
        [node, *jspi_flags(node), str(ROOT / "tests" / "pyodide" / "run_pytest.mjs"), str(site_dir / "pyodide"), str(ROOT),
         *map(str, test_wheels), "--", "-q", "-p", "no:cacheprovider", "--noconftest",
         *(f"tests/{name}" for name in UNIT_TESTS)],
        capture_output=True, text=True, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "on emscripten" in output
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary.group(1)) >= 200, output[-3000:]
