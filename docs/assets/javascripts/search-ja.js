// Japanese search, query side. Material's search worker splits the indexed text into words with
// TinySegmenter (lunr.ja), but in the query it only splits runs of kanji: a phrase typed without
// spaces, such as "キーの取得" or "ベアラー認証", stays one term and finds nothing (checked in
// tests/test_browser_site.py). Segment the query with the same TinySegmenter before it reaches
// the worker, so both sides agree.
// Loaded only by the Japanese build, after Material's own copy of tinyseg.js.
(() => {
  const Segmenter = window.lunr && window.lunr.TinySegmenter;
  if (!Segmenter) return;
  const segmenter = new Segmenter();
  const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

  const segment = (query) =>
    query
      .split(/\s+/)
      .map((word) => (japanese.test(word) ? segmenter.segment(word).join(" ") : word))
      .join(" ");

  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    // Material's search worker protocol: type 2 is a query, its data the query string.
    if (message && message.type === 2 && typeof message.data === "string") {
      message = { ...message, data: segment(message.data) };
    }
    return postMessage.call(this, message, ...rest);
  };
})();
