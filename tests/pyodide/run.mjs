// Run a Python program inside real Pyodide (Node), with our wheel loaded as the browser loads it.
// Usage: node run.mjs <pyodide dir> <project dir> <program.py> <wheel>... -- <args>...
// The program sees `args` (a list of str); the checkout is mounted at /project. A numeric value
// of its last expression becomes the exit code. With PLAYGROUND_SNAPSHOT=1 in the environment,
// Python starts from the build's start-up snapshot, as in the page; the program sees `started`
// ("snapshot", or "boot" if it could not be used). With PLAYGROUND_RUN_PACKAGES=1, Run's packages
// (requests and its dependencies) are loaded from the vendored lock as the worker's first Run
// loads them; the program sees `run_packages_bytes`.
import fs from "node:fs";
import path from "node:path";
import { bootPlayground, loadLockedWheels } from "../../playground/web/pyodide-boot.mjs";

const [pyodideDir, projectDir, program, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const wheels = rest.slice(0, split);
const args = rest.slice(split + 1);

const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
// Our package exactly as the page's worker loads it: the wheel the vendored pyodide-lock.json names.
let started = process.env.PLAYGROUND_SNAPSHOT === "1" ? "snapshot" : "boot";
const pyodide = await bootPlayground({
  loadPyodide,
  indexURL: path.resolve(pyodideDir) + "/",
  readFile: async (file) => new Uint8Array(fs.readFileSync(file)),
  snapshot: started === "snapshot",
  onSnapshotFailure: (error) => {
    started = "boot";
    console.error(error);
  },
  // The program's name a browser gives it, as scripts/snapshot.mjs does (not this script's path).
  _sysExecutable: "./this.program",
});
const readFile = async (file) => new Uint8Array(fs.readFileSync(file));
const runPackagesBytes = process.env.PLAYGROUND_RUN_PACKAGES === "1"
  ? await loadLockedWheels(pyodide, { indexURL: path.resolve(pyodideDir) + "/", readFile }) : 0;
// Test-only pure-Python wheels, downloaded from PyPI by the calling test.
await pyodide.loadPackage(wheels.map((wheel) => path.resolve(wheel)));

pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(projectDir) }, "/project");
pyodide.globals.set("args", pyodide.toPy(args));
pyodide.globals.set("started", started);
pyodide.globals.set("run_packages_bytes", runPackagesBytes);
const result = await pyodide.runPythonAsync(fs.readFileSync(program, "utf8"));
process.exit(typeof result === "number" ? result : 0);
