// "Reproduce" next to a documented example: the sandbox's actual answer beside the documented one.
import { h, headingTag, isBusy, scrollBox, setBusy } from "./dom.mjs";
import { responseView } from "./response-panel.mjs";
import { loadingStatus } from "./status-line.mjs";
import { fill, localized } from "./strings.mjs";
import { LANG, T } from "./state.mjs";
import { callErrorText } from "./worker-client.mjs";

function comparison(result, heading) {
  return [
    h("p", { class: "playground-reproduce__verdict " + (result.equal ? "playground--equal" : "playground--different"),
      "data-equal": String(result.equal), text: (result.equal ? "✓ " : "✗ ") + (result.equal ? T.equal : T.different) }),
    h("p", { class: "playground__meta", text: `${result.request.method} ${result.request.url}` +
      result.request.headers.map(([k, v]) => `\n${k}: ${v}`).join("") }),
    h("div", { class: "playground-reproduce__columns" },
      h("section", {}, h(heading, { class: "playground__heading", text: `${T.documented}${T.colon}${result.documented_status}` }),
        h("pre", {}, scrollBox(T.documented, { class: "playground-reproduce__documented", text: result.documented }))),
      h("section", {}, h(heading, { class: "playground__heading", text: T.actual }), responseView(result))),
  ];
}

export function mountReproduce(root, python) {
  const exampleId = root.dataset.example;
  const heading = headingTag(root);
  const output = h("div", { class: "playground-reproduce__result", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "md-button playground-reproduce__button", text: T.reproduce });
  const status = loadingStatus(python);
  status.hidden = true;
  python.listeners.add((state) => { if (state !== "failed" && !button.dataset.clicked) status.hidden = true; });
  python.info().then((info) => {
    const example = info.apis && info.examples[exampleId];
    if (example) button.setAttribute("aria-label", fill(T.reproduceLabel, { title: localized(example.title, LANG) }));
  }, () => {});
  button.addEventListener("click", async () => {
    if (isBusy(button)) return;
    button.dataset.clicked = "1";
    setBusy(button, true);
    status.hidden = python.state === "ready";
    output.replaceChildren();
    try {
      const result = await python.call({ op: "reproduce", example_id: exampleId });
      if (!result.ok) {
        output.append(responseView(result));
        return;
      }
      root.dataset.equal = String(result.equal);
      output.append(...comparison(result, heading));
    } catch (error) {
      output.append(h("p", { class: "playground__error", role: "alert", text: callErrorText(error, python) }));
    } finally {
      setBusy(button, false);
    }
  });
  root.replaceChildren(h("div", { class: "playground-reproduce__bar" }, button, status), output);
}
