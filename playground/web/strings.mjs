// Every string the playground shows, in English and Japanese, and the helpers that fill them in
// and pick a language: pure functions, no DOM (tests/js/strings.test.mjs).

export const STRINGS = Object.freeze({
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
    severity: { error: "Error", warning: "Warning", info: "Note", ok: "OK" },
    // Nothing is corrected before sending: this is the answer Send gets, as the reader's own code would.
    realApi: "Sent like this, the real API answers {status}: {title}.",
    fix: "Fix:",
    request: "Request",
    method: "Method",
    body: "JSON body (leave empty for none)",
    target: "Send to",
    sandbox: "The in-browser sandbox: it answers as the documentation says, and nothing leaves your browser",
    live: "A live base URL",
    liveUrl: "Base URL",
    liveHint: "Your key is sent to this URL only. The server must allow calls from this page (CORS); the local server's sandbox does, at …/sandbox/maiagent/ and …/sandbox/aigne-hub/.",
    send: "Send",
    cancel: "Cancel",
    sending: "Sending…",
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
    code: "Code",
    codeHint: "The same request as code for your own project. It reads the key from the environment variable {env} (the browser example has a placeholder for it); Run sets it from the key above for that run only.",
    codeHintOwnKey: "It is in the code as text: do not share the code or commit it.",
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
    // H4 run
    loadingRequests: "Loading requests for the first Run (about 0.5 MB, once per visit)…",
    runPackagesFailed: "Run could not load requests and its dependencies ({detail}), so the code did not run. Check the connection and Run again; Send works without them.",
    // H2 key & send
    applyFix: "Apply fix",
    fixApplied: "Fix applied: the key field now holds the key alone. Send it to see the answer.",
    headerNotSent: " (not sent: it holds a character no HTTP header can carry)",
    // H5 try & links
    tryItLoaded: "Loaded “{title}” into the form: Send it to get the documented answer.",
    keyReplaced: "Its key replaced the one in the key field.",
    keyBack: "Put my key back",
    keyBackDone: "Your key is back in the key field.",
    copyLink: "Copy link to this request",
    linkLabel: "Link to this request",
    linkCopied: "Link copied. It holds the API, method, path and body; never your key, nor the live base URL (the link opens on the sandbox).",
    linkCopyManual: "Your browser did not let this page copy: copy the link from the field below.",
    linkTooLong: "This request is too large for a link (over {max} characters): shorten the body to share it.",
    linkRestored: "The request from the link is in the form. Check it, add your key, and Send: nothing is sent until you do.",
    linkDamaged: "The request in this page's link could not be restored: {reason}. The form shows its usual request, and nothing was sent.",
    linkProblem: {
      long: "the link is too long",
      format: "it is not a request link",
      api: "it names an API the playground does not know",
      method: "its method is not one the playground sends",
      path: "its path is not a path on the API (one line, starting with /)",
      body: "its body is not text",
    },
    history: "History",
    historyNote: "The last {size} requests sent in this visit, newest first. Your key is never kept in this list; while “{remember}” is ticked, the list is kept for this tab too.",
    restore: "Restore",
    restoreLabel: "Restore {request} ({status}, {time})",
    historyRestored: "Restored {request} into the form.",
    baseUnsafe: "The page's code examples keep the documented base URL: this one has characters that cannot be placed safely in them.",
    // H3 builder & response
    operation: "Operation",
    freeForm: "Free-form path (type any method and path)",
    path: "Path",
    parameters: "Parameters",
    pathParameter: "path",
    queryParameter: "query, optional",
    exampleValue: "e.g. {value}",
    queryRequired: "query",
    valueProblem: {
      empty: "{name} needs a value.",
      dot: "{name} cannot be “.” or “..”: the URL would lead elsewhere.",
      long: "{name} is longer than {max} characters.",
      unencodable: "{name} has a character that cannot be put in a URL (a lone UTF-16 surrogate).",
    },
    statusMeaning: "What {status} means",
    bytes: "{count} bytes",
    answeredAs: "In-browser sandbox, answering as {url} would",
    unmodelledTitle: "Not modelled by the sandbox",
    copyBody: "Copy the response body",
    headerName: "Name",
    headerValue: "Value",
    shortcutSend: "{keys} sends from any field",
    shortcutRun: "{keys} runs the code",
    // H1 code
    codeTabs: "Code languages",
    codeEditable: "Python (requests), editable: Run runs it",
    copy: "Copy",
    copyLabel: "Copy the {language} code",
    copied: "Copied.",
    copyFailed: "Could not copy: select the text and copy it yourself.",
    keyInCode: "Your key is in this code.",
    pythonTab: "Python (requests)",
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
    severity: { error: "エラー", warning: "警告", info: "情報", ok: "問題なし" },
    realApi: "このまま送信すると、実際の API は {status} を返します：{title}。",
    fix: "修正方法：",
    request: "リクエスト",
    method: "メソッド",
    body: "JSON 本文（なしの場合は空欄）",
    target: "送信先",
    sandbox: "ブラウザー内サンドボックス：ドキュメントどおりに応答し、ブラウザーの外には何も送信しません",
    live: "実際のベース URL",
    liveUrl: "ベース URL",
    liveHint: "キーはこの URL にだけ送信されます。サーバーがこのページからの呼び出しを許可している（CORS）必要があります。ローカルサーバーのサンドボックス（…/sandbox/maiagent/ と …/sandbox/aigne-hub/）は許可しています。",
    send: "送信",
    cancel: "キャンセル",
    sending: "送信中…",
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
    code: "コード",
    codeHint: "同じリクエストを、ご自分のプロジェクトで使えるコードにしたものです。キーは環境変数 {env} から読み込みます（ブラウザーの例では、キーを入れる場所を仮の値で示しています）。「実行」では、上のキーをその実行の間だけこの環境変数に設定します。",
    codeHintOwnKey: "キーがテキストのままコードに入っています。このコードは共有やコミットをしないでください。",
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
    // H4 run
    loadingRequests: "初回の実行のため requests を読み込み中（約 0.5 MB、訪問ごとに 1 回）…",
    runPackagesFailed: "requests とその依存パッケージを読み込めなかったため（{detail}）、コードは実行されませんでした。接続を確認してから、もう一度実行してください。「送信」はこれらがなくても使えます。",
    // H2 key & send
    applyFix: "修正を適用",
    fixApplied: "修正を適用しました。キーの欄にはキーだけが入っています。送信して応答を確認してください。",
    headerNotSent: "（HTTP ヘッダーに含められない文字があるため送信されません）",
    // H5 try & links
    tryItLoaded: "「{title}」をフォームに読み込みました。「送信」でドキュメントどおりの応答を確認できます。",
    keyReplaced: "キー欄のキーは、この例のキーに置き換えました。",
    keyBack: "自分のキーに戻す",
    keyBackDone: "自分のキーをキー欄に戻しました。",
    copyLink: "このリクエストのリンクをコピー",
    linkLabel: "このリクエストへのリンク",
    linkCopied: "リンクをコピーしました。API、メソッド、パス、本文を含みます。キーと実際のベース URL は含みません（リンクはサンドボックスで開きます）。",
    linkCopyManual: "ブラウザーがこのページからのコピーを許可しませんでした。下の欄からリンクをコピーしてください。",
    linkTooLong: "このリクエストはリンクにするには大きすぎます（{max} 文字を超えています）。共有するには本文を短くしてください。",
    linkRestored: "リンクのリクエストをフォームに読み込みました。内容を確認し、キーを入力して送信してください。送信するまで何も送られません。",
    linkDamaged: "このページのリンクのリクエストを復元できませんでした：{reason}。フォームには通常のリクエストを表示しており、何も送信していません。",
    linkProblem: {
      long: "リンクが長すぎます",
      format: "リクエストのリンクではありません",
      api: "プレイグラウンドが扱わない API を指定しています",
      method: "プレイグラウンドが送信できないメソッドです",
      path: "API のパスではありません（/ で始まる 1 行である必要があります）",
      body: "本文がテキストではありません",
    },
    history: "履歴",
    historyNote: "このページで送信した直近 {size} 件のリクエストです（新しい順）。キーはこの一覧に保存しません。「{remember}」がオンの間は、一覧もこのタブに保存します。",
    restore: "復元",
    restoreLabel: "{request} を復元（{status}、{time}）",
    historyRestored: "{request} をフォームに復元しました。",
    baseUnsafe: "このベース URL にはコード例へ安全に埋め込めない文字が含まれているため、ページのコード例はドキュメントのベース URL のままです。",
    // H3 builder & response
    operation: "オペレーション",
    freeForm: "パスを自由に入力（メソッドとパスを直接指定）",
    path: "パス",
    parameters: "パラメーター",
    pathParameter: "パス",
    queryParameter: "クエリ、省略可",
    exampleValue: "例：{value}",
    queryRequired: "クエリ",
    valueProblem: {
      empty: "{name} に値を入力してください。",
      dot: "{name} に「.」や「..」は使えません。URL が別の場所を指してしまいます。",
      long: "{name} が {max} 文字を超えています。",
      unencodable: "{name} の値は、URL に含められない文字（対になっていない UTF-16 サロゲート）を含んでいます。",
    },
    statusMeaning: "{status} の意味",
    bytes: "{count} バイト",
    answeredAs: "ブラウザー内サンドボックスが {url} の代わりに応答",
    unmodelledTitle: "サンドボックスでは再現していません",
    copyBody: "レスポンス本文をコピー",
    headerName: "名前",
    headerValue: "値",
    shortcutSend: "{keys} でどの欄からでも送信",
    shortcutRun: "{keys} でコードを実行",
    // H1 code
    codeTabs: "コードの言語",
    codeEditable: "Python（requests）：編集でき、「実行」で実行します",
    copy: "コピー",
    copyLabel: "{language} のコードをコピー",
    copied: "コピーしました。",
    copyFailed: "コピーできませんでした。テキストを選択して、手動でコピーしてください。",
    keyInCode: "このコードにはキーが入っています。",
    pythonTab: "Python（requests）",
  },
});

