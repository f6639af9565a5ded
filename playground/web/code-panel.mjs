// The code panel: the request in curl, Python (requests), JavaScript, Node.js (and, for AIGNE Hub,
// the OpenAI SDK), one tab each with a copy button. The Python tab is editable and Run runs it (in
// the worker, with a time limit). The key is written into the code only when the reader ticks "Put
// my key in the code", and a mark then says so; otherwise the code reads the environment variable,
// which Run sets from the key field for that run.
import { codeTabs } from "./code-tabs.mjs";
import { h, isBusy, reveal, richText, scrollBox, setBusy } from "./dom.mjs";
import { shown } from "./response-panel.mjs";
import { ariaShortcut, isShortcut, shortcutHint } from "./shortcuts.mjs";
import { fill, localized } from "./strings.mjs";
import { LANG, T } from "./state.mjs";
import { callErrorText, RUN_TIME_LIMIT_MS } from "./worker-client.mjs";

const CODE_DEBOUNCE_MS = 120;
// The tab the reader chose last, for every playground on the page while it is open.
let chosenTab = "python";

function controls(ids) {
  // The output's own element: Material adds its copy button to the <pre> too, as its first child.
  const runText = scrollBox(T.output);
  return {
    codeArea: h("textarea", { id: ids.code, rows: "12", spellcheck: "false", wrap: "off", class: "playground__textarea playground__code",
      "aria-label": T.codeEditable }),
    useMyKey: h("input", { id: ids.usekey, type: "checkbox", class: "playground__usekey" }),
    runButton: h("button", { type: "button", class: "md-button md-button--primary playground__run", text: T.run,
      "aria-keyshortcuts": ariaShortcut() }),
    resetButton: h("button", { type: "button", class: "md-button playground__reset", text: T.resetCode }),
    codeHint: h("p", { class: "playground__note playground__code-hint" }),
    keyMark: h("p", { class: "playground__key-mark", role: "note", hidden: true }, h("strong", { text: T.keyInCode }), T.space + T.codeHintOwnKey),
    runText,
    outputLabel: h("span", { class: "playground__label", text: T.output, hidden: true }),
    runOutput: h("pre", { class: "playground__output", "aria-live": "polite", hidden: true }, runText),
  };
}

function layout(c, tabs, heading) {
  return h("section", { class: "playground__group playground__code-panel", "aria-label": T.code },
    h(heading, { class: "playground__heading", text: T.code }),
    c.codeHint, c.keyMark,
    h("label", { class: "playground__check" }, c.useMyKey, " " + T.useMyKey),
    tabs.list, tabs.holder);
}

function editor(c) {
  return h("div", { class: "playground__editor" }, c.codeArea,
    h("div", { class: "playground__row" }, c.runButton, c.resetButton, shortcutHint(T.shortcutRun)),
    c.outputLabel, c.runOutput);
}

/** The panel of `form` (form.mjs). */
export function codePanel(form) {
  const { state, python } = form;
  const c = controls(form.ids);
  const tabs = codeTabs({ editor: editor(c), editorText: () => c.codeArea.value, onSelect: (id) => { chosenTab = id; } });
  let codeTimer = null;
  let codeSeq = 0;

  const panel = {
    ...c,
    tabs,
    section: layout(c, tabs, form.heading),

    // The note above the code says where the code gets the key: the environment, or the code itself (marked).
    showHint(readsEnvironment) {
      const api = state.info && state.info.apis[form.key.apiSelect.value];
      if (!api) return;
      c.codeHint.hidden = !readsEnvironment;
      c.codeHint.classList.remove("playground__error");
      c.codeHint.replaceChildren(...(readsEnvironment ? richText(fill(T.codeHint, { env: "`" + api.env_var + "`" })) : []));
    },

    // The request cannot be written (a path or base URL Send refuses): say why; the last code stays.
    showError(result) {
      c.codeHint.hidden = false;
      c.codeHint.classList.add("playground__error");
      c.codeHint.replaceChildren(...richText(localized(result.error && result.error.message, LANG) || T.internal));
    },

    show(result) {
      const python = result.tabs.find((tab) => tab.id === "python");
      tabs.show(result.tabs, chosenTab);
      if (!state.editedCode && python) c.codeArea.value = python.code;
      // The mark is about every tab; the note about where the key comes from, about the Python in
      // the editor, which may be the reader's own (kept across an API switch).
      c.keyMark.hidden = !result.key_included;
      if (!state.editedCode) panel.showHint(!result.key_included);
    },

    // `force` (Reset, "use my key", start-up) puts the generated Python back. Whatever the reader
    // types in the editor while the new code is being generated wins: the answer never overwrites it.
    refresh(force) {
      if (force) state.editedCode = false;
      clearTimeout(codeTimer);
      codeTimer = setTimeout(async () => {
        const seq = ++codeSeq;
        let result;
        try {
          result = await python.call({ op: "code", spec: form.request.spec(), target: form.request.target(),
                                       use_my_key: c.useMyKey.checked, lang: LANG });
        } catch (error) {
          return; // as in the key panel's diagnose()
        }
        if (seq !== codeSeq) return; // a later refresh is on its way
        if (result.tabs) panel.show(result);
        else panel.showError(result);
      }, CODE_DEBOUNCE_MS);
    },

    async run() {
      if (isBusy(c.runButton)) return;
      setBusy(c.runButton, true);
      c.runOutput.hidden = c.outputLabel.hidden = false;
      c.runText.textContent = T.running;
      reveal(c.outputLabel);
      // Every API's variable holds the key kept for that API: the code in the box may be the other
      // API's (edited before switching, or not regenerated yet), and must not stop at a KeyError.
      const env = {};
      for (const [name, api] of Object.entries(state.info ? state.info.apis : {})) env[api.env_var] = form.key.keptKey(name);
      // The first Run loads requests first (worker.mjs): the output says so while it does.
      const onProgress = (stage) => { c.runText.textContent = stage === "packages" ? T.loadingRequests : T.running; };
      try {
        const result = await python.call({ op: "run_code", source: c.codeArea.value, env, target: form.request.target(), lang: LANG },
                                         RUN_TIME_LIMIT_MS, { onProgress });
        c.runText.textContent = result.error ? fill(T.runPackagesFailed, { detail: result.error.detail })
          : shown((result.stdout || "") + (result.stderr || "")) || T.noOutput;
        c.runOutput.dataset.ok = String(Boolean(result.ok));
      } catch (error) {
        c.runText.textContent = callErrorText(error, python);
        c.runOutput.dataset.ok = "false";
      } finally {
        setBusy(c.runButton, false);
      }
    },
  };
  c.useMyKey.addEventListener("change", () => panel.refresh(true));
  c.codeArea.addEventListener("input", () => { state.editedCode = true; });
  c.codeArea.addEventListener("keydown", (event) => {
    if (isShortcut(event)) { event.preventDefault(); panel.run(); } // the form's handler then does not send
  });
  c.resetButton.addEventListener("click", () => panel.refresh(true));
  c.runButton.addEventListener("click", () => panel.run());
  return panel;
}
