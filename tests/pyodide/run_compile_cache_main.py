# Run by tests/pyodide/run.mjs with PLAYGROUND_RUN_PACKAGES=1 (test_compile_cache.py): the page's
# first Run, as its worker makes it, in a Python restored from the start-up snapshot, recording
# every module compiled from source meanwhile. Prints one JSON line: what was compiled, what came
# from Run's bytecode (playground._run_bytecode) and whether it matches its source, and a traceback
# through requests.
import builtins
import importlib.util
import json
import sys
import traceback

from playground import _run_bytecode, browser

compiled_here = []
compile_from_source = builtins.compile


def recording_compile(source, filename, *args, **kwargs):
    if str(filename).endswith(".py"):
        compiled_here.append(str(filename))
    return compile_from_source(source, filename, *args, **kwargs)


PROGRAM = """\
import os
import requests
response = requests.get(
    "https://api.maiagent.ai/api/v1/chatbots/",
    headers={"Authorization": f"Api-Key {os.environ['MAIAGENT_API_KEY']}"},
    timeout=30,
)
print(response.status_code)
"""
before = set(sys.modules)
builtins.compile = recording_compile
try:
    # What worker.mjs imports on the first Run, then the Run itself.
    import requests

    import playground._run_sandbox  # noqa: F401

    env = {"MAIAGENT_API_KEY": "demo1234abcd5678"}
    message = {"op": "run_code", "source": PROGRAM, "env": env, "target": "sandbox"}
    answer = json.loads(await browser.dispatch(json.dumps(message)))  # noqa: F704  (run.mjs runs it with top-level await)
finally:
    builtins.compile = compile_from_source

report = {"answer": answer, "compiled_here": compiled_here, "from_run_bytecode": [], "stale": [], "other": []}
for name in sorted(set(sys.modules) - before):
    spec = getattr(sys.modules[name], "__spec__", None)
    loader = getattr(spec, "loader", None)
    if isinstance(loader, _run_bytecode._Precompiled):
        report["from_run_bytecode"].append(name)
        data, source = loader._code, loader.get_data(spec.origin)
        if int.from_bytes(data[4:8], "little") != 0b01 or data[8:16] != importlib.util.source_hash(source):
            report["stale"].append(name)  # not unchecked-hash, or written for another source
    else:
        report["other"].append(name)
try:
    requests.get("not a url")
except requests.exceptions.InvalidURL:
    report["traceback"] = traceback.format_exc()
with open(requests.certs.where(), "rb") as bundle:
    report["certifi_bundle"] = len(bundle.read())
print(json.dumps(report))
