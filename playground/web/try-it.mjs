// "Try it" under the page's code examples (docs/hooks.py adds one to each tab set that shows a
// documented request). Each is a link whose fragment holds the request (share-link.mjs), to this
// page when it has a playground, else to the playground page: it works as a plain link too. On a
// page with a playground, a click loads the request here and brings the form into view, without
// leaving the page; Ctrl/Cmd/Shift-click still opens the link as the browser would.
import { bringIntoView, whenFormReady } from "./load-request.mjs";
import { openRequest, readFragment } from "./share-link.mjs";

export const TRY_IT_LINK = "a.playground-tryit";

let claimed = false; // the page's first playground answers its Try it links

/** Answer the page's Try it links with `form`'s playground; `status` says what was loaded. */
export function mountTryIt(form, status) {
  if (claimed) return;
  claimed = true;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(TRY_IT_LINK) : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    bringIntoView(form); // at once: until Python is ready, the line that says it is loading is there
    whenFormReady(form).then(() => {
      const found = readFragment(new URL(link.href).hash, form.state.info);
      if (found) openRequest(form, status, found);
    });
  });
}
