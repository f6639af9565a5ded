// Putting a request (from a Try it link, a shared link or the history) into the playground's form:
// checked first against Python's info(), since links and stored history are input like any other.
// No DOM at import (tests/js/load-request.test.mjs).

const MAX_PATH_CHARS = 2000;
// Control characters (line breaks, tabs, NUL…): a path with one is not the path that would be sent.
const hasControl = (text) => Array.from(text).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * The problem with `request` (`{api, method, path, body}`, from outside the form), as a reason
 * code ("api", "method", "path", "body"), or "" when the form can hold and send it.
 */
export function requestProblem(request, info) {
  if (!request || typeof request !== "object") return "format";
  const { api, method, path, body } = request;
  if (typeof api !== "string" || !info || !Object.hasOwn(info.apis, api)) return "api";
  if (typeof method !== "string" || !info.methods.includes(method)) return "method";
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//") || path.length > MAX_PATH_CHARS || hasControl(path)) return "path";
  if (typeof body !== "string") return "body";
  return "";
}

/** Resolves once `form` has Python's info() and shows its request (form.mjs marks it ready). */
export function whenFormReady(form) {
  if (form.root.dataset.ready === "true") return Promise.resolve();
  return new Promise((resolve) => form.root.addEventListener("playground:ready", () => resolve(), { once: true }));
}

/** Show `request` (checked with requestProblem) in `form`: its API, then its method, path and body. */
export function loadRequest(form, { api, method, path, body }) {
  if (form.key.apiSelect.value !== api) {
    form.key.apiSelect.value = api;
    form.switchApi();
  }
  form.request.show({ method, path, body }, form.state.info.apis[api]);
  form.code.refresh();
}

/**
 * Put `key` in the key field as if typed (the diagnosis, the code and "Remember for this tab"
 * follow). Returns the key that was there when it was another one the reader typed (not a demo
 * key), so that it can be put back; otherwise "".
 */
export function loadKey(form, key) {
  const input = form.key.keyInput;
  const before = input.value;
  if (before === key) return "";
  input.value = key;
  input.dispatchEvent(new Event("input"));
  const demoKeys = Object.keys(form.state.info.apis[form.key.apiSelect.value].demo_keys || {});
  return before && !demoKeys.includes(before) ? before : "";
}

/** Scroll the request's Send button into view (smoothly unless the reader asks for less motion) and focus it. */
export function bringIntoView(form) {
  const target = form.request.sendButton;
  const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  target.focus({ preventScroll: true });
}
