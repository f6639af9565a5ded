// DOM helpers of the playground: elements are built from text only, never from HTML.

/** A new `tag` element: `props` are attributes (`class`, `text`, `on<event>` and properties too), then children. */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** `code` spans in the package's messages become <code> elements, built from text. */
export function richText(text) {
  return String(text).split("`").map((part, i) => (i % 2 ? h("code", { text: part }) : document.createTextNode(part)));
}

// A box that scrolls must be reachable by keyboard, to scroll it (Safari does not make scrolling
// boxes focusable by itself). As Material does for its code blocks, a box becomes a Tab stop,
// named by its label, only while its content overflows.
const scrollLabels = new WeakMap();
const scrollWatch = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (!target.isConnected) { scrollWatch.unobserve(target); continue; }
    if (target.scrollHeight > target.clientHeight + 1 || target.scrollWidth > target.clientWidth + 1) {
      target.tabIndex = 0;
      target.setAttribute("role", "group");
      target.setAttribute("aria-label", scrollLabels.get(target));
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) target.removeAttribute(name);
    }
  }
}) : null;

/** A <code> box that becomes a named Tab stop while its content overflows. */
export function scrollBox(label, props) {
  const code = h("code", props);
  scrollLabels.set(code, label);
  if (scrollWatch) scrollWatch.observe(code);
  return code;
}

// The playground's own headings go one level below the page heading just before it, so the
// page's outline has no gap (an h4 straight after an h2 would skip a level).
export function headingTag(root) {
  let level = 1;
  for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (root.contains(heading) || !(root.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
    level = Number(heading.tagName[1]);
  }
  return `h${Math.min(level + 1, 6)}`;
}

// An answer that appears below the bottom of the screen looks like no answer at all (on a phone,
// Send and Run often sit near that edge): bring its first lines into view. Nothing moves when
// it is already in view.
export function reveal(node) {
  const top = node.getBoundingClientRect().top;
  if (top >= 0 && top <= innerHeight - 120) return;
  const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
  scrollBy({ top: top - innerHeight * 0.3, behavior: smooth ? "smooth" : "auto" });
}

// A busy button stays focusable (aria-disabled, not disabled): a disabled button drops keyboard
// focus to the page's body, and a screen reader loses its place. Its handler ignores it meanwhile.
export function setBusy(button, busy) {
  if (busy) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

export const isBusy = (button) => button.getAttribute("aria-disabled") === "true";

/** A labelled form field: its label, its control, and anything that goes with it (a datalist). */
export const field = (label, id, control, extra) =>
  h("div", { class: "playground__field" }, h("label", { for: id, text: label }), control, extra || null);
