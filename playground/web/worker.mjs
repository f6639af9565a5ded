// The playground's Web Worker: loads the self-hosted Pyodide and our package, then answers the
// page's messages with playground.browser.dispatch (JSON in, JSON out). Python never runs on the
// page's main thread, so loading and running code cannot freeze the page.
//
// Started as  worker.mjs?pyodide=<Pyodide's folder URL>: it starts loading as soon as it runs. (A
// first "init" message would wait for the page's main thread to deliver it, which is busy with the
// page's own scripts then: that cost a quarter of a second.) Pyodide's files come after the page's
// own: every request for them is sent with low priority, and with &after=paint (the page's head
// script, docs/overrides/main.html) Pyodide's scripts are imported only once the page has painted
// its text; the big files are downloading by then (pyodideFetches).
// Messages in:  {id, message: {op, ...}} | {type: "painted"} (with &after=paint)
// Messages out: {type: "status", stage} | {type: "ready", info, start} | {type: "failed", detail} | {id, result}
//               | {id, progress: "packages" | "running"} (the first Run: loading requests, then running)
//               | {type: "crashed", detail} (Python died: the page restarts the worker)

let dispatch = null;
let pyodide = null;
let indexURL = null;
let lock = null;
// Run's packages (requests and its dependencies): loaded by the first run_code, never at start-up.
let runPackages = null;
let runPackagesReady = false;
let pagePainted;
const painted = new Promise((resolve) => { pagePainted = resolve; });

// Pyodide 314 catches a failed WebAssembly instantiation (pyodide.asm.wasm missing or corrupt),
// only warns on the console, and never settles loadPyodide. Watching the instantiation lets the
// page say what happened at once instead of after its load time limit.
function instantiationFailure() {
  return new Promise((_, reject) => {
    for (const name of ["instantiateStreaming", "instantiate"]) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        const result = original.apply(this, args);
        result.catch((error) => reject(new Error(`pyodide.asm.wasm: ${error && error.message ? error.message : error}`)));
        return result;
      };
    }
  });
}

// Requests for Pyodide's files (under indexURL) go with low priority: on a slow link the page's own
// text, styles and scripts come first. The lock (it names the start-up snapshot and our wheel, the
// last files to arrive), the WebAssembly and the standard library are requested at once, not when
// pyodide.mjs and pyodide-boot.mjs have loaded and loadPyodide asks for them (30-40 ms sooner,
// cold, and the whole wait for the page's first paint): each early response goes to the first
// request for its URL.
function pyodideFetches(early) {
  const fetchNow = self.fetch;
  const started = new Map(early.map((name) => {
    const url = new URL(name, indexURL).href;
    const response = fetchNow(url, { priority: "low" });
    response.catch(() => {}); // reported to whoever asks for it
    return [url, response];
  }));
  self.fetch = function (resource, init) {
    const url = new URL(resource && typeof resource === "object" && "url" in resource ? resource.url : resource, self.location.href).href;
    if (!url.startsWith(indexURL)) return fetchNow.call(this, resource, init);
    const response = started.get(url);
    started.delete(url);
    return response || fetchNow.call(this, resource, { priority: "low", ...init });
  };
}

// loadPyodide, imported when the page has painted (at once without &after=paint): its scripts
// (pyodide.asm.mjs is 1.2 MB) do not compete with the page's, and Lighthouse's simulation counts a
// script that ends before the first contentful paint as holding that paint up.
async function loadPyodideAfterPaint(options) {
  await painted;
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  return loadPyodide(options);
}

