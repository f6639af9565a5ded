// The request builder's paths (playground/web/request-path.mjs): building a path from an
// operation and its parameters' values, encoding hostile values, and reading a typed path back.
import assert from "node:assert/strict";
import { test } from "node:test";

import { buildPath, exampleValues, matchOperation, MAX_VALUE_CHARS, operationKey, valueProblem, valuesFromPath }
  from "../../playground/web/request-path.mjs";

const LIST = { method: "GET", template: "/api/v1/chatbots/", parameters: [
  { name: "page", in: "query", example: "1", required: false },
  { name: "pageSize", in: "query", example: "2", required: false }] };
const CREATE = { method: "POST", template: "/api/v1/chatbots/", parameters: [] };
const ONE = { method: "GET", template: "/api/v1/chatbots/{chatbotId}/", parameters: [
  { name: "chatbotId", in: "path", example: "1af8b729", required: true }] };
const FILES = { method: "POST", template: "/api/v1/knowledge-bases/{kb}/files/", parameters: [
  { name: "kb", in: "path", example: "4b1f", required: true }] };
const OPERATIONS = [LIST, CREATE, ONE, FILES];

test("the documented examples build the documented path", () => {
  assert.deepEqual(buildPath(ONE, exampleValues(ONE)), { path: "/api/v1/chatbots/1af8b729/", problems: [] });
  assert.equal(buildPath(LIST, exampleValues(LIST)).path, "/api/v1/chatbots/?page=1&pageSize=2");
  assert.equal(buildPath(CREATE, {}).path, "/api/v1/chatbots/");
  assert.equal(operationKey(ONE), "GET /api/v1/chatbots/{chatbotId}/");
});

test("an empty optional query parameter is left out", () => {
  assert.equal(buildPath(LIST, { page: "", pageSize: "5" }).path, "/api/v1/chatbots/?pageSize=5");
  assert.equal(buildPath(LIST, { page: "", pageSize: "" }).path, "/api/v1/chatbots/");
  assert.equal(buildPath(LIST, {}).path, "/api/v1/chatbots/");
});

test("hostile values are percent-encoded, never spliced into the path as they are", () => {
  const cases = {
    "a/b": "a%2Fb", "a?b=c": "a%3Fb%3Dc", "x#frag": "x%23frag", "a b": "a%20b", "a&b": "a%26b",
    "チャット": "%E3%83%81%E3%83%A3%E3%83%83%E3%83%88", "%2e%2e": "%252e%252e", "../x": "..%2Fx",
    "\n\r\t": "%0A%0D%09", "😀": "%F0%9F%98%80",
  };
  for (const [value, encoded] of Object.entries(cases)) {
    assert.equal(buildPath(ONE, { chatbotId: value }).path, `/api/v1/chatbots/${encoded}/`, value);
    assert.equal(buildPath(LIST, { page: value }).path, `/api/v1/chatbots/?page=${encoded}`, value);
  }
});

test("values that cannot be a path's are refused with a reason, not sent", () => {
  assert.deepEqual(buildPath(ONE, { chatbotId: "" }), { path: null, problems: [{ name: "chatbotId", code: "empty" }] });
  for (const dots of [".", ".."]) assert.deepEqual(buildPath(ONE, { chatbotId: dots }).problems, [{ name: "chatbotId", code: "dot" }]);
  assert.equal(buildPath(LIST, { page: ".." }).path, "/api/v1/chatbots/?page=..");  // harmless in a query
  assert.equal(valueProblem(ONE.parameters[0], "x".repeat(MAX_VALUE_CHARS)), "");
  assert.equal(valueProblem(ONE.parameters[0], "x".repeat(MAX_VALUE_CHARS + 1)), "long");
  assert.equal(valueProblem(LIST.parameters[0], "a\uD800b"), "unencodable");
  assert.equal(valueProblem(LIST.parameters[0], "\uDC00"), "unencodable");
  assert.equal(valueProblem(LIST.parameters[0], "😀"), "");
  assert.equal(valueProblem({ name: "q", in: "query", required: true }, ""), "empty");
  assert.deepEqual(buildPath(LIST, { page: "\uD800", pageSize: "y".repeat(MAX_VALUE_CHARS + 5) }).problems,
    [{ name: "page", code: "unencodable" }, { name: "pageSize", code: "long" }]);
});

