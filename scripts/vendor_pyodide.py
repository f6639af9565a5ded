"""Put a self-hosted Pyodide and our package's wheel into a built site (``<site>/pyodide/``).

- Pyodide's core comes from the npm package ``pyodide`` (exact version in package-lock.json),
  installed by ``npm ci`` in scripts/setup.sh. Nothing is fetched from a CDN, at build or run time.
- Our package is built as a standard ``py3-none-any`` wheel by its normal build backend
  (``pyodide build`` would fetch a cross-build environment, which fails offline), then registered
  in the vendored ``pyodide-lock.json`` with pyodide-lock's ``add_wheels_to_spec`` (the library
  behind ``pyodide lockfile add-wheels``), so the page loads it by name with ``loadPackage``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
# The core runtime; pyodide.js (classic script) and the consoles are not used by a module worker.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
PACKAGE_NAME = "api-auth-playground"


def build_wheel(out_dir: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (wheel,) = out_dir.glob("*-py3-none-any.whl")
    return wheel


def vendor(site_dir: Path) -> Path:
    """Copy Pyodide and our wheel into ``site_dir/pyodide`` and return that folder."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    if not (NPM_PYODIDE / "pyodide.asm.wasm").exists():
        raise SystemExit("node_modules/pyodide is missing: run scripts/setup.sh (it runs npm ci)")
    target = site_dir / "pyodide"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(NPM_PYODIDE / name, target / name)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        shutil.copy2(wheel, target / wheel.name)
    spec = PyodideLockSpec.from_json(NPM_PYODIDE / "pyodide-lock.json")
    spec = add_wheels_to_spec(spec, [target / wheel.name], base_path=target)
    spec.to_json(target / "pyodide-lock.json")
    entry = json.loads((target / "pyodide-lock.json").read_text())["packages"][PACKAGE_NAME]
    assert entry["file_name"] == wheel.name, entry
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    print(f"vendored Pyodide into {vendor(args.site_dir.resolve())}")


if __name__ == "__main__":
    main()