async function load() {
  postMessage({ type: "status", stage: "python" });
  const failed = instantiationFailure();
  pyodideFetches(["pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip"]);
  const { bootPlayground, readLock } = await import("./pyodide-boot.mjs");
  lock = readLock(indexURL); // kept for the first Run, which finds Run's packages in it
  // Python starts from the build's snapshot, our package already imported, or else boots and
  // imports it; our wheel downloads meanwhile (pyodide-boot.mjs).
  let startedFrom = "snapshot";
  const onSnapshotFailure = (error) => {
    startedFrom = "boot";
    console.warn("playground: starting Python without the start-up snapshot:", error);
  };
  pyodide = await Promise.race([
    bootPlayground({ loadPyodide: loadPyodideAfterPaint, indexURL, lock, snapshot: true, onSnapshotFailure }), failed]);
  postMessage({ type: "status", stage: "package" });
  const browser = pyodide.pyimport("playground.browser");
  dispatch = browser.dispatch;
  // The page's first question, answered before it asks: one round trip through its busy main
  // thread less. Synchronously: a first async call through Pyodide costs 20-50 ms more here.
  return { info: JSON.parse(browser.ready_info()), startedFrom };
}

// os._exit, a fatal error or running out of memory can end the interpreter outside any call's
// promise chain: the error surfaces here, unhandled, and a dispatch under way never settles. Once
// Python has loaded, any such error means it cannot be trusted again: the page starts a new worker.
function died(event, reason) {
  if (!dispatch) return; // while loading, load() reports the failure
  event.preventDefault(); // handled: the page explains it and restarts Python
  postMessage({ type: "crashed", detail: String(reason && reason.message ? reason.message : reason).slice(0, 300) });
}
self.addEventListener("unhandledrejection", (event) => died(event, event.reason));
self.addEventListener("error", (event) => died(event, event.error || event.message));

async function start() {
  try {
    const params = new URL(import.meta.url).searchParams;
    if (!params.get("pyodide")) throw new Error("worker.mjs needs ?pyodide=<the URL of Pyodide's folder>");
    indexURL = new URL(params.get("pyodide"), import.meta.url).href;
    if (params.get("after") !== "paint") pagePainted();
    const { info, startedFrom } = await load();
    postMessage({ type: "ready", info, start: startedFrom });
  } catch (error) {
    postMessage({ type: "failed", detail: String(error && error.message ? error.message : error).slice(0, 500) });
  }
}

// The first run_code loads Run's packages first (about 1.3 MB from this site: the wheels and their
// bytecode, checked against the lock's sha256) and says so, so that the page can show it and give each stage its own time limit.
// A failed load is answered as an error, and the next Run tries again.
async function runPackagesLoaded(id) {
  if (runPackagesReady) return null;
  postMessage({ id, progress: "packages" });
  if (!runPackages) {
    const { loadLockedWheels, RUN_PACKAGES } = await import("./pyodide-boot.mjs");
    // Imported here too (from the build's bytecode: nothing is compiled), so that this stage's time
    // does not count against the code's own time limit.
    runPackages = loadLockedWheels(pyodide, { indexURL, lock })
      .then(() => { for (const name of [...RUN_PACKAGES, "playground._run_sandbox"]) pyodide.pyimport(name).destroy(); });
    runPackages.catch(() => { runPackages = null; });
  }
  try {
    await runPackages;
  } catch (error) {
    return { ok: false, error: { code: "run_packages", detail: String(error && error.message ? error.message : error).slice(0, 300) } };
  }
  runPackagesReady = true;
  postMessage({ id, progress: "running" });
  return null;
}

self.onmessage = async (event) => {
  const data = event.data;
  if (data && data.type === "painted") {
    pagePainted();
    return;
  }
  let result;
  if (data.message && data.message.op === "run_code") {
    const failure = await runPackagesLoaded(data.id);
    if (failure) {
      postMessage({ id: data.id, result: failure });
      return;
    }
  }
  try {
    result = JSON.parse(await dispatch(JSON.stringify(data.message)));
  } catch (error) {
    // dispatch answers every Python exception itself; a JavaScript error here means the
    // interpreter died (a fatal error, os._exit, out of memory). It cannot be used again: the page
    // starts a new worker.
    postMessage({ type: "crashed", detail: String(error && error.message ? error.message : error).slice(0, 300) });
    return;
  }
  postMessage({ id: data.id, result });
};

start();
