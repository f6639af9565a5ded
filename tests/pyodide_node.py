"""Run Python inside real Pyodide under Node.js, for the tests (tests/pyodide/run.mjs does the work).

Test-only packages (pytest, requests, ...) are pure-Python wheels at the versions pinned in
requirements.lock, downloaded from PyPI once into .cache/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEEL_CACHE = ROOT / ".cache" / "pyodide-test-wheels"
RUNNER = ROOT / "tests" / "pyodide" / "run.mjs"


def pinned(name: str) -> str:
    """`name==version` as pinned in requirements.lock."""
    lock = (ROOT / "requirements.lock").read_text()
    match = re.search(rf"^{re.escape(name)}==(\S+)$", lock, re.MULTILINE | re.IGNORECASE)
    assert match, f"{name} is not pinned in requirements.lock"
    return f"{name}=={match.group(1)}"


def pure_wheels(requirements: list[str]) -> list[Path]:
    """Download (once) the pure-Python wheels of `name==version` requirements."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            # Pure-Python wheels only: Pyodide cannot load CPython's compiled ones.
            "--only-binary=:all:",
            "--platform",
            "any",
            "--python-version",
            "3.14",
            "--implementation",
            "py",
            "--abi",
            "none",
            "--dest",
            str(WHEEL_CACHE),
            *requirements,
        ],
        check=True,
    )
    wheels = []
    for requirement in requirements:
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


def run_in_pyodide(
    program: str,
    site_dir: Path,
    wheels: list[Path],
    args: list[str],
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `tests/pyodide/<program>` in the Pyodide vendored into `site_dir`, with `args`
    (and `env` added to the environment: TZ, PLAYGROUND_SNAPSHOT)."""
    node = shutil.which("node")
    assert node, "Node.js is required (scripts/setup.sh checks it)"
    return subprocess.run(
        [
            node,
            *jspi_flags(node),
            str(RUNNER),
            str(site_dir / "pyodide"),
            str(ROOT),
            str(ROOT / "tests" / "pyodide" / program),
            *map(str, wheels),
            "--",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
