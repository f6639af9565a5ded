// What ties the playground to the rest of the page and to the visit: the Try it links under the
// page's code examples, "Copy link to this request" and its restore, the history of requests sent,
// and the page's code examples following the live base URL the reader chose.
import { h } from "./dom.mjs";
import { mountHistory } from "./history.mjs";
import { originOf, setPageBase } from "./page-examples.mjs";
import { mountShareLink } from "./share-link.mjs";
import { T } from "./state.mjs";
import { mountTryIt } from "./try-it.mjs";

// The page's examples of the shown API show its live base URL while one is chosen (and its sandbox
// URL again once the reader returns to the sandbox). Each API keeps its own, as its draft does.
function followLiveBase(form) {
  const { request } = form;
  const note = h("p", { class: "playground__note playground__base-note", "aria-live": "polite" });
  request.urlInput.after(note);
  const update = () => {
    const api = form.state.info && form.state.info.apis[form.key.apiSelect.value];
    if (!api) return;
    const typed = request.liveRadio.checked ? request.urlInput.value.trim() : "";
    const shown = setPageBase(originOf(api.live_base_url), typed);
    note.textContent = typed && !shown ? T.baseUnsafe : "";
  };
  for (const control of [request.sandboxRadio, request.liveRadio]) control.addEventListener("change", update);
  request.urlInput.addEventListener("input", update);
  form.key.apiSelect.addEventListener("change", update); // after the form has shown that API's draft
  return update;
}

/** Mount Try it, the share link and the history on `form` (form.mjs), below its Send button. */
export function mountRequestLinks(form) {
  const share = mountShareLink(form);
  const history = mountHistory(form, (text) => share.status.say(text));
  form.onSent = (spec, result) => history.add(spec, result);
  mountTryIt(form, share.status);
  const followBase = followLiveBase(form);
  form.root.addEventListener("playground:ready", () => { history.render(); followBase(); }, { once: true });
  form.request.fieldset.append(h("div", { class: "playground__row playground__links" }, share.button), share.status.line, history.details);
}
