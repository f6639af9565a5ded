// Every string the playground shows, in English, Japanese and Traditional Chinese (Taiwan), one
// module per language (strings-<lang>.mjs), and the helpers that fill them in and pick a language:
// pure functions, no DOM (tests/js/strings.test.mjs).
import { EN } from "./strings-en.mjs";
import { JA } from "./strings-ja.mjs";
import { ZH_TW } from "./strings-zh-TW.mjs";

/** The strings by language: the keys are what languageOf() answers. */
export const STRINGS = Object.freeze({ en: EN, ja: JA, "zh-TW": ZH_TW });

// The strings for each language tag's primary subtag: one Chinese build (Taiwan's), so every "zh"
// tag (zh, zh-TW, zh-Hant) reads it; any other language reads English.
const LANGUAGES = { ja: "ja", zh: "zh-TW" };

/** The page's language ("en", "ja" or "zh-TW") from its `<html lang>`. */
export function languageOf(htmlLang) {
  const primary = String(htmlLang || "en").toLowerCase().split(/[-_]/)[0];
  return Object.hasOwn(LANGUAGES, primary) ? LANGUAGES[primary] : "en";
}

/** `text` with each `{name}` replaced by `values[name]`; unknown names stay as written. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** A `{en, ja, "zh-TW"}` text from Python in `lang` (English when that is missing), or a plain value as text. */
export function localized(pair, lang) {
  return pair && typeof pair === "object" ? pair[lang] || pair.en || "" : String(pair || "");
}

/** An API's name in `lang`: `names[lang]` from Python's info() when it has one, else `name`. */
export function apiName(api, lang) {
  return (api.names && api.names[lang]) || api.name || api.id;
}

/** A count (an integer) with its digits grouped by threes, as English, Japanese and Chinese write it
 *  ("12,345"). Not toLocaleString: Intl's first use on a page loads the language's ICU data, 20-70 ms
 *  of the main thread here, and that landed in the first Send's answer. */
export const formatCount = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `text` cut to `max` characters, with `marker` on its own line when it was cut. */
export function shortened(text, max, marker) {
  const value = String(text);
  return value.length > max ? value.slice(0, max) + "\n" + marker : value;
}

// A character no header can carry (a line break, a full-width space), written out so it can be seen.
const shownCharacter = (c) => (c >= " " && c <= "~" ? c : `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);

/**
 * The header preview's text: `Name: value` exactly as Send sends it, the typed part masked unless
 * it is `visible` (the value is the scheme, a space and the key field's text), characters no header
 * can carry written out (such a header is not sent, and the preview says so), and past `max`
 * characters the rest counted, not shown (a pasted document must not push the page down).
 */
export function headerPreviewText(result, { visible, max, lang }) {
  const strings = STRINGS[lang] || STRINGS.en;
  if (!result.value) return strings.noHeader;
  const space = result.value.indexOf(" ");
  const typed = Array.from(result.value.slice(space + 1));
  const value = result.value.slice(0, space + 1) + (visible ? typed.map(shownCharacter).join("") : "•".repeat(typed.length));
  const rest = value.length - max;
  const text = rest > 0 ? value.slice(0, max) + fill(strings.moreCharacters, { count: formatCount(rest) }) : value;
  const sendable = typed.every((c) => c >= " " && c <= "~");
  return `${result.name}: ${text}${sendable ? "" : strings.headerNotSent}`;
}
