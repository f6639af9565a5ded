// The full playground: the key, request, response and code panels in one form, what the reader
// typed kept per API, and the set-up once Python is ready.
import { codePanel } from "./code-panel.mjs";
import { h, headingTag } from "./dom.mjs";
import { keyPanel } from "./key-panel.mjs";
import { mountRequestLinks } from "./request-links.mjs";
import { requestPanel } from "./request-panel.mjs";
import { responsePanel } from "./response-panel.mjs";
import { isShortcut } from "./shortcuts.mjs";
import { createFormState, nextId, typedRequest } from "./state.mjs";
import { loadingStatus } from "./status-line.mjs";

const ID_NAMES = ["api", "key", "header", "method", "path", "body", "url", "code", "remember", "usekey"];

// What the reader typed for each API (key, target and live URL, method, path, body, the builder's
// choice; the builder keeps each operation's values itself) and the response they got, kept while they look at the other API: switching back brings it back, not
// the defaults. A key or a live URL never carries over to the other API: a MaiAgent key must not
// go to AIGNE Hub's server, nor an AIGNE Hub request to the URL typed for MaiAgent.
function apiDrafts(form) {
  const { key, request, response, code, state } = form;
  const current = () => ({ method: request.methodSelect.value, path: request.pathInput.value, body: request.bodyInput.value,
                           builder: request.builderState(),
                           response: Array.from(response.box.childNodes),
                           key: key.keyInput.value, live: request.liveRadio.checked, url: request.urlInput.value });

  function showRequest(draft) {
    const api = state.info && state.info.apis[key.apiSelect.value];
    if (!api) return;
    request.show(draft || api.default_request, api);
    response.box.replaceChildren(...(draft ? draft.response : []));
    if (!state.editedCode) code.showHint(true); // the reader's own code stays, and the note about it too
  }

  function switchApi() {
    if (state.info) state.drafts[state.shownApi] = current();
    state.shownApi = key.apiSelect.value;
    const draft = state.drafts[state.shownApi];
    key.keyInput.value = draft ? draft.key : "";
    key.keyNote.textContent = "";
    (draft && draft.live ? request.liveRadio : request.sandboxRadio).checked = true;
    request.urlInput.value = draft ? draft.url : "";
    request.urlInput.disabled = !request.liveRadio.checked;
    key.restoreKey(); // a key remembered for this tab (per API) is the one typed last
    showRequest(draft);
    key.diagnose();
    code.refresh();
  }

  // Fields typed in before Python was ready keep what was typed; the defaults fill the others.
  const typedBeforeReady = () => typedRequest(current(), state.info.apis[key.apiSelect.value].default_request, request.typed());

  return { showRequest, switchApi, typedBeforeReady };
}

// Python's info() once it is ready (and again after a restart): fill in the form, then keep the
// diagnosis and the code up to date.
function whenReady(form, drafts) {
  const { root, python, state, key, code } = form;
  let initializing = null;
  const initialize = () => (initializing ||= python.info().then((loaded) => {
    state.info = loaded;
    fillChoices(form, loaded);
    drafts.showRequest(drafts.typedBeforeReady());
    key.diagnose();
    code.refresh(); // code typed before Python was ready is kept, as the request's fields are
    root.dataset.ready = "true";
    root.dispatchEvent(new Event("playground:ready")); // what waits for the form (request-links.mjs)
  }, () => { initializing = null; }));
  // After a restart (a crash, "Try again"), finish setting up, or bring the diagnosis up to date.
  python.listeners.add((pythonState) => {
    if (pythonState !== "ready") return;
    if (state.info) { key.diagnose(); code.refresh(); } else initialize();
  });
  initialize();
}

// The APIs, methods and operations come from Python's info(); the build puts a copy in the page,
// so the form has them, and the default request, before Python is ready. Each is filled once.
function fillChoices(form, info) {
  const hadApis = form.key.apiSelect.options.length > 0;
  form.key.fillApis(info.apis);
  form.request.fillMethods(info.methods);
  if (!hadApis && !form.key.keyInput.value) form.key.restoreKey();
  const api = info.apis[form.key.apiSelect.value];
  if (api && !form.state.info && !form.request.pathInput.value) form.request.show(api.default_request, api);
}

/**
 * Mount the playground in `root` (`<div class="playground" data-api=…>`), talking to `python`
 * (worker-client.mjs); `pageInfo` is the build's copy of info(), or null.
 */
export function mountPlayground(root, python, pageInfo) {
  const ids = Object.fromEntries(ID_NAMES.map((name) => [name, nextId(name)]));
  const form = { root, python, ids, heading: headingTag(root), state: createFormState("") };
  form.key = keyPanel(form);
  form.request = requestPanel(form);
  form.response = responsePanel(form.heading);
  form.code = codePanel(form);
  const { showRequest, switchApi, typedBeforeReady } = apiDrafts(form);
  form.switchApi = switchApi;

  // A form, so that Enter in any field sends; it never submits anywhere (nor puts the key in a URL).
  // Ctrl/⌘+Enter sends from any field, the textareas too (the code editor's runs the code instead).
  root.replaceChildren(h("form", { class: "playground__form", autocomplete: "off", novalidate: true,
    onsubmit: (event) => { event.preventDefault(); form.request.send(); },
    onkeydown: (event) => {
      if (!isShortcut(event) || event.defaultPrevented) return;
      event.preventDefault();
      form.request.send();
    } },
  loadingStatus(python), form.key.fieldset, form.request.fieldset, form.response.section, form.code.section));

  // Side by side on a wide screen (playground.css): key and request, response, code.
  for (const [part, name] of [[form.key.fieldset, "key"], [form.request.fieldset, "request"], [form.response.section, "response"], [form.code.section, "code"]]) {
    part.classList.add(`playground__part-${name}`);
  }
  if (pageInfo) fillChoices(form, pageInfo);
  mountRequestLinks(form);
  whenReady(form, { showRequest, typedBeforeReady });
}
