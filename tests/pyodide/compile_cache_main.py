# Run by tests/pyodide/run.mjs, which starts Pyodide as the page's worker does: import what the page
# imports, then report, for every module loaded from the standard library's zip or our wheel,
# whether its bytecode came from the compile cache (scripts/precompile.mjs) and matches its source.
# Prints one JSON line.
import importlib.util
import json
import sys
import traceback
import zipimport

import playground.browser  # noqa: F401  (the worker's start-up import)

report = {"from_cache": [], "compiled_here": [], "stale": []}
for name, module in sorted(sys.modules.items()):
    spec = getattr(module, "__spec__", None)
    if not (spec and isinstance(spec.loader, zipimport.zipimporter)):
        continue
    # zipimport names the file it loaded: X.pyc (the cache, beside X.py), or X.py compiled here.
    origin = spec.origin
    if not origin.endswith(".pyc"):
        report["compiled_here"].append(name)
        continue
    report["from_cache"].append(name)
    data, source = spec.loader.get_data(origin), spec.loader.get_data(origin[:-1])
    if int.from_bytes(data[4:8], "little") != 0b01 or data[8:16] != importlib.util.source_hash(source):
        report["stale"].append(name)  # not unchecked-hash, or written for another source

try:
    json.loads("{")
except ValueError:
    report["traceback"] = traceback.format_exc()
print(json.dumps(report))
