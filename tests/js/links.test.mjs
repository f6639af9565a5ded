// Request links, the history and the examples' base URL (playground/web/share-link.mjs,
// load-request.mjs, history.mjs, page-examples.mjs): the parts that need no DOM.
import assert from "node:assert/strict";
import { test } from "node:test";

import { clockTime, historyEntry, HISTORY_SIZE, parseHistory, statusText, withEntry } from "../../playground/web/history.mjs";
import { requestProblem } from "../../playground/web/load-request.mjs";
import { originOf, SAFE_BASE, shownBase, withBases } from "../../playground/web/page-examples.mjs";
import { FRAGMENT_PREFIX, MAX_FRAGMENT_CHARS, readFragment, requestFragment, requestLink } from "../../playground/web/share-link.mjs";
import { setLanguage, T } from "../../playground/web/state.mjs";

// A stand-in for Python's info(): the parts the links read.
const INFO = {
  apis: { maiagent: { demo_keys: { demo1234abcd5678: "read-write" } }, "aigne-hub": { demo_keys: {} } },
  methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  examples: { "maiagent/401-invalid-format": { api: "maiagent" }, "aigne-hub/200-chat-completion": { api: "aigne-hub" } },
};
const REQUEST = { api: "maiagent", method: "POST", path: "/api/v1/chatbots/?page=1&pageSize=2",
                  body: '{\n  "name": "Docs \\"assistant\\" \\\\ 日本語 & #1 + 100%"\n}' };

