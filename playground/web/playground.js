// The live playground: the UI on the page's main thread, Python (Pyodide + our package) in a
// module Web Worker (worker.mjs). Only pages with a `.playground` or `.playground-reproduce`
// element load it (docs/overrides/main.html), async from the head: it starts the worker at once,
// so Python loads while the page is still being parsed, and mounts the UI when the DOM is ready.
//
// Rules this file keeps: every string exists in English and Japanese; response data reaches the
// page through textContent only (never innerHTML); the API key stays in memory (sessionStorage
// only when the reader opts in) and is never logged, put in a URL, or written into the code
// unless the reader ticks "Put my key in the code".
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const SCRIPT_URL = SCRIPT ? SCRIPT.src : "";
  // Where this build's Pyodide is, relative to the build's root (the Japanese build is one level down).
  const PYODIDE_PATH = (SCRIPT && SCRIPT.dataset.pyodide) || "pyodide/";
  const RUN_TIME_LIMIT_MS = 10000;
  const LOAD_TIME_LIMIT_MS = 120000;
  // A safety net for calls without their own limit: longer than any request's own time limit,
  // so only a worker that died without a word reaches it.
  const CALL_TIME_LIMIT_MS = 90000;
  const MAX_SHOWN_CHARS = 100000;
  const MAX_HEADER_SHOWN = 200; // characters of the header preview; the rest is counted
  const STORAGE_PREFIX = "playground:key:";

  const STRINGS = {
    en: {
      loadingPython: "Loading Python…",
      loadingPackage: "Loading the playground package…",
      loadFailed: "The in-browser Python could not be loaded ({detail}). The documented examples on this page still apply; you can send the same requests with curl or from your own code.",
      noWorker: "this browser cannot start module Web Workers",
      loadTimeout: "loading took too long",
      retry: "Try again",
      crashed: "Python stopped unexpectedly ({detail}) and is being restarted; what you typed is kept. Try again in a moment.",
      restarting: "Python stopped unexpectedly and is restarting…",
      noAnswerFromPython: "no answer from Python",
      api: "API",
      key: "API key",
      show: "Show key",
      hide: "Hide key",
      demoKey: "Use a demo key",
      demoKeyDone: "Filled in the sandbox's demo key {key}: it works in the in-browser sandbox only.",
      remember: "Remember for this tab",
      forget: "Forget",
      forgotten: "The key was cleared from this page and from this tab's storage.",
      headerLabel: "Header that will be sent",
      noHeader: "No Authorization header will be sent: the key is empty.",
      moreCharacters: "… ({count} more characters)",
      diagnosis: "Diagnosis",
      looksRight: "The header has the documented format.",
      severity: { error: "Error", warning: "Corrected", info: "Note" },
      realApi: "The real API would answer {status}: {title}.",
      // A corrected key is sent corrected: the 401 is what the reader's own code would get as pasted.
      realApiCorrected: "This form sends it corrected; sent as pasted, the real API would answer {status}: {title} (the authentication page’s Reproduce button shows it).",
      fix: "Fix:",
      request: "Request",
      method: "Method",
      endpoint: "Endpoint",
      body: "JSON body (leave empty for none)",
      target: "Send to",
      sandbox: "The in-browser sandbox: it answers as the documentation says, and nothing leaves your browser",
      live: "A live base URL",
      liveUrl: "Base URL",
      liveHint: "Your key is sent to this URL only. The server must allow calls from this page (CORS); the local server's sandbox does, at …/sandbox/maiagent/ and …/sandbox/aigne-hub/.",
      send: "Send",
      cancel: "Cancel",
      sending: "Sending…",
      viaSandbox: "answered by the in-browser sandbox",
      colon: ": ",
      space: " ", // between sentences and labels; Japanese runs them together
      count: " ({count})",
      cancelled: "Cancelled: the request was stopped.",
      response: "Response",
      headers: "Headers",
      responseBody: "Body",
      notSent: "Not sent",
      noAnswer: "No answer",
      truncated: "[… shortened for display]",
      code: "Python code",
      codeHint: "The same request with this site's Python package. It reads the key from the environment variable {env}; Run sets it from the key above for that run only.",
      codeHintOwnKey: "The same request with this site's Python package. Your key is in this code as text: do not share it or commit it.",
      useMyKey: "Put my key in the code",
      pageKey: "Show my key in this page's code examples (copying them then copies the key)",
      pageKeyUnsafe: "The key has characters that cannot be placed safely in the examples; they keep reading it from {env}.",
      run: "Run",
      resetCode: "Reset code",
      running: "Running…",
      output: "Output",
      noOutput: "(no output)",
      timeLimit: "The code ran longer than {seconds} s and was stopped; Python is restarting.",
      interrupted: "Not done: the code was still running, and after {seconds} s Python was restarted to stop it. What you typed is kept; try again in a moment.",
      reproduce: "Reproduce",
      reproduceLabel: "Reproduce: {title}",
      documented: "Documented",
      actual: "Actual response from the in-browser sandbox",
      equal: "Matches the documented response.",
      different: "Differs from the documented response.",
      internal: "Something went wrong in the playground.",
    },
    ja: {
      loadingPython: "Python を読み込み中…",
      loadingPackage: "プレイグラウンドのパッケージを読み込み中…",
      loadFailed: "ブラウザー内の Python を読み込めませんでした（{detail}）。このページに記載された例はそのまま有効です。同じリクエストは curl やご自身のコードから送信できます。",
      noWorker: "このブラウザーではモジュール Web Worker を起動できません",
      loadTimeout: "読み込みに時間がかかりすぎました",
      retry: "再試行",
      crashed: "Python が予期せず停止したため再起動しています（{detail}）。入力内容はそのまま残っています。少し待ってからもう一度お試しください。",
      restarting: "Python が予期せず停止したため再起動しています…",
      noAnswerFromPython: "Python から応答がありません",
      api: "API",
      key: "API キー",
      show: "キーを表示",
      hide: "キーを隠す",
      demoKey: "デモキーを使う",
      demoKeyDone: "サンドボックスのデモキー {key} を入力しました。ブラウザー内サンドボックスでのみ使えます。",
      remember: "このタブで記憶する",
      forget: "消去",
      forgotten: "キーをこのページとこのタブの保存領域から消去しました。",
      headerLabel: "送信されるヘッダー",
      noHeader: "キーが空のため、Authorization ヘッダーは送信されません。",
      moreCharacters: "…（さらに {count} 文字）",
      diagnosis: "診断",
      looksRight: "ヘッダーはドキュメントどおりの形式です。",
      severity: { error: "エラー", warning: "修正済み", info: "注意" },
      realApi: "実際の API は {status} を返します：{title}。",
      realApiCorrected: "このフォームは修正して送信します。貼り付けたまま送ると、実際の API は {status} を返します：{title}（認証のページの「再現する」ボタンで確認できます）。",
      fix: "修正方法：",
      request: "リクエスト",
      method: "メソッド",
      endpoint: "エンドポイント",
      body: "JSON 本文（なしの場合は空欄）",
      target: "送信先",
      sandbox: "ブラウザー内サンドボックス：ドキュメントどおりに応答し、ブラウザーの外には何も送信しません",
      live: "実際のベース URL",
      liveUrl: "ベース URL",
      liveHint: "キーはこの URL にだけ送信されます。サーバーがこのページからの呼び出しを許可している（CORS）必要があります。ローカルサーバーのサンドボックス（…/sandbox/maiagent/ と …/sandbox/aigne-hub/）は許可しています。",
      send: "送信",
      cancel: "キャンセル",
      sending: "送信中…",
      viaSandbox: "ブラウザー内サンドボックスの応答",
      colon: "：",
      space: "",
      count: "（{count}）",
      cancelled: "キャンセル：リクエストを中止しました。",
      response: "レスポンス",
      headers: "ヘッダー",
      responseBody: "本文",
      notSent: "送信していません",
      noAnswer: "応答なし",
      truncated: "[… 表示のため省略]",
      code: "Python コード",
      codeHint: "このサイトの Python パッケージで同じリクエストを送信するコードです。キーは環境変数 {env} から読み込みます。「実行」では、上のキーをその実行の間だけこの環境変数に設定します。",
      codeHintOwnKey: "このサイトの Python パッケージで同じリクエストを送信するコードです。キーがそのままコードに入っています。共有やコミットはしないでください。",
      useMyKey: "自分のキーをコードに含める",
      pageKey: "このページのコード例に自分のキーを表示する（コピーするとキーもコピーされます）",
      pageKeyUnsafe: "キーにコード例へ安全に埋め込めない文字が含まれているため、コード例は引き続き {env} から読み込みます。",
      run: "実行",
      resetCode: "コードを元に戻す",
      running: "実行中…",
      output: "出力",
      noOutput: "（出力なし）",
      timeLimit: "コードの実行が {seconds} 秒を超えたため停止しました。Python を再起動しています。",
      interrupted: "実行されませんでした：コードの実行が続いていたため、{seconds} 秒後に Python を再起動してそのコードを停止しました。入力内容はそのまま残っています。少し待ってからもう一度お試しください。",
      reproduce: "再現する",
      reproduceLabel: "再現する：{title}",
      documented: "ドキュメント記載のレスポンス",
      actual: "ブラウザー内サンドボックスの実際のレスポンス",
      equal: "ドキュメントのレスポンスと一致しました。",
      different: "ドキュメントのレスポンスと異なります。",
      internal: "プレイグラウンドで問題が発生しました。",
    },
  };

  const LANG = (document.documentElement.lang || "en").toLowerCase().startsWith("ja") ? "ja" : "en";
  const T = STRINGS[LANG];
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
  const localized = (pair) => (pair && typeof pair === "object" ? pair[LANG] || pair.en || "" : String(pair || ""));

  // --- DOM helpers: text only, never HTML -----------------------------------------------------

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (name in node && typeof value !== "string") node[name] = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  // `code` spans in the package's messages become <code> elements, built from text.
  function richText(text) {
    return String(text).split("`").map((part, i) => (i % 2 ? h("code", { text: part }) : document.createTextNode(part)));
  }

  function shown(text) {
    const value = String(text);
    return value.length > MAX_SHOWN_CHARS ? value.slice(0, MAX_SHOWN_CHARS) + "\n" + T.truncated : value;
  }

  function errorText(result) {
    const error = (result && result.error) || {};
    return localized(error.message) || T.internal;
  }

  // What to show when a call to Python did not answer: it ran too long, Python crashed (and is
  // restarting), or Python never loaded.
  function callErrorText(error) {
    if (error && error.timeLimit) return fill(T.timeLimit, { seconds: RUN_TIME_LIMIT_MS / 1000 });
    if (error && error.interrupted) return fill(T.interrupted, { seconds: RUN_TIME_LIMIT_MS / 1000 });
    if (error && error.crashed) return fill(T.crashed, { detail: error.detail || T.internal });
    if (python.state === "failed") return fill(T.loadFailed, { detail: python.detail });
    return T.internal;
  }

  let uid = 0;
  const nextId = (name) => `playground-${++uid}-${name}`;

  // A box that scrolls must be reachable by keyboard, to scroll it (Safari does not make scrolling
  // boxes focusable by itself). As Material does for its code blocks, a box becomes a Tab stop,
  // named by its label, only while its content overflows.
  const scrollLabels = new WeakMap();
  const scrollWatch = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (!target.isConnected) { scrollWatch.unobserve(target); continue; }
      if (target.scrollHeight > target.clientHeight + 1 || target.scrollWidth > target.clientWidth + 1) {
        target.tabIndex = 0;
        target.setAttribute("role", "group");
        target.setAttribute("aria-label", scrollLabels.get(target));
      } else {
        for (const name of ["tabindex", "role", "aria-label"]) target.removeAttribute(name);
      }
    }
  }) : null;

  function scrollBox(label, props) {
    const code = h("code", props);
    scrollLabels.set(code, label);
    if (scrollWatch) scrollWatch.observe(code);
    return code;
  }

  // The playground's own headings go one level below the page heading just before it, so the
  // page's outline has no gap (an h4 straight after an h2 would skip a level).
  function headingTag(root) {
    let level = 1;
    for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      if (root.contains(heading) || !(root.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
      level = Number(heading.tagName[1]);
    }
    return `h${Math.min(level + 1, 6)}`;
  }

  // --- the worker: one per page, started only when the page has a playground ------------------

  const python = {
    worker: null,
    state: "idle", // idle | loading | ready | failed
    stage: "python",
    detail: "",
    listeners: new Set(),
    pending: new Map(),
    nextCall: 0,
    readyPromise: null,

    siteURLs() {
      const assets = new URL(".", SCRIPT_URL || location.href);
      const root = new URL("../../", assets); // this build's root: assets/playground/ is two levels down
      const worker = new URL("worker.mjs", assets);
      worker.searchParams.set("pyodide", new URL(PYODIDE_PATH, root).href); // it starts loading at once
      return { worker: worker.href };
    },

    notify() {
      for (const listener of this.listeners) listener(this.state, this.stage, this.detail);
    },

    fail(detail) {
      if (this.state === "failed") return;
      this.state = "failed";
      this.detail = detail;
      for (const { reject } of this.pending.values()) reject(new Error(detail));
      this.pending.clear();
      if (this.worker) this.worker.terminate();
      this.worker = null;
      this.notify();
      this.rejectReady(new Error(detail));
    },

    start() {
      if (this.state === "loading" || this.state === "ready") return this.readyPromise;
      this.state = "loading";
      this.stage = "python";
      this.readyPromise = new Promise((resolve, reject) => {
        this.resolveReady = resolve;
        this.rejectReady = reject;
      });
      this.readyPromise.catch(() => {});
      this.notify();
      // The page's first inline script may have started the worker already (docs/overrides/main.html):
      // adopt it, with the messages it sent meanwhile. A restart always starts a new one.
      const early = window.playgroundEarlyStart;
      window.playgroundEarlyStart = null;
      const { worker: workerURL } = this.siteURLs();
      try {
        this.worker = early ? early.worker : new Worker(workerURL, { type: "module" });
      } catch (error) {
        this.fail(T.noWorker);
        return this.readyPromise;
      }
      const timer = setTimeout(() => this.fail(T.loadTimeout), LOAD_TIME_LIMIT_MS);
      const onError = (message) => {
        clearTimeout(timer);
        // Before "ready" the load failed; after it, Python died under a request.
        if (this.state === "ready") this.crash(message || T.internal);
        else this.fail(message || T.noWorker);
      };
      const onMessage = (data) => {
        if (data.type === "status") {
          this.stage = data.stage;
          this.notify();
        } else if (data.type === "ready") {
          clearTimeout(timer);
          this.readyInfo = data.info || null; // sent with "ready" (worker.mjs)
          this.startedFrom = data.start || ""; // "snapshot", or "boot" if the snapshot could not be used
          this.state = "ready";
          this.crashed = false;
          this.notify();
          this.resolveReady();
        } else if (data.type === "failed") {
          clearTimeout(timer);
          this.fail(data.detail || T.internal);
        } else if (data.type === "crashed") {
          this.crash(data.detail || T.internal);
        } else if (this.pending.has(data.id)) {
          const { resolve, timer: callTimer } = this.pending.get(data.id);
          clearTimeout(callTimer);
          this.pending.delete(data.id);
          resolve(data.result);
        }
      };
      this.worker.addEventListener("error", (event) => {
        event.preventDefault();
        onError(event.message);
      });
      this.worker.addEventListener("message", (event) => onMessage(event.data || {}));
      if (early) {
        early.worker.onmessage = early.worker.onerror = null;
        for (const [kind, value] of early.events) {
          if (this.worker !== early.worker) break; // a replayed failure already replaced it
          if (kind === "error") onError(value);
          else onMessage(value || {});
        }
      }
      return this.readyPromise;
    },

    // A run that exceeds its time limit cannot be interrupted inside Pyodide, and a crashed
    // interpreter cannot be used again: end the worker and start anew (also "Try again" after a
    // failed load). The page, and everything typed into it, stays; waiting calls fail with `reason`.
    restart(reason = { restarted: true }) {
      if (this.worker) this.worker.terminate();
      this.worker = null;
      for (const { reject, timer } of this.pending.values()) {
        clearTimeout(timer);
        reject(Object.assign(new Error(reason.detail || "restarted"), reason));
      }
      this.pending.clear();
      this.state = "idle";
      this.crashed = Boolean(reason.crashed);
      this.start();
    },

    crash(detail) {
      this.restart({ crashed: true, detail: String(detail).slice(0, 300) });
    },

    async call(message, timeLimit) {
      await this.start();
      return new Promise((resolve, reject) => {
        const id = ++this.nextCall;
        const timer = timeLimit
          ? setTimeout(() => {
              this.pending.delete(id);
              reject(Object.assign(new Error("time limit"), { timeLimit: true }));
              this.restart({ interrupted: true }); // calls waiting behind the run fail with that reason
            }, timeLimit)
          : setTimeout(() => this.crash(T.noAnswerFromPython), CALL_TIME_LIMIT_MS);
        this.pending.set(id, { resolve, reject, timer });
        this.worker.postMessage({ id, message });
      });
    },

    async info() {
      if (!this.infoPromise) {
        // The worker sends it with "ready" (worker.mjs): until then, wait for that rather than ask,
        // which would cost a round trip through the worker (and its first async call) at start-up.
        this.infoPromise = this.start().then(() => this.readyInfo || this.call({ op: "info" }));
        this.infoPromise.catch(() => { this.infoPromise = null; }); // asked again after a restart
      }
      return this.infoPromise;
    },
  };

  // A status line with a progress bar, shown while Python loads and replaced by a message on failure.
  function loadingStatus() {
    const text = h("span");
    const bar = h("progress", { "aria-hidden": "true" });
    // After a failed load the reader can try again without reloading the page (and losing what they typed).
    const retry = h("button", { type: "button", class: "md-button playground__retry", text: T.retry, onclick: () => python.restart() });
    const line = h("p", { class: "playground__loading", role: "status" }, bar, " ", text, " ", retry);
    const update = (state, stage, detail) => {
      line.hidden = state === "ready" || state === "idle";
      line.classList.toggle("playground__loading--failed", state === "failed");
      bar.hidden = state !== "loading";
      retry.hidden = state !== "failed";
      text.textContent = state === "failed" ? fill(T.loadFailed, { detail })
        : python.crashed ? T.restarting
        : stage === "package" ? T.loadingPackage : T.loadingPython;
    };
    python.listeners.add(update);
    update(python.state, python.stage, python.detail);
    return line;
  }

  function responseView(result, answeredBy) {
    const box = h("div", { class: "playground__response-body" });
    if (!result.ok) {
      box.append(h("p", { class: "playground__error", role: "alert" }, h("strong", { text: (result.error && result.error.sent ? T.noAnswer : T.notSent) + T.colon }), ...richText(errorText(result))));
      // The request that got no answer: the reader checks it against the URL they meant.
      if (result.error && result.error.url) box.append(h("p", { class: "playground__meta", text: `${result.error.method} ${result.error.url}` }));
      return box;
    }
    const statusClass = result.status >= 400 ? "playground__status--error" : "playground__status--ok";
    const meta = [`${result.elapsed_ms} ms`];
    if (result.method && result.url) meta.push(`${result.method} ${result.url}`);
    if (answeredBy) meta.push(answeredBy); // the URL is the real API's: say that the sandbox answered
    box.append(
      h("p", { class: "playground__status" },
        h("strong", { class: statusClass, "data-status": String(result.status), text: `${result.status} ${result.reason || ""}`.trim() }),
        h("span", { class: "playground__meta", text: " · " + meta.join(" · ") })),
      ...(result.note ? [h("p", { class: "playground__note playground__response-note", text: localized(result.note) })] : []),
      h("details", { class: "playground__headers" },
        h("summary", { text: T.headers + fill(T.count, { count: result.headers.length }) }),
        h("pre", {}, scrollBox(T.headers, { text: shown(result.headers.map(([k, v]) => `${k}: ${v}`).join("\n")) }))),
      h("pre", { class: "playground__body", "aria-label": T.responseBody }, scrollBox(T.responseBody, { text: shown(result.pretty ?? result.body) })),
    );
    return box;
  }

  // An answer that appears below the bottom of the screen looks like no answer at all (on a phone,
  // Send and Run often sit near that edge): bring its first lines into view. Nothing moves when
  // it is already in view.
  function reveal(node) {
    const top = node.getBoundingClientRect().top;
    if (top >= 0 && top <= innerHeight - 120) return;
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    scrollBy({ top: top - innerHeight * 0.3, behavior: smooth ? "smooth" : "auto" });
  }

  // A busy button stays focusable (aria-disabled, not disabled): a disabled button drops keyboard
  // focus to the page's body, and a screen reader loses its place. Its handler ignores it meanwhile.
  function setBusy(button, busy) {
    if (busy) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }
  const isBusy = (button) => button.getAttribute("aria-disabled") === "true";

  // --- "Reproduce" next to a documented example --------------------------------------------------

  function mountReproduce(root) {
    const exampleId = root.dataset.example;
    const heading = headingTag(root);
    const output = h("div", { class: "playground-reproduce__result", "aria-live": "polite" });
    const button = h("button", { type: "button", class: "md-button playground-reproduce__button", text: T.reproduce });
    const status = loadingStatus();
    status.hidden = true;
    python.listeners.add((state) => { if (state !== "failed" && !button.dataset.clicked) status.hidden = true; });
    python.info().then((info) => {
      const example = info.apis && info.examples[exampleId];
      if (example) button.setAttribute("aria-label", fill(T.reproduceLabel, { title: localized(example.title) }));
    }, () => {});
    button.addEventListener("click", async () => {
      if (isBusy(button)) return;
      button.dataset.clicked = "1";
      setBusy(button, true);
      status.hidden = python.state === "ready";
      output.replaceChildren();
      try {
        const result = await python.call({ op: "reproduce", example_id: exampleId });
        if (!result.ok) {
          output.append(responseView(result));
          return;
        }
        root.dataset.equal = String(result.equal);
        output.append(
          h("p", { class: "playground-reproduce__verdict " + (result.equal ? "playground--equal" : "playground--different"),
            "data-equal": String(result.equal), text: (result.equal ? "✓ " : "✗ ") + (result.equal ? T.equal : T.different) }),
          h("p", { class: "playground__meta", text: `${result.request.method} ${result.request.url}` +
            result.request.headers.map(([k, v]) => `\n${k}: ${v}`).join("") }),
          h("div", { class: "playground-reproduce__columns" },
            h("section", {}, h(heading, { class: "playground__heading", text: `${T.documented}${T.colon}${result.documented_status}` }),
              h("pre", {}, scrollBox(T.documented, { class: "playground-reproduce__documented", text: result.documented }))),
            h("section", {}, h(heading, { class: "playground__heading", text: T.actual }), responseView(result))),
        );
      } catch (error) {
        output.append(h("p", { class: "playground__error", role: "alert", text: callErrorText(error) }));
      } finally {
        setBusy(button, false);
      }
    });
    root.replaceChildren(h("div", { class: "playground-reproduce__bar" }, button, status), output);
  }

  // --- "use my key" in the page's code examples ---------------------------------------------
  // The examples read the key from an environment variable; only when the reader asks does the
  // key replace it in the shown (and so copied) code. Unticking restores the page's own HTML.

  const SAFE_KEY = /^[A-Za-z0-9._~+\/=-]+$/;  // fits in shell, Python and JavaScript as is
  const originalCode = new Map();

  function restorePageExamples() {
    for (const [code, html] of originalCode) code.innerHTML = html;  // the page's own markup, saved below
    originalCode.clear();
  }

  function fillPageExamples(envVar, key) {
    restorePageExamples();
    if (!envVar || !key || !SAFE_KEY.test(key)) return;
    const literal = JSON.stringify(key);
    const patterns = [
      [`os.environ["${envVar}"]`, literal],
      [`process.env.${envVar}`, literal],
      [`$${envVar}`, key],
      [/\bYOUR_API_KEY\b/g, key],
    ];
    // A tab set belongs to this API when one of its examples reads this API's variable.
    for (const set of document.querySelectorAll(".tabbed-set")) {
      if (!set.textContent.includes(envVar)) continue;
      for (const code of set.querySelectorAll("pre > code")) {
        let text = code.textContent;
        for (const [pattern, value] of patterns) {
          text = typeof pattern === "string" ? text.split(pattern).join(value) : text.replace(pattern, value);
        }
        if (text === code.textContent) continue;
        originalCode.set(code, code.innerHTML);
        code.textContent = text;
      }
    }
  }

  // --- the full playground -------------------------------------------------------------------

  function mountPlayground(root) {
    const ids = Object.fromEntries(["api", "key", "header", "method", "path", "paths", "body", "url", "code", "remember", "usekey"]
      .map((name) => [name, nextId(name)]));
    const heading = headingTag(root);
    let info = null;
    let editedCode = false;
    let sendSeq = 0;
    let diagnoseSeq = 0;

    const field = (label, id, control, extra) => h("div", { class: "playground__field" }, h("label", { for: id, text: label }), control, extra || null);

    const apiSelect = h("select", { id: ids.api, class: "playground__api" },
      h("option", { value: "maiagent", text: "MaiAgent" }), h("option", { value: "aigne-hub", text: "AIGNE Hub" }));
    apiSelect.value = root.dataset.api === "aigne-hub" ? "aigne-hub" : "maiagent";

    const keyInput = h("input", { id: ids.key, type: "password", autocomplete: "off", spellcheck: "false",
      autocapitalize: "off", class: "playground__key", "aria-describedby": ids.header });
    const toggle = h("button", { type: "button", class: "md-button playground__small playground__toggle", "aria-pressed": "false", "aria-controls": ids.key, text: T.show });
    const demoButton = h("button", { type: "button", class: "md-button playground__small playground__demo", text: T.demoKey });
    const remember = h("input", { id: ids.remember, type: "checkbox", class: "playground__remember" });
    const forget = h("button", { type: "button", class: "md-button playground__small playground__forget", text: T.forget });
    const keyNote = h("p", { class: "playground__note", "aria-live": "polite" });

    const headerPreview = h("output", { id: ids.header, class: "playground__header", for: ids.key });
    const findings = h("ul", { class: "playground__findings", "aria-live": "polite" });

    const methodSelect = h("select", { id: ids.method, class: "playground__method" },
      ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].map((m) => h("option", { value: m, text: m })));
    const pathInput = h("input", { id: ids.path, type: "text", list: ids.paths, autocomplete: "off", spellcheck: "false", class: "playground__path" });
    const pathList = h("datalist", { id: ids.paths });
    const bodyInput = h("textarea", { id: ids.body, rows: "6", spellcheck: "false", class: "playground__textarea playground__body-input" });

    const targetName = nextId("target");
    const sandboxRadio = h("input", { type: "radio", name: targetName, value: "sandbox", checked: true, class: "playground__target-sandbox" });
    const liveRadio = h("input", { type: "radio", name: targetName, value: "live", class: "playground__target-live" });
    const urlInput = h("input", { id: ids.url, type: "url", autocomplete: "off", spellcheck: "false", disabled: true,
      class: "playground__path playground__url" });

    const sendButton = h("button", { type: "submit", class: "md-button md-button--primary playground__send", text: T.send });
    const cancelButton = h("button", { type: "button", class: "md-button playground__cancel", text: T.cancel, hidden: true });
    const responseBox = h("div", { class: "playground__response", "aria-live": "polite" });

    const codeArea = h("textarea", { id: ids.code, rows: "12", spellcheck: "false", wrap: "off", class: "playground__textarea playground__code" });
    const useMyKey = h("input", { id: ids.usekey, type: "checkbox", class: "playground__usekey" });
    const pageKey = h("input", { type: "checkbox", class: "playground__pagekey" });
    let cleanKey = "";
    const runButton = h("button", { type: "button", class: "md-button md-button--primary playground__run", text: T.run });
    const resetButton = h("button", { type: "button", class: "md-button playground__reset", text: T.resetCode });
    const codeHint = h("p", { class: "playground__note playground__code-hint" });
    // The output's own element: Material adds its copy button to the <pre> too, as its first child.
    const runText = scrollBox(T.output);
    const outputLabel = h("span", { class: "playground__label", text: T.output, hidden: true });
    const runOutput = h("pre", { class: "playground__output", "aria-live": "polite", hidden: true }, runText);

    const storageKey = (api = apiSelect.value) => STORAGE_PREFIX + api;
    const target = () => (liveRadio.checked ? urlInput.value.trim() : "sandbox");
    const spec = () => ({ api: apiSelect.value, key: keyInput.value, method: methodSelect.value, path: pathInput.value.trim(), body: bodyInput.value });

    function restoreKey() {
      let saved = null;
      try { saved = sessionStorage.getItem(storageKey()); } catch (error) { saved = null; }
      remember.checked = saved !== null;
      if (saved !== null) keyInput.value = saved;
    }

    // The key typed for an API, whether it is shown now or kept while the other API is.
    function keptKey(name) {
      if (name === apiSelect.value) return keyInput.value;
      if (drafts[name]) return drafts[name].key;
      try { return sessionStorage.getItem(storageKey(name)) || ""; } catch (error) { return ""; }
    }

    function storeKey() {
      try {
        if (remember.checked && keyInput.value) sessionStorage.setItem(storageKey(), keyInput.value);
        else sessionStorage.removeItem(storageKey());
      } catch (error) { /* storage disabled: the key simply stays in memory */ }
    }

    function refreshPageExamples() {
      const envVar = info && info.apis[apiSelect.value] ? info.apis[apiSelect.value].env_var : "";
      if (!pageKey.checked) { restorePageExamples(); return; }
      fillPageExamples(envVar, cleanKey);
      if (cleanKey && !SAFE_KEY.test(cleanKey)) keyNote.textContent = fill(T.pageKeyUnsafe, { env: envVar });
    }

    // What the reader typed for each API (key, target and live URL, method, endpoint, body) and the
    // response they got, kept while they look at the other API: switching back brings it back, not
    // the defaults. A key or a live URL never carries over to the other API: a MaiAgent key must not
    // go to AIGNE Hub's server, nor an AIGNE Hub request to the URL typed for MaiAgent.
    const drafts = {};
    let shownApi = apiSelect.value;
    const requestFields = [methodSelect, pathInput, bodyInput];

    const currentRequest = () => ({ method: methodSelect.value, path: pathInput.value, body: bodyInput.value,
                                    response: Array.from(responseBox.childNodes),
                                    key: keyInput.value, live: liveRadio.checked, url: urlInput.value });

    // Fields typed in before Python was ready keep what was typed; the defaults fill the others.
    function typedBeforeReady() {
      if (!requestFields.some((control) => control.dataset.typed)) return null;
      const draft = currentRequest();
      const defaults = info.apis[apiSelect.value].default_request;
      if (!methodSelect.dataset.typed) draft.method = defaults.method;
      if (!pathInput.dataset.typed) draft.path = defaults.path;
      if (!bodyInput.dataset.typed) draft.body = defaults.body;
      return draft;
    }

    function switchApi() {
      if (info) drafts[shownApi] = currentRequest();
      shownApi = apiSelect.value;
      const draft = drafts[shownApi];
      keyInput.value = draft ? draft.key : "";
      keyNote.textContent = "";
      (draft && draft.live ? liveRadio : sandboxRadio).checked = true;
      urlInput.value = draft ? draft.url : "";
      urlInput.disabled = !liveRadio.checked;
      restoreKey(); // a key remembered for this tab (per API) is the one typed last
      showRequest(draft);
      diagnose();
      refreshCode();
    }

    function showRequest(draft) {
      const api = info && info.apis[apiSelect.value];
      if (!api) return;
      const fields = draft || api.default_request;
      methodSelect.value = fields.method;
      pathInput.value = fields.path;
      bodyInput.value = fields.body;
      responseBox.replaceChildren(...(draft ? draft.response : []));
      urlInput.placeholder = api.live_base_url;
      pathList.replaceChildren(...api.endpoints.map((e) => h("option", { value: e.path, label: `${e.methods.join(", ")} · ${localized(e.summary)}` })));
      if (!editedCode) showCodeHint(true); // the reader's own code stays, and the note about it too
    }

    async function diagnose() {
      const seq = ++diagnoseSeq;
      let result;
      try {
        result = await python.call({ op: "diagnose", api: apiSelect.value, key: keyInput.value });
      } catch (error) {
        return; // Python is restarting or failed: the status line says so; this runs again once it is back
      }
      if (seq !== diagnoseSeq) return;
      cleanKey = result.key || "";
      refreshPageExamples();
      const visible = keyInput.type === "text";
      if (!result.value) {
        headerPreview.textContent = T.noHeader;
      } else {
        const value = visible || !result.key ? result.value
          : result.value.slice(0, result.value.length - result.key.length) + "•".repeat(result.key.length);
        // A pasted document or log must not push the rest of the playground screens down.
        const shown = value.length > MAX_HEADER_SHOWN
          ? value.slice(0, MAX_HEADER_SHOWN) + fill(T.moreCharacters, { count: (value.length - MAX_HEADER_SHOWN).toLocaleString(LANG) })
          : value;
        headerPreview.textContent = `${result.name}: ${shown}`;
      }
      const items = result.findings.map((f) => {
        const example = f.example_id && info && info.examples[f.example_id];
        return h("li", { class: `playground__finding playground__finding--${f.severity}`, "data-code": f.code },
          h("strong", { text: (T.severity[f.severity] || f.severity) + T.colon }), ...richText(localized(f.message)), T.space,
          h("span", { class: "playground__fix" }, T.fix + T.space, ...richText(localized(f.fix))),
          example && f.severity !== "info" ? h("span", { class: "playground__note-inline", text: T.space + fill(f.severity === "warning" ? T.realApiCorrected : T.realApi, { status: example.status, title: localized(example.title) }) }) : null);
      });
      if (!items.length && result.value) items.push(h("li", { class: "playground__finding playground__finding--ok", text: T.looksRight }));
      findings.replaceChildren(...items);
    }

    // The note above the code says where the code gets the key: the environment, or the code itself.
    function showCodeHint(readsEnvironment) {
      const api = info && info.apis[apiSelect.value];
      if (!api) return;
      codeHint.replaceChildren(...richText(readsEnvironment ? fill(T.codeHint, { env: "`" + api.env_var + "`" }) : T.codeHintOwnKey));
    }

    let codeTimer = null;
    // `force` (Reset, "use my key", start-up) puts the generated code back. Whatever the reader types
    // while the new code is being generated wins: the answer never overwrites it.
    function refreshCode(force) {
      if (force) editedCode = false;
      if (editedCode) return;
      clearTimeout(codeTimer);
      codeTimer = setTimeout(async () => {
        let result;
        try {
          result = await python.call({ op: "python_code", spec: spec(), target: target(), use_my_key: useMyKey.checked, lang: LANG });
        } catch (error) {
          return; // as in diagnose()
        }
        if (!editedCode) {
          codeArea.value = result.code;
          showCodeHint(result.code.includes("os.environ"));
        }
      }, 120);
    }

    let sendingId = "";
    let showSent = null; // where the pending request's answer goes (its API's box, or its draft)
    async function send() {
      if (isBusy(sendButton)) return;
      const seq = ++sendSeq;
      const api = apiSelect.value;
      // The reader may switch API while waiting: the answer goes with the API it was sent to.
      const show = (node) => {
        if (apiSelect.value === api) responseBox.replaceChildren(node);
        else if (drafts[api]) drafts[api].response = [node];
      };
      showSent = show;
      setBusy(sendButton, true);
      cancelButton.hidden = false;
      responseBox.replaceChildren(h("p", { class: "playground__meta", text: T.sending }));
      reveal(responseBox);
      const answeredBy = target() === "sandbox" ? T.viaSandbox : "";
      // The id lets Cancel abort this very request; data-timeout (seconds) shortens the live target's time limit.
      sendingId = nextId("send");
      try {
        const result = await python.call({ op: "send", spec: spec(), target: target(), request_id: sendingId, origin: location.origin,
          timeout: Number(root.dataset.timeout) || undefined });
        if (seq !== sendSeq) return;
        show(responseView(result, answeredBy));
      } catch (error) {
        if (seq === sendSeq) show(h("p", { class: "playground__error", role: "alert", text: callErrorText(error) }));
      } finally {
        if (seq === sendSeq) {
          setBusy(sendButton, false);
          if (document.activeElement === cancelButton) sendButton.focus(); // it is about to be hidden
          cancelButton.hidden = true;
        }
      }
    }

    async function run() {
      if (isBusy(runButton)) return;
      setBusy(runButton, true);
      runOutput.hidden = outputLabel.hidden = false;
      runText.textContent = T.running;
      reveal(outputLabel);
      // Every API's variable holds the key kept for that API: the code in the box may be the other
      // API's (edited before switching, or not regenerated yet), and must not stop at a KeyError.
      const env = {};
      for (const [name, api] of Object.entries(info ? info.apis : {})) env[api.env_var] = keptKey(name);
      try {
        const result = await python.call({ op: "run_code", source: codeArea.value, env }, RUN_TIME_LIMIT_MS);
        runText.textContent = shown((result.stdout || "") + (result.stderr || "")) || T.noOutput;
        runOutput.dataset.ok = String(Boolean(result.ok));
      } catch (error) {
        runText.textContent = callErrorText(error);
        runOutput.dataset.ok = "false";
      } finally {
        setBusy(runButton, false);
      }
    }

    toggle.addEventListener("click", () => {
      const show = keyInput.type === "password";
      keyInput.type = show ? "text" : "password";
      toggle.setAttribute("aria-pressed", String(show));
      toggle.textContent = show ? T.hide : T.show;
      diagnose();
    });
    demoButton.addEventListener("click", async () => {
      const api = (await python.info()).apis[apiSelect.value];
      keyInput.value = api.demo_key;
      keyNote.replaceChildren(...richText(fill(T.demoKeyDone, { key: "`" + api.demo_key + "`" })));
      storeKey();
      diagnose();
      refreshCode();
    });
    remember.addEventListener("change", storeKey);
    forget.addEventListener("click", () => {
      try {
        for (const id of Object.keys(info ? info.apis : {})) sessionStorage.removeItem(storageKey(id));
      } catch (error) { /* storage disabled: nothing was stored */ }
      keyInput.value = "";
      remember.checked = false;
      keyNote.textContent = T.forgotten;
      diagnose();
      refreshCode();
    });
    keyInput.addEventListener("input", () => { storeKey(); diagnose(); if (useMyKey.checked) refreshCode(); });
    apiSelect.addEventListener("change", switchApi);
    for (const control of requestFields) control.addEventListener("input", () => { control.dataset.typed = "true"; });
    for (const control of [...requestFields, urlInput]) control.addEventListener("input", () => refreshCode());
    for (const radio of [sandboxRadio, liveRadio]) {
      radio.addEventListener("change", () => { urlInput.disabled = !liveRadio.checked; if (liveRadio.checked) urlInput.focus(); refreshCode(); });
    }
    useMyKey.addEventListener("change", () => refreshCode(true));
    pageKey.addEventListener("change", refreshPageExamples);
    codeArea.addEventListener("input", () => { editedCode = true; });
    resetButton.addEventListener("click", () => refreshCode(true));
    runButton.addEventListener("click", run);
    cancelButton.addEventListener("click", () => {
      // fetch runs inside the worker: it aborts the request; the page stops waiting at once.
      python.call({ op: "cancel", request_id: sendingId }).catch(() => {});
      sendSeq++;
      setBusy(sendButton, false);
      sendButton.focus(); // Cancel is about to be hidden
      cancelButton.hidden = true;
      // In the box of the API the request went to: the reader may be looking at the other one.
      if (showSent) showSent(h("p", { class: "playground__meta", text: T.cancelled }));
    });

    // A form, so that Enter in any field sends; it never submits anywhere (nor puts the key in a URL).
    const form = h("form", { class: "playground__form", autocomplete: "off", novalidate: true,
      onsubmit: (event) => { event.preventDefault(); send(); } },
      loadingStatus(),
      h("fieldset", { class: "playground__group" }, h("legend", { text: T.key }),
        field(T.api, ids.api, apiSelect),
        h("div", { class: "playground__field" }, h("label", { for: ids.key, text: T.key }),
          h("div", { class: "playground__row" }, keyInput, toggle, demoButton)),
        h("div", { class: "playground__row" }, h("label", { class: "playground__check" }, remember, " " + T.remember), forget),
        h("label", { class: "playground__check" }, pageKey, " " + T.pageKey),
        keyNote,
        h("div", { class: "playground__field" }, h("span", { class: "playground__label", text: T.headerLabel }), headerPreview),
        h("div", { class: "playground__field" }, h("span", { class: "playground__label", text: T.diagnosis }), findings)),
      h("fieldset", { class: "playground__group" }, h("legend", { text: T.request }),
        h("div", { class: "playground__row" }, field(T.method, ids.method, methodSelect), field(T.endpoint, ids.path, pathInput, pathList)),
        field(T.body, ids.body, bodyInput),
        h("fieldset", { class: "playground__target" }, h("legend", { text: T.target }),
          h("label", { class: "playground__check" }, sandboxRadio, " " + T.sandbox),
          h("label", { class: "playground__check" }, liveRadio, " " + T.live),
          field(T.liveUrl, ids.url, urlInput),
          h("p", { class: "playground__note", text: T.liveHint })),
        h("div", { class: "playground__row" }, sendButton, cancelButton)),
      h("section", { class: "playground__group", "aria-label": T.response }, h(heading, { class: "playground__heading", text: T.response }), responseBox),
      h("section", { class: "playground__group", "aria-label": T.code }, h(heading, { class: "playground__heading" }, h("label", { for: ids.code, text: T.code })),
        codeHint, codeArea,
        h("div", { class: "playground__row" }, runButton, resetButton,
          h("label", { class: "playground__check" }, useMyKey, " " + T.useMyKey)),
        outputLabel, runOutput),
    );
    root.replaceChildren(form);

    restoreKey();
    let initializing = null;
    const initialize = () => (initializing ||= python.info().then((loaded) => {
      info = loaded;
      showRequest(typedBeforeReady());
      diagnose();
      refreshCode(); // code typed before Python was ready is kept, as the request's fields are
      root.dataset.ready = "true";
    }, () => { initializing = null; }));
    // After a restart (a crash, "Try again"), finish setting up, or bring the diagnosis up to date.
    python.listeners.add((state) => {
      if (state !== "ready") return;
      if (info) { diagnose(); refreshCode(); } else initialize();
    });
    initialize();
  }

  function boot() {
    const playgrounds = document.querySelectorAll(".playground[data-api]:not([data-mounted])");
    const reproduces = document.querySelectorAll(".playground-reproduce[data-example]:not([data-mounted])");
    python.listeners.add((state) => {
      for (const node of document.querySelectorAll("[data-mounted]")) {
        node.dataset.python = state;
        // How Python started (worker.mjs), for whoever investigates a slow start.
        if (state === "ready") node.dataset.pythonStart = python.startedFrom;
      }
    });
    for (const root of playgrounds) { root.dataset.mounted = ""; mountPlayground(root); }
    for (const root of reproduces) { root.dataset.mounted = ""; mountReproduce(root); }
    python.notify();
  }

  // The page was marked as having a playground when it was built: start Python now, before the
  // DOM is complete (Instant navigation is off, so there is one page load per script run).
  python.start();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
