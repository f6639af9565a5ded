// "Use my key" in the page's code examples. The examples read the key from an environment
// variable; only when the reader asks does the key replace it in the shown (and so copied) code.
// Unticking restores the page's own HTML.

/** A key that fits in shell, Python and JavaScript as it is; any other key is never put in the examples. */
export const SAFE_KEY = /^[A-Za-z0-9._~+/=-]+$/;

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

const originalCode = new Map();

export function restorePageExamples() {
  for (const [code, html] of originalCode) code.innerHTML = html; // the page's own markup, saved below
  originalCode.clear();
}

export function fillPageExamples(envVar, key) {
  restorePageExamples();
  if (!envVar || !key || !SAFE_KEY.test(key)) return;
  // A tab set belongs to this API when one of its examples reads this API's variable.
  for (const set of document.querySelectorAll(".tabbed-set")) {
    if (!set.textContent.includes(envVar)) continue;
    for (const code of set.querySelectorAll("pre > code")) {
      const text = withKey(code.textContent, envVar, key);
      if (text === code.textContent) continue;
      originalCode.set(code, code.innerHTML);
      code.textContent = text;
    }
  }
}
