// Run pytest inside real Pyodide (Node), against our wheel as the browser loads it.
// Usage: node run_pytest.mjs <pyodide dir> <project dir> <wheel>... -- <pytest args>...
import path from "node:path";

const [pyodideDir, projectDir, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const wheels = rest.slice(0, split);
const pytestArgs = rest.slice(split + 1);

const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/" });
// Our package by name, exactly as the page loads it from the vendored pyodide-lock.json.
await pyodide.loadPackage("api-auth-playground");
// pytest and hypothesis are pure-Python wheels downloaded from PyPI by the calling test.
await pyodide.loadPackage(wheels.map((wheel) => path.resolve(wheel)));

// The checkout is mounted so tests can compare the packaged files with their sources.
pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(projectDir) }, "/project");
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const code = await pyodide.runPythonAsync(`
import os, sys, playground, pytest
os.chdir("/project")
# The package must come from the wheel, not from a source checkout.
assert playground.__file__.startswith(sys.prefix) or "site-packages" in playground.__file__, playground.__file__
print("Python", sys.version.split()[0], "on", sys.platform, "- playground from", playground.__file__)
pytest.main(list(pytest_args))
`);
process.exit(Number(code));
