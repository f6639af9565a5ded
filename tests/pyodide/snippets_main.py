# Run by tests/pyodide/run.mjs: the docs' Python snippets, unchanged, with requests answered by
# the in-process sandbox. Prints one JSON line: {"<snippet path>": "<its stdout>", ...}.
import contextlib
import io
import json
import os
import runpy

import requests
from requests.structures import CaseInsensitiveDict

import playground


def send_to_sandbox(adapter, request, **kwargs):
    """requests' transport, replaced: Pyodide in Node has no sockets, so the in-process sandbox answers."""
    body = request.body or b""
    answer = playground.handle(
        playground.Request(
            request.method,
            request.url,
            playground.Headers(list(request.headers.items())),
            body.encode() if isinstance(body, str) else body,
        )
    )
    response = requests.Response()
    response.status_code = answer.status_code
    response.reason = answer.reason_phrase
    response.headers = CaseInsensitiveDict(answer.headers.raw)
    response._content = answer.body
    response.encoding = "utf-8"
    response.url = request.url
    response.request = request
    return response


requests.adapters.HTTPAdapter.send = send_to_sandbox
os.environ["MAIAGENT_API_KEY"] = playground.MAIAGENT_DEMO_KEY
os.environ["AIGNE_HUB_API_KEY"] = playground.AIGNE_HUB_DEMO_KEY
outputs = {}
for snippet in args:  # noqa: F821  (args is set by run.mjs)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        runpy.run_path(os.path.join("/project", snippet), run_name="__main__")
    outputs[snippet] = stdout.getvalue()
print(json.dumps(outputs))
