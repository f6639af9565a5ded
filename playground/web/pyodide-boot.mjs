// How our package gets into Pyodide: the one place that knows it. Used by the page's worker
// (worker.mjs), the compile cache (scripts/precompile.mjs), the start-up snapshot
// (scripts/snapshot.mjs) and the tests that run Python inside Pyodide (tests/pyodide/run.mjs), so
// all of them start Python the same way.
//
// The wheel is registered in the vendored pyodide-lock.json (scripts/vendor_pyodide.py), which
// names its file and sha256. It is fetched while the interpreter boots and put on sys.path as it
// is: a pure-Python wheel is a zip archive zipimport reads (PEP 427 allows this for wheels like
// ours: no compiled extensions, no data outside the package). Pyodide's package loader would
// instead import tarfile, email and importlib.metadata and unpack the wheel, 0.1-0.2 s of every
// start. The compile cache puts each module's bytecode beside its source in the wheel, where
// zipimport looks for it.
//
// The start-up snapshot: the build boots Pyodide in Node as below, imports playground.browser, and
// saves the interpreter's memory (Pyodide's `_makeSnapshot`/`makeMemorySnapshot`, the mechanism
// Cloudflare's Python Workers start from). A page restores that memory instead of starting Python
// and importing our package again: cold loads about 0.7 s faster on this project's machine, for
// ~4 MB more on a first visit, brotli (README, Performance). The file is named after our wheel's sha256,
// so a snapshot of another build is never restored with this one's wheel; Pyodide itself refuses a
// snapshot of another Pyodide (its build id). If the snapshot is missing or refused, Python starts
// as before.
//
// Run's packages (requests and its pure-Python dependencies: wheels from PyPI, pinned with their
// sha256 in requirements-pyodide.lock) are registered in the same lock and put on sys.path the same
// way, by loadLockedWheels, on the reader's first Run only: a page where nobody runs code downloads
// none of their bytes, and neither the snapshot nor the compile cache holds them. With them comes
// Run's bytecode: one archive the build compiled them into (and the standard library modules they
// import), so that the first Run compiles nothing (playground/_run_bytecode.py).

export const PACKAGE = "api-auth-playground";
// What Run's programs import; the lock names what it depends on.
export const RUN_PACKAGES = ["requests"];

// In a browser or worker: the response for `url`, or an error that names the file and the status.
async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
  return response;
}

// In a browser or worker: the bytes at `url`.
export async function fetchBytes(url) {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}

// The vendored pyodide-lock.json (`indexURL`: Pyodide's folder, ending in "/").
export async function readLock(indexURL, readFile = fetchBytes) {
  return JSON.parse(new TextDecoder().decode(await readFile(indexURL + "pyodide-lock.json")));
}

// The bytes of a package's wheel, checked against the sha256 the lock names: a stale or damaged
// copy (a cache, a proxy) must not run as if it were this build's.
async function lockedWheel(indexURL, entry, readFile) {
  const bytes = await readFile(indexURL + entry.file_name);
  if ((await sha256Hex(bytes)) !== entry.sha256) throw new Error(`${entry.file_name}: not the file pyodide-lock.json names (sha256)`);
  return { name: entry.file_name, bytes };
}

// The lock's entries for `names` and everything they depend on, each once.
export function lockedClosure(lock, names) {
  const found = new Map();
  const visit = (name) => {
    if (found.has(name)) return;
    const entry = lock.packages && lock.packages[name];
    if (!entry) throw new Error(`pyodide-lock.json does not list ${name}`);
    found.set(name, entry);
    for (const dependency of entry.depends || []) visit(dependency);
  };
  names.forEach(visit);
  return [...found.values()];
}

// The lock's entry for Run's bytecode (scripts/precompile.mjs: the modules the first Run imports,
// compiled by the build), {file_name, sha256}, or null in a lock that names none.
export function runBytecodeEntry(lock) {
  return (lock.tool && lock.tool[PACKAGE] && lock.tool[PACKAGE].run_bytecode) || null;
}

