// The key panel: which API, the key (shown or hidden, a demo key, remembered for the tab or
// forgotten), the header Send sends (the key field's text as typed, never corrected) and Python's
// diagnosis of it, whose Apply fix writes the cleaned key into the field. The key stays in memory
// (sessionStorage only when the reader opts in) and is never logged or put in a URL.
import { field, h, richText } from "./dom.mjs";
import { fillPageExamples, restorePageExamples, SAFE_KEY } from "./page-examples.mjs";
import { apiName, fill, headerPreviewText, localized } from "./strings.mjs";
import { LANG, storageKey, T } from "./state.mjs";

const MAX_HEADER_SHOWN = 200; // characters of the header preview; the rest is counted

function controls(ids) {
  return {
    apiSelect: h("select", { id: ids.api, class: "playground__api" }),
    keyInput: h("input", { id: ids.key, type: "password", autocomplete: "off", spellcheck: "false",
      autocapitalize: "off", class: "playground__key", "aria-describedby": ids.header }),
    toggle: h("button", { type: "button", class: "md-button playground__small playground__toggle", "aria-pressed": "false", "aria-controls": ids.key, text: T.show }),
    demoButton: h("button", { type: "button", class: "md-button playground__small playground__demo", text: T.demoKey }),
    remember: h("input", { id: ids.remember, type: "checkbox", class: "playground__remember" }),
    forget: h("button", { type: "button", class: "md-button playground__small playground__forget", text: T.forget }),
    pageKey: h("input", { type: "checkbox", class: "playground__pagekey" }),
    keyNote: h("p", { class: "playground__note", "aria-live": "polite" }),
    headerPreview: h("output", { id: ids.header, class: "playground__header", for: ids.key }),
    findings: h("ul", { class: "playground__findings", "aria-live": "polite" }),
  };
}

function layout(c, ids) {
  return h("fieldset", { class: "playground__group" }, h("legend", { text: T.key }),
    field(T.api, ids.api, c.apiSelect),
    h("div", { class: "playground__field" }, h("label", { for: ids.key, text: T.key }),
      h("div", { class: "playground__row" }, c.keyInput, c.toggle, c.demoButton)),
    h("div", { class: "playground__row" }, h("label", { class: "playground__check" }, c.remember, " " + T.remember), c.forget),
    h("label", { class: "playground__check" }, c.pageKey, " " + T.pageKey),
    c.keyNote,
    h("div", { class: "playground__field" }, h("span", { class: "playground__label", text: T.headerLabel }), c.headerPreview),
    h("div", { class: "playground__field" }, h("span", { class: "playground__label", text: T.diagnosis }), c.findings));
}

// One finding: its severity word, what is wrong, what to do, what the real API answers to the header
// as typed, and Apply fix where writing the cleaned key fixes it.
function findingItem(finding, info, applyFix) {
  const example = finding.example_id && info && info.examples[finding.example_id];
  const problem = finding.severity === "error" || finding.severity === "warning";
  const consequence = example && problem ? fill(T.realApi, { status: example.status, title: localized(example.title, LANG) }) : null;
  const fix = localized(finding.fix, LANG);
  return h("li", { class: `playground__finding playground__finding--${finding.severity}`, "data-code": finding.code },
    h("strong", { text: (T.severity[finding.severity] || finding.severity) + T.colon }), ...richText(localized(finding.message, LANG)),
    fix ? h("span", { class: "playground__fix" }, T.space + T.fix + T.space, ...richText(fix)) : null,
    consequence ? h("span", { class: "playground__note-inline", text: T.space + consequence }) : null,
    finding.apply ? h("button", { type: "button", class: "md-button playground__small playground__apply", text: T.applyFix, onclick: applyFix }) : null);
}

