// The page's side of the Web Worker (worker.mjs) that runs Python: it adopts the worker the
// head's inline script started (docs/overrides/main.html), or starts one; it calls Python with time
// limits, and restarts the worker after a crash, a run over its time limit, or "Try again".
// No DOM: the Worker is passed in (tests/js/worker-client.test.mjs drives a fake one).
import { fill } from "./strings.mjs";
import { T } from "./state.mjs";

export const RUN_TIME_LIMIT_MS = 10000;
export const LOAD_TIME_LIMIT_MS = 120000;
// The first Run's loading of requests (download, then compiling it and the standard library modules
// it imports): measured at 2-6 s here, so a slow phone needs far more than the code's own limit.
export const PACKAGES_TIME_LIMIT_MS = 60000;
// A safety net for calls without their own limit: longer than any request's own time limit,
// so only a worker that died without a word reaches it.
export const CALL_TIME_LIMIT_MS = 90000;

const moduleWorker = (url) => new Worker(url, { type: "module" });

/** The URL of worker.mjs beside this module, told where this build's Pyodide is, so it starts loading at once. */
export function workerURL(moduleURL, pyodidePath) {
  const assets = new URL(".", moduleURL);
  const root = new URL("../../", assets); // this build's root: assets/playground/ is two levels down
  const worker = new URL("worker.mjs", assets);
  worker.searchParams.set("pyodide", new URL(pyodidePath, root).href);
  return worker.href;
}

export class PythonWorker {
  /**
   * @param {object} options
   * @param {string} options.url worker.mjs's URL (workerURL())
   * @param {() => ({worker, events}|null)} [options.takeEarly] the worker the head's script started, once
   * @param {(url: string) => Worker} [options.createWorker]
   * @param {{load?: number, call?: number}} [options.limits] milliseconds
   */
  constructor({ url, takeEarly = () => null, createWorker = moduleWorker, limits = {} }) {
    Object.assign(this, { url, takeEarly, createWorker });
    this.limits = { load: LOAD_TIME_LIMIT_MS, call: CALL_TIME_LIMIT_MS, packages: PACKAGES_TIME_LIMIT_MS, ...limits };
    this.worker = null;
    this.state = "idle"; // idle | loading | ready | failed
    this.stage = "python";
    this.detail = "";
    this.crashed = false;
    this.startedFrom = "";
    this.readyInfo = null;
    this.listeners = new Set();
    this.pending = new Map();
    this.nextCall = 0;
    this.readyPromise = null;
    this.infoPromise = null;
  }

  notify() {
    for (const listener of this.listeners) listener(this.state, this.stage, this.detail);
  }