// Put the wheels of `names` and their dependencies on sys.path of a running Pyodide, as our own
// wheel is (fetched in parallel, each checked against its sha256), and, where the lock names it,
// Run's bytecode, from which they are then imported without compiling (playground._run_bytecode).
// Resolves to their total bytes.
export async function loadLockedWheels(pyodide, { indexURL, readFile = fetchBytes, lock = null, names = RUN_PACKAGES }) {
  if (!indexURL.endsWith("/")) indexURL += "/";
  const locked = await (lock || readLock(indexURL, readFile));
  const bytecodeEntry = runBytecodeEntry(locked);
  const [bytecode, ...wheels] = await Promise.all([
    bytecodeEntry && lockedWheel(indexURL, bytecodeEntry, readFile),
    ...lockedClosure(locked, names).map((entry) => lockedWheel(indexURL, entry, readFile)),
  ]);
  const path = pyodide.pyimport("sys").path;
  try {
    for (const { name, bytes } of wheels) {
      pyodide.FS.writeFile(`/lib/${name}`, bytes);
      path.append(`/lib/${name}`);
    }
  } finally {
    path.destroy();
  }
  if (bytecode) {
    pyodide.FS.writeFile(`/lib/${bytecode.name}`, bytecode.bytes);
    pyodide.pyimport("playground._run_bytecode").install(`/lib/${bytecode.name}`).destroy();
  }
  return [...wheels, ...(bytecode ? [bytecode] : [])].reduce((total, file) => total + file.bytes.length, 0);
}

// Our package's entry in pyodide-lock.json (its file name and sha256).
export function packageEntry(lock) {
  const entry = lock.packages && lock.packages[PACKAGE];
  if (!entry) throw new Error(`pyodide-lock.json does not list ${PACKAGE}`);
  return entry;
}

export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The file the build writes the start-up snapshot to, beside the wheel (`entry`: our package's
// entry in pyodide-lock.json). It is written as it is; the build's brotli and gzip copies beside
// it (scripts/precompress.py) are what a server sends, with Content-Encoding.
export function snapshotFileName(entry) {
  return `${entry.file_name.replace(/\.whl$/, "")}.${entry.sha256.slice(0, 16)}.snapshot`;
}

// The snapshot's file: a little-endian uint32 with the header's length, the header
// (JSON: the memory's length, which of its 64 KiB pages are not all zeros, and the sha256 of each
// archive zipimport had indexed), then those pages. Of 31 MB of memory, 18 MB are zero pages:
// leaving them out halves what the page has to unpack.
const PAGE_BYTES = 65536;

export function packSnapshot(memory, archives) {
  const pages = [];
  for (let start = 0; start < memory.length; start += PAGE_BYTES) {
    if (memory.subarray(start, start + PAGE_BYTES).some((byte) => byte !== 0)) pages.push(start / PAGE_BYTES);
  }
  const header = new TextEncoder().encode(JSON.stringify({ length: memory.length, pages, archives }));
  const parts = [new Uint8Array(new Uint32Array([header.length]).buffer), header,
    ...pages.map((page) => memory.subarray(page * PAGE_BYTES, (page + 1) * PAGE_BYTES))];
  const packed = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    packed.set(part, offset);
    offset += part.length;
  }
  return packed;
}

// gzip's magic number and its one method (deflate). A snapshot starts with its header's length,
// which would have to be over 500 KB to begin so (a header is a few KB).
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

