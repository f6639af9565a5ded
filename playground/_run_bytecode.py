"""Import Run's modules from the bytecode the build compiled for them, not from their sources.

The first Run imports requests, urllib3 and the standard library modules they need (`email`,
`http.client`, `http.cookiejar`, ...), which nothing imports at start-up, so the start-up compile
cache does not hold them: compiling them was nearly all of the first Run's time. The build
(scripts/precompile.mjs) imports them in Pyodide as the worker does and writes their bytecode into
one zip archive, which the page fetches on the first Run only (pyodide-boot.mjs,
`loadLockedWheels`). Its members are named after the source each one was compiled from: the
bytecode of `/lib/python314.zip/http/client.py` is `lib/python314.zip/http/client.pyc`.

zipimport only looks for bytecode beside the source, in the same archive: the standard library's
zip and the wheels from PyPI stay as they are (unchanged bytes, their sha256 still checked). A
finder placed before the path finder answers for the modules the archive holds instead, with a
loader that is zipimport's for that source but takes its code from the archive: sources, resources
(certifi's `cacert.pem`) and tracebacks keep working as before.
"""

from __future__ import annotations

import marshal
import sys
import zipfile
import zipimport
from importlib.machinery import ModuleSpec, PathFinder
from importlib.util import MAGIC_NUMBER, spec_from_file_location
from types import CodeType

__all__ = ["BytecodeFinder", "install", "members"]

_HEADER_BYTES = 16  # magic, flags, source hash (unchecked-hash .pyc, PEP 552)


def members(archive: str) -> dict[str, tuple[str, bool, str]]:
    """The modules an archive of Run's bytecode holds: `{name: (source path, is package, member)}`."""
    found = {}
    with zipfile.ZipFile(archive) as bytecode:
        for member in bytecode.namelist():
            origin = "/" + member[:-1]  # .pyc -> .py
            parts = member[:-4].split("/")
            # The folders up to the first zip or wheel are where it lies on disk; the rest is the module.
            inside = next(index for index, part in enumerate(parts) if part.endswith((".zip", ".whl"))) + 1
            package = parts[-1] == "__init__"
            name = ".".join(parts[inside : -1 if package else None])
            found[name] = (origin, package, member)
    return found


class _Precompiled(zipimport.zipimporter):
    """zipimport's loader for one module of an archive, with the module's code already compiled."""

    def __init__(self, folder: str, origin: str, code: bytes) -> None:
        super().__init__(folder)
        self._origin, self._code = origin, code

    def get_code(self, fullname: str) -> CodeType:
        return marshal.loads(self._code[_HEADER_BYTES:])

    def get_filename(self, fullname: str) -> str:
        # zipimport's own compiles the module to find out which file it would come from.
        return self._origin


class BytecodeFinder:
    """A meta path finder for the modules an archive of Run's bytecode holds."""

    def __init__(self, archive: str) -> None:
        self._archive = zipfile.ZipFile(archive)
        self._modules = members(archive)

    def find_spec(self, name: str, path: list[str] | None = None, target: object = None) -> ModuleSpec | None:
        found = self._modules.get(name)
        if found is None:
            return None
        origin, package, member = found
        location = origin.rsplit("/", 2 if package else 1)[0]  # the folder the module lies in
        folder = origin.rsplit("/", 1)[0]
        # Only where the path finder would find this very source: the same name could be a
        # reader's own module, or come from another parent package.
        if path is not None and location not in path:
            return None
        if path is None and _shadowed(name, location):  # a top-level module's folder is its archive
            return None
        code = self._archive.read(member)
        if code[:4] != MAGIC_NUMBER:  # written by another Python: its source is compiled as before
            return None
        loader = _Precompiled(location, origin, code)
        return spec_from_file_location(
            name, origin, loader=loader, submodule_search_locations=[folder] if package else None
        )


def _shadowed(name: str, archive: str) -> bool:
    # Whether an entry of sys.path before `archive` holds a module `name` (or `archive` is not on it).
    for entry in sys.path:
        if entry == archive:
            return False
        finder = _path_finder(entry)
        if finder is not None and finder.find_spec(name) is not None:
            return True
    return True


def _path_finder(entry: str) -> object | None:
    # The finder the path finder uses for a sys.path entry (as PathFinder._path_importer_cache).
    if entry not in sys.path_importer_cache:
        for hook in sys.path_hooks:
            try:
                sys.path_importer_cache[entry] = hook(entry or ".")
                break
            except ImportError:
                continue
        else:
            sys.path_importer_cache[entry] = None
    return sys.path_importer_cache[entry]


def install(archive: str) -> BytecodeFinder:
    """Import the modules `archive` holds from its bytecode from now on (the finder is returned, so
    that it can be removed from `sys.meta_path` again)."""
    finder = BytecodeFinder(archive)
    sys.meta_path.insert(sys.meta_path.index(PathFinder), finder)
    return finder
