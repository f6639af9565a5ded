// A "Copy" button that puts a text on the clipboard and says so, in the page's language, in a
// status next to it (read out by screen readers, then cleared).
import { h } from "./dom.mjs";
import { T } from "./state.mjs";

const SHOWN_FOR_MS = 2500;

/** `[button, status]`: the button copies `text()` (called on click, so it copies what is current). */
export function copyButton(text, label) {
  const status = h("span", { class: "playground__copied", role: "status" });
  let timer = null;
  const say = (message) => {
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, SHOWN_FOR_MS);
  };
  const button = h("button", { type: "button", class: "md-button playground__small playground__copy", text: T.copy,
    "aria-label": label || T.copy,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text());
        say(T.copied);
      } catch (error) {
        say(T.copyFailed); // no clipboard (an insecure origin, a denied permission)
      }
    } });
  return [button, status];
}
