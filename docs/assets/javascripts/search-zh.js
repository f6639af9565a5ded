// Chinese search, query side. Material's search cuts the pages' Chinese into words with jieba at
// build time (the index holds 身分\u200b驗證), and its worker cuts a query's runs of Han characters
// with the index's words too, but never ends a word at a run's last character (mkdocs-material
// 9.8.1 and 9.8.2: search worker, function fe, `o < t.length`): 「身分驗證」 was searched as 身分
// alone, and 「分頁」 as 分, wherever 分 is a word of its own. So the query is cut before it reaches
// the worker, with the same words: each run of Han characters, from the left, into the longest word
// the index holds (a character the index has in no word stays alone), a space between the words.
// Each word then reaches the worker as a run of its own, which it keeps whole, or as its longest
// prefix that is a word, with Material's trailing wildcard (金* still finds 金鑰). Also:
// - NFKC first: an input method in full-width mode types "ＡＰＩ金鑰" or "４０１".
// - Function words (的, 和, 與, ...) are dropped from a cut phrase: 「金鑰的取得」 searched, and
//   highlighted, every 的 on the site. A query of function words alone is kept.
// The words come from the index Material's page hands its worker (message type 0), so this script
// needs no request of its own. Loaded only by the zh-TW build (mkdocs.zh-TW.yml).
(() => {
  // Material's search worker protocol: type 0 sets up the index (data.docs), type 2 is a query.
  const SETUP = 0;
  const QUERY = 2;
  const han = /[\u3400-\u9fff\uf900-\ufaff]/;
  const runs = /[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g;
  const functionWords = new Set(["的", "和", "與", "及", "或", "在", "是", "之", "了", "把", "被", "對"]);

  const words = new Set();
  let longest = 1;

  const learn = (docs) => {
    for (const doc of docs) {
      for (const word of `${doc.title || ""}\u200b${doc.text || ""}`.split(/[^\u3400-\u9fff\uf900-\ufaff]+|\u200b/)) {
        if (word.length > 1 && !words.has(word)) {
          words.add(word);
          longest = Math.max(longest, word.length);
        }
      }
    }
  };

  // Forward maximum matching over the index's words.
  const cut = (run) => {
    const parts = [];
    for (let start = 0; start < run.length; ) {
      let end = Math.min(run.length, start + longest);
      while (end > start + 1 && !words.has(run.slice(start, end))) end -= 1;
      parts.push(run.slice(start, end));
      start = end;
    }
    return parts;
  };

  const segmentWord = (word) => {
    const parts = word.match(runs).flatMap((run) => (han.test(run) ? cut(run) : [run]));
    const kept = parts.filter((part) => !functionWords.has(part));
    return kept.length ? kept : parts;
  };

  const segment = (query) =>
    query
      .normalize("NFKC")
      .split(/\s+/)
      .flatMap((word) => (word ? segmentWord(word) : []))
      .join(" ");

  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
      learn(message.data.docs);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      message = { ...message, data: segment(message.data) };
    }
    return postMessage.call(this, message, ...rest);
  };
})();
