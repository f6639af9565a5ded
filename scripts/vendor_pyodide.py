"""Put a self-hosted Pyodide and our package's wheel into a built site (``<site>/pyodide/``).

- Pyodide's core comes from the npm package ``pyodide`` (exact version in package-lock.json),
  installed by ``npm ci`` in scripts/setup.sh. Nothing is fetched from a CDN, at build or run time.
- Our package is built as a standard ``py3-none-any`` wheel by its normal build backend
  (``pyodide build`` would fetch a cross-build environment, which fails offline), then registered
  in the vendored ``pyodide-lock.json`` with pyodide-lock's ``add_wheels_to_spec`` (the library
  behind ``pyodide lockfile add-wheels``): the lock names the wheel's file and sha256, and
  ``playground/web/pyodide-boot.mjs`` puts that wheel on ``sys.path`` while Pyodide boots.
- Run's wheels: requests and its pure-Python dependencies, from PyPI, pinned with their sha256 in
  requirements-pyodide.lock (scripts/pyodide_wheels.py downloads them), are copied beside ours and
  registered in the same lock, as they are: the page loads them on the reader's first Run only.
- A compile cache: every module the playground's start-up imports (from Pyodide's standard library
  and from our package) gets its bytecode, written by Pyodide's own Python (scripts/precompile.mjs,
  in Node), beside its source in ``python_stdlib.zip`` and in our wheel. Without it the browser
  compiled them all on every page load.
- Run's bytecode: the modules the first Run imports (requests, urllib3, ..., and the standard
  library modules they need), compiled the same way, in one archive the page fetches on the first
  Run only (playground/_run_bytecode.py imports them from it); the lock names it and its sha256.
- A start-up snapshot: Pyodide's memory once our package is imported (scripts/snapshot.mjs, in
  Node, from the finished files), which the page restores instead of starting Python again.
- Our wheel and Run's bytecode archive store their members uncompressed: the build's brotli copy
  of a whole archive (scripts/precompress.py) is smaller than a zip of members deflated one by one
  (our wheel: 0.20 MB against 0.35 MB). The standard library's stay deflated (`STDLIB_MEMBERS`).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyodide_wheels  # noqa: E402  (scripts/pyodide_wheels.py: Run's wheels, pinned)

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
# The core runtime; pyodide.js (classic script) and the consoles are not used by a module worker.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
PACKAGE_NAME = "api-auth-playground"
PRECOMPILE = ROOT / "scripts" / "precompile.mjs"
SNAPSHOT = ROOT / "scripts" / "snapshot.mjs"
# Fixed, so that building twice gives the same archives.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
# Members stored, not deflated: the archive is sent compressed whole (Content-Encoding), and
# brotli finds what members share (the same names and code in many .pyc files); a member
# deflated alone shares nothing.
ZIP_MEMBERS = zipfile.ZIP_STORED
# Not so for python_stdlib.zip. Stored, its brotli copy is 2.7 MB against 3.9 MB deflated, but
# every page load, warm ones too, then reads 12.9 MB instead of 3.9 MB out of the browser's HTTP
# cache (which keeps the encoded bytes and decodes them again) and hashes it (pyodide-boot.mjs):
# warm starts took 1.14x as long (12 paired rounds, scripts/bench_ab.py --warm, 0.97x-1.87x).
STDLIB_MEMBERS = zipfile.ZIP_DEFLATED


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


def run_node(script: Path, *args: Path, what: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Node.js is missing: run scripts/setup.sh")
    result = subprocess.run([node, str(script), *map(str, args)], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{what} failed:\n{result.stdout}\n{result.stderr}")
    return result


def precompile(pyodide_dir: Path, out_dir: Path) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    """Run scripts/precompile.mjs; return the standard library's and our wheel's .pyc files, by
    their path inside python_stdlib.zip and inside the wheel, and Run's, by their source's path
    (without its leading "/")."""
    result = run_node(PRECOMPILE, pyodide_dir, out_dir, what="precompiling the start-up modules and Run's")

    def collect(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.pyc"))}

    stdlib, own, run = collect(out_dir / "stdlib"), collect(out_dir / "package"), collect(out_dir / "run")
    if not stdlib or not own or not run:
        raise SystemExit(f"precompile.mjs wrote no bytecode:\n{result.stdout}\n{result.stderr}")
    return stdlib, own, run


def write_run_bytecode(target: Path, files: dict[str, bytes]) -> dict[str, str]:
    """Pack Run's bytecode into one archive in `target`, named after its content (a new build's is
    a new file, never an old cached one); return its lock entry, `{file_name, sha256}`."""
    packed = target / "run-bytecode.zip"
    with zipfile.ZipFile(packed, "w", ZIP_MEMBERS) as archive:
        for name, blob in sorted(files.items()):
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), blob, compress_type=ZIP_MEMBERS)
    sha256 = hashlib.sha256(packed.read_bytes()).hexdigest()
    named = packed.rename(target / f"run-bytecode.{sha256[:16]}.zip")
    return {"file_name": named.name, "sha256": sha256}


def record_line(name: str, data: bytes) -> str:
    """A wheel RECORD row (PEP 376/427: urlsafe base64 sha256 without padding, then the size)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def add_files(archive: Path, files: dict[str, bytes], compression: int = ZIP_MEMBERS) -> None:
    """Add `files` to a zip archive, every member of it then stored or deflated (`compression`); if
    it is a wheel, list them in its RECORD too."""
    with zipfile.ZipFile(archive) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    names = {info.filename for info, _ in entries}
    if clash := names & files.keys():
        raise SystemExit(f"{archive.name} already holds {sorted(clash)[:3]}")
    with zipfile.ZipFile(archive, "w", compression) as target:
        for info, data in entries:
            if info.filename.endswith(".dist-info/RECORD"):
                rows = data.decode("utf-8").splitlines() + [record_line(name, blob) for name, blob in files.items()]
                data = ("\n".join(rows) + "\n").encode("utf-8")
            target.writestr(info, data, compress_type=compression)
        for name, blob in files.items():
            target.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), blob, compress_type=compression)


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
    run_wheels = []
    for run_wheel in pyodide_wheels.fetch():
        shutil.copy2(run_wheel, target / run_wheel.name)
        run_wheels.append(target / run_wheel.name)

    def register_wheel(run_bytecode: dict[str, str] | None = None) -> None:
        # Run's entries replace the npm lock's (Pyodide's own builds, at other versions, not served).
        spec = PyodideLockSpec.from_json(NPM_PYODIDE / "pyodide-lock.json")
        spec = add_wheels_to_spec(spec, [target / wheel.name, *run_wheels], base_path=target)
        if run_bytecode:  # not a package: the lock's section for tools' own data (pyodide-boot.mjs reads it)
            spec.tool[PACKAGE_NAME] = {"run_bytecode": run_bytecode}
        spec.to_json(target / "pyodide-lock.json")

    register_wheel()  # precompile.mjs finds the wheels through the lock, as the page does
    with tempfile.TemporaryDirectory() as tmp:
        stdlib, own, run = precompile(target, Path(tmp))
    add_files(target / "python_stdlib.zip", stdlib, STDLIB_MEMBERS)
    add_files(target / wheel.name, own)
    register_wheel(write_run_bytecode(target, run))  # again: the wheel's sha256 changed
    entry = json.loads((target / "pyodide-lock.json").read_text())["packages"][PACKAGE_NAME]
    assert entry["file_name"] == wheel.name, entry
    run_node(SNAPSHOT, target, what="writing the start-up snapshot")  # last: it needs the finished files
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    print(f"vendored Pyodide into {vendor(args.site_dir.resolve())}")


if __name__ == "__main__":
    main()
