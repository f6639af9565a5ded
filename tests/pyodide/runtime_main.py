# Run by tests/pyodide/run.mjs (test_snapshot.py): what a reader's code can see of the runtime it
# runs in, to compare a Python restored from the start-up snapshot with one started without it.
# Prints one JSON line.
import json
import locale
import os
import random
import sys
import time

report = {
    "started": started,  # noqa: F821  (set by run.mjs)
    "package_imported_at_start": "playground.browser" in sys.modules,
    "sys.path": sys.path,
    "environ": dict(os.environ),
    "executable": sys.executable,
    "emscripten_info": list(sys._emscripten_info),
    "zone": [time.timezone, time.altzone, time.daylight, list(time.tzname)],
    "strftime": time.strftime("%Z %z", time.localtime(1_750_000_000)),
    "locale": locale.getlocale(),
    "random": random.random(),
}
import playground.browser  # noqa: E402

report["answers"] = json.loads(playground.browser.ready_info())["apis"]["maiagent"]["scheme"]
import uuid  # noqa: E402  (not imported at start: read from the standard library's zip after a restore)

report["uuid_module"] = uuid.uuid4().version
print(json.dumps(report))
