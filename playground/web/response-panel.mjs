// The Response panel: how an answer (or a request that got none) is shown, here and under Reproduce.
import { h, richText, scrollBox } from "./dom.mjs";
import { fill, localized, shortened } from "./strings.mjs";
import { LANG, T } from "./state.mjs";

const MAX_SHOWN_CHARS = 100000;

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

/** What Python's answer to a send or a reproduce says: status, headers and body, or why there is none. */
export function responseView(result, answeredBy) {
  const box = h("div", { class: "playground__response-body" });
  if (!result.ok) return failureView(box, result);
  const statusClass = result.status >= 400 ? "playground__status--error" : "playground__status--ok";
  const meta = [`${result.elapsed_ms} ms`];
  if (result.method && result.url) meta.push(`${result.method} ${result.url}`);
  if (answeredBy) meta.push(answeredBy); // the URL is the real API's: say that the sandbox answered
  box.append(
    h("p", { class: "playground__status" },
      h("strong", { class: statusClass, "data-status": String(result.status), text: `${result.status} ${result.reason || ""}`.trim() }),
      h("span", { class: "playground__meta", text: " · " + meta.join(" · ") })),
    ...(result.note ? [h("p", { class: "playground__note playground__response-note", text: localized(result.note, LANG) })] : []),
    h("details", { class: "playground__headers" },
      h("summary", { text: T.headers + fill(T.count, { count: result.headers.length }) }),
      h("pre", {}, scrollBox(T.headers, { text: shown(result.headers.map(([k, v]) => `${k}: ${v}`).join("\n")) }))),
    h("pre", { class: "playground__body", "aria-label": T.responseBody }, scrollBox(T.responseBody, { text: shown(result.pretty ?? result.body) })),
  );
  return box;
}

/** The panel: its heading and the box the answers go into. */
export function responsePanel(heading) {
  const box = h("div", { class: "playground__response", "aria-live": "polite" });
  const section = h("section", { class: "playground__group", "aria-label": T.response },
    h(heading, { class: "playground__heading", text: T.response }), box);
  return { section, box };
}
