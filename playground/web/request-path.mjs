// A request's path from an operation of the sandbox's OpenAPI document (info()'s `operations`) and
// the values of its parameters, and the reverse: which operation a typed path is, with its values.
// Pure functions, no DOM (tests/js/request-path.test.mjs).

/** The longest parameter value the builder puts in a path (characters, before encoding). */
export const MAX_VALUE_CHARS = 2000;

// A lone UTF-16 surrogate cannot be written as UTF-8, so it has no percent-encoding.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An operation's key in the builder's choices and memory: its method and path template. */
export const operationKey = (operation) => `${operation.method} ${operation.template}`;

/**
 * Why `value` cannot be a parameter's value, as a code (`empty`, `dot`, `long`, `unencodable`),
 * or "" when it can. A path parameter's `.` or `..` would be resolved away by every URL parser
 * (even percent-encoded), so it is refused rather than sent somewhere else.
 */
export function valueProblem(parameter, value) {
  const text = String(value ?? "");
  if (!text) return parameter.in === "path" || parameter.required ? "empty" : "";
  if (text.length > MAX_VALUE_CHARS) return "long";
  if (LONE_SURROGATE.test(text)) return "unencodable";
  if (parameter.in === "path" && /^\.{1,2}$/.test(text)) return "dot";
  return "";
}

/**
 * The path (with its query string) for `operation` with `values` ({name: text}), every value
 * percent-encoded as UTF-8 (`/`, `?`, `#`, `&`, `=`, spaces and non-ASCII included); an empty
 * optional query parameter is left out. `{path}`, or `{path: null, problems: [{name, code}]}`.
 */
export function buildPath(operation, values) {
  const problems = [];
  for (const parameter of operation.parameters) {
    const code = valueProblem(parameter, values[parameter.name]);
    if (code) problems.push({ name: parameter.name, code });
  }
  if (problems.length) return { path: null, problems };
  const encoded = (name) => encodeURIComponent(String(values[name] ?? ""));
  const path = operation.template.replace(/\{(\w+)\}/g, (match, name) => encoded(name));
  const query = operation.parameters
    .filter((parameter) => parameter.in === "query" && String(values[parameter.name] ?? ""))
    .map((parameter) => `${encodeURIComponent(parameter.name)}=${encoded(parameter.name)}`);
  return { path: query.length ? `${path}?${query.join("&")}` : path, problems };
}

function decoded(text, plusIsSpace) {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, " ") : text);
  } catch (error) {
    return null; // a malformed escape such as %zz: not a value the builder can show
  }
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The operation's template as a regular expression, one group per path parameter, as the sandbox's
// routes have it (playground/_sandbox/routes.py, SandboxRoute.pattern): the trailing slash is
// optional, unless the operation's API redirects a path without it (`append_slash`, Django's APPEND_SLASH).
function templatePattern(operation) {
  const names = [];
  const strict = Boolean(operation.append_slash);
  const template = strict ? operation.template : operation.template.replace(/\/$/, "");
  const source = template.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part);
    if (!name) return escapeRegExp(part);
    names.push(name[1]);
    return "([^/]+)";
  }).join("");
  return { regex: new RegExp(strict ? `^${source}$` : `^${source}/?$`), names };
}

// The query string's values by name, or null when it names a parameter the operation does not
// declare, names one twice, or cannot be decoded: the builder's fields could not show it as typed.
function queryValues(operation, query) {
  const declared = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  const values = {};
  for (const piece of query.split("&")) {
    if (!piece) continue;
    const at = piece.indexOf("=");
    const name = decoded(at < 0 ? piece : piece.slice(0, at), true);
    const value = decoded(at < 0 ? "" : piece.slice(at + 1), true);
    if (name === null || value === null || !declared.has(name) || name in values) return null;
    values[name] = value;
  }
  return values;
}

/** The values `path` gives `operation`'s parameters ({name: text}, "" for a missing query value), or null. */
export function valuesFromPath(operation, path) {
  if (path.includes("#")) return null;
  const at = path.indexOf("?");
  const pathname = at < 0 ? path : path.slice(0, at);
  const { regex, names } = templatePattern(operation);
  const found = regex.exec(pathname);
  if (!found) return null;
  const query = queryValues(operation, at < 0 ? "" : path.slice(at + 1));
  if (!query) return null;
  const values = {};
  for (const [i, name] of names.entries()) {
    values[name] = decoded(found[i + 1], false);
    if (values[name] === null) return null;
  }
  for (const parameter of operation.parameters) {
    if (parameter.in === "query") values[parameter.name] = query[parameter.name] ?? "";
  }
  return values;
}

/**
 * The operation `method` + `path` is, with its parameters' values: `{operation, values}` or null.
 * A template without parameters wins over one whose parameter would swallow the same segment.
 */
export function matchOperation(operations, method, path) {
  const wanted = String(method || "").toUpperCase();
  const text = String(path || "").trim();
  const candidates = operations
    .filter((operation) => operation.method === wanted)
    .sort((a, b) => (a.template.match(/\{/g) || []).length - (b.template.match(/\{/g) || []).length);
  for (const operation of candidates) {
    const values = valuesFromPath(operation, text);
    if (values) return { operation, values };
  }
  return null;
}

/** The documented example values of `operation`'s parameters. */
export const exampleValues = (operation) =>
  Object.fromEntries(operation.parameters.map((parameter) => [parameter.name, parameter.example ?? ""]));
