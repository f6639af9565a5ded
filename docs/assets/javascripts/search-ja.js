// Japanese search, query side. Material's search worker splits the indexed text into words with
// TinySegmenter (lunr.ja), but in the query it only splits runs of kanji: a phrase typed without
// spaces, such as "キーの取得" or "ベアラー認証", stays one term and finds nothing (checked in
// tests/test_browser_site.py). Segment the query with the same TinySegmenter before it reaches
// the worker, so both sides agree. Also:
// - NFKC first: an input method in full-width mode types "ＡＰＩキー" or "４０１", and half-width
//   katakana "ｷｰ"; the pages say "APIキー", "401", "キー".
// - Only runs of kana and kanji are segmented: TinySegmenter would cut "401エラー" into
//   "4 0 1 エラー", and each digit then matched (and was highlighted) everywhere.
// - Particles (の, を, は, ...) are dropped from a segmented phrase: "キーの取得" searched and
//   highlighted every の on the page. A query of particles alone is kept.
// Only the Japanese build has it (mkdocs.ja.yml), in a bundle that runs before Material's own copy
// of tinyseg.js: the segmenter is looked up at the first query, and a query typed before it is
// there goes as typed.
(() => {
  let segmenter = null;
  const segmenterReady = () => {
    const Segmenter = window.lunr && window.lunr.TinySegmenter;
    if (!segmenter && Segmenter) segmenter = new Segmenter();
    return segmenter !== null;
  };
  const runs = /[\u3040-\u30ff\u3400-\u9fff]+|[^\u3040-\u30ff\u3400-\u9fff]+/g;
  const japanese = /^[\u3040-\u30ff\u3400-\u9fff]/;
  const particles = new Set(["の", "を", "は", "が", "に", "へ", "と", "で", "も", "や", "から", "まで", "より"]);

  const segmentWord = (word) => {
    const parts = word.match(runs).flatMap((run) => (japanese.test(run) ? segmenter.segment(run) : [run]));
    const words = parts.filter((part) => !particles.has(part));
    return words.length ? words : parts;
  };

  const segment = (query) => query.normalize("NFKC").split(/\s+/).flatMap((word) => (word ? segmentWord(word) : [])).join(" ");

  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    // Material's search worker protocol: type 2 is a query, its data the query string.
    if (message && message.type === 2 && typeof message.data === "string" && segmenterReady()) {
      message = { ...message, data: segment(message.data) };
    }
    return postMessage.call(this, message, ...rest);
  };
})();
