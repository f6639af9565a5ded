// Compile, with Pyodide's own Python, every module the playground's start-up imports from source.
// Usage: node scripts/precompile.mjs <vendored pyodide dir> <out dir>
//
// Pyodide's npm package ships its standard library as .py files, and a browser keeps no bytecode
// between page loads: every load compiled the ~130 modules that boot Pyodide and import our
// package, more than half of the start-up time (CPython's installers precompile the stdlib for the
// same reason). Only the interpreter that will load bytecode can write it (the .pyc format changes
// with each Python version), so this boots the vendored Pyodide in Node exactly as the page's
// worker does (pyodide-boot.mjs), imports playground.browser, answers the page's first calls, and
// writes each module imported from source as an unchecked-hash .pyc (zip archives keep no
// timestamps to check), named as zipimport looks for it: beside its source.
//   <out>/stdlib/<path in python_stdlib.zip>.pyc
//   <out>/package/<path in our wheel>.pyc
// scripts/vendor_pyodide.py adds them to the two archives. The sources stay, for tracebacks.
import fs from "node:fs";
import path from "node:path";
import { bootPlayground } from "../playground/web/pyodide-boot.mjs";

const [pyodideDir, outDir] = process.argv.slice(2);
if (!pyodideDir || !outDir) {
  console.error("usage: node precompile.mjs <vendored pyodide dir> <out dir>");
  process.exit(2);
}
const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const pyodide = await bootPlayground({
  loadPyodide,
  indexURL: path.resolve(pyodideDir) + "/",
  readFile: async (file) => new Uint8Array(fs.readFileSync(file)),
});
const dispatch = pyodide.pyimport("playground.browser").dispatch;
// The calls a reader's first minutes make (playground.js): their imports are start-up too.
const ask = async (message) => {
  const answer = JSON.parse(await dispatch(JSON.stringify(message)));
  if (answer.error && answer.error.code === "internal") throw new Error(`${message.op}: ${JSON.stringify(answer)}`);
  return answer;
};
const info = await ask({ op: "info" });
const spec = { api: "maiagent", key: "Api-Key not-a-real-key", method: "GET", path: "/api/v1/chatbots/", body: "" };
for (const message of [
  { op: "diagnose", api: "maiagent", key: "Bearer abc" },
  { op: "code", spec, target: "sandbox", use_my_key: false, lang: "en" },
  { op: "send", spec, target: "sandbox", request_id: "precompile" },
  // Each API's default request with its demo key, as the page offers them.
  ...Object.values(info.apis).map((api) => ({
    op: "send", spec: { api: api.id, key: `${api.scheme} ${api.demo_key}`, ...api.default_request }, target: "sandbox",
  })),
  { op: "reproduce", example_id: "maiagent/401-missing-key" },
  { op: "run_code", source: "print(1)" },
]) {
  await ask(message);
}

const compiled = pyodide.runPython(`
import base64, importlib.util, json, sys, zipimport
from importlib._bootstrap_external import _code_to_hash_pyc

files = {}
for module in list(sys.modules.values()):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or ""
    if not (spec and isinstance(spec.loader, zipimport.zipimporter) and origin.endswith(".py")):
        continue  # built in, frozen, or not from one of the two archives
    archive = spec.loader.archive
    folder = "package" if archive.endswith(".whl") else "stdlib"
    source = spec.loader.get_data(origin)
    code = compile(source, origin, "exec", dont_inherit=True)
    inside = origin[len(archive) + 1:]
    files[f"{folder}/{inside}c"] = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
json.dumps({name: base64.b64encode(data).decode("ascii") for name, data in files.items()})
`);
const files = JSON.parse(compiled);
for (const [name, data] of Object.entries(files)) {
  const file = path.join(outDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(data, "base64"));
}
console.log(`precompiled ${Object.keys(files).length} modules into ${outDir}`);
