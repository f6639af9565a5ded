# Run by tests/pyodide/run.mjs (test_pyodide_unit.py) with PLAYGROUND_RUN_PACKAGES=1: the page's
# Run, as its worker answers it, in a Python restored from the start-up snapshot. Prints one JSON
# line: each run's answer and time, where requests came from, and what the snapshot held.
import json
import sys
import time

snapshot_had_requests = "requests" in sys.modules

from playground import browser  # noqa: E402

PROGRAM = """\
import os
import requests
response = requests.get(
    "https://api.maiagent.ai/api/v1/chatbots/",
    headers={"Authorization": f"Api-Key {os.environ['MAIAGENT_API_KEY']}"},
    timeout=30,
)
print(response.status_code)
print(response.text)
"""
RUNS = {
    "demo key": (PROGRAM, "demo1234abcd5678", "en"),
    "no key": (PROGRAM, "", "en"),
    "other origin": ("import requests\nrequests.get('https://example.com/')\n", "", "ja"),
}
report = {
    "started": started,  # noqa: F821  (set by run.mjs)
    "run_packages_bytes": run_packages_bytes,  # noqa: F821  (set by run.mjs)
    "snapshot_had_requests": snapshot_had_requests,
    "runs": {},
}
for name, (source, key, lang) in RUNS.items():
    message = {"op": "run_code", "source": source, "env": {"MAIAGENT_API_KEY": key}, "target": "sandbox", "lang": lang}
    start = time.perf_counter()
    answer = json.loads(await browser.dispatch(json.dumps(message)))  # noqa: F704  (run.mjs runs it with top-level await)
    report["runs"][name] = {**answer, "ms": round((time.perf_counter() - start) * 1000)}
import requests  # noqa: E402

report["requests_file"] = requests.__file__
report["urllib3_emscripten"] = type(requests.adapters.HTTPAdapter().poolmanager).__module__
print(json.dumps(report, ensure_ascii=False))