test("a typed path maps back to its operation, with its values decoded", () => {
  assert.deepEqual(matchOperation(OPERATIONS, "GET", "/api/v1/chatbots/?page=3&pageSize=4"),
    { operation: LIST, values: { page: "3", pageSize: "4" } });
  assert.deepEqual(matchOperation(OPERATIONS, "get", "/api/v1/chatbots"), { operation: LIST, values: { page: "", pageSize: "" } });
  assert.deepEqual(matchOperation(OPERATIONS, "POST", "/api/v1/chatbots/"), { operation: CREATE, values: {} });
  assert.deepEqual(matchOperation(OPERATIONS, "GET", "/api/v1/chatbots/a%2Fb%20c/"),
    { operation: ONE, values: { chatbotId: "a/b c" } });
  assert.deepEqual(matchOperation(OPERATIONS, "GET", "/api/v1/chatbots/?page=a+b&pageSize=%E3%83%81"),
    { operation: LIST, values: { page: "a b", pageSize: "チ" } });
  assert.deepEqual(matchOperation(OPERATIONS, "POST", " /api/v1/knowledge-bases/k1/files/ "),
    { operation: FILES, values: { kb: "k1" } });
});

test("a path no operation declares is free-form", () => {
  const free = [
    ["GET", "/api/v1/my-custom/"], ["DELETE", "/api/v1/chatbots/x/"], ["GET", "/api/v1/chatbots/?foo=1"],
    ["GET", "/api/v1/chatbots/?page=1&page=2"], ["GET", "/api/v1/chatbots/%zz/"], ["GET", "/api/v1/chatbots/?page=%zz"],
    ["GET", "/api/v1/chatbots/a/b/"], ["GET", "/api/v1/chatbots/#x"], ["GET", ""], ["PATCH", "/api/v1/chatbots/"],
  ];
  for (const [method, path] of free) assert.equal(matchOperation(OPERATIONS, method, path), null, `${method} ${path}`);
});

test("the trailing slash is required where the API redirects a path without it, optional elsewhere", () => {
  // MaiAgent (Django's APPEND_SLASH) answers 301 to a path without its slash: not the operation, free-form.
  const strictList = { ...LIST, append_slash: true };
  const strictOne = { ...ONE, append_slash: true };
  const django = [strictList, strictOne];
  assert.equal(matchOperation(django, "GET", "/api/v1/chatbots"), null);
  assert.equal(matchOperation(django, "GET", "/api/v1/chatbots?page=2"), null);
  assert.equal(matchOperation(django, "GET", "/api/v1/chatbots/1af8b729"), null);
  assert.deepEqual(matchOperation(django, "GET", "/api/v1/chatbots/?page=2"),
    { operation: strictList, values: { page: "2", pageSize: "" } });
  assert.deepEqual(matchOperation(django, "GET", "/api/v1/chatbots/1af8b729/"),
    { operation: strictOne, values: { chatbotId: "1af8b729" } });
  assert.deepEqual(valuesFromPath(strictOne, buildPath(strictOne, { chatbotId: "x y" }).path), { chatbotId: "x y" });
  // AIGNE Hub (Express, non-strict routing) answers with and without it.
  const chat = { method: "POST", template: "/api/v1/chat/completions", parameters: [], append_slash: false };
  assert.deepEqual(matchOperation([chat], "POST", "/api/v1/chat/completions/"), { operation: chat, values: {} });
  assert.deepEqual(matchOperation([chat], "POST", "/api/v1/chat/completions"), { operation: chat, values: {} });
});

test("what the builder builds maps back to the same values", () => {
  const values = { chatbotId: "a/b?c#d&e=f é 😀 %41" };
  const { path } = buildPath(ONE, values);
  assert.deepEqual(valuesFromPath(ONE, path), values);
  const query = { page: "x&y=z+w", pageSize: "ü ?#" };
  assert.deepEqual(matchOperation(OPERATIONS, "GET", buildPath(LIST, query).path), { operation: LIST, values: query });
});