/** The panel of `form` (form.mjs); its handlers reach the other panels through `form`. */
export function keyPanel(form) {
  const { state, python } = form;
  const c = controls(form.ids);
  const api = () => c.apiSelect.value;

  const panel = {
    ...c,
    fieldset: layout(c, form.ids),

    // The APIs from Python's info() (or the copy the build put in the page), named in the page's language.
    fillApis(apis) {
      if (c.apiSelect.options.length) return;
      c.apiSelect.append(...Object.values(apis).map((each) => h("option", { value: each.id, text: apiName(each, LANG) })));
      c.apiSelect.value = form.root.dataset.api in apis ? form.root.dataset.api : Object.keys(apis)[0];
      state.shownApi = api();
    },

    restoreKey() {
      let saved;
      try { saved = sessionStorage.getItem(storageKey(api())); } catch (error) { saved = null; }
      c.remember.checked = saved !== null;
      if (saved !== null) c.keyInput.value = saved;
    },

    // The key typed for an API, whether it is shown now or kept while the other API is.
    keptKey(name) {
      if (name === api()) return c.keyInput.value;
      if (state.drafts[name]) return state.drafts[name].key;
      try { return sessionStorage.getItem(storageKey(name)) || ""; } catch (error) { return ""; }
    },

    storeKey() {
      try {
        if (c.remember.checked && c.keyInput.value) sessionStorage.setItem(storageKey(api()), c.keyInput.value);
        else sessionStorage.removeItem(storageKey(api()));
      } catch (error) { /* storage disabled: the key simply stays in memory */ }
    },

    // The page's examples get the key as typed, as Send sends it (and as the generated code has it).
    refreshPageExamples() {
      const envVar = state.info && state.info.apis[api()] ? state.info.apis[api()].env_var : "";
      const key = c.keyInput.value;
      if (!c.pageKey.checked) { restorePageExamples(); return; }
      fillPageExamples(envVar, key);
      if (key && !SAFE_KEY.test(key)) c.keyNote.textContent = fill(T.pageKeyUnsafe, { env: envVar });
    },

    keyChanged() {
      panel.storeKey();
      panel.diagnose();
      form.code.refresh();
    },

    // Apply fix: the cleaned key of the diagnosis shown, unless the field has changed since.
    applyFix(key, typed) {
      if (c.keyInput.value !== typed) return;
      c.keyInput.value = key;
      // The button goes with the finding it fixed: focus moves to the field it changed, and the
      // note (a live region) says what happened.
      c.keyInput.focus();
      c.keyNote.textContent = T.fixApplied;
      panel.keyChanged();
    },

    async diagnose() {
      const seq = ++state.diagnoseSeq;
      const typed = c.keyInput.value;
      let result;
      try {
        result = await python.call({ op: "diagnose", api: api(), key: typed });
      } catch (error) {
        return; // Python is restarting or failed: the status line says so; this runs again once it is back
      }
      if (seq !== state.diagnoseSeq) return;
      panel.refreshPageExamples();
      c.headerPreview.textContent = headerPreviewText(result, { visible: c.keyInput.type === "text", max: MAX_HEADER_SHOWN, lang: LANG });
      const applyFix = () => panel.applyFix(result.key, typed);
      c.findings.replaceChildren(...result.findings.map((finding) => findingItem(finding, state.info, applyFix)));
    },
  };
  listen(panel, form);
  return panel;
}

function listen(panel, form) {
  const { python, state } = form;
  panel.toggle.addEventListener("click", () => {
    const show = panel.keyInput.type === "password";
    panel.keyInput.type = show ? "text" : "password";
    panel.toggle.setAttribute("aria-pressed", String(show));
    panel.toggle.textContent = show ? T.hide : T.show;
    panel.diagnose();
  });
  panel.demoButton.addEventListener("click", async () => {
    const api = (await python.info()).apis[panel.apiSelect.value];
    panel.keyInput.value = api.demo_key;
    panel.keyNote.replaceChildren(...richText(fill(T.demoKeyDone, { key: "`" + api.demo_key + "`" })));
    panel.keyChanged();
  });
  panel.remember.addEventListener("change", () => panel.storeKey());
  panel.forget.addEventListener("click", () => {
    try {
      for (const id of Object.keys(state.info ? state.info.apis : {})) sessionStorage.removeItem(storageKey(id));
    } catch (error) { /* storage disabled: nothing was stored */ }
    panel.keyInput.value = "";
    panel.remember.checked = false;
    panel.keyNote.textContent = T.forgotten;
    panel.diagnose();
    form.code.refresh();
  });
  panel.keyInput.addEventListener("input", () => {
    panel.storeKey();
    panel.diagnose();
    if (form.code.useMyKey.checked) form.code.refresh();
  });
  panel.pageKey.addEventListener("change", () => panel.refreshPageExamples());
  panel.apiSelect.addEventListener("change", () => form.switchApi());
}
