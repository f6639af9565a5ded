"""playground._run_bytecode: modules imported from a separate archive of their bytecode, in CPython.

The build's archive is written by Pyodide's Python (tests/test_compile_cache.py checks it there);
the mechanism is the same in any CPython, with bytecode this interpreter writes.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import importlib.resources
import importlib.util
import sys
import traceback
import zipfile
from collections.abc import Iterator
from importlib._bootstrap_external import _code_to_hash_pyc
from pathlib import Path

import pytest

from playground import _run_bytecode

SOURCES = {
    "demo_pkg/__init__.py": "VALUE = 1\n",
    "demo_pkg/mod.py": "def fail():\n    raise ValueError('from mod')\n",
    "demo_pkg/data.txt": "resource\n",
}


@pytest.fixture
def archives(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A zip of sources on sys.path and an archive of their bytecode, named as the build names it."""
    sources = tmp_path / "sources.zip"
    with zipfile.ZipFile(sources, "w") as archive:
        for name, text in SOURCES.items():
            archive.writestr(name, text)
    bytecode = tmp_path / "bytecode.zip"
    with zipfile.ZipFile(bytecode, "w") as archive:
        for name, text in SOURCES.items():
            if name.endswith(".py"):
                origin = f"{sources}/{name}"
                code = compile(text.encode(), origin, "exec", dont_inherit=True)
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(text.encode()), checked=False)
                archive.writestr(f"{origin.lstrip('/')}c", pyc)
    sys.path.append(str(sources))
    try:
        yield sources, bytecode
    finally:
        sys.path.remove(str(sources))
        for name in [name for name in sys.modules if name.split(".")[0] == "demo_pkg"]:
            del sys.modules[name]
        sys.path_importer_cache.pop(str(sources), None)


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files compiled from now on."""
    files: list[str] = []
    compile_from_source = builtins.compile

    def recording(source, filename, *args, **kwargs):
        if str(filename).endswith(".py"):
            files.append(str(filename))
        return compile_from_source(source, filename, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", recording)
    return files


@contextlib.contextmanager
def installed(bytecode: Path) -> Iterator[None]:
    finder = _run_bytecode.install(str(bytecode))
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def test_members_name_each_module_by_its_source(archives: tuple[Path, Path]) -> None:
    sources, bytecode = archives
    members = _run_bytecode.members(str(bytecode))
    assert members["demo_pkg"][:2] == (f"{sources}/demo_pkg/__init__.py", True)
    assert members["demo_pkg.mod"][:2] == (f"{sources}/demo_pkg/mod.py", False)


def test_modules_come_from_the_bytecode_with_sources_and_resources_as_before(
    archives: tuple[Path, Path], compiled: list[str]
) -> None:
    sources, bytecode = archives
    with installed(bytecode):
        import demo_pkg.mod

    assert compiled == []
    assert demo_pkg.VALUE == 1
    assert demo_pkg.__file__ == f"{sources}/demo_pkg/__init__.py"
    assert demo_pkg.__path__ == [f"{sources}/demo_pkg"]
    assert importlib.resources.files("demo_pkg").joinpath("data.txt").read_text() == "resource\n"
    try:
        demo_pkg.mod.fail()
    except ValueError:
        assert "raise ValueError('from mod')" in traceback.format_exc()


def test_a_module_found_earlier_on_sys_path_is_not_replaced(
    archives: tuple[Path, Path], tmp_path: Path, compiled: list[str]
) -> None:
    _, bytecode = archives
    shadow = tmp_path / "shadow"
    (shadow / "demo_pkg").mkdir(parents=True)
    (shadow / "demo_pkg" / "__init__.py").write_text("VALUE = 'shadow'\n")
    sys.path.insert(0, str(shadow))
    try:
        with installed(bytecode):
            import demo_pkg

        assert demo_pkg.VALUE == "shadow"
    finally:
        sys.path.remove(str(shadow))
        sys.path_importer_cache.pop(str(shadow), None)


def test_bytecode_of_another_python_is_left_to_the_source(archives: tuple[Path, Path], compiled: list[str]) -> None:
    sources, bytecode = archives
    with zipfile.ZipFile(bytecode) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(bytecode, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, b"\0\0\0\0" + data[4:])
    with installed(bytecode):
        import demo_pkg

    assert demo_pkg.VALUE == 1
    assert f"{sources}/demo_pkg/__init__.py" in compiled
