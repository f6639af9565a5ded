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
    // H1 code
    codeTabs: "Code languages",
    codeEditable: "Python (requests), editable: Run runs it",
    copy: "Copy",
    copyLabel: "Copy the {language} code",
    copied: "Copied.",
    copyFailed: "Could not copy: select the code and copy it yourself.",
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
    // H1 code
    codeTabs: "コードの言語",
    codeEditable: "Python（requests）。編集でき、「実行」で実行します",
    copy: "コピー",
    copyLabel: "{language} のコードをコピー",
    copied: "コピーしました。",
    copyFailed: "コピーできませんでした。コードを選択して、手動でコピーしてください。",
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

/**
 * The header preview's text: `Name: value`, the key masked unless it is `visible`, and past `max`
 * characters the rest counted, not shown (a pasted document must not push the page down).
 */
export function headerPreviewText(result, { visible, max, lang }) {
  const strings = STRINGS[lang] || STRINGS.en;
  if (!result.value) return strings.noHeader;
  const value = visible || !result.key ? result.value
    : result.value.slice(0, result.value.length - result.key.length) + "•".repeat(result.key.length);
  const rest = value.length - max;
  const text = rest > 0 ? value.slice(0, max) + fill(strings.moreCharacters, { count: rest.toLocaleString(lang) }) : value;
  return `${result.name}: ${text}`;
}
