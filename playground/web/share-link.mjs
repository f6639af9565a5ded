// "Copy link to this request", and the form restored from such a link. The link's fragment holds the
// API, method, path (with its query) and body as readable parameters:
//   #request?api=maiagent&method=GET&path=/api/v1/chatbots/%3Fpage%3D1
// Never the key. Nor the live base URL: a link must not be able to send the key of whoever opens
// it to a server the link's author chose; a request from a link always opens on the sandbox. A Try it
// link (docs/hooks.py writes them the same way) may also name a documented example, whose key
// (a demo key, or none) comes from the catalogue, never from the link.
import { copyText } from "./copy-button.mjs";
import { h } from "./dom.mjs";
import { bringIntoView, loadKey, loadRequest, requestProblem, whenFormReady } from "./load-request.mjs";
import { fill, localized } from "./strings.mjs";
import { LANG, T } from "./state.mjs";

export const FRAGMENT_PREFIX = "request?";
/** Longer fragments are not read (nor made): a link that long is not one to share. */
export const MAX_FRAGMENT_CHARS = 8000;
const FIELDS = ["api", "method", "path", "body"];

// "/" stays readable; everything else a URL component cannot hold as it is is %-encoded.
const encode = (value) => encodeURIComponent(value).replace(/%2F/g, "/");

/** The fragment (without "#") for `request` ({api, method, path, body}), and a documented example's id if any. */
export function requestFragment(request, example) {
  const params = FIELDS.filter((name) => name !== "body" || request.body).map((name) => `${name}=${encode(request[name])}`);
  if (example) params.push(`example=${encode(example)}`);
  return FRAGMENT_PREFIX + params.join("&");
}

/**
 * What a URL fragment (with or without "#") asks for: null when it is not a request link;
 * `{error: reason}` when it is one the form cannot restore ("long", "format", "api", "method",
 * "path", "body"); else `{request: {api, method, path, body}, example}`, `example` being a
 * documented example of that API, or "".
 */
export function readFragment(fragment, info) {
  const text = String(fragment || "").replace(/^#/, "");
  if (!text.startsWith(FRAGMENT_PREFIX)) return null;
  if (text.length > MAX_FRAGMENT_CHARS) return { error: "long" };
  const params = new URLSearchParams(text.slice(FRAGMENT_PREFIX.length));
  const request = { api: params.get("api"), method: params.get("method"), path: params.get("path"), body: params.get("body") ?? "" };
  const problem = requestProblem(request, info);
  if (problem) return { error: problem };
  const example = params.get("example") || "";
  const known = example && Object.hasOwn(info.examples, example) && info.examples[example].api === request.api;
  return { request, example: known ? example : "" };
}

/** The page's address with `request` in its fragment, or "" when that would be too long. */
export function requestLink(href, request) {
  const fragment = requestFragment(request);
  return fragment.length > MAX_FRAGMENT_CHARS ? "" : href.replace(/#.*$/, "") + "#" + fragment;
}

/** A line that tells the reader what the links did, with an optional button (put my key back). */
export function linkStatus() {
  const line = h("p", { class: "playground__note playground__link-status", role: "status" });
  return {
    line,
    say(text, { error = false, action = null } = {}) {
      line.classList.toggle("playground__error", error);
      line.replaceChildren(text, ...(action ? [T.space, action] : []));
    },
  };
}

/**
 * Load what a request link asks for into `form`, saying so on `status`, and bring the form into view.
 * A documented example also loads its key, and the reader's own key can be put back.
 */
export function openRequest(form, status, found) {
  if (found.error) {
    status.say(fill(T.linkDamaged, { reason: T.linkProblem[found.error] || T.linkProblem.format }), { error: true });
    bringIntoView(form);
    return;
  }
  loadRequest(form, found.request);
  if (form.request.liveRadio.checked) { // a link never chooses where a request (and its key) goes
    form.request.sandboxRadio.checked = true;
    form.request.sandboxRadio.dispatchEvent(new Event("change"));
  }
  if (!found.example) {
    status.say(T.linkRestored);
  } else {
    const example = form.state.info.examples[found.example];
    const replaced = loadKey(form, example.request.key);
    const text = fill(T.tryItLoaded, { title: localized(example.title, LANG) });
    const putBack = replaced && h("button", { type: "button", class: "md-button playground__small playground__key-back", text: T.keyBack,
      onclick: () => { loadKey(form, replaced); status.say(T.keyBackDone); } });
    status.say(putBack ? text + T.space + T.keyReplaced : text, { action: putBack || null });
  }
  bringIntoView(form);
}

function copyLinkButton(form, status) {
  let manual = null; // where the link is shown when the browser does not let the page copy it
  return h("button", { type: "button", class: "md-button playground__small playground__copy-link", text: T.copyLink, onclick: async () => {
    if (manual) manual.remove();
    manual = null;
    const spec = form.request.spec();
    const link = requestLink(location.href, { api: spec.api, method: spec.method, path: spec.path, body: spec.body });
    if (!link) { status.say(fill(T.linkTooLong, { max: MAX_FRAGMENT_CHARS }), { error: true }); return; }
    if (await copyText(link)) status.say(T.linkCopied);
    else {
      manual = h("input", { type: "text", readonly: true, class: "playground__link-field", "aria-label": T.linkLabel, value: link });
      status.line.after(manual);
      status.say(T.linkCopyManual);
      manual.select();
    }
  } });
}

/** The "Copy link" button and its status line; a request link in the page's address is restored once the form is ready. */
export function mountShareLink(form) {
  const status = linkStatus();
  const restore = () => {
    const fragment = location.hash;
    if (!fragment.startsWith("#" + FRAGMENT_PREFIX)) return;
    whenFormReady(form).then(() => {
      const found = readFragment(fragment, form.state.info);
      if (found) openRequest(form, status, found);
    });
  };
  addEventListener("hashchange", restore);
  restore();
  return { button: copyLinkButton(form, status), status };
}
