// Both languages share every heading anchor, so switching language keeps the reader's section too.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-language-switch]");
  if (link && location.hash && !link.hash) {
    link.hash = location.hash;
  }
});
