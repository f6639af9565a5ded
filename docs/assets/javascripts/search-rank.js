// Search results for a word the index splits: the pages that hold all of it first. A reader who
// types one word, 「ページ分割」, "Api-Key" or 「APIキーの生成」, asks for all of it, but the search
// finds its parts (ページ + 分割) one by one, and Material's worker ranks a section whose title holds
// one part far above one whose text holds them all (the title field weighs 1000 times the text):
// 「ページ分割」 listed "はじめに読むページ" (a title with ページ) above the three pages that say
// ページ分割, and 「認証失敗」 put the one row that says it fourth, under every page titled 認証.
// lunr has no phrase query, and Material's own phrase syntax (quotes: every word required) drops
// the other pages instead of ranking them lower. So, for a query of one word, the worker's answer is
// reordered before Material renders it: in each page, the sections that matched more of the word's
// parts first, and of those the ones that hold the word as typed (after the Japanese rewrite,
// 「Api-Key」 listed AIGNE Hub, which holds API and キー, above the MaiAgent page that says Api-Key);
// then the pages by their first section. Otherwise Material's order stands, and no
// result is dropped. Queries of several words keep Material's order, which already weighs how many
// of them a section holds (ranking them by that first put the API reference, a long page with every
// common word, second for "generate api key": tests/test_search_ranking.py measures both).
// Every build loads it (extra_javascript), after any script that rewrites the query (search-ja.js),
// so it sees the query as typed. Material's bundle listens to its search worker before any of these
// scripts runs, so the answer is reordered where every listener reads it: MessageEvent's data.
(() => {
  // Material's search worker protocol: type 2 is a query (data: the query string), type 3 its
  // answer (data.items: one list of sections per page). The worker answers queries in order.
  const QUERY = 2;
  const RESULT = 3;

  // Material marks each query word a section matched (terms: {word: true}); a missing one false.
  const matched = (section) => Object.values(section.terms || {}).filter(Boolean).length;

  // A stable sort, most matched words first.
  const byMatched = (list, count) =>
    list
      .map((value, index) => ({ value, index, count: count(value) }))
      .sort((a, b) => b.count - a.count || a.index - b.index)
      .map(({ value }) => value);

  // White space and markup aside, lower case: "API キー" holds APIキー, <mark>Api</mark>-Key holds api-key,
  // and the zh-TW index's 身分\u200b驗證 (jieba's word breaks) holds 身分驗證; "ＡＰＩ" typed is API.
  const squash = (text) =>
    String(text || "")
      .normalize("NFKC")
      .replace(/<[^>]*>/g, "")
      .replace(/[\s\u200b]+/g, "")
      .toLowerCase();

  // A section that holds the word as typed ranks above one that holds only its parts.
  const holds = (word) => (section) => squash(`${section.title} ${section.text}`).includes(word);

  const oneWord = []; // for each query sent and not yet answered: the word typed, or null for several

  const isResult = (message) =>
    message && message.type === RESULT && message.data && Array.isArray(message.data.items);

  const rank = (message) => {
    const word = oneWord.shift();
    if (!word) return;
    const whole = holds(word);
    // In a page, most parts matched first and, of those, the sections that hold the whole word.
    const pages = message.data.items.map((sections) =>
      byMatched(sections, (section) => 2 * matched(section) + (whole(section) ? 1 : 0)),
    );
    // Pages: most parts matched first; then the best score Material gave a section with that many,
    // doubled when one of those holds the whole word (as a search engine weighs an exact phrase),
    // so that the page boosts still count.
    const weight = (sections) => {
      const best = sections.filter((section) => matched(section) === matched(sections[0]));
      const score = Math.max(...best.map((section) => section.score || 0));
      return score * (best.some(whole) ? 2 : 1);
    };
    message.data.items = byMatched(pages, (sections) => matched(sections[0])).sort(
      (a, b) => matched(b[0]) - matched(a[0]) || weight(b) - weight(a),
    );
  };

  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      const typed = message.data.trim();
      oneWord.push(/\s/.test(typed) ? null : squash(typed));
    }
    return postMessage.call(this, message, ...rest);
  };

  // An event's data is one object, whichever listener reads it and however often: rank it once.
  const ranked = new WeakSet();
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data");
  Object.defineProperty(MessageEvent.prototype, "data", {
    ...data,
    get() {
      const message = data.get.call(this);
      if (isResult(message) && !ranked.has(message)) {
        ranked.add(message);
        rank(message);
      }
      return message;
    },
  });
})();
