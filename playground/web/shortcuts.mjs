// The keyboard shortcut: Ctrl+Enter (⌘+Enter on a Mac) sends from any field of the request form and
// runs the code in the code editor; each button shows it, with the modifier of the reader's system.
import { h } from "./dom.mjs";

/** Whether the reader's system is Apple's, where the shortcut's modifier is ⌘ (Command). */
export const isMac = () =>
  /Mac|iPhone|iPad|iPod/.test((navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || navigator.userAgent || "");

/** Whether a keydown is the shortcut: Enter with Ctrl or ⌘ (either works everywhere), not while composing text. */
export const isShortcut = (event) =>
  event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && !event.isComposing;

/** The shortcut for aria-keyshortcuts. */
export const ariaShortcut = () => (isMac() ? "Meta+Enter" : "Control+Enter");

/** A hint such as "Ctrl+Enter sends": `template` with `{keys}` shown as <kbd> keys. */
export function shortcutHint(template) {
  const [before, after = ""] = template.split("{keys}");
  return h("span", { class: "playground__shortcut" }, before,
    h("kbd", { text: isMac() ? "⌘" : "Ctrl" }), "+", h("kbd", { text: "Enter" }), after);
}
