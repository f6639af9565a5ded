// The live playground: the UI on the page's main thread, Python (Pyodide + our package) in a
// module Web Worker (worker.mjs). Only pages with a `.playground` or `.playground-reproduce`
// element load it (docs/overrides/main.html), as a module, async from the head, with every module
// it imports preloaded: it adopts the worker the head's inline script started, so Python loads
// while the page is still being parsed, and mounts the UI when the DOM is ready.
//
// Rules the modules keep: every string exists in English, Japanese and Chinese (strings.mjs);
// response data reaches the page through textContent only (never innerHTML); the API key stays in
// memory (sessionStorage only when the reader opts in) and is never logged, put in a URL, or
// written into the code unless the reader ticks "Put my key in the code".
import { mountPlayground } from "./form.mjs";
import { mountReproduce } from "./reproduce.mjs";
import { setLanguage, setSiteRoot } from "./state.mjs";
import { languageOf } from "./strings.mjs";
import { PythonWorker, workerURL } from "./worker-client.mjs";

setLanguage(languageOf(document.documentElement.lang));
// This language's build root, for links to its pages: this script is in its assets/playground/.
setSiteRoot(new URL("../../", import.meta.url).href);

// Where this build's Pyodide is, relative to the build's root (the Japanese and Chinese builds
// are one level down).
const script = document.querySelector("script[type=module][data-pyodide]");
const python = new PythonWorker({
  url: workerURL(import.meta.url, (script && script.dataset.pyodide) || "pyodide/"),
  takeEarly: () => {
    const early = window.playgroundEarlyStart;
    window.playgroundEarlyStart = null;
    return early || null;
  },
});

// The build's copy of Python's info() (docs/hooks.py): data, never run.
function pageInfo() {
  const data = document.getElementById("playground-info");
  try {
    return data ? JSON.parse(data.textContent) : null;
  } catch (error) {
    return null; // the form then gets its choices when Python is ready
  }
}

function boot() {
  const playgrounds = document.querySelectorAll(".playground[data-api]:not([data-mounted])");
  const reproduces = document.querySelectorAll(".playground-reproduce[data-example]:not([data-mounted])");
  python.listeners.add((state) => {
    for (const node of document.querySelectorAll("[data-mounted]")) {
      node.dataset.python = state;
      // How Python started (worker.mjs), for whoever investigates a slow start.
      if (state === "ready") node.dataset.pythonStart = python.startedFrom;
    }
  });
  const info = playgrounds.length ? pageInfo() : null;
  for (const root of playgrounds) { root.dataset.mounted = ""; mountPlayground(root, python, info); }
  for (const root of reproduces) { root.dataset.mounted = ""; mountReproduce(root, python); }
  python.notify();
}

// The page was marked as having a playground when it was built: start Python now, before the
// DOM is complete (Instant navigation is off, so there is one page load per script run).
python.start();
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
