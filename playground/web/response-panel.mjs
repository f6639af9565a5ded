// The Response panel: how an answer (or a request that got none) is shown, here and under Reproduce:
// the status and what it means (a link to its section of the status-codes page), the time and
// size, where it came from (honestly: the sandbox answers as the real API would), the body
// highlighted with a copy button, and the headers as a table. Response data reaches the page as
// text only.
import { copyButton } from "./copy-button.mjs";
import { h, richText, scrollBox } from "./dom.mjs";
import { jsonTokens } from "./json-tokens.mjs";
import { fill, formatCount, localized, shortened } from "./strings.mjs";
import { LANG, siteLink, T } from "./state.mjs";

const MAX_SHOWN_CHARS = 100000;
// Past this many characters the body is shown plain: thousands of spans would slow the painting.
const MAX_HIGHLIGHTED_CHARS = 50000;

/** Text as shown in a box: cut, and marked as cut, past MAX_SHOWN_CHARS characters. */
export const shown = (text) => shortened(text, MAX_SHOWN_CHARS, T.truncated);

function errorText(result) {
  const error = (result && result.error) || {};
  return localized(error.message, LANG) || T.internal;
}

function failureView(box, result) {
  box.append(h("p", { class: "playground__error", role: "alert" },
    h("strong", { text: (result.error && result.error.sent ? T.noAnswer : T.notSent) + T.colon }), ...richText(errorText(result))));
  // The request that got no answer: the reader checks it against the URL they meant.
  if (result.error && result.error.url) box.append(h("p", { class: "playground__meta", text: `${result.error.method} ${result.error.url}` }));
  return box;
}

/** The body's size in bytes: Python's `size`, else the UTF-8 length of the text. */
export const bodySize = (result) => (Number.isFinite(result.size) ? result.size : new TextEncoder().encode(result.body || "").length);

function statusLine(result) {
  const statusClass = result.status >= 400 ? "playground__status--error" : "playground__status--ok";
  const info = result.unmodelled ? null : result.status_info; // an unmodelled 404 is not the real API's
  const meaning = info && localized(info.meaning, LANG);
  return h("p", { class: "playground__status" },
    h("strong", { class: statusClass, "data-status": String(result.status), text: `${result.status} ${result.reason || ""}`.trim() }),
    info && info.page ? [" · ", h("a", { class: "playground__status-link", href: siteLink(info.page, info.anchor),
      text: meaning || fill(T.statusMeaning, { status: result.status }) })] : null);
}

// Where the answer came from. The sandbox answers in the page for the real API's URL: say so,
// rather than show that URL as if the real API had answered.
function whereText(result, sandbox) {
  const url = result.answered_as || result.url;
  if (!url) return "";
  if (sandbox && !result.unmodelled) return fill(T.answeredAs, { url });
  return `${result.method || ""} ${url}`.trim();
}

function metaLine(result, sandbox) {
  const parts = [`${result.elapsed_ms} ms`, fill(T.bytes, { count: formatCount(bodySize(result)) })];
  const where = whereText(result, sandbox);
  if (where) parts.push(where);
  return h("p", { class: "playground__meta", text: parts.join(" · ") });
}

/** The body's text as nodes: JSON highlighted (spans of text), anything else as it is. */
export function bodyNodes(text, isJson) {
  if (!isJson || text.length > MAX_HIGHLIGHTED_CHARS) return [document.createTextNode(text)];
  return jsonTokens(text).map((token) => (token.type === "space" || token.type === "punctuation" || token.type === "other"
    ? document.createTextNode(token.text)
    : h("span", { class: `playground__json-${token.type}`, text: token.text })));
}

function bodyBox(result) {
  const full = result.pretty ?? result.body ?? "";
  const text = shown(full);
  const code = scrollBox(T.responseBody, {});
  code.append(...bodyNodes(text, typeof result.pretty === "string"));
  return h("div", { class: "playground__body-box" },
    h("div", { class: "playground__body-bar" }, h("span", { class: "playground__label", text: T.responseBody }),
      ...copyButton(() => full, T.copyBody)),
    h("pre", { class: "playground__body", "aria-label": T.responseBody }, code));
}

function headersTable(headers) {
  return h("details", { class: "playground__headers", open: true },
    h("summary", { text: T.headers + fill(T.count, { count: headers.length }) }),
    h("div", { class: "playground__table-wrap" },
      h("table", { class: "playground__header-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: T.headerName }), h("th", { scope: "col", text: T.headerValue }))),
        h("tbody", {}, headers.map(([name, value]) => h("tr", {}, h("th", { scope: "row", text: name }), h("td", { text: shown(value) })))))));
}

/**
 * What Python's answer to a send or a reproduce says: status, headers and body, or why there is
 * none. `sandbox`: the in-browser sandbox answered (the answer's own `target` says so when it has one).
 */
export function responseView(result, { sandbox = true } = {}) {
  const box = h("div", { class: "playground__response-body" });
  if (!result.ok) return failureView(box, result);
  const fromSandbox = result.target ? result.target === "sandbox" : sandbox;
  box.append(
    statusLine(result),
    metaLine(result, fromSandbox),
    ...(result.unmodelled ? [h("p", { class: "playground__unmodelled", role: "note" },
      h("strong", { text: T.unmodelledTitle + T.colon }), localized(result.unmodelled, LANG))] : []),
    ...(result.note ? [h("p", { class: "playground__note playground__response-note", text: localized(result.note, LANG) })] : []),
    bodyBox(result),
    headersTable(result.headers || []),
  );
  return box;
}

/** The panel: its heading and the box the answers go into. */
export function responsePanel(heading) {
  const box = h("div", { class: "playground__response", "aria-live": "polite" });
  const section = h("section", { class: "playground__group playground__response-group", "aria-label": T.response },
    h(heading, { class: "playground__heading", text: T.response }), box);
  return { section, box };
}
