// The code panel's tabs: one per language the `code` operation answers with, an accessible
// tablist (arrow keys, Home and End move between tabs) and a copy button in each panel. The
// `python` panel holds the editable code area (its content is given, not built here).
import { copyButton } from "./copy-button.mjs";
import { h, scrollBox } from "./dom.mjs";
import { fill, localized } from "./strings.mjs";
import { LANG, nextId, T } from "./state.mjs";

function copyRow(label, text) {
  return h("div", { class: "playground__copy-row" }, ...copyButton(text, fill(T.copyLabel, { language: label })));
}

function keyboard(list, select) {
  list.addEventListener("keydown", (event) => {
    const tabs = Array.from(list.querySelectorAll("[role=tab]"));
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    select(tab.dataset.tab, true);
    tab.focus();
  });
}

/**
 * The tab set of a code panel. `editor` is the python panel's content (the code area and its
 * buttons) and `editorText()` what its copy button copies; `onSelect(id)` hears the reader's choice.
 */
export function codeTabs({ editor, editorText, onSelect }) {
  const list = h("div", { role: "tablist", class: "playground__tabs", "aria-label": T.codeTabs });
  const holder = h("div", { class: "playground__tabpanels" });
  const tabs = new Map(); // id -> { tab, panel, code }
  let selected = "python";

  function select(id, byReader) {
    if (!tabs.has(id)) return;
    selected = id;
    for (const [tabId, { tab, panel }] of tabs) {
      const on = tabId === id;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
    if (byReader) onSelect(id);
  }

  function build(answerTabs) {
    tabs.clear();
    list.replaceChildren();
    holder.replaceChildren();
    for (const spec of answerTabs) {
      const label = localized(spec.label, LANG);
      const tabId = nextId(`codetab-${spec.id}`), panelId = nextId(`codepanel-${spec.id}`);
      const tab = h("button", { type: "button", role: "tab", id: tabId, class: "playground__tab", "aria-controls": panelId,
        "data-tab": spec.id, text: label, onclick: () => select(spec.id, true) });
      const python = spec.id === "python";
      const code = python ? null : scrollBox(label, { class: `language-${spec.language}` });
      const text = python ? editorText : () => code.textContent;
      const panel = h("div", { role: "tabpanel", id: panelId, "aria-labelledby": tabId, class: "playground__tabpanel", "data-tab": spec.id },
        copyRow(label, text), python ? editor : h("pre", { class: "playground__snippet" }, code));
      list.append(tab);
      holder.append(panel);
      tabs.set(spec.id, { tab, panel, code });
    }
  }

  keyboard(list, select);
  // Before Python's first answer, the editor alone: code typed then is kept, as the form's fields are.
  build([{ id: "python", label: T.pythonTab, language: "python" }]);
  select("python");
  return {
    list,
    holder,
    get selected() { return selected; },
    /** Show the op's tabs: rebuilt when the set of tabs changes; the chosen tab stays chosen when it is there. */
    show(answerTabs, preferred) {
      const ids = answerTabs.map((tab) => tab.id).join(" ");
      if (ids !== Array.from(tabs.keys()).join(" ")) build(answerTabs);
      for (const spec of answerTabs) {
        const entry = tabs.get(spec.id);
        if (entry.code) entry.code.textContent = spec.code;
      }
      select(tabs.has(preferred) ? preferred : "python");
    },
  };
}
