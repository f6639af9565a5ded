// The playground's Web Worker: loads the self-hosted Pyodide and our package, then answers the
// page's messages with playground.browser.dispatch (JSON in, JSON out). Python never runs on the
// page's main thread, so loading and running code cannot freeze the page.
//
// Messages in:  {type: "init", indexURL}  then  {id, message: {op, ...}}
// Messages out: {type: "status", stage} | {type: "ready"} | {type: "failed", detail} | {id, result}

let dispatch = null;

async function load(indexURL) {
  postMessage({ type: "status", stage: "python" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL });
  postMessage({ type: "status", stage: "package" });
  // loadPackage reports a missing package on the console instead of throwing: importing checks it.
  await pyodide.loadPackage("api-auth-playground", { messageCallback: () => {}, errorCallback: () => {} });
  dispatch = pyodide.pyimport("playground.browser").dispatch;
}

self.onmessage = async (event) => {
  const data = event.data;
  if (data.type === "init") {
    try {
      await load(data.indexURL);
      postMessage({ type: "ready" });
    } catch (error) {
      postMessage({ type: "failed", detail: String(error && error.message ? error.message : error).slice(0, 500) });
    }
    return;
  }
  let result;
  try {
    result = JSON.parse(await dispatch(JSON.stringify(data.message)));
  } catch (error) {
    result = { ok: false, error: { code: "internal", detail: String(error).slice(0, 500) } };
  }
  postMessage({ id: data.id, result });
};
