// Names and roles for three things Material for MkDocs builds at run time, which neither its
// configuration nor a template override can reach (axe-core checks them: tests/test_browser_a11y.py):
// - the search dialog (role="dialog") has no accessible name: it takes the search field's label;
// - every code block's copy button sits in its own <nav>, so a page has many unnamed navigation
//   landmarks for one button each: they become plain containers (role="none");
// - a code annotation's marker is a link with no text: it gets "Annotation N" in the page's language.
(() => {
  "use strict";

  const lang = (document.documentElement.lang || "").toLowerCase();
  const ANNOTATION = lang.startsWith("ja") ? "注釈" : lang.startsWith("zh") ? "註解" : "Annotation";

  function label(root) {
    for (const dialog of root.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
      const input = dialog.querySelector("input[aria-label]");
      if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
    }
    for (const nav of root.querySelectorAll("nav.md-code__nav:not([role])")) nav.setAttribute("role", "none");
    for (const index of root.querySelectorAll(".md-annotation__index:not([aria-label])")) {
      const id = index.querySelector("[data-md-annotation-id]");
      if (id) index.setAttribute("aria-label", `${ANNOTATION} ${id.dataset.mdAnnotationId}`);
    }
  }

  // Material mounts its components when document$ emits; its bundle subscribed before this script
  // ran, so by the time this subscriber runs, the elements are there. A code block is mounted (its
  // buttons, its annotations) when it comes into view (content.lazy, mkdocs.yml): those are
  // labelled as they come.
  const start = () => {
    label(document);
    const main = document.querySelector("main");
    if (!main) return;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) label(node.parentElement || node);
    }).observe(main, { childList: true, subtree: true });
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
