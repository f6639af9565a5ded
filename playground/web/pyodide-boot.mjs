// How our package gets into Pyodide: the one place that knows it. Used by the page's worker
// (worker.mjs), the compile cache (scripts/precompile.mjs) and the tests that run Python inside
// Pyodide (tests/pyodide/run.mjs), so all three start Python the same way.
//
// The wheel is registered in the vendored pyodide-lock.json (scripts/vendor_pyodide.py), which
// names its file and sha256. It is fetched while the interpreter boots and put on sys.path as it
// is: a pure-Python wheel is a zip archive zipimport reads (PEP 427 allows this for wheels like
// ours: no compiled extensions, no data outside the package). Pyodide's package loader would
// instead import tarfile, email and importlib.metadata and unpack the wheel, 0.1-0.2 s of every
// start. The compile cache puts each module's bytecode beside its source in the wheel, where
// zipimport looks for it.

export const PACKAGE = "api-auth-playground";

// In a browser or worker: the bytes at `url`, or an error that names the file and the status.
export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Start Pyodide (`loadPyodide` from the vendored pyodide.mjs) with our package importable.
// `indexURL` is Pyodide's folder (a URL in browsers, a path in Node), ending in "/"; `readFile`
// returns the bytes of a file in it (Node's fetch cannot read files); other options go to loadPyodide.
export async function bootPlayground({ loadPyodide, indexURL, readFile = fetchBytes, ...options }) {
  if (!indexURL.endsWith("/")) indexURL += "/";
  const lock = readFile(indexURL + "pyodide-lock.json")
    .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  const wheel = lock.then(async (contents) => {
    const entry = contents.packages && contents.packages[PACKAGE];
    if (!entry) throw new Error(`pyodide-lock.json does not list ${PACKAGE}`);
    const bytes = await readFile(indexURL + entry.file_name);
    // A stale or damaged copy (a cache, a proxy) must not run as if it were this build's.
    if ((await sha256Hex(bytes)) !== entry.sha256) throw new Error(`${entry.file_name}: not the file pyodide-lock.json names (sha256)`);
    return { name: entry.file_name, bytes };
  });
  wheel.catch(() => {}); // awaited below, where its failure is reported
  // One read of the lock file serves both loadPyodide and our wheel.
  const pyodide = await loadPyodide({ indexURL, lockFileContents: lock, packageBaseUrl: indexURL, ...options });
  const { name, bytes } = await wheel;
  const path = `/lib/${name}`;
  pyodide.FS.writeFile(path, bytes);
  pyodide.pyimport("sys").path.append(path);
  return pyodide;
}