// The memory and archives of a snapshot file's bytes (`bytes`: the body as the browser decoded it).
// The browser undoes the server's Content-Encoding (brotli or gzip) as the bytes arrive; a host
// that sends the build's .gz copy without saying so (a .gz file served as it is) hands over gzip's
// own bytes, which are unpacked here. Any other body (a host's error page sent with status 200, a
// cut-off download) is refused with an error that says so, and Python starts without it.
async function unpackSnapshot(bytes) {
  let packed = bytes;
  const damaged = (why) => new Error(`the start-up snapshot is damaged: ${why}`);
  if (GZIP_MAGIC.every((byte, index) => packed[index] === byte)) {
    const inflated = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    try {
      packed = new Uint8Array(await new Response(inflated).arrayBuffer());
    } catch (error) {
      throw damaged(`gzip (${error.message})`);
    }
  }
  if (packed.length < 4) throw damaged(`${packed.length} bytes`);
  const headerLength = new DataView(packed.buffer, packed.byteOffset, packed.length).getUint32(0, true);
  if (4 + headerLength > packed.length) throw damaged("no header");
  let header;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(packed.subarray(4, 4 + headerLength)));
  } catch (error) {
    throw damaged(`its header (${error.message})`);
  }
  const pageCount = Math.ceil(header.length / PAGE_BYTES);
  if (!Number.isSafeInteger(header.length) || header.length <= 0 || !Array.isArray(header.pages)
    || !header.pages.every((page) => Number.isInteger(page) && page >= 0 && page < pageCount)
    || !header.archives || typeof header.archives !== "object") throw damaged("its header");
  const memory = new Uint8Array(header.length); // zeros, but for the pages written below
  let offset = 4 + headerLength;
  for (const page of header.pages) {
    const bytes = packed.subarray(offset, offset + Math.min(PAGE_BYTES, header.length - page * PAGE_BYTES));
    memory.set(bytes, page * PAGE_BYTES);
    offset += bytes.length;
  }
  if (offset !== packed.length) throw damaged(`${packed.length} bytes, ${offset} expected`);
  return { memory, archives: header.archives };
}

// A restored interpreter remembers the machine that built the snapshot. Give it this one's:
// - random: the build's seed would give every page load the same "random" numbers;
// - the time zone: Emscripten's C library reads it once, at start (`_tzset_js`), and the time
//   module copies it then; Emscripten has no `time.tzset()` to do it again;
// - the environment Emscripten derives from the browser (`LANG` from its language, `_`), the
//   locale Python sets from it, and `sys._emscripten_info.runtime` (the browser's user agent);
// - the archives it imports from, which zipimport indexed in the build: one that is not the
//   build's copy is read again, so that a damaged one fails here, at start, as it would without
//   the snapshot (reading its index in Python took 50-80 ms). `verified` names the sha256 of those
//   already checked (our wheel, against the lock); the others are hashed by Web Crypto, off this
//   thread, while Python adopts the rest (30-40 ms each for the 13 MB standard library);
// - JavaScript Promise Integration: Pyodide binds `pyodide.ffi.run_sync` once, when Python starts,
//   to a stub if that runtime has no JSPI (the build's Node has none), and the snapshot keeps the
//   stub; but `can_run_sync()` asks this browser, which may have JSPI, and says yes. urllib3 (Run's
//   requests with a live target) then took the JSPI path and failed ("WebAssembly stack switching
//   not supported"). Where run_sync is the stub, can_run_sync says no: urllib3 uses XMLHttpRequest.
// Python's str hash seed stays the build's: that only fixes the order of sets between page loads.
// tests/test_snapshot.py compares each of these with a Python started without the snapshot.
async function adoptThisRuntime(pyodide, archives, verified = {}) {
  const module = pyodide._module;
  const changed = Promise.all(Object.entries(archives).map(async ([path, sha256]) =>
    ((verified[path] || await sha256Hex(pyodide.FS.readFile(path))) === sha256 ? null : path)))
    .then((paths) => paths.filter(Boolean));
  changed.catch(() => {}); // awaited below, after the first part of the adoption
  const tzname = module._tzname >>> 2; // char *tzname[2]
  module.__tzset_js(module._timezone, module._daylight, module.HEAPU32[tzname], module.HEAPU32[tzname + 1]);
  const here = {
    environment: Object.fromEntries(module.getEnvStrings().map((line) => {
      const equals = line.indexOf("=");
      return [line.slice(0, equals), line.slice(equals + 1)];
    })),
    // As CPython finds it (Python/sysmodule.c, _Py_emscripten_runtime).
    runtime: typeof navigator === "object" ? navigator.userAgent
      : typeof process === "object" ? `Node.js ${process.version}` : "UNKNOWN",
  };
  const scope = pyodide.globals.get("dict")();
  try {
    pyodide.runPython(`
import json, locale, os, random, sys, time, zipimport
here = json.loads(${JSON.stringify(JSON.stringify(here))})
random.seed()
# As CPython's time module does where the C library has no tzname (Modules/timemodule.c,
# init_timezone): from the local time in January and in July.
YEAR = (365 * 24 + 6) * 3600
start = int(time.time()) // YEAR * YEAR
january, july = time.localtime(start), time.localtime(start + YEAR // 2)
zones = [(-january.tm_gmtoff, january.tm_zone[:9]), (-july.tm_gmtoff, july.tm_zone[:9])]
if zones[0][0] < zones[1][0]:  # the southern hemisphere: daylight saving time in January
    zones.reverse()
(time.timezone, standard), (time.altzone, summer) = zones
time.daylight, time.tzname = int(time.timezone != time.altzone), (standard, summer)
for name, value in here["environment"].items():
    if os.environ.get(name) != value:
        os.environ[name] = value
locale.setlocale(locale.LC_CTYPE, "")  # as Python's start-up does, from LANG
sys._emscripten_info = type(sys._emscripten_info)(
    (sys._emscripten_info.emscripten_version, here["runtime"], *sys._emscripten_info[2:]))
sys.path[:] = dict.fromkeys(sys.path)  # a restore puts "" first on sys.path again
`, { globals: scope });
    // zipimport's index of the build's copy does not fit an archive that is not that copy.
    pyodide.runPython(`
for archive in json.loads(${JSON.stringify(JSON.stringify(await changed))}):
    zipimport.zipimporter(archive).invalidate_caches()
    zipimport.zipimporter(archive)
import _pyodide_core, pyodide.ffi
try:
    _pyodide_core.run_sync(None)
    stub = False
except Exception as error:  # the stub refuses anything; the real one refuses None otherwise
    stub = "not supported in this JavaScript runtime" in str(error)
if stub:
    _pyodide_core.can_run_sync = pyodide.ffi.can_run_sync = lambda: False
`, { globals: scope });
  } finally {
    scope.destroy();
  }
}

