// Copy text to the clipboard: the Clipboard API where the page may use it, else the older
// selection-and-execCommand way (an http:// page other than localhost has no navigator.clipboard).

function copyBySelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
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
