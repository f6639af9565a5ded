"""The package's own unit tests, run again inside real Pyodide (Python 3.14, Node runtime).

The package under test is the wheel from the built site, loaded by name from the vendored
pyodide-lock.json exactly as the browser loads it. pytest and hypothesis are pure-Python wheels
(see tests/pyodide_node.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyodide_node import pinned, pure_wheels, run_in_pyodide

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


@pytest.fixture(scope="module")
def test_wheels() -> list[Path]:
    return pure_wheels([pinned(name) for name in TEST_WHEELS] + [PURE_HYPOTHESIS])


# About 20 s in Pyodide in Node; the fast loop runs the same unit tests in CPython.
@pytest.mark.slow
def test_unit_tests_pass_inside_pyodide(site_dir: Path, test_wheels: list[Path]) -> None:
    result = run_in_pyodide(
        "pytest_main.py",
        site_dir,
        test_wheels,
        ["-q", "-p", "no:cacheprovider", "--noconftest", *(f"tests/{name}" for name in UNIT_TESTS)],
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "on emscripten" in output
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary.group(1)) >= 200, output[-3000:]
