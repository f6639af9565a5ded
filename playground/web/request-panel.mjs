// The request panel: the operation (request-builder.mjs) or a free-form method and path, the body,
// where to send it (the in-browser sandbox or a live base URL), and Send / Cancel. The answer goes
// to the Response panel of the API it was sent to.
import { field, h, isBusy, reveal, setBusy } from "./dom.mjs";
import { requestBuilder } from "./request-builder.mjs";
import { responseView } from "./response-panel.mjs";
import { ariaShortcut, shortcutHint } from "./shortcuts.mjs";
import { nextId, T } from "./state.mjs";
import { callErrorText } from "./worker-client.mjs";

function controls(ids) {
  const targetName = nextId("target");
  return {
    methodSelect: h("select", { id: ids.method, class: "playground__method" }),
    pathInput: h("input", { id: ids.path, type: "text", autocomplete: "off", spellcheck: "false", class: "playground__path" }),
    bodyInput: h("textarea", { id: ids.body, rows: "6", spellcheck: "false", class: "playground__textarea playground__body-input" }),
    sandboxRadio: h("input", { type: "radio", name: targetName, value: "sandbox", checked: true, class: "playground__target-sandbox" }),
    liveRadio: h("input", { type: "radio", name: targetName, value: "live", class: "playground__target-live" }),
    urlInput: h("input", { id: ids.url, type: "url", autocomplete: "off", spellcheck: "false", disabled: true,
      class: "playground__path playground__url" }),
    sendButton: h("button", { type: "submit", class: "md-button md-button--primary playground__send", text: T.send,
      "aria-keyshortcuts": ariaShortcut() }),
    cancelButton: h("button", { type: "button", class: "md-button playground__cancel", text: T.cancel, hidden: true }),
  };
}

function layout(c, ids) {
  return h("fieldset", { class: "playground__group playground__request-group" }, h("legend", { text: T.request }),
    field(T.operation, c.builder.select.id, c.builder.select),
    h("div", { class: "playground__row playground__request-line" },
      h("div", { class: "playground__field playground__method-field" }, h("label", { for: ids.method, text: T.method }), c.methodSelect),
      field(T.path, ids.path, c.pathInput)),
    c.builder.paramsGroup,
    field(T.body, ids.body, c.bodyInput),
    h("fieldset", { class: "playground__target" }, h("legend", { text: T.target }),
      h("label", { class: "playground__check" }, c.sandboxRadio, " " + T.sandbox),
      h("label", { class: "playground__check" }, c.liveRadio, " " + T.live),
      field(T.liveUrl, ids.url, c.urlInput),
      h("p", { class: "playground__note", text: T.liveHint })),
    h("div", { class: "playground__row" }, c.sendButton, c.cancelButton, shortcutHint(T.shortcutSend)));
}

/** The panel of `form` (form.mjs). */
export function requestPanel(form) {
  const c = controls(form.ids);
  c.builder = requestBuilder(c, () => form.code.refresh());
  const panel = {
    ...c,
    fieldset: layout(c, form.ids),
    fields: [c.methodSelect, c.pathInput, c.bodyInput],

    // The methods from Python's info() (or the copy the build put in the page).
    fillMethods(methods) {
      if (!c.methodSelect.options.length) c.methodSelect.append(...methods.map((m) => h("option", { value: m, text: m })));
    },

    target: () => (c.liveRadio.checked ? c.urlInput.value.trim() : "sandbox"),

    spec: () => ({ api: form.key.apiSelect.value, key: form.key.keyInput.value, method: c.methodSelect.value,
                   path: c.pathInput.value.trim(), body: c.bodyInput.value }),

    // Which fields the reader typed in (before Python was ready, the defaults fill only the others).
    typed: () => ({ method: Boolean(c.methodSelect.dataset.typed), path: Boolean(c.pathInput.dataset.typed),
                    body: Boolean(c.bodyInput.dataset.typed) }),

    // A request ({method, path, body}) of `api` (info()'s): the operation its path is, with its
    // parameters filled in, else free-form. A draft's `builder` brings back the reader's choice.
    show(fields, api) {
      c.builder.use(api);
      c.methodSelect.value = fields.method;
      c.pathInput.value = fields.path;
      c.bodyInput.value = fields.body;
      c.urlInput.placeholder = api.live_base_url;
      c.builder.showing(fields.builder);
    },

    // What show() needs to bring the builder back as the reader left it (kept in a draft).
    builderState: () => c.builder.state(),
  };
  Object.assign(panel, sending(panel, form));
  listen(panel, form);
  return panel;
}

