// The response body's highlighting (playground/web/json-tokens.mjs): JSON text cut into tokens.
import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonTokens } from "../../playground/web/json-tokens.mjs";

const joined = (tokens) => tokens.map((token) => token.text).join("");
const typed = (tokens) => tokens.filter((t) => t.type !== "space" && t.type !== "punctuation").map((t) => [t.type, t.text]);

test("keys, strings, numbers and literals each get their type", () => {
  const text = JSON.stringify({ name: "Docs \"assistant\"", count: -1.5e3, ok: true, none: null, list: [1, false] }, null, 2);
  const tokens = jsonTokens(text);
  assert.equal(joined(tokens), text);
  assert.deepEqual(typed(tokens), [
    ["key", '"name"'], ["string", '"Docs \\"assistant\\""'], ["key", '"count"'], ["number", "-1500"],
    ["key", '"ok"'], ["literal", "true"], ["key", '"none"'], ["literal", "null"], ["key", '"list"'],
    ["number", "1"], ["literal", "false"],
  ]);
});

test("white space and punctuation are merged into few tokens", () => {
  const tokens = jsonTokens('{\n  "a": [\n    1\n  ]\n}');
  assert.deepEqual(tokens.map((t) => t.type), ["punctuation", "space", "key", "punctuation", "space", "punctuation",
    "space", "number", "space", "punctuation", "space", "punctuation"]);
});

test("text that is not JSON is kept as it is", () => {
  for (const text of ["", "<script>alert(1)</script>", '"unterminated', "{\"a\": tru}", "\\\"", "日本語 😀", "a\uD800b"]) {
    assert.equal(joined(jsonTokens(text)), text, text);
  }
  assert.deepEqual(jsonTokens("<b>"), [{ type: "other", text: "<b>" }]);
  assert.deepEqual(jsonTokens('"a\\"b"'), [{ type: "string", text: '"a\\"b"' }]);
});

test("a large body is tokenized in one pass", () => {
  const text = JSON.stringify({ results: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `n${i}` })) }, null, 2);
  const start = performance.now();
  const tokens = jsonTokens(text);
  assert.equal(joined(tokens), text);
  assert.ok(performance.now() - start < 1000);
});
