// The page's code examples, personalised on the reader's request, in two ways that compose:
// - "Use my key": the examples read the key from an environment variable; only when the reader asks
//   does the key replace it in the shown (and so copied) code;
// - a chosen live base URL: the examples of that API show it instead of the documented one, until
//   the reader returns to the sandbox.
// Each code block's text is rebuilt from the page's own text, through textContent (never HTML); a
// block neither personalisation changes gets the page's own HTML (its highlighting) back.

/** A key that fits in shell, Python and JavaScript as it is; any other key is never put in the examples. */
export const SAFE_KEY = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * A base URL that fits in shell, Python and JavaScript as it is: http(s), a host, a port and a plain
 * path, without a query, quotes, `$` or spaces. Any other URL is never put in the examples.
 */
export const SAFE_BASE = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~%/-]*)?$/;

/** An example's code with the key in place of where it reads `envVar` (and of YOUR_API_KEY). */
export function withKey(text, envVar, key) {
  const literal = JSON.stringify(key);
  const patterns = [
    [`os.environ["${envVar}"]`, literal],
    [`process.env.${envVar}`, literal],
    [`$${envVar}`, key],
    [/\bYOUR_API_KEY\b/g, key],
  ];
  let result = text;
  for (const [pattern, value] of patterns) {
    result = typeof pattern === "string" ? result.split(pattern).join(value) : result.replace(pattern, value);
  }
  return result;
}

/** The documented origin a live base URL stands for: `https://api.maiagent.ai/` -> `https://api.maiagent.ai`. */
export const originOf = (liveBaseUrl) => String(liveBaseUrl || "").replace(/\/+$/, "");

/**
 * The base URL to show in place of `origin`, or "" when none fits: the typed URL, trimmed of spaces
 * and trailing slashes (the examples add the path after it), when SAFE_BASE accepts it.
 */
export function shownBase(typed) {
  const base = String(typed || "").trim().replace(/\/+$/, "");
  return SAFE_BASE.test(base) ? base : "";
}

/** An example's code with each documented origin replaced by the base URL chosen for it. */
export function withBases(text, bases) {
  let result = text;
  for (const [origin, base] of bases) result = result.split(origin).join(base);
  return result;
}

const originalCode = new Map(); // code element -> the page's own { html, text }
let pageKey = null; // { envVar, key } while the reader shows their key in the examples
const bases = new Map(); // documented origin -> the chosen live base URL

const textOf = (code) => (originalCode.has(code) ? originalCode.get(code).text : code.textContent);

// The snippets: a tab set's code, and every other code block but the documented JSON bodies (their
// URLs are the real API's answer) and the playground's own.
function exampleBlocks() {
  const blocks = [];
  for (const code of document.querySelectorAll("pre > code")) {
    if (code.closest(".playground, .playground-reproduce, .language-json, .language-jsonc")) continue;
    blocks.push({ code, set: code.closest(".tabbed-set") });
  }
  return blocks;
}

function personalise() {
  // A tab set belongs to an API when one of its examples reads that API's variable.
  const setText = new Map();
  for (const { code, set } of exampleBlocks()) {
    if (set && !setText.has(set)) setText.set(set, Array.from(set.querySelectorAll("pre > code"), textOf).join("\n"));
    const original = textOf(code);
    let text = original;
    if (pageKey && set && setText.get(set).includes(pageKey.envVar)) text = withKey(text, pageKey.envVar, pageKey.key);
    text = withBases(text, bases);
    if (text !== original) {
      if (!originalCode.has(code)) originalCode.set(code, { html: code.innerHTML, text: original });
      code.textContent = text;
    } else if (originalCode.has(code)) {
      code.innerHTML = originalCode.get(code).html; // the page's own markup, saved above
      originalCode.delete(code);
    }
  }
}

/** The examples without the reader's key (their base URLs stay as chosen). */
export function restorePageExamples() {
  pageKey = null;
  personalise();
}

/** The examples of the API whose variable is `envVar` show `key` (when SAFE_KEY accepts it). */
export function fillPageExamples(envVar, key) {
  pageKey = envVar && key && SAFE_KEY.test(key) ? { envVar, key } : null;
  personalise();
}

/**
 * The examples show `base` where they have `origin` (an API's documented origin, see originOf);
 * an empty `base` gives them back their documented URL. Returns whether the examples show `base`.
 */
export function setPageBase(origin, base) {
  const shown = shownBase(base);
  if (!origin || bases.get(origin) === (shown || undefined)) return Boolean(shown);
  if (shown && shown !== origin) bases.set(origin, shown);
  else bases.delete(origin);
  personalise();
  return Boolean(shown);
}
