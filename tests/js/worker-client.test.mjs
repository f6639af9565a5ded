// The page's side of the worker (playground/web/worker-client.mjs), against a fake Worker: adopting
// the early worker, "ready" with info(), calls, time limits, crashes and restarts.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { STRINGS } from "../../playground/web/strings.mjs";
import { callErrorText, PythonWorker, RUN_TIME_LIMIT_MS, workerURL } from "../../playground/web/worker-client.mjs";

const T = STRINGS.en;

class FakeWorker extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.posted = [];
    this.terminated = false;
  }

  postMessage(data) { this.posted.push(data); }

  terminate() { this.terminated = true; }

  say(data) { this.dispatchEvent(new MessageEvent("message", { data })); }

  fail(message) { this.dispatchEvent(Object.assign(new Event("error", { cancelable: true }), { message })); }
}

// Every client a test made is ended after it: a load or call time limit still armed would keep
// Node's event loop (and so `node --test`) alive for up to two minutes.
const made = [];
afterEach(() => {
  for (const python of made.splice(0)) if (python.state !== "idle") python.fail("end of test");
});

function client(options = {}) {
  const workers = [];
  const python = new PythonWorker({
    url: "https://site/assets/playground/worker.mjs",
    createWorker: (url) => { const worker = new FakeWorker(url); workers.push(worker); return worker; },
    ...options,
  });
  made.push(python);
  const seen = [];
  python.listeners.add((state, stage) => seen.push(`${state}:${stage}`));
  return { python, workers, seen };
}

const INFO = { apis: { maiagent: { id: "maiagent", name: "MaiAgent" } }, methods: ["GET"], examples: {} };

test("the worker's URL says where this build's Pyodide is", () => {
  assert.equal(workerURL("https://site/assets/playground/playground.js", "pyodide/"),
    "https://site/assets/playground/worker.mjs?pyodide=https%3A%2F%2Fsite%2Fpyodide%2F");
  assert.equal(workerURL("https://site/ja/assets/playground/playground.js", "../pyodide/"),
    "https://site/ja/assets/playground/worker.mjs?pyodide=https%3A%2F%2Fsite%2Fpyodide%2F");
  assert.equal(workerURL("https://site/zh-TW/assets/playground/playground.js", "../pyodide/"),
    "https://site/zh-TW/assets/playground/worker.mjs?pyodide=https%3A%2F%2Fsite%2Fpyodide%2F");
});

test("info() comes with ready, without asking the worker", async () => {
  const { python, workers, seen } = client();
  const info = python.info();
  assert.equal(python.state, "loading");
  workers[0].say({ type: "status", stage: "package" });
  workers[0].say({ type: "ready", info: INFO, start: "snapshot" });
  assert.deepEqual(await info, INFO);
  assert.equal(python.startedFrom, "snapshot");
  assert.deepEqual(workers[0].posted, []);
  assert.deepEqual(seen, ["loading:python", "loading:package", "ready:package"]);
});

test("a call is answered by the message with its id", async () => {
  const { python, workers } = client();
  python.start();
  workers[0].say({ type: "ready", info: INFO });
  const answer = python.call({ op: "diagnose", key: "k" });
  await sleep(0);
  const [{ id, message }] = workers[0].posted;
  assert.deepEqual(message, { op: "diagnose", key: "k" });
  workers[0].say({ id: id + 1, result: "not this one" });
  workers[0].say({ id, result: { ok: true } });
  assert.deepEqual(await answer, { ok: true });
  assert.equal(python.pending.size, 0);
});

test("the worker the head's script started is adopted, with what it said meanwhile", async () => {
  const early = { worker: new FakeWorker("early"), events: [["message", { type: "status", stage: "package" }],
                                                            ["message", { type: "ready", info: INFO, start: "boot" }]] };
  early.worker.onmessage = () => {};
  let taken = early;
  const { python, workers } = client({ takeEarly: () => { const e = taken; taken = null; return e; } });
  assert.deepEqual(await python.info(), INFO);
  assert.equal(workers.length, 0);
  assert.equal(python.worker, early.worker);
  assert.equal(early.worker.onmessage, null);
  assert.equal(python.startedFrom, "boot");
});

test("a failed load is reported, and Try again starts a new worker", async () => {
  const early = { worker: new FakeWorker("early"), events: [["message", { type: "failed", detail: "pyodide.asm.wasm: 404" }]] };
  let taken = early;
  const { python, workers } = client({ takeEarly: () => { const e = taken; taken = null; return e; } });
  await assert.rejects(python.info(), /pyodide\.asm\.wasm: 404/);
  assert.equal(python.state, "failed");
  assert.ok(early.worker.terminated);
  assert.equal(callErrorText(new Error("x"), python), T.loadFailed.replace("{detail}", "pyodide.asm.wasm: 404"));
  python.restart();
  assert.equal(python.state, "loading");
  workers[0].say({ type: "ready", info: INFO });
  assert.deepEqual(await python.info(), INFO);
});