  fail(detail) {
    if (this.state === "failed") return;
    this.state = "failed";
    this.detail = detail;
    clearTimeout(this.loadTimer);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(detail));
    }
    this.pending.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.notify();
    this.rejectReady(new Error(detail));
  }

  start() {
    if (this.state === "loading" || this.state === "ready") return this.readyPromise;
    this.state = "loading";
    this.stage = "python";
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyPromise.catch(() => {});
    this.notify();
    // The page's first inline script may have started the worker already (docs/overrides/main.html):
    // adopt it, with the messages it sent meanwhile. A restart always starts a new one.
    const early = this.takeEarly();
    try {
      this.worker = early ? early.worker : this.createWorker(this.url);
    } catch (error) {
      this.fail(T.noWorker);
      return this.readyPromise;
    }
    this.loadTimer = setTimeout(() => this.fail(T.loadTimeout), this.limits.load);
    const worker = this.worker;
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (this.worker === worker) this.onError(event.message);
    });
    worker.addEventListener("message", (event) => {
      if (this.worker === worker) this.onMessage(event.data || {});
    });
    if (early) this.replay(early);
    return this.readyPromise;
  }

  // What the early worker said before this script ran, in order; a replayed failure ends it.
  replay(early) {
    early.worker.onmessage = early.worker.onerror = null;
    for (const [kind, value] of early.events) {
      if (this.worker !== early.worker) break;
      if (kind === "error") this.onError(value);
      else this.onMessage(value || {});
    }
  }

  onError(message) {
    clearTimeout(this.loadTimer);
    // Before "ready" the load failed; after it, Python died under a request.
    if (this.state === "ready") this.crash(message || T.internal);
    else this.fail(message || T.noWorker);
  }

  onMessage(data) {
    if (data.type === "status") {
      this.stage = data.stage;
      this.notify();
    } else if (data.type === "ready") {
      clearTimeout(this.loadTimer);
      this.readyInfo = data.info || null; // sent with "ready" (worker.mjs)
      this.startedFrom = data.start || ""; // "snapshot", or "boot" if the snapshot could not be used
      this.state = "ready";
      this.crashed = false;
      this.notify();
      this.resolveReady();
    } else if (data.type === "failed") {
      clearTimeout(this.loadTimer);
      this.fail(data.detail || T.internal);
    } else if (data.type === "crashed") {
      this.crash(data.detail || T.internal);
    } else if (data.progress && this.pending.has(data.id)) {
      // A call's next stage gets its own time limit: loading requests (the first Run) its own,
      // then running the code the whole of the call's, so a slow download does not eat the code's time.
      const call = this.pending.get(data.id);
      clearTimeout(call.timer);
      call.timer = data.progress === "packages" ? call.limit(this.limits.packages, "packages") : call.limit();
      if (call.onProgress) call.onProgress(data.progress);
    } else if (this.pending.has(data.id)) {
      const { resolve, timer } = this.pending.get(data.id);
      clearTimeout(timer);
      this.pending.delete(data.id);
      resolve(data.result);
    }
  }

  // A run that exceeds its time limit cannot be interrupted inside Pyodide, and a crashed
  // interpreter cannot be used again: end the worker and start anew (also "Try again" after a
  // failed load). The page, and everything typed into it, stays; waiting calls fail with `reason`.
  restart(reason = { restarted: true }) {
    clearTimeout(this.loadTimer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(Object.assign(new Error(reason.detail || "restarted"), reason));
    }
    this.pending.clear();
    this.state = "idle";
    this.crashed = Boolean(reason.crashed);
    this.start();
  }

  crash(detail) {
    this.restart({ crashed: true, detail: String(detail).slice(0, 300) });
  }

  /** Python's answer to `message` ({op, ...}); `timeLimit` (ms) restarts Python when a run (or
   *  one of its stages) outlasts it; `onProgress(stage)` hears of each stage the worker reports. */
  async call(message, timeLimit, { onProgress = null } = {}) {
    await this.start();
    return new Promise((resolve, reject) => {
      const id = ++this.nextCall;
      const limit = (ms = timeLimit, stage = "running") => ms
        ? setTimeout(() => {
            this.pending.delete(id);
            reject(Object.assign(new Error("time limit"), { timeLimit: true, stage }));
            this.restart({ interrupted: true }); // calls waiting behind the run fail with that reason
          }, ms)
        : setTimeout(() => this.crash(T.noAnswerFromPython), this.limits.call);
      this.pending.set(id, { resolve, reject, timer: limit(), limit, onProgress });
      this.worker.postMessage({ id, message });
    });
  }

  /** Python's info(): the APIs, methods and examples. */
  info() {
    if (!this.infoPromise) {
      // The worker sends it with "ready" (worker.mjs): until then, wait for that rather than ask,
      // which would cost a round trip through the worker (and its first async call) at start-up.
      this.infoPromise = this.start().then(() => this.readyInfo || this.call({ op: "info" }));
      this.infoPromise.catch(() => { this.infoPromise = null; }); // asked again after a restart
    }
    return this.infoPromise;
  }
}

/** What to show when a call to Python did not answer: it ran too long, Python crashed (and is
 *  restarting), or Python never loaded. */
export function callErrorText(error, python) {
  const seconds = RUN_TIME_LIMIT_MS / 1000;
  if (error && error.timeLimit && error.stage === "packages") return fill(T.runPackagesFailed, { detail: T.loadTimeout });
  if (error && error.timeLimit) return fill(T.timeLimit, { seconds });
  if (error && error.interrupted) return fill(T.interrupted, { seconds });
  if (error && error.crashed) return fill(T.crashed, { detail: error.detail || T.internal });
  if (python.state === "failed") return fill(T.loadFailed, { detail: python.detail });
  return T.internal;
}
