// JSON text cut into tokens for highlighting: the response view makes a span of each (text only,
// never HTML). Pure, no DOM (tests/js/json-tokens.test.mjs).

// One token at a time, from where the last one ended: a string (a key when a colon follows), a
// number, a literal, punctuation, white space, or any other character (text that is not JSON
// stays as it is, unhighlighted).
const TOKEN = /("(?:[^"\\\n]|\\.)*")(?=(\s*:)?)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)\b|([{}[\],:]+)|(\s+)|([^])/gy;

/**
 * `text` as `[{type, text}]`, in order; their texts joined are `text` exactly. Types: `key`,
 * `string`, `number`, `literal`, `punctuation`, `space`, `other`. Runs of `space`, `punctuation`
 * and `other` are merged, so that a pretty-printed body makes few nodes.
 */
export function jsonTokens(text) {
  const tokens = [];
  const push = (type, value) => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && (type === "space" || type === "punctuation" || type === "other")) last.text += value;
    else tokens.push({ type, text: value });
  };
  TOKEN.lastIndex = 0;
  const source = String(text);
  let found;
  while (TOKEN.lastIndex < source.length && (found = TOKEN.exec(source))) {
    const [, string, colon, number, literal, punctuation, space] = found;
    if (string !== undefined) push(colon !== undefined ? "key" : "string", string);
    else if (number !== undefined) push("number", number);
    else if (literal !== undefined) push("literal", literal);
    else if (punctuation !== undefined) push("punctuation", punctuation);
    else if (space !== undefined) push("space", space);
    else push("other", found[0]);
  }
  return tokens;
}