/** The page's language from its `<html lang>`: Japanese for any "ja…", else English. */
export function languageOf(htmlLang) {
  return String(htmlLang || "en").toLowerCase().startsWith("ja") ? "ja" : "en";
}

/** `text` with each `{name}` replaced by `values[name]`; unknown names stay as written. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** A `{en, ja}` pair from Python in `lang` (English when that is missing), or a plain value as text. */
export function localized(pair, lang) {
  return pair && typeof pair === "object" ? pair[lang] || pair.en || "" : String(pair || "");
}

/** An API's name in `lang`: `names[lang]` from Python's info() when it has one, else `name`. */
export function apiName(api, lang) {
  return (api.names && api.names[lang]) || api.name || api.id;
}

/** `text` cut to `max` characters, with `marker` on its own line when it was cut. */
export function shortened(text, max, marker) {
  const value = String(text);
  return value.length > max ? value.slice(0, max) + "\n" + marker : value;
}

// A character no header can carry (a line break, a full-width space), written out so it can be seen.
const shownCharacter = (c) => (c >= " " && c <= "~" ? c : `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);

/**
 * The header preview's text: `Name: value` exactly as Send sends it, the typed part masked unless
 * it is `visible` (the value is the scheme, a space and the key field's text), characters no header
 * can carry written out (such a header is not sent, and the preview says so), and past `max`
 * characters the rest counted, not shown (a pasted document must not push the page down).
 */
export function headerPreviewText(result, { visible, max, lang }) {
  const strings = STRINGS[lang] || STRINGS.en;
  if (!result.value) return strings.noHeader;
  const space = result.value.indexOf(" ");
  const typed = Array.from(result.value.slice(space + 1));
  const value = result.value.slice(0, space + 1) + (visible ? typed.map(shownCharacter).join("") : "•".repeat(typed.length));
  const rest = value.length - max;
  const text = rest > 0 ? value.slice(0, max) + fill(strings.moreCharacters, { count: rest.toLocaleString(lang) }) : value;
  const sendable = typed.every((c) => c >= " " && c <= "~");
  return `${result.name}: ${text}${sendable ? "" : strings.headerNotSent}`;
}
