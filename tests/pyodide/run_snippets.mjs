// Run the docs' Python snippets, unchanged, inside real Pyodide (Node).
// Usage: node run_snippets.mjs <pyodide dir> <project dir> <wheel>... -- <snippet path>...
// Prints one JSON line: {"<snippet path>": "<its stdout>", ...}.
import path from "node:path";

const [pyodideDir, projectDir, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const wheels = rest.slice(0, split);
const snippets = rest.slice(split + 1);

const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/" });
await pyodide.loadPackage("api-auth-playground");
// requests and its dependencies: pure-Python wheels downloaded from PyPI by the calling test.
await pyodide.loadPackage(wheels.map((wheel) => path.resolve(wheel)));

pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(projectDir) }, "/project");
pyodide.globals.set("snippets", pyodide.toPy(snippets));
const output = await pyodide.runPythonAsync(`
import contextlib, io, json, os, runpy
import requests
from requests.structures import CaseInsensitiveDict
import playground

def send_to_sandbox(adapter, request, **kwargs):
    """requests' transport, replaced: Pyodide in Node has no sockets, so the in-process sandbox answers."""
    body = request.body or b""
    answer = playground.handle(playground.Request(
        request.method, request.url, playground.Headers(list(request.headers.items())),
        body.encode() if isinstance(body, str) else body,
    ))
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
for snippet in snippets:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        runpy.run_path(os.path.join("/project", snippet), run_name="__main__")
    outputs[snippet] = stdout.getvalue()
json.dumps(outputs)
`);
console.log(output);
