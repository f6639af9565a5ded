// The status line shown while Python loads, replaced by a message (and "Try again") when it fails.
import { h } from "./dom.mjs";
import { fill } from "./strings.mjs";
import { T } from "./state.mjs";

export function loadingStatus(python) {
  const text = h("span");
  const bar = h("progress", { "aria-hidden": "true" });
  // After a failed load the reader can try again without reloading the page (and losing what they typed).
  const retry = h("button", { type: "button", class: "md-button playground__retry", text: T.retry, onclick: () => python.restart() });
  const line = h("p", { class: "playground__loading", role: "status" }, bar, " ", text, " ", retry);
  const update = (state, stage, detail) => {
    line.hidden = state === "ready" || state === "idle";
    line.classList.toggle("playground__loading--failed", state === "failed");
    bar.hidden = state !== "loading";
    retry.hidden = state !== "failed";
    text.textContent = state === "failed" ? fill(T.loadFailed, { detail })
      : python.crashed ? T.restarting
      : stage === "package" ? T.loadingPackage : T.loadingPython;
  };
  python.listeners.add(update);
  update(python.state, python.stage, python.detail);
  return line;
}