test("a request survives its link: quotes, backslashes, &, #, +, %, line breaks and non-ASCII text", () => {
  const fragment = requestFragment(REQUEST);
  assert.ok(fragment.startsWith(FRAGMENT_PREFIX));
  assert.ok(fragment.includes("path=/api/v1/chatbots/%3Fpage%3D1%26pageSize%3D2"), fragment); // "/" stays readable
  assert.doesNotMatch(fragment, /[\s#"<>\\]/); // a URL's fragment as it is
  assert.deepEqual(readFragment("#" + fragment, INFO), { request: REQUEST, example: "" });
  // A link typed by hand: the browser %-encodes its spaces, quotes and non-ASCII text in location.hash.
  const typed = new URL('https://docs.example/#request?api=maiagent&method=GET&path=/x&body={"a": "日本語"}').hash;
  assert.equal(readFragment(typed, INFO).request.body, '{"a": "日本語"}');
});

test("a link holds the API, method, path and body, never a key or a live URL", () => {
  const link = requestLink("https://docs.example/ja/playground/#try-it", { ...REQUEST, key: "secret-key", target: "https://evil.example" });
  assert.ok(link.startsWith("https://docs.example/ja/playground/#request?api=maiagent&method=POST&path="), link);
  assert.ok(!link.includes("secret") && !link.includes("evil"), link);
  assert.ok(!link.includes("#try-it"));
  // An empty body is left out, and read back as "".
  const get = { api: "aigne-hub", method: "GET", path: "/api/v1/x", body: "" };
  assert.equal(requestFragment(get), "request?api=aigne-hub&method=GET&path=/api/v1/x");
  assert.deepEqual(readFragment(requestFragment(get), INFO).request, get);
});

test("a request too large for a link gets no link", () => {
  assert.equal(requestLink("https://docs.example/", { ...REQUEST, body: "x".repeat(MAX_FRAGMENT_CHARS) }), "");
  assert.deepEqual(readFragment("#request?" + "a".repeat(MAX_FRAGMENT_CHARS), INFO), { error: "long" });
});

test("a documented example in a link is kept only when it is one of that API's", () => {
  const fragment = requestFragment({ api: "maiagent", method: "GET", path: "/api/v1/chatbots/", body: "" }, "maiagent/401-invalid-format");
  assert.equal(readFragment(fragment, INFO).example, "maiagent/401-invalid-format");
  assert.equal(readFragment(fragment.replace("maiagent/401", "maiagent/999"), INFO).example, "");
  assert.equal(readFragment(fragment.replace("example=maiagent/401-invalid-format", "example=aigne-hub/200-chat-completion"), INFO).example, "");
  assert.equal(readFragment(fragment + "&example=__proto__", INFO).example, "maiagent/401-invalid-format"); // the first one counts
  assert.equal(readFragment(fragment.replace(/example=[^&]*/, "example=__proto__"), INFO).example, "");
});

test("other fragments are not request links", () => {
  for (const fragment of ["", "#", "#try-it", "#401", "#requests", "request", "#Request?api=maiagent"]) {
    assert.equal(readFragment(fragment, INFO), null, fragment);
  }
});

test("a damaged or hostile link says why, and restores nothing", () => {
  const cases = {
    "request?method=GET&path=/x": "api",
    "request?api=__proto__&method=GET&path=/x": "api",
    "request?api=toString&method=GET&path=/x": "api",
    "request?api=other&method=GET&path=/x": "api",
    "request?api=maiagent&method=get&path=/x": "method",
    "request?api=maiagent&method=TRACE&path=/x": "method",
    "request?api=maiagent&method=GET": "path",
    "request?api=maiagent&method=GET&path=": "path",
    "request?api=maiagent&method=GET&path=https://evil.example/": "path",
    "request?api=maiagent&method=GET&path=//evil.example/": "path",
    "request?api=maiagent&method=GET&path=/a%0Ab": "path",
    "request?api=maiagent&method=GET&path=/a%00b": "path",
    ["request?api=maiagent&method=GET&path=%2F" + "a".repeat(2001)]: "path",
    "request?api=maiagent&method=GET&path=/x%": "", // a lone % is kept as typed
  };
  for (const [fragment, reason] of Object.entries(cases)) {
    const found = readFragment(fragment, INFO);
    assert.deepEqual(reason ? found : found.error, reason ? { error: reason } : undefined, fragment);
  }
  assert.equal(requestProblem(null, INFO), "format");
  assert.equal(requestProblem({ api: "maiagent", method: "GET", path: "/x", body: 1 }, INFO), "body");
  assert.equal(requestProblem({ api: "maiagent", method: "GET", path: "/x", body: "" }, null), "api");
});

test("every reason a link can fail for is explained in every language", () => {
  for (const lang of ["en", "ja", "zh-TW"]) {
    setLanguage(lang);
    for (const reason of ["long", "format", "api", "method", "path", "body"]) assert.ok(T.linkProblem[reason], `${lang} ${reason}`);
  }
  setLanguage("en");
});

test("a history entry has the request and its outcome, never the key", () => {
  const spec = { api: "maiagent", key: "my-secret-key", method: "GET", path: "/api/v1/chatbots/", body: "" };
  const entry = historyEntry(spec, { ok: true, status: 200 }, 1700000000000);
  assert.deepEqual(entry, { api: "maiagent", method: "GET", path: "/api/v1/chatbots/", body: "", status: 200, outcome: "answered", time: 1700000000000 });
  assert.ok(!JSON.stringify(entry).includes("secret"));
  assert.equal(historyEntry(spec, { ok: false, error: { sent: false } }, 1).outcome, "notSent");
  assert.equal(historyEntry(spec, { ok: false, error: { sent: true } }, 1).outcome, "noAnswer");
  setLanguage("ja");
  assert.equal(statusText(historyEntry(spec, { ok: false, error: { sent: true } }, 1)), T.noAnswer);
  assert.equal(statusText(entry), "200");
  setLanguage("en");
});

test("the history keeps the last 20 requests, newest first", () => {
  let list = [];
  for (let i = 0; i < HISTORY_SIZE + 5; i++) list = withEntry(list, { path: `/${i}` });
  assert.equal(HISTORY_SIZE, 20);
  assert.equal(list.length, HISTORY_SIZE);
  assert.equal(list[0].path, `/${HISTORY_SIZE + 4}`);
  assert.equal(list.at(-1).path, "/5");
});

test("a stored history is read as input: only well-formed entries, at most 20, no extra fields", () => {
  const good = { api: "maiagent", method: "GET", path: "/x", body: "", status: 401, outcome: "answered", time: 5 };
  assert.deepEqual(parseHistory(JSON.stringify([good, { ...good, key: "secret" }])), [good, good]);
  assert.deepEqual(parseHistory(JSON.stringify(Array(30).fill(good))).length, HISTORY_SIZE);
  for (const text of ["", "{", "null", "{}", '"x"', "[1]", JSON.stringify([{ ...good, outcome: "hacked" }]),
    JSON.stringify([{ ...good, status: "200" }]), JSON.stringify([{ ...good, path: 5 }]), JSON.stringify([{ ...good, time: "now" }])]) {
    assert.deepEqual(parseHistory(text), [], text);
  }
});

test("the examples show a chosen base URL in place of the documented origin, and only a safe one", () => {
  assert.equal(originOf("https://api.maiagent.ai/"), "https://api.maiagent.ai");
  const snippet = 'BASE_URL = "https://api.maiagent.ai/api/v1"\ncurl https://your-aigne-hub-url/api/v1/chat/completions';
  const bases = new Map([["https://api.maiagent.ai", "http://127.0.0.1:8000/sandbox/maiagent"]]);
  assert.equal(withBases(snippet, bases),
    'BASE_URL = "http://127.0.0.1:8000/sandbox/maiagent/api/v1"\ncurl https://your-aigne-hub-url/api/v1/chat/completions');
  assert.equal(withBases(snippet, new Map()), snippet);
  assert.equal(shownBase("  https://hub.example.com/ "), "https://hub.example.com");
  assert.equal(shownBase("http://127.0.0.1:8000/sandbox/aigne-hub//"), "http://127.0.0.1:8000/sandbox/aigne-hub");
  for (const unsafe of ["", "ftp://x", "javascript:alert(1)", "https://x/$(rm -rf ~)", 'https://x/"; rm', "https://x/a b",
    "https://x/?q=1", "https://x/#f", "https://x`id`", "https://user:pw@x/", "https://x/'"]) {
    assert.equal(shownBase(unsafe), "", unsafe);
    assert.ok(!SAFE_BASE.test(unsafe), unsafe);
  }
});

test("a history entry's time is written as toLocaleTimeString writes it, in each language", () => {
  for (let hour = 0; hour < 24; hour++) {
    const time = new Date(2026, 0, 2, hour, 4, 5).getTime();
    for (const lang of ["en", "ja", "zh-TW"]) assert.equal(clockTime(time, lang), new Date(time).toLocaleTimeString(lang), `${lang} ${hour}`);
  }
  assert.equal(clockTime(new Date(2026, 0, 2, 13, 4, 5).getTime(), "zh-TW"), "下午1:04:05");
});
