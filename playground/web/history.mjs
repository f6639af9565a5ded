// The history: the last requests sent in this visit (method, path, status, time), newest first, any
// of which can be put back into the form. Kept in memory; in sessionStorage only while the reader
// has ticked "Remember for this tab". The key is never part of an entry.
import { h } from "./dom.mjs";
import { bringIntoView, loadRequest, requestProblem } from "./load-request.mjs";
import { apiName, fill } from "./strings.mjs";
import { LANG, T } from "./state.mjs";

export const HISTORY_SIZE = 20;
export const HISTORY_STORAGE = "playground:history";
const OUTCOMES = ["answered", "notSent", "noAnswer"];

/** One entry for a request sent as `spec` that got `result` (a send's answer) at `time` (ms): no key. */
export function historyEntry(spec, result, time) {
  const answered = Boolean(result && result.ok);
  return {
    api: String(spec.api), method: String(spec.method), path: String(spec.path), body: String(spec.body ?? ""),
    status: answered ? result.status : null,
    outcome: answered ? "answered" : result && result.error && result.error.sent ? "noAnswer" : "notSent",
    time,
  };
}

/** `list` with `entry` first, at most HISTORY_SIZE entries. */
export const withEntry = (list, entry) => [entry, ...list].slice(0, HISTORY_SIZE);

const isEntry = (e) => e && typeof e === "object" && ["api", "method", "path", "body"].every((name) => typeof e[name] === "string")
  && OUTCOMES.includes(e.outcome) && Number.isFinite(e.time) && (e.status === null || Number.isInteger(e.status));

/** The entries stored as `text` (JSON), or [] when it is not a history: stored data is input too. */
export function parseHistory(text) {
  let list;
  try { list = JSON.parse(text); } catch (error) { return []; }
  if (!Array.isArray(list)) return [];
  return list.filter(isEntry).slice(0, HISTORY_SIZE)
    .map(({ api, method, path, body, status, outcome, time }) => ({ api, method, path, body, status, outcome, time }));
}

/** What an entry's status column says: the status code, or why there is none. */
export const statusText = (entry) => (entry.outcome === "answered" ? String(entry.status) : T[entry.outcome]);

function storage(action) {
  try { return action(sessionStorage); } catch (error) { return null; } // storage disabled or full: memory only
}

/** The local time of `time` (ms) as toLocaleTimeString(lang) writes it in each of the playground's
 *  languages ("1:04:05 PM", "13:04:05", "下午1:04:05"), without Intl: its first use on a page loads
 *  ICU's data, 20-70 ms of the main thread here, and that landed in the first Send's answer. */
export function clockTime(time, lang) {
  const date = new Date(time);
  const hours = date.getHours();
  const rest = [date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
  if (lang === "ja") return `${hours}:${rest}`;
  const twelve = `${hours % 12 || 12}:${rest}`;
  if (lang === "zh-TW") return `${hours < 12 ? "上午" : "下午"}${twelve}`;
  return `${twelve} ${hours < 12 ? "AM" : "PM"}`;
}

function row(entry, info, restore) {
  const request = `${entry.method} ${entry.path}`;
  const time = clockTime(entry.time, LANG);
  const api = info && info.apis[entry.api];
  const failed = entry.outcome !== "answered" || entry.status >= 400;
  return h("li", { class: "playground__history-item", "data-status": entry.status === null ? "" : String(entry.status) },
    h("span", { class: "playground__meta", text: time }), " ",
    h("span", { class: "playground__meta", text: api ? apiName(api, LANG) : entry.api }), " ",
    h("code", { class: "playground__history-request", text: request }), " ",
    h("strong", { class: failed ? "playground__status--error" : "playground__status--ok", text: statusText(entry) }), " ",
    h("button", { type: "button", class: "md-button playground__small playground__history-restore", text: T.restore,
      "aria-label": fill(T.restoreLabel, { request, status: statusText(entry), time }), onclick: () => restore(entry) }));
}

/**
 * The history of `form`: a <details> listing the entries, `add(spec, result)` for each answer a
 * Send got, and restoring an entry into the form; `say` tells the reader what was restored.
 */
export function mountHistory(form, say) {
  let entries = parseHistory(storage((s) => s.getItem(HISTORY_STORAGE)) || "[]");
  const summary = h("summary");
  const list = h("ol", { class: "playground__history-list" });
  const details = h("details", { class: "playground__history" }, summary,
    h("p", { class: "playground__note", text: fill(T.historyNote, { size: HISTORY_SIZE, remember: T.remember }) }), list);

  const restore = (entry) => {
    if (!form.state.info || requestProblem(entry, form.state.info)) return;
    loadRequest(form, entry);
    say(fill(T.historyRestored, { request: `${entry.method} ${entry.path}` }));
    bringIntoView(form);
  };
  const store = () => storage((s) => (form.key.remember.checked
    ? s.setItem(HISTORY_STORAGE, JSON.stringify(entries)) : s.removeItem(HISTORY_STORAGE)));
  const render = () => {
    details.hidden = !entries.length;
    summary.textContent = T.history + fill(T.count, { count: entries.length });
    list.replaceChildren(...entries.map((entry) => row(entry, form.state.info, restore)));
  };

  form.key.remember.addEventListener("change", store);
  render();
  return {
    details,
    render,
    add(spec, result) {
      entries = withEntry(entries, historyEntry(spec, result, Date.now()));
      store();
      render();
    },
  };
}
