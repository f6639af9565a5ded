// The request builder: the operations of the sandbox's OpenAPI document (info()'s `operations`),
// one picked from a select; its path and query parameters as labelled fields, which write the
// request's path (percent-encoded); and back: a typed path selects its operation and fills the
// fields, or is free-form. The path field stays the one truth of what is sent.
// What the reader typed for each operation (values, body) is kept, per API, while they look at another.
import { h } from "./dom.mjs";
import { buildPath, exampleValues, MAX_VALUE_CHARS, matchOperation, operationKey } from "./request-path.mjs";
import { fill, formatCount, localized } from "./strings.mjs";
import { LANG, nextId, T } from "./state.mjs";

const FREE = ""; // the free-form choice's value

const optionText = (operation) => `${operation.method} ${operation.template} — ${localized(operation.summary, LANG)}`;

function paramField(parameter, value, onInput) {
  const id = nextId(`param-${parameter.name}`);
  const errorId = `${id}-error`;
  const where = parameter.in === "path" ? T.pathParameter : parameter.required ? T.queryRequired : T.queryParameter;
  const input = h("input", { id, type: "text", autocomplete: "off", spellcheck: "false",
    class: "playground__param", "data-param": parameter.name, "data-in": parameter.in,
    // An empty optional field is left out of the request; its documented example is still in view.
    placeholder: parameter.example ? fill(T.exampleValue, { value: parameter.example }) : null });
  input.value = value;
  input.addEventListener("input", onInput);
  const error = h("p", { id: errorId, class: "playground__param-error", hidden: true });
  return h("div", { class: "playground__field" },
    h("label", { for: id }, h("code", { text: parameter.name }), fill(T.parameterWhere, { where })), input, error);
}

const fieldsOf = (b) => [...b.params.querySelectorAll(".playground__param")];
const valuesOf = (b) => Object.fromEntries(fieldsOf(b).map((input) => [input.dataset.param, input.value]));
const rememberedOf = (b) => (b.memory[b.api] ||= {});

// The request shown, kept under its operation (or as the free-form request) before another is shown.
function remember(b) {
  if (!b.api) return;
  const { methodSelect, pathInput, bodyInput } = b.c;
  // A body is the operation's once picked with it or typed for it, not one it was reached with by typing a path.
  if (b.current) rememberedOf(b)[operationKey(b.current)] = { values: valuesOf(b), body: b.bodyMine ? bodyInput.value : undefined };
  else rememberedOf(b)[FREE] = { method: methodSelect.value, path: pathInput.value, body: bodyInput.value };
}

function render(b, operation, shownValues) {
  b.current = operation;
  b.bodyMine = false;
  b.select.value = operation ? operationKey(operation) : FREE;
  b.params.replaceChildren(...(operation ? operation.parameters.map((p) => paramField(p, shownValues[p.name] ?? "", b.onParam)) : []));
  b.paramsGroup.hidden = !operation || !operation.parameters.length;
}

// Each field says what is wrong with its value; the path changes only when every value can be sent.
function check(b) {
  const built = buildPath(b.current, valuesOf(b));
  for (const input of fieldsOf(b)) {
    const problem = built.problems.find((p) => p.name === input.dataset.param);
    const error = input.nextElementSibling;
    error.hidden = !problem;
    error.textContent = problem ? fill(T.valueProblem[problem.code], { name: problem.name, max: formatCount(MAX_VALUE_CHARS) }) : "";
    if (problem) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", error.id); }
    else { input.removeAttribute("aria-invalid"); input.removeAttribute("aria-describedby"); }
  }
  return built;
}

// A typed path or method: the operation it is, with its values, or free-form.
function follow(b) {
  if (b.sticky) return;
  const found = matchOperation(b.operations, b.c.methodSelect.value, b.c.pathInput.value);
  if (found && b.current === found.operation) {
    for (const input of fieldsOf(b)) input.value = found.values[input.dataset.param] ?? "";
    check(b);
    return;
  }
  remember(b);
  render(b, found ? found.operation : null, found ? found.values : {});
  if (found) check(b);
}

// The reader picked an operation: what they left it with, else its documented examples. Free-form
// keeps the request shown, or brings back the free-form request left for an operation.
function pick(b) {
  const { methodSelect, pathInput, bodyInput } = b.c;
  const operation = b.operations.find((each) => operationKey(each) === b.select.value) || null;
  const leaving = b.current;
  const kept = rememberedOf(b)[operation ? operationKey(operation) : FREE];
  remember(b);
  b.sticky = !operation;
  render(b, operation, operation && kept ? kept.values : operation ? exampleValues(operation) : {});
  if (operation) {
    methodSelect.value = operation.method;
    bodyInput.value = kept && kept.body !== undefined ? kept.body : operation.body;
    b.bodyMine = true;
    pathInput.value = check(b).path ?? operation.path;
  } else if (leaving && kept) {
    methodSelect.value = kept.method;
    pathInput.value = kept.path;
    bodyInput.value = kept.body;
  }
  for (const control of [methodSelect, pathInput, bodyInput]) control.dataset.typed = "true";
  b.changed();
}

/** The builder of a request panel: `c` holds its method select, path input and body textarea. */
export function requestBuilder(c, changed) {
  const params = h("div", { class: "playground__params" });
  const b = {
    c, changed, params,
    select: h("select", { id: nextId("operation"), class: "playground__operation" }),
    paramsGroup: h("fieldset", { class: "playground__target playground__params-group", hidden: true },
      h("legend", { text: T.parameters }), params),
    operations: [], api: "",
    current: null, // the operation shown, or null (free-form)
    bodyMine: false, // the body shown belongs to that operation (picked with it, or typed)
    sticky: false, // the reader chose "free-form": a typed path does not pick an operation
    memory: {}, // per API, per operation key: the values and body the reader left it with
  };
  b.onParam = () => {
    const built = check(b);
    if (built.path !== null) c.pathInput.value = built.path;
    c.pathInput.dataset.typed = "true";
    changed();
  };
  b.select.addEventListener("change", () => pick(b));
  c.bodyInput.addEventListener("input", () => { b.bodyMine = true; });
  c.pathInput.addEventListener("input", () => follow(b));
  c.methodSelect.addEventListener("change", () => follow(b));

  return {
    select: b.select, paramsGroup: b.paramsGroup,

    // The operations of `apiInfo` (info()["apis"][id]), for show().
    use(apiInfo) {
      remember(b); // the request about to be replaced, under the API it belongs to
      if (b.api === apiInfo.id && b.select.options.length) return;
      b.api = apiInfo.id;
      b.operations = apiInfo.operations || [];
      b.select.replaceChildren(...b.operations.map((each) => h("option", { value: operationKey(each), text: optionText(each) })),
        h("option", { value: FREE, text: T.freeForm }));
    },

    // The method and path just shown: their operation (or free-form, as the reader left it).
    showing(state) {
      b.sticky = Boolean(state && state.sticky);
      const found = b.sticky ? null : matchOperation(b.operations, c.methodSelect.value, c.pathInput.value);
      render(b, found ? found.operation : null, found ? found.values : {});
      if (found) check(b);
    },

    state: () => ({ sticky: b.sticky }),

    // The first value that cannot be sent: `{input, message}`, or null.
    problem() {
      if (!b.current || check(b).path !== null) return null;
      const input = fieldsOf(b).find((each) => each.getAttribute("aria-invalid") === "true");
      return input ? { input, message: input.nextElementSibling.textContent } : null;
    },
  };
}
