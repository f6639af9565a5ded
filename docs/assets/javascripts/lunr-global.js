// tinyseg.js attaches TinySegmenter to a global `lunr`; the page itself has none (lunr lives in
// Material's search worker), so give it one to attach to.
window.lunr = window.lunr || {};
