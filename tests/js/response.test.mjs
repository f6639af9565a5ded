// The response view's pure parts: the body's size, the link to a status code's section, the
// keyboard shortcut (playground/web/response-panel.mjs, state.mjs, shortcuts.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { bodySize } from "../../playground/web/response-panel.mjs";
import { isShortcut } from "../../playground/web/shortcuts.mjs";
import * as state from "../../playground/web/state.mjs";

test("the size is Python's, else the body's UTF-8 length in bytes", () => {
  assert.equal(bodySize({ size: 12, body: "é" }), 12);
  assert.equal(bodySize({ size: 0, body: "abc" }), 0);
  assert.equal(bodySize({ body: "é😀a" }), 2 + 4 + 1);
  assert.equal(bodySize({}), 0);
});

test("a status code's section is linked from this language's build root", () => {
  state.setSiteRoot("https://docs.example/ja");
  assert.equal(state.siteLink("maiagent/status-codes/", "401"), "https://docs.example/ja/maiagent/status-codes/#401");
  assert.equal(state.siteLink("//elsewhere.example/x/", "a b"), "https://docs.example/ja/elsewhere.example/x/#a%20b");
  state.setSiteRoot("https://docs.example/zh-TW/");
  assert.equal(state.siteLink("maiagent/status-codes/", "401"), "https://docs.example/zh-TW/maiagent/status-codes/#401");
  state.setSiteRoot("http://127.0.0.1:8000/");
  assert.equal(state.siteLink("maiagent/status-codes/", ""), "http://127.0.0.1:8000/maiagent/status-codes/");
});

test("Ctrl+Enter and ⌘+Enter are the shortcut; Enter alone, other modifiers and composing text are not", () => {
  const key = (props) => ({ key: "Enter", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...props });
  assert.ok(isShortcut(key({ ctrlKey: true })));
  assert.ok(isShortcut(key({ metaKey: true })));
  for (const props of [{}, { ctrlKey: true, shiftKey: true }, { metaKey: true, altKey: true }, { ctrlKey: true, isComposing: true },
    { ctrlKey: true, key: "a" }]) {
    assert.ok(!isShortcut(key(props)), JSON.stringify(props));
  }
});
