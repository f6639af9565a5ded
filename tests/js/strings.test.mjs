// The playground's strings (playground/web/strings.mjs): both languages, and the helpers that fill them in.
import assert from "node:assert/strict";
import { test } from "node:test";

import { apiName, fill, headerPreviewText, languageOf, localized, shortened, STRINGS } from "../../playground/web/strings.mjs";

const placeholders = (text) => (typeof text === "string" ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : []);

test("every string exists in English and Japanese, with the same placeholders", () => {
  assert.deepEqual(Object.keys(STRINGS.ja).sort(), Object.keys(STRINGS.en).sort());
  for (const [name, english] of Object.entries(STRINGS.en)) {
    const japanese = STRINGS.ja[name];
    if (typeof english === "object") {
      assert.deepEqual(Object.keys(japanese).sort(), Object.keys(english).sort(), name);
    } else {
      assert.equal(typeof japanese, "string", name);
      assert.deepEqual(placeholders(japanese), placeholders(english), name);
    }
  }
});

test("the page's language is Japanese for any ja tag, else English", () => {
  assert.equal(languageOf("ja"), "ja");
  assert.equal(languageOf("ja-JP"), "ja");
  assert.equal(languageOf("JA"), "ja");
  assert.equal(languageOf("en"), "en");
  assert.equal(languageOf("fr"), "en");
  assert.equal(languageOf(""), "en");
  assert.equal(languageOf(undefined), "en");
});

test("fill replaces known placeholders and keeps unknown ones", () => {
  assert.equal(fill("{status}: {title}", { status: 401, title: "Unauthorized" }), "401: Unauthorized");
  assert.equal(fill("{seconds} s {missing}", { seconds: 10 }), "10 s {missing}");
  assert.equal(fill("{a}{a}", { a: "$&" }), "$&$&"); // a value is text, never a replacement pattern
});

test("localized picks the language, falls back to English, and shows plain values as text", () => {
  assert.equal(localized({ en: "Hi", ja: "やあ" }, "ja"), "やあ");
  assert.equal(localized({ en: "Hi" }, "ja"), "Hi");
  assert.equal(localized({}, "en"), "");
  assert.equal(localized("plain", "ja"), "plain");
  assert.equal(localized(null, "en"), "");
  assert.equal(localized(42, "en"), "42");
});

test("an API's name is the one in the page's language when info() has one", () => {
  const api = { id: "aigne-hub", name: "AIGNE Hub", names: { en: "AIGNE Hub", ja: "AIGNE ハブ" } };
  assert.equal(apiName(api, "ja"), "AIGNE ハブ");
  assert.equal(apiName(api, "en"), "AIGNE Hub");
  assert.equal(apiName({ id: "maiagent", name: "MaiAgent" }, "ja"), "MaiAgent");
  assert.equal(apiName({ id: "maiagent", name: "MaiAgent", names: { en: "MaiAgent" } }, "ja"), "MaiAgent");
});

test("shortened cuts long text and marks the cut", () => {
  assert.equal(shortened("abc", 3, "[cut]"), "abc");
  assert.equal(shortened("abcd", 3, "[cut]"), "abc\n[cut]");
  assert.equal(shortened(12345, 2, "…"), "12\n…");
});

test("the header preview masks the key unless shown, and counts what it leaves out", () => {
  const result = { name: "Authorization", value: "Api-Key abc123", key: "abc123" };
  assert.equal(headerPreviewText(result, { visible: false, max: 200, lang: "en" }), "Authorization: Api-Key ••••••");
  assert.equal(headerPreviewText(result, { visible: true, max: 200, lang: "en" }), "Authorization: Api-Key abc123");
  assert.equal(headerPreviewText({ ...result, value: "" }, { visible: true, max: 200, lang: "ja" }), STRINGS.ja.noHeader);
  const long = { name: "Authorization", value: "Bearer " + "k".repeat(2000), key: "" };
  assert.equal(headerPreviewText(long, { visible: true, max: 10, lang: "en" }),
    "Authorization: Bearer kkk… (1,997 more characters)");
  assert.equal(headerPreviewText(long, { visible: false, max: 10, lang: "ja" }),
    "Authorization: Bearer •••…（さらに 1,997 文字）");
});

test("the header preview shows the typed text as sent: only it is masked, and what cannot be sent is said", () => {
  // Send sends the scheme and the key field's text as typed: "Bearer abc" stays in the header.
  const typed = { name: "Authorization", value: "Api-Key Bearer abc", key: "abc" };
  assert.equal(headerPreviewText(typed, { visible: true, max: 200, lang: "en" }), "Authorization: Api-Key Bearer abc");
  assert.equal(headerPreviewText(typed, { visible: false, max: 200, lang: "en" }), "Authorization: Api-Key ••••••••••");
  const fullwidth = { name: "Authorization", value: "Api-Key Api-Key\u3000k\n", key: "k" };
  assert.equal(headerPreviewText(fullwidth, { visible: true, max: 200, lang: "en" }),
    "Authorization: Api-Key Api-Key⟨U+3000⟩k⟨U+000A⟩" + STRINGS.en.headerNotSent);
  assert.equal(headerPreviewText(fullwidth, { visible: false, max: 200, lang: "ja" }),
    "Authorization: Api-Key ••••••••••" + STRINGS.ja.headerNotSent);
  // An emoji is one character typed, one bullet.
  assert.equal(headerPreviewText({ name: "Authorization", value: "Bearer \u{1F511}", key: "" }, { visible: false, max: 200, lang: "en" }),
    "Authorization: Bearer •" + STRINGS.en.headerNotSent);
});
