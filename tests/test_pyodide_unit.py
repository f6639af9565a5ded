"""The package's own unit tests, run again inside real Pyodide (Python 3.14, Node runtime).

The package under test is the wheel from the built site, loaded by name from the vendored
pyodide-lock.json exactly as the browser loads it; so are Run's packages (requests and its
dependencies), as the page's first Run loads them. pytest and hypothesis are pure-Python wheels
(see tests/pyodide_node.py).
"""

from __future__ import annotations

import json
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
    "test_playground_run.py",
    "test_sandbox_aigne_hub.py",
)
# Run's packages from the built site, loaded as the worker's first Run loads them (tests/pyodide/run.mjs).
RUN_PACKAGES = {"PLAYGROUND_RUN_PACKAGES": "1"}


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
        env=RUN_PACKAGES,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "on emscripten" in output
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary.group(1)) >= 200, output[-3000:]


@pytest.mark.slow
def test_run_answers_the_requests_program_from_the_sandbox_after_a_snapshot_start(site_dir: Path) -> None:
    # The page's order: Python restored from the snapshot (which holds no requests), then the first
    # Run loads requests from the lock and runs the reader's program through dispatch.
    result = run_in_pyodide(
        "run_code_main.py", site_dir, [], [], timeout=300, env={**RUN_PACKAGES, "PLAYGROUND_SNAPSHOT": "1"}
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["started"] == "snapshot" and report["snapshot_had_requests"] is False
    # Run's wheels and their bytecode (tests/test_compile_cache.py).
    files = [*(site_dir / "pyodide").glob("*.whl"), *(site_dir / "pyodide").glob("run-bytecode.*.zip")]
    assert report["run_packages_bytes"] == sum(f.stat().st_size for f in files if not f.name.startswith("api_auth"))
    assert report["requests_file"].startswith("/lib/requests-2.34.2-py3-none-any.whl/")
    runs = report["runs"]
    status, body = runs["demo key"]["stdout"].split("\n", 1)
    assert runs["demo key"]["ok"] and status == "200" and json.loads(body)["count"] == 3
    assert runs["no key"]["stdout"].startswith("401\n")
    assert runs["other origin"]["ok"] is False and "「実際のベース URL」を選んで" in runs["other origin"]["stderr"]
