// The page's small shared state: its language and strings, unique element ids, and what the
// playground form remembers (drafts per API, what was typed before Python was ready). No DOM
// (tests/js/state.test.mjs).
import { STRINGS } from "./strings.mjs";

/** The page's language ("en", "ja" or "zh-TW") and its strings; set once by the entry module. */
export let LANG = "en";
export let T = STRINGS.en;

export function setLanguage(lang) {
  LANG = lang in STRINGS ? lang : "en";
  T = STRINGS[LANG];
}

/**
 * The root of this language's build (the English build is the site's root, the Japanese one
 * `ja/`, the Chinese one `zh-TW/`), as a URL ending in "/": links to the site's pages start from
 * it. Set once by the entry module, from where its own script is (assets/playground/ is two
 * levels below the root).
 */
export let SITE_ROOT = "/";

export function setSiteRoot(url) {
  SITE_ROOT = String(url).endsWith("/") ? String(url) : `${url}/`;
}

/** The URL of `page` (relative to the build's root, e.g. "maiagent/status-codes/") at `anchor`. */
export const siteLink = (page, anchor) => SITE_ROOT + String(page).replace(/^\/+/, "") + (anchor ? `#${encodeURIComponent(anchor)}` : "");

let uid = 0;
/** An id no other element of the page has, naming what it is for. */
export const nextId = (name) => `playground-${++uid}-${name}`;

const STORAGE_PREFIX = "playground:key:";
/** The sessionStorage name of the key remembered for an API (only when the reader opts in). */
export const storageKey = (api) => STORAGE_PREFIX + api;

/**
 * What one playground form remembers. `drafts` holds, per API, what the reader typed (key, target
 * and live URL, method, endpoint, body) and the response they got, while they look at the other
 * API; `info` is Python's info() once it is ready.
 */
export function createFormState(api) {
  return { info: null, shownApi: api, drafts: {}, editedCode: false, sendSeq: 0, diagnoseSeq: 0 };
}

/**
 * The request to show once Python is ready: the fields typed before it keep what was typed, the
 * defaults fill the others. Null when nothing was typed (the defaults are shown as they are).
 */
export function typedRequest(current, defaults, typed) {
  if (!typed.method && !typed.path && !typed.body) return null;
  return {
    ...current,
    method: typed.method ? current.method : defaults.method,
    path: typed.path ? current.path : defaults.path,
    body: typed.body ? current.body : defaults.body,
  };
}