// Send and Cancel. The reader may switch API while waiting: the answer goes with the API it was sent to.
function sending(panel, form) {
  const { state, python } = form;
  let sendingId = "";
  let showSent = null; // where the pending request's answer goes (its API's box, or its draft)

  function finish(seq) {
    if (seq !== state.sendSeq) return;
    setBusy(panel.sendButton, false);
    if (document.activeElement === panel.cancelButton) panel.sendButton.focus(); // it is about to be hidden
    panel.cancelButton.hidden = true;
  }

  // A parameter whose value cannot be put in the path: nothing is sent, and the field says why.
  function refused(problem) {
    form.response.box.replaceChildren(h("p", { class: "playground__error", role: "alert" },
      h("strong", { text: T.notSent + T.colon }), problem.message));
    problem.input.focus();
  }

  async function send() {
    if (isBusy(panel.sendButton)) return;
    const problem = panel.builder.problem();
    if (problem) { refused(problem); return; }
    const seq = ++state.sendSeq;
    const api = form.key.apiSelect.value;
    const box = form.response.box;
    const show = (node) => {
      if (form.key.apiSelect.value === api) box.replaceChildren(node);
      else if (state.drafts[api]) state.drafts[api].response = [node];
    };
    showSent = show;
    setBusy(panel.sendButton, true);
    panel.cancelButton.hidden = false;
    box.replaceChildren(h("p", { class: "playground__meta", text: T.sending }));
    reveal(box);
    const sandbox = panel.target() === "sandbox";
    // The id lets Cancel abort this very request; data-timeout (seconds) shortens the live target's time limit.
    sendingId = nextId("send");
    const spec = panel.spec();
    try {
      const result = await python.call({ op: "send", spec, target: panel.target(), request_id: sendingId,
        origin: location.origin, timeout: Number(form.root.dataset.timeout) || undefined });
      if (seq === state.sendSeq) show(responseView(result, { sandbox }));
      if (seq === state.sendSeq && form.onSent) form.onSent(spec, result); // the history (request-links.mjs)
    } catch (error) {
      if (seq === state.sendSeq) show(h("p", { class: "playground__error", role: "alert", text: callErrorText(error, python) }));
    } finally {
      finish(seq);
    }
  }

  function cancel() {
    // fetch runs inside the worker: it aborts the request; the page stops waiting at once.
    python.call({ op: "cancel", request_id: sendingId }).catch(() => {});
    state.sendSeq++;
    setBusy(panel.sendButton, false);
    panel.sendButton.focus(); // Cancel is about to be hidden
    panel.cancelButton.hidden = true;
    // In the box of the API the request went to: the reader may be looking at the other one.
    if (showSent) showSent(h("p", { class: "playground__meta", text: T.cancelled }));
  }

  return { send, cancel };
}

function listen(panel, form) {
  for (const control of panel.fields) control.addEventListener("input", () => { control.dataset.typed = "true"; });
  for (const control of [...panel.fields, panel.urlInput]) control.addEventListener("input", () => form.code.refresh());
  for (const radio of [panel.sandboxRadio, panel.liveRadio]) {
    radio.addEventListener("change", () => {
      panel.urlInput.disabled = !panel.liveRadio.checked;
      if (panel.liveRadio.checked) panel.urlInput.focus();
      form.code.refresh();
    });
  }
  panel.cancelButton.addEventListener("click", () => panel.cancel());
}
