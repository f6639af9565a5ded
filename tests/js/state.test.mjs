// The playground's shared state (playground/web/state.mjs) and the key in the page's examples
// (playground/web/page-examples.mjs): the parts that need no DOM.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SAFE_KEY, withKey } from "../../playground/web/page-examples.mjs";
import * as state from "../../playground/web/state.mjs";
import { languageOf, STRINGS } from "../../playground/web/strings.mjs";

test("the language is set once for every module that reads it", () => {
  state.setLanguage("ja");
  assert.equal(state.LANG, "ja");
  assert.equal(state.T, STRINGS.ja);
  state.setLanguage(languageOf("zh-Hant"));
  assert.equal(state.LANG, "zh-TW");
  assert.equal(state.T, STRINGS["zh-TW"]);
  state.setLanguage("xx");
  assert.equal(state.LANG, "en");
  assert.equal(state.T, STRINGS.en);
});

test("ids are unique and say what they are for", () => {
  const first = state.nextId("key");
  const second = state.nextId("key");
  assert.match(first, /^playground-\d+-key$/);
  assert.notEqual(first, second);
});

test("each API's key is remembered under its own name", () => {
  assert.equal(state.storageKey("maiagent"), "playground:key:maiagent");
  assert.notEqual(state.storageKey("maiagent"), state.storageKey("aigne-hub"));
});

test("a new form remembers nothing yet", () => {
  const form = state.createFormState("maiagent");
  assert.deepEqual(form, { info: null, shownApi: "maiagent", drafts: {}, editedCode: false, sendSeq: 0, diagnoseSeq: 0 });
  assert.notEqual(state.createFormState("x").drafts, form.drafts);
});

test("fields typed before Python was ready are kept; the defaults fill the others", () => {
  const current = { method: "PATCH", path: "/typed/", body: "", key: "k", live: false, url: "", response: [] };
  const defaults = { method: "GET", path: "/api/v1/chatbots/", body: "{}" };
  assert.equal(state.typedRequest(current, defaults, { method: false, path: false, body: false }), null);
  assert.deepEqual(state.typedRequest(current, defaults, { method: true, path: true, body: false }),
    { ...current, method: "PATCH", path: "/typed/", body: "{}" });
  assert.deepEqual(state.typedRequest(current, defaults, { method: false, path: false, body: true }),
    { ...current, method: "GET", path: "/api/v1/chatbots/", body: "" });
});

test("the key replaces where an example reads it, in each language's spelling", () => {
  const env = "MAIAGENT_API_KEY";
  assert.equal(withKey('key = os.environ["MAIAGENT_API_KEY"]', env, "abc"), 'key = "abc"');
  assert.equal(withKey("const key = process.env.MAIAGENT_API_KEY;", env, "abc"), 'const key = "abc";');
  assert.equal(withKey('curl -H "Authorization: Api-Key $MAIAGENT_API_KEY"', env, "abc"), 'curl -H "Authorization: Api-Key abc"');
  assert.equal(withKey("Bearer YOUR_API_KEY and YOUR_API_KEYS", env, "abc"), "Bearer abc and YOUR_API_KEYS");
  assert.equal(withKey("os.environ[\"OTHER\"]", env, "abc"), "os.environ[\"OTHER\"]");
});

test("only keys that fit in shell, Python and JavaScript as they are go into the examples", () => {
  for (const key of ["demo1234abcd5678", "sk-a.b_c~d+e/f=", "A9"]) assert.ok(SAFE_KEY.test(key), key);
  for (const key of ["", "has space", "quote\"", "dollar$", "back`tick", "semi;colon", "new\nline"]) assert.ok(!SAFE_KEY.test(key), key);
});
