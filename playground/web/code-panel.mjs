// The code panel: the same request as Python code with this site's package, which the reader may
// edit and Run (in the worker, with a time limit). The key is written into the code only when the
// reader ticks "Put my key in the code"; otherwise Run sets the environment variable for that run.
import { h, isBusy, reveal, richText, scrollBox, setBusy } from "./dom.mjs";
import { shown } from "./response-panel.mjs";
import { ariaShortcut, isShortcut, shortcutHint } from "./shortcuts.mjs";
import { fill } from "./strings.mjs";
import { LANG, T } from "./state.mjs";
import { callErrorText, RUN_TIME_LIMIT_MS } from "./worker-client.mjs";

const CODE_DEBOUNCE_MS = 120;

function controls(ids) {
  // The output's own element: Material adds its copy button to the <pre> too, as its first child.
  const runText = scrollBox(T.output);
  return {
    codeArea: h("textarea", { id: ids.code, rows: "12", spellcheck: "false", wrap: "off", class: "playground__textarea playground__code" }),
    useMyKey: h("input", { id: ids.usekey, type: "checkbox", class: "playground__usekey" }),
    runButton: h("button", { type: "button", class: "md-button md-button--primary playground__run", text: T.run,
      "aria-keyshortcuts": ariaShortcut() }),
    resetButton: h("button", { type: "button", class: "md-button playground__reset", text: T.resetCode }),
    codeHint: h("p", { class: "playground__note playground__code-hint" }),
    runText,
    outputLabel: h("span", { class: "playground__label", text: T.output, hidden: true }),
    runOutput: h("pre", { class: "playground__output", "aria-live": "polite", hidden: true }, runText),
  };
}

function layout(c, ids, heading) {
  return h("section", { class: "playground__group", "aria-label": T.code },
    h(heading, { class: "playground__heading" }, h("label", { for: ids.code, text: T.code })),
    c.codeHint, c.codeArea,
    h("div", { class: "playground__row" }, c.runButton, c.resetButton,
      h("label", { class: "playground__check" }, c.useMyKey, " " + T.useMyKey), shortcutHint(T.shortcutRun)),
    c.outputLabel, c.runOutput);
}

/** The panel of `form` (form.mjs). */
export function codePanel(form) {
  const { state, python } = form;
  const c = controls(form.ids);
  let codeTimer = null;

  const panel = {
    ...c,
    section: layout(c, form.ids, form.heading),

    // The note above the code says where the code gets the key: the environment, or the code itself.
    showHint(readsEnvironment) {
      const api = state.info && state.info.apis[form.key.apiSelect.value];
      if (!api) return;
      c.codeHint.replaceChildren(...richText(readsEnvironment ? fill(T.codeHint, { env: "`" + api.env_var + "`" }) : T.codeHintOwnKey));
    },

    // `force` (Reset, "use my key", start-up) puts the generated code back. Whatever the reader types
    // while the new code is being generated wins: the answer never overwrites it.
    refresh(force) {
      if (force) state.editedCode = false;
      if (state.editedCode) return;
      clearTimeout(codeTimer);
      codeTimer = setTimeout(async () => {
        let result;
        try {
          result = await python.call({ op: "python_code", spec: form.request.spec(), target: form.request.target(),
                                       use_my_key: c.useMyKey.checked, lang: LANG });
        } catch (error) {
          return; // as in the key panel's diagnose()
        }
        if (!state.editedCode) {
          c.codeArea.value = result.code;
          panel.showHint(result.code.includes("os.environ"));
        }
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
