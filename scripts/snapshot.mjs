// Write the playground's start-up snapshot: Pyodide's memory once our package is imported.
// Usage: node scripts/snapshot.mjs <vendored pyodide dir>
//
// A page that restores it skips starting Python and importing playground.browser, more than half
// of a cold start (README, Performance). It boots the vendored Pyodide in Node exactly as the
// page's worker does (pyodide-boot.mjs), from the final files of this build (the wheel the lock
// names, the standard library with its compile cache), so it runs after scripts/vendor_pyodide.py
// has finished them, and writes <dir>/<snapshotFileName> (packSnapshot's format: 31 MB of memory
// become ~14 MB). It is written as it is: scripts/precompress.py writes its brotli and gzip copies
// like every other file's, and the browser decodes the one the server sends (Content-Encoding).
import fs from "node:fs";
import path from "node:path";
import { bootPlayground, packageEntry, packSnapshot, sha256Hex, snapshotFileName } from "../playground/web/pyodide-boot.mjs";

const [pyodideDir] = process.argv.slice(2);
if (!pyodideDir) {
  console.error("usage: node snapshot.mjs <vendored pyodide dir>");
  process.exit(2);
}
const indexURL = path.resolve(pyodideDir) + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await bootPlayground({
  loadPyodide,
  indexURL,
  readFile: async (file) => new Uint8Array(fs.readFileSync(file)),
  _makeSnapshot: true,
  // The program's name a browser gives it (Emscripten's default), not this script's path: it
  // becomes sys.executable and $_ in the snapshot.
  _sysExecutable: "./this.program",
});
// The worker's start-up import (worker.mjs); what its first calls import comes from the compile cache.
pyodide.pyimport("playground.browser").destroy();
// The archives zipimport has indexed (the standard library, our wheel): a page checks that its
// copies are these before it trusts that index.
const indexed = pyodide.runPython(`
import gc, sys, zipimport
gc.collect()
sorted({finder.archive for finder in sys.path_importer_cache.values() if isinstance(finder, zipimport.zipimporter)})`).toJs();
const archives = {};
for (const archive of indexed) archives[archive] = await sha256Hex(pyodide.FS.readFile(archive));
const memory = pyodide.makeMemorySnapshot();
const lock = JSON.parse(fs.readFileSync(path.join(indexURL, "pyodide-lock.json"), "utf8"));
const target = path.join(indexURL, snapshotFileName(packageEntry(lock)));
fs.writeFileSync(target, packSnapshot(memory, archives));
console.log(`${path.basename(target)}: ${memory.length} bytes of memory, ${fs.statSync(target).size} written`);
