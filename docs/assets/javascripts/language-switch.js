// Both languages share every heading anchor, so switching language keeps the reader's section too:
// the one in the URL while its heading is on screen, else the one being read (the last heading in
// the top quarter of the screen or above it). A reader who scrolled from the top of a page without
// an anchor once landed at the top of the other language's page.
function sectionBeingRead() {
  const named = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (named) {
    const top = named.getBoundingClientRect().top;
    if (top >= 0 && top < innerHeight) return location.hash;
  }
  if (scrollY === 0) return "";
  let id = "";
  for (const heading of document.querySelectorAll("article :is(h2, h3)[id]")) {
    if (heading.getBoundingClientRect().top > innerHeight / 4) break;
    id = heading.id;
  }
  return id ? "#" + encodeURIComponent(id) : location.hash;
}

// Set on every click, from the link's own page: a Ctrl- or middle-click leaves this page open,
// and the next click must not reuse the section written for the last one.
function followSection(event) {
  const link = event.target instanceof Element && event.target.closest("a[data-language-switch]");
  if (!link) return;
  link.dataset.page ||= link.href.split("#")[0];
  link.href = link.dataset.page + sectionBeingRead();
}
document.addEventListener("click", followSection);
document.addEventListener("auxclick", followSection);
