// The playground's strings (playground/web/strings.mjs): every language, and the helpers that fill them in.
import assert from "node:assert/strict";
import { test } from "node:test";

import { apiName, fill, formatCount, headerPreviewText, languageOf, localized, shortened, STRINGS } from "../../playground/web/strings.mjs";

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every string of `strings` by its path ("severity.error"), nested objects included. */
const flat = (strings, prefix = "") => Object.entries(strings).flatMap(([name, value]) =>
  (typeof value === "object" ? flat(value, `${prefix}${name}.`) : [[prefix + name, value]]));

const LANGUAGES = ["en", "ja", "zh-TW"];

test("the playground is written in English, Japanese and Traditional Chinese", () => {
  assert.deepEqual(Object.keys(STRINGS).sort(), [...LANGUAGES].sort());
});

test("every language has exactly English's strings, nested ones too, with the same placeholders", () => {
  const english = new Map(flat(STRINGS.en));
  for (const lang of ["ja", "zh-TW"]) {
    const strings = new Map(flat(STRINGS[lang]));
    assert.deepEqual([...strings.keys()].sort(), [...english.keys()].sort(), lang);
    for (const [name, text] of strings) {
      assert.equal(typeof text, "string", `${lang} ${name}`);
      assert.deepEqual(placeholders(text), placeholders(english.get(name)), `${lang} ${name}`);
    }
  }
});

// Common characters that exist only in Simplified Chinese: the Traditional text never has them.
const SIMPLIFIED = "这们个为说对时会发请码键钥务应证头据数认户网络设样么没还过试载择开关复错误显隐执处径参传单录选链连结";

test("the Chinese strings use no Simplified-only character", () => {
  for (const [name, text] of flat(STRINGS["zh-TW"])) {
    const found = [...text].filter((c) => SIMPLIFIED.includes(c));
    assert.deepEqual(found, [], name);
  }
});

test("the Chinese strings follow Chinese typography: full-width punctuation, a space around Latin and digits", () => {
  const zh = STRINGS["zh-TW"];
  assert.equal(zh.colon, "：");
  assert.equal(zh.space, "");
  assert.equal(zh.count, "（{count}）");
  for (const [name, text] of flat(zh)) {
    // A half-width space between Chinese and Latin letters, digits or a placeholder: 「API 金鑰」.
    assert.doesNotMatch(text, /\p{Script=Han}[A-Za-z0-9{]|[A-Za-z0-9}]\p{Script=Han}/u, name);
    // Next to Chinese, punctuation is full-width (，。：；（）), never ASCII.
    assert.doesNotMatch(text, /\p{Script=Han}\s?[,.:;()?!]|[,.:;()?!]\s?\p{Script=Han}/u, name);
  }
});

test("the page's language is Japanese for any ja tag, Chinese (Taiwan) for any zh tag, else English", () => {
  assert.equal(languageOf("ja"), "ja");
  assert.equal(languageOf("ja-JP"), "ja");
  assert.equal(languageOf("JA"), "ja");
  for (const tag of ["zh", "zh-TW", "zh-Hant", "zh-tw", "zh-Hant-TW", "ZH", "zh_TW", "zh-CN"]) assert.equal(languageOf(tag), "zh-TW", tag);
  assert.equal(languageOf("zha"), "en"); // Zhuang: only the primary subtag names the language
  assert.equal(languageOf("en"), "en");
  assert.equal(languageOf("fr"), "en");
  assert.equal(languageOf(""), "en");
  assert.equal(languageOf(undefined), "en");
  for (const tag of ["en", "ja", "zh-TW"]) assert.ok(Object.hasOwn(STRINGS, languageOf(tag)), tag);
});

test("fill replaces known placeholders and keeps unknown ones", () => {
  assert.equal(fill("{status}: {title}", { status: 401, title: "Unauthorized" }), "401: Unauthorized");
  assert.equal(fill("{seconds} s {missing}", { seconds: 10 }), "10 s {missing}");
  assert.equal(fill("{a}{a}", { a: "$&" }), "$&$&"); // a value is text, never a replacement pattern
});

test("localized picks the language, falls back to English, and shows plain values as text", () => {
  assert.equal(localized({ en: "Hi", ja: "やあ" }, "ja"), "やあ");
  assert.equal(localized({ en: "Hi" }, "ja"), "Hi");
  assert.equal(localized({ en: "Hi", ja: "やあ", "zh-TW": "嗨" }, "zh-TW"), "嗨");
  assert.equal(localized({ en: "Hi", ja: "やあ" }, "zh-TW"), "Hi"); // never another language's text
  assert.equal(localized({ en: "Hi", ja: "やあ", "zh-TW": "" }, "zh-TW"), "Hi");
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
  assert.equal(apiName({ ...api, names: { ...api.names, "zh-TW": "AIGNE Hub（中樞）" } }, "zh-TW"), "AIGNE Hub（中樞）");
  assert.equal(apiName(api, "zh-TW"), "AIGNE Hub");
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
  assert.equal(headerPreviewText(long, { visible: false, max: 10, lang: "zh-TW" }),
    "Authorization: Bearer •••…（還有 1,997 個字元）");
  assert.equal(headerPreviewText({ ...result, value: "" }, { visible: true, max: 200, lang: "zh-TW" }), STRINGS["zh-TW"].noHeader);
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

test("counts are grouped by threes, as each language writes them, without Intl", () => {
  for (const [count, text] of [[0, "0"], [7, "7"], [999, "999"], [1000, "1,000"], [12345, "12,345"], [1234567, "1,234,567"]]) {
    assert.equal(formatCount(count), text);
    for (const lang of LANGUAGES) assert.equal(formatCount(count), count.toLocaleString(lang), `${lang} ${count}`);
  }
});
