// Copying: the one way the playground puts text on the clipboard, and the "Copy" button that says
// so, in the page's language, in a status next to it (read out by screen readers, then cleared).
import { h } from "./dom.mjs";
import { T } from "./state.mjs";

const SHOWN_FOR_MS = 2500;

// An http:// page other than localhost has no navigator.clipboard: the older selection way.
function copyBySelection(text) {
  const area = h("textarea", { readonly: "", class: "playground__copy-source" });
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  const focused = document.activeElement;
  area.select();
  let copied;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    copied = false;
  }
  area.remove();
  if (focused && typeof focused.focus === "function") focused.focus();
  return copied;
}

/** Copy `text`; resolves to whether it was copied. */
export async function copyText(text) {
  if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      // Refused (no permission, page not focused): the selection way may still work.
    }
  }
  return copyBySelection(text);
}

/** `[button, status]`: the button copies `text()` (called on click, so it copies what is current). */
export function copyButton(text, label) {
  const status = h("span", { class: "playground__copied", role: "status" });
  let timer = null;
  const button = h("button", { type: "button", class: "md-button playground__small playground__copy", text: T.copy,
    "aria-label": label || T.copy,
    onclick: async () => {
      const copied = await copyText(text());
      status.textContent = copied ? T.copied : T.copyFailed;
      status.dataset.ok = String(copied);
      clearTimeout(timer);
      // A failure stays longer: the reader has to act on it.
      timer = setTimeout(() => { status.textContent = ""; }, copied ? SHOWN_FOR_MS : SHOWN_FOR_MS * 4);
    } });
  return [button, status];
}