// Start Pyodide (`loadPyodide` from the vendored pyodide.mjs) with our package importable.
// `indexURL` is Pyodide's folder (a URL in browsers, a path in Node), ending in "/"; `readFile`
// returns the bytes of a file in it (Node's fetch cannot read files); `lock` is the lock file
// already being read (readLock), if any; `snapshot: true` restores the build's start-up snapshot
// (playground.browser already imported), or, if that fails, starts Python without it and tells
// `onSnapshotFailure(error)`; other options go to loadPyodide.
export async function bootPlayground({
  loadPyodide, indexURL, readFile = fetchBytes, lock = null, snapshot = false, onSnapshotFailure = () => {}, ...options
}) {
  if (!indexURL.endsWith("/")) indexURL += "/";
  if (!lock) lock = readLock(indexURL, readFile);
  const entry = lock.then(packageEntry);
  const wheel = entry.then((found) => lockedWheel(indexURL, found, readFile));
  wheel.catch(() => {}); // awaited below, where its failure is reported
  // One read of the lock file serves both loadPyodide and our wheel.
  const start = (memory) => loadPyodide({
    indexURL, lockFileContents: lock, packageBaseUrl: indexURL, ...(memory ? { _loadSnapshot: memory } : {}), ...options,
  });
  let pyodide;
  let archives = null; // once restored: the archives zipimport indexed in the build
  if (snapshot) {
    // Downloaded and unpacked while pyodide.asm.mjs loads; loadPyodide waits for it before it
    // instantiates the WebAssembly (whose download has started by then).
    const unpacked = entry.then((found) => readFile(indexURL + snapshotFileName(found))).then(unpackSnapshot);
    const memory = unpacked.then((contents) => contents.memory);
    memory.catch(() => {}); // loadPyodide awaits it, after loading pyodide.asm.mjs; a failure is handled below
    try {
      pyodide = await start(memory);
      ({ archives } = await unpacked);
    } catch (error) {
      onSnapshotFailure(error);
    }
  }
  if (!pyodide) pyodide = await start(null);
  const { name, bytes } = await wheel;
  const path = `/lib/${name}`;
  pyodide.FS.writeFile(path, bytes); // a snapshot holds no files: Pyodide's are in JavaScript
  if (archives) await adoptThisRuntime(pyodide, archives, { [path]: (await entry).sha256 }); // checked by lockedWheel
  else pyodide.pyimport("sys").path.append(path);
  return pyodide;
}
