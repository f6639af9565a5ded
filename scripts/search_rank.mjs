// What a reader's search box lists, without a browser: the built site's own search, that is
// Material's search worker (lunr, and the lunr-languages scripts it imports) loaded from the site and
// fed the site's search_index.json, with the page's own search scripts on both sides of it: the query
// as they rewrite it (search-ja.js) and the answer as they reorder it (search-rank.js).
// tests/test_search_ranking.py runs it; so can anyone measuring a change to the search.
//
//   node scripts/search_rank.mjs [--material-only] SITE_DIR [QUERY ...]
//
// SITE_DIR is one build's root (site/ or site/ja/). Queries come from stdin, one a line, if none is
// given. --material-only leaves the page's scripts out: Material's search as it comes. Prints JSON:
// for each query, the result pages in the order the reader sees them, each with its score and its
// sections (location, title, the preview's lines, score, and which query words each matched).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

// The search scripts a build's pages load besides Material's bundle (extra_javascript: those named
// for search or lunr), in the built page's order: a build that segments queries on the page
// (mkdocs.ja.yml) does it here too.
function pageScripts(siteDir) {
  const html = readFileSync(path.join(siteDir, "index.html"), "utf8");
  return [...html.matchAll(/<script src="(assets\/javascripts\/[^"]+\.js)"/g)]
    .map((match) => match[1])
    .filter((src) => /search|lunr/.test(src) && !/\/bundle\.[0-9a-f]+\.min\.js$/.test(src));
}

// The page's side: a window whose Worker and MessageEvent the page scripts may wrap. The query a
// reader types reaches the worker as whatever postMessage is finally called with, and Material
// renders the answer as its listener reads it from the message event's data.
function pageSide(scripts, siteDir) {
  const sent = [];
  class Worker {
    postMessage(message) {
      sent.push(message);
    }
  }
  const payload = new WeakMap();
  class MessageEvent {
    constructor(type, { data }) {
      payload.set(this, data);
    }
    get data() {
      return payload.get(this);
    }
  }
  const window = { Worker, MessageEvent };
  window.window = window;
  const context = vm.createContext(window);
  for (const src of scripts) {
    vm.runInContext(readFileSync(path.join(siteDir, src), "utf8"), context, { filename: src });
  }
  const worker = new Worker();
  return {
    // The index goes through the page's scripts too: one that learns from it (search-zh.js) sees it.
    setup: (message) => {
      worker.postMessage(message);
      return sent.pop();
    },
    query: (text) => {
      worker.postMessage({ type: QUERY, data: text });
      return sent.pop().data;
    },
    render: (reply) => new MessageEvent("message", { data: reply }).data,
  };
}

// The worker's side: Material's search worker in a context of its own, with importScripts reading
// the lunr-languages files from the site, as the browser fetches them.
function searchWorker(siteDir) {
  const workers = path.join(siteDir, "assets", "javascripts", "workers");
  const [file] = readdirSync(workers).filter((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
  const replies = [];
  const listeners = [];
  const context = vm.createContext({
    console,
    setTimeout,
    addEventListener: (type, listener) => type === "message" && listeners.push(listener),
    postMessage: (message) => replies.push(message),
    importScripts: (...urls) => {
      for (const url of urls) {
        const file = path.join(workers, url);
        vm.runInContext(readFileSync(file, "utf8"), context, { filename: file });
      }
    },
  });
  context.self = context;
  vm.runInContext(readFileSync(path.join(workers, file), "utf8"), context, { filename: file });
  return async (message) => {
    for (const listener of listeners) await listener({ data: message });
    // The worker's listener is async: let its pending reply land.
    while (!replies.length) await new Promise((resolve) => setTimeout(resolve, 0));
    return replies.shift();
  };
}

// A section's preview as a reader sees it: Material shows the indexed HTML, whose paragraphs, list
// items and code blocks are lines of their own.
function previewLines(html) {
  return html
    .replace(/<\/(p|li|pre)>|<(ul|ol)>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

async function ranker(siteDir, { materialOnly = false } = {}) {
  const index = JSON.parse(readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));
  const send = searchWorker(siteDir);
  const page = pageSide(materialOnly ? [] : pageScripts(siteDir), siteDir);
  // As Material's page sends it (integrations/search/worker/_): the index and the suggest option.
  const ready = await send(page.setup({ type: SETUP, data: { ...index, options: { suggest: true } } }));
  if (ready.type !== READY) throw new Error(`the search worker did not get ready: ${JSON.stringify(ready)}`);
  return async (query) => {
    const reply = page.render(await send({ type: QUERY, data: page.query(query) }));
    if (reply.type !== RESULT) throw new Error(`no result for ${query}: ${JSON.stringify(reply)}`);
    return reply.data.items.map((sections) => ({
      page: sections[0].location.split("#")[0],
      score: sections[0].score,
      sections: sections.map(({ location, title, text, score, terms }) => ({
        location,
        title: previewLines(title).join(" "),
        preview: previewLines(text),
        score,
        terms,
      })),
    }));
  };
}

async function main() {
  const args = process.argv.slice(2);
  const materialOnly = args[0] === "--material-only";
  const [siteDir, ...given] = materialOnly ? args.slice(1) : args;
  if (!siteDir) {
    console.error("usage: node scripts/search_rank.mjs [--material-only] SITE_DIR [QUERY ...]");
    process.exit(2);
  }
  const queries = given.length ? given : readFileSync(0, "utf8").split("\n").filter(Boolean);
  const rank = await ranker(siteDir, { materialOnly });
  const results = {};
  for (const query of queries) results[query] = await rank(query);
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
}

await main();