test("an error event before ready fails the load; after ready it restarts Python", async () => {
  const { python, workers } = client();
  python.start();
  workers[0].fail("boom");
  assert.equal(python.state, "failed");
  assert.equal(python.detail, "boom");
  python.restart();
  workers[1].say({ type: "ready", info: INFO });
  await python.start();
  const waiting = python.call({ op: "run_code" });
  await sleep(0);
  workers[1].fail("died");
  await assert.rejects(waiting, (error) => error.crashed && error.detail === "died");
  assert.ok(workers[1].terminated);
  assert.equal(workers.length, 3);
  assert.ok(python.crashed);
  assert.equal(python.state, "loading");
});

test("a run over its time limit is stopped by a new worker; calls behind it say why", async () => {
  const { python, workers } = client();
  python.start();
  workers[0].say({ type: "ready", info: INFO });
  const run = python.call({ op: "run_code" }, 20);
  const behind = python.call({ op: "diagnose" });
  await assert.rejects(run, (error) => error.timeLimit === true);
  await assert.rejects(behind, (error) => error.interrupted === true);
  assert.ok(workers[0].terminated);
  assert.equal(workers.length, 2);
  const seconds = RUN_TIME_LIMIT_MS / 1000;
  assert.equal(callErrorText({ timeLimit: true }, python), T.timeLimit.replace("{seconds}", seconds));
  assert.equal(callErrorText({ interrupted: true }, python), T.interrupted.replace("{seconds}", seconds));
});

test("the first Run's stages are reported, and each gets its own time limit", async () => {
  const { python, workers } = client({ limits: { packages: 100 } });
  python.start();
  workers[0].say({ type: "ready", info: INFO });
  const stages = [];
  const run = python.call({ op: "run_code" }, 60, { onProgress: (stage) => stages.push(stage) });
  await sleep(0);
  const [{ id }] = workers[0].posted;
  workers[0].say({ id, progress: "packages" });
  await sleep(80); // past the code's 60 ms, within loading's own 100 ms
  workers[0].say({ id, progress: "running" }); // the code gets its whole 60 ms
  await sleep(40);
  workers[0].say({ id, result: { ok: true, stdout: "200\n" } });
  assert.deepEqual(await run, { ok: true, stdout: "200\n" });
  assert.deepEqual(stages, ["packages", "running"]);
  assert.equal(workers.length, 1);
  // Loading that outlasts its own limit is stopped as a run is, and said to be the loading.
  const slow = python.call({ op: "run_code" }, 1000);
  await sleep(0);
  workers[0].say({ id: workers[0].posted[1].id, progress: "packages" });
  let failure = null;
  await assert.rejects(slow, (error) => { failure = error; return error.timeLimit === true && error.stage === "packages"; });
  assert.equal(workers.length, 2);
  assert.equal(callErrorText(failure, python), T.runPackagesFailed.replace("{detail}", T.loadTimeout));
});

test("a crash reported by the worker restarts it", async () => {
  const { python, workers } = client();
  python.start();
  workers[0].say({ type: "ready", info: INFO });
  const waiting = python.call({ op: "send" });
  await sleep(0);
  workers[0].say({ type: "crashed", detail: "Fatal Python error" });
  await assert.rejects(waiting, (error) => error.crashed);
  assert.equal(callErrorText({ crashed: true, detail: "Fatal Python error" }, python),
    T.crashed.replace("{detail}", "Fatal Python error"));
  workers[1].say({ type: "ready", info: INFO });
  assert.equal(python.state, "ready");
  assert.equal(python.crashed, false);
});

test("a call nobody answers ends in a restart after the safety net", async () => {
  const { python, workers } = client({ limits: { call: 20 } });
  python.start();
  workers[0].say({ type: "ready", info: INFO });
  await assert.rejects(python.call({ op: "info" }), (error) => error.crashed && error.detail === T.noAnswerFromPython);
  assert.equal(workers.length, 2);
});

test("a load that takes too long fails, and no module worker at all is said so", async () => {
  const slow = client({ limits: { load: 20 } });
  await assert.rejects(slow.python.start(), new RegExp(T.loadTimeout));
  assert.ok(slow.workers[0].terminated);
  const none = client({ createWorker: () => { throw new TypeError("module workers unsupported"); } });
  await assert.rejects(none.python.start(), new RegExp(T.noWorker));
  assert.equal(callErrorText(undefined, new PythonWorker({ url: "x" })), T.internal);
});
