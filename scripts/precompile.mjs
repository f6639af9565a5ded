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
// Then it loads Run's wheels and runs the page's requests programs as the first Run does, and
// writes what that compiled (requests, urllib3, ..., and the standard library modules they
// import) under <out>/run/, which scripts/vendor_pyodide.py packs into Run's bytecode archive.
import fs from "node:fs";
import path from "node:path";
import { bootPlayground, loadLockedWheels, RUN_PACKAGES } from "../playground/web/pyodide-boot.mjs";

const [pyodideDir, outDir] = process.argv.slice(2);
if (!pyodideDir || !outDir) {
  console.error("usage: node precompile.mjs <vendored pyodide dir> <out dir>");
  process.exit(2);
}
const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const readFile = async (file) => new Uint8Array(fs.readFileSync(file));
const pyodide = await bootPlayground({ loadPyodide, indexURL: path.resolve(pyodideDir) + "/", readFile });
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

// Unchecked-hash .pyc files: of each module imported from one of the archives' sources, named
// `<stdlib|package>/<its path inside>c` (start-up's); and of each source compiled since
// record_compiles() (whatever was imported, also a module whose import failed, as
// urllib3.contrib.socks without PySocks), named `run/<the source's path>c` (Run's).
pyodide.runPython(`
import builtins, importlib.util, sys, zipimport
from importlib._bootstrap_external import _code_to_hash_pyc

def pyc(origin, loader):
    source = loader.get_data(origin)
    code = compile(source, origin, "exec", dont_inherit=True)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)

def startup_bytecode():
    files = {}
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if not (spec and isinstance(spec.loader, zipimport.zipimporter) and origin.endswith(".py")):
            continue  # built in, frozen, or not from one of the archives
        archive = spec.loader.archive
        folder = "package" if archive.endswith(".whl") else "stdlib"
        files[f"{folder}/{origin[len(archive) + 1:]}c"] = pyc(origin, spec.loader)
    return files

compiled = set()

def record_compiles():
    def recording(source, filename, *args, **kwargs):
        if isinstance(filename, str) and filename.endswith(".py") and (".zip/" in filename or ".whl/" in filename):
            compiled.add(filename)
        return compile_from_source(source, filename, *args, **kwargs)
    compile_from_source = builtins.compile
    builtins.compile = recording

def run_bytecode():
    return {f"run{origin}c": pyc(origin, zipimport.zipimporter(origin.rsplit("/", 1)[0])) for origin in sorted(compiled)}
`);
const write = (proxy) => {
  const files = proxy.toJs({ dict_converter: Object.fromEntries });
  proxy.destroy();
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(outDir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  return Object.keys(files).length;
};
// The loader of Run's bytecode is imported before that bytecode is there: its own is start-up's.
pyodide.pyimport("playground._run_bytecode").destroy();
const startup = write(pyodide.runPython("startup_bytecode()"));

// Run's modules: the first Run's imports, as the worker makes them (worker.mjs), and the page's
// Run of each API's requests program, answered by the sandbox, and of one refused for another
// origin. They go into one archive fetched on the first Run only (playground/_run_bytecode.py).
pyodide.runPython("record_compiles()");
await loadLockedWheels(pyodide, { indexURL: path.resolve(pyodideDir) + "/", readFile });
for (const name of [...RUN_PACKAGES, "playground._run_sandbox"]) pyodide.pyimport(name).destroy();
for (const [index, api] of Object.values(info.apis).entries()) {
  const spec = { api: api.id, key: `${api.scheme} ${api.demo_key}`, ...api.default_request };
  const code = await ask({ op: "code", spec, target: "sandbox", use_my_key: false, lang: "en" });
  const program = code.tabs.find((tab) => tab.id === "python").code;
  const answer = await ask({ op: "run_code", source: program, env: { [api.env_var]: api.demo_key }, target: "sandbox", lang: index ? "ja" : "en" });
  if (!answer.ok) throw new Error(`running the ${api.id} program: ${answer.stderr}`);
}
await ask({ op: "run_code", source: "import requests\nrequests.get('https://example.com/')\n", env: {}, target: "sandbox", lang: "en" });
const run = write(pyodide.runPython("run_bytecode()"));
console.log(`precompiled ${startup} start-up modules and ${run} of Run's into ${outDir}`);
