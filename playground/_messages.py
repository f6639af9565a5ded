"""The message catalogue: every error text a reader sees, in English, Japanese and Traditional Chinese
(Taiwan), written once.

Each exception of the package names its text by `code`; `error_answer` turns any exception into
the error the page shows, and an exception's `hint` reads the same text.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ._exceptions import PlaygroundError
from ._models import MAX_JSON_DEPTH, LocalizedText
from ._sandbox import MAX_BODY_BYTES

__all__ = [
    "MESSAGES",
    "RUN_NOT_IN_SANDBOX",
    "SANDBOX_KEYS_ONLY",
    "SENT_CODES",
    "SLASH_REDIRECT",
    "UNMODELLED",
    "error_answer",
    "error_dict",
    "json_error",
    "message",
    "message_for",
    "unexpected",
]

_L = LocalizedText

# `{detail}` is the exception's detail (in Japanese its `detail_ja`, in Chinese its `detail_zh_tw`,
# when given) and `{example}` a base URL of the API at hand.
MESSAGES: dict[str, LocalizedText] = {
    "invalid_json": _L(
        "The body is not valid JSON, so nothing was sent: {detail}",
        "本文が正しい JSON ではないため、送信しませんでした：{detail}",
        "本文不是有效的 JSON，因此未傳送：{detail}",
    ),
    "body_too_large": _L(
        f"The body is larger than {MAX_BODY_BYTES // 1024 // 1024} MiB, so nothing was sent.",
        f"本文が {MAX_BODY_BYTES // 1024 // 1024} MiB を超えているため、送信しませんでした。",
        f"本文超過 {MAX_BODY_BYTES // 1024 // 1024} MiB，因此未傳送。",
    ),
    "invalid_path": _L(
        "The endpoint must be a path such as /api/v1/chatbots/, not a full URL; "
        "put the server in the target's base URL.",
        "完全な URL ではなく、/api/v1/chatbots/ のようなパスを指定してください。"
        "サーバーのアドレスは「ベース URL」に入力します。",
        "請指定 /api/v1/chatbots/ 這類路徑，而不是完整的 URL。伺服器的位址請填入「基底 URL」。",
    ),
    "json_too_deep": _L(
        f"The body is nested more than {MAX_JSON_DEPTH} levels deep, so nothing was sent.",
        f"本文の入れ子が {MAX_JSON_DEPTH} 階層を超えているため、送信しませんでした。",
        f"本文的巢狀結構超過 {MAX_JSON_DEPTH} 層，因此未傳送。",
    ),
    "json_constant": _L(
        "The body contains {detail}: JSON has no NaN or Infinity, and no number that large, so nothing was sent.",
        "本文に {detail} が含まれています。JSON では NaN、Infinity や、これほど大きな数値は扱えないため、"
        "送信しませんでした。",
        "本文包含 {detail}。JSON 不支援 NaN 或 Infinity，也無法表示這麼大的數字，因此未傳送。",
    ),
    "duplicate_key": _L(
        "The body has the key {detail} more than once; servers differ on which value wins, "
        "so nothing was sent. Keep one.",
        "本文にキー {detail} が複数回あります。どちらの値が使われるかはサーバーによって異なるため、"
        "送信しませんでした。1 つだけにしてください。",
        "本文中的索引鍵 {detail} 出現了不只一次。各伺服器採用哪一個值並不一致，因此未傳送。請只保留一個。",
    ),
    "empty_path": _L(
        "Enter an endpoint, for example /api/v1/chatbots/.",
        "エンドポイントを入力してください（例：/api/v1/chatbots/）。",
        "請輸入端點（例如：/api/v1/chatbots/）。",
    ),
    "path_characters": _L(
        "The endpoint contains spaces, line breaks, control or non-ASCII characters, or a "
        "backslash, so nothing was sent. Percent-encode them (a space is %20).",
        "エンドポイントにスペース、改行、制御文字、ASCII 以外の文字、またはバックスラッシュが"
        "含まれているため、送信しませんでした。パーセントエンコードしてください（スペースは %20）。",
        "端點包含空格、換行、控制字元、非 ASCII 字元或反斜線，因此未傳送。請對它們進行百分比編碼（空格為 %20）。",
    ),
    "path_dot_segments": _L(
        "The endpoint contains a `.` or `..` segment, which would leave the API's base URL, "
        "so nothing was sent. Write the path without it.",
        "エンドポイントに `.` または `..` のセグメントが含まれており、API のベース URL の外を"
        "指してしまうため、送信しませんでした。これを含まないパスにしてください。",
        "端點包含 `.` 或 `..` 區段，會指向 API 基底 URL 以外的位置，因此未傳送。請改用不含這類區段的路徑。",
    ),
    "invalid_method": _L(
        "Choose one of the listed HTTP methods.",
        "一覧にある HTTP メソッドを選んでください。",
        "請選擇清單中的 HTTP 方法。",
    ),
    "body_not_allowed": _L(
        "A {detail} request has no body (browsers refuse to send one), so nothing was sent. "
        "Clear the body, or choose POST.",
        "{detail} リクエストには本文を付けられない（ブラウザーが送信を拒否する）ため、送信しませんでした。"
        "本文を空にするか、POST を選んでください。",
        "{detail} 請求不能附帶本文（瀏覽器會拒絕傳送），因此未傳送。請清空本文，或改選 POST。",
    ),
    "invalid_url": _L(
        "The base URL is not a valid URL. Write it in full, for example {example}",
        "ベース URL が正しい URL ではありません。{example} のように完全な形で入力してください。",
        "基底 URL 不是有效的 URL。請以 {example} 這樣的完整形式輸入。",
    ),
    "empty_url": _L(
        "Enter the base URL of the API to call, for example {example}, or choose the sandbox.",
        "呼び出す API のベース URL を入力してください（例：{example}）。または、サンドボックスを選んでください。",
        "請輸入要呼叫之 API 的基底 URL（例如：{example}），或選擇沙箱。",
    ),
    "url_characters": _L(
        "The base URL contains spaces, line breaks or non-ASCII characters. Percent-encode "
        "them, and write an international domain name in its xn-- form.",
        "ベース URL にスペース、改行、または ASCII 以外の文字が含まれています。これらはパーセント"
        "エンコードしてください。国際化ドメイン名は、xn-- から始まる形式で入力します。",
        "基底 URL 包含空格、換行或非 ASCII 字元。請對它們進行百分比編碼；國際化網域名稱請以 xn-- 開頭的形式輸入。",
    ),
    "url_credentials": _L(
        "The base URL contains a user name or password (`user:password@`). Browsers refuse to "
        "send such URLs, and your key belongs in the API key field: remove it from the URL.",
        "ベース URL にユーザー名またはパスワード（`user:password@`）が含まれています。ブラウザーは"
        "このような URL を送信しません。キーは API キーの欄に入力し、URL からは取り除いてください。",
        "基底 URL 包含使用者名稱或密碼（`user:password@`）。瀏覽器不會傳送這類 URL，"
        "而金鑰應該填在 API 金鑰欄位：請將它從 URL 中移除。",
    ),
    "url_query": _L(
        "The base URL cannot have a query (`?…`) or a fragment (`#…`): the endpoint is added after "
        "it. Put query parameters after the endpoint.",
        "ベース URL にはクエリ（`?…`）やフラグメント（`#…`）を含められません（エンドポイントはその後ろに"
        "付きます）。クエリパラメーターはエンドポイントの後ろに付けてください。",
        "基底 URL 不能包含查詢（`?…`）或片段（`#…`），因為端點會接在它的後面。查詢參數請放在端點之後。",
    ),
    "csp_blocked": _L(
        "This site's Content Security Policy lets the playground call https:// URLs, and http:// only "
        "on this site and on your own computer (localhost, 127.0.0.1), so the browser would refuse "
        "{detail}: nothing was sent. Use the API's https:// URL.",
        "プレイグラウンドが呼び出せる URL は、このサイトのコンテンツセキュリティポリシーで制限されています。"
        "許可されているのは https:// の URL と、このサイト自身およびご自身のコンピューター（localhost、127.0.0.1）の "
        "http:// の URL だけです。ブラウザーが {detail} への送信を拒否するため、送信しませんでした。"
        "API の https:// の URL を使ってください。",
        "本網站的內容安全性原則（Content Security Policy）只允許試用區呼叫 https:// 的 URL，"
        "以及本網站與您自己電腦（localhost、127.0.0.1）上的 http:// URL。瀏覽器會拒絕傳送到 {detail}，"
        "因此未傳送。請使用 API 的 https:// URL。",
    ),
    "url_dot_segments": _L(
        "The base URL contains a `.` or `..` segment, which the browser would resolve before "
        "sending, so the request would go elsewhere than shown. Write the URL without it.",
        "ベース URL に `.` または `..` のセグメントが含まれています。ブラウザーが送信前にこれを解決し、"
        "表示とは別の URL に送られてしまうため、これを含まない URL にしてください。",
        "基底 URL 包含 `.` 或 `..` 區段。瀏覽器會在傳送前解析這類區段，使請求送往與顯示不同的位置，"
        "因此請改用不含這類區段的 URL。",
    ),
    "non_http_scheme": _L(
        "Only http:// and https:// base URLs can be called (not {detail}).",
        "呼び出せるのは http:// または https:// のベース URL だけです（{detail} は使えません）。",
        "只能呼叫 http:// 或 https:// 的基底 URL（不能使用 {detail}）。",
    ),
    "header_characters": _L(
        "The key field contains a character no HTTP header can carry (a line break, a control character, "
        "or one that is not ASCII, such as a full-width space), so nothing was sent. The diagnosis says "
        "which; Apply fix removes it.",
        "キーの欄の値が、HTTP ヘッダーに含められない文字（改行、制御文字、全角スペースなど ASCII 以外の文字）を"
        "含んでいるため、送信しませんでした。どの文字かは診断に表示されます。「修正を適用」で取り除けます。",
        "金鑰欄位含有 HTTP 標頭無法攜帶的字元（換行、控制字元，或全形空格等非 ASCII 字元），"
        "因此未傳送。診斷會指出是哪個字元；「套用修正」可將它移除。",
    ),
    "invalid_request": _L(
        "Check the URL (it must start with http:// or https://) and the header values "
        "(no line breaks or control characters).",
        "URL（http:// または https:// で始まること）とヘッダーの値（改行や制御文字を含まないこと）を確認してください。",
        "請檢查 URL（必須以 http:// 或 https:// 開頭）與標頭的值（不得包含換行或控制字元）。",
    ),
    "network": _L(
        "The request failed before a response arrived. Common causes: nothing answers at this URL "
        "(the server is not running, the address or port is wrong, or there is no network); in a "
        "browser, the server does not allow calls from this page (CORS), or this site's Content "
        "Security Policy blocked the call: it allows https:// URLs, and http:// only to this site and "
        "to this computer (localhost, 127.0.0.1). Check the URL, use the sandbox, or call the API from "
        "your own server or terminal.",
        "レスポンスを受け取る前にリクエストが失敗しました。よくある原因は次のとおりです。この URL で応答する"
        "サーバーがない（サーバーが起動していない、アドレスやポートが誤っている、ネットワークにつながっていない）。"
        "ブラウザーでは、サーバーがこのページからの呼び出しを許可していない（CORS）。このサイトのコンテンツ"
        "セキュリティポリシー（CSP）が呼び出しを遮断した。CSP が許可するのは、https:// の URL と、このサイト自身"
        "およびご自身のコンピューター（localhost、127.0.0.1）への http:// の呼び出しだけです。URL を確認するか、"
        "サンドボックスを使うか、ご自身のサーバーやターミナルから API を呼び出してください。",
        "請求在收到回應之前就失敗了。常見的原因有三個。第一，這個 URL 沒有任何伺服器回應（伺服器未啟動、"
        "位址或連接埠錯誤，或沒有網路連線）。第二，在瀏覽器中，伺服器不允許來自此頁面的呼叫（CORS）。"
        "第三，本網站的內容安全性原則（CSP）封鎖了此呼叫。CSP 只允許 https:// 的 URL，以及對本網站"
        "與您這台電腦（localhost、127.0.0.1）的 http:// 呼叫。請檢查 URL、改用沙箱，"
        "或從您自己的伺服器或終端機呼叫 API。",
    ),
    "timeout": _L(
        "The server did not answer within {detail} s, so the request was stopped. Try again, or check "
        "that the base URL is right.",
        "サーバーが {detail} 秒以内に応答しなかったため、リクエストを中止しました。再試行するか、"
        "ベース URL が正しいか確認してください。",
        "伺服器未在 {detail} 秒內回應，因此已停止請求。請再試一次，或確認基底 URL 是否正確。",
    ),
    "redirect": _L(
        "The target answered with a redirect (a 3xx status) to another address. The playground never "
        "follows redirects, so your key was not sent there. Use the address it redirects to as the "
        "base URL.",
        "送信先のサーバーが別のアドレスへのリダイレクト（3xx ステータス）で応答しました。プレイグラウンドは"
        "リダイレクトをたどらないため、キーはそのアドレスには送信していません。リダイレクト先のアドレスを"
        "ベース URL に指定してください。",
        "目標伺服器以重新導向（3xx 狀態）回應，指向另一個位址。試用區一律不遵循重新導向，"
        "因此您的金鑰並未傳送到該處。請將重新導向的目的地位址設為基底 URL。",
    ),
    # A live target redirected a path without its trailing slash, on an API whose server is Django:
    # the browser hides where to, but APPEND_SLASH sends such a path to the same path with the slash.
    "redirect_slash": _L(
        "The target answered with a redirect (a 3xx status), which the playground never follows, so your "
        "key was not sent again. The path has no trailing slash: Django, with its APPEND_SLASH setting, "
        "redirects such a path to the same path with the slash (django/django, "
        "django/middleware/common.py). Send {detail} instead.",
        "送信先のサーバーがリダイレクト（3xx ステータス）で応答しました。プレイグラウンドはリダイレクトを"
        "たどらないため、キーを再送信していません。パスの末尾にスラッシュがありません。Django は APPEND_SLASH "
        "設定により、このパスをスラッシュ付きのパスへリダイレクトします"
        "（django/django の django/middleware/common.py）。代わりに {detail} を送信してください。",
        "目標伺服器以重新導向（3xx 狀態）回應；試用區不會遵循重新導向，因此並未再次傳送您的金鑰。"
        "此路徑的結尾沒有斜線：Django 的 APPEND_SLASH 設定會將這類路徑重新導向至加上斜線的相同路徑"
        "（django/django 的 django/middleware/common.py）。請改為傳送 {detail}。",
    ),
    "cancelled": _L("The request was cancelled.", "リクエストをキャンセルしました。", "已取消請求。"),
    "too_large": _L(
        "The response was too large to display, so it was not read.",
        "応答が大きすぎて表示できないため、読み込みませんでした。",
        "回應太大而無法顯示，因此未讀取。",
    ),
    "unknown_api": _L(
        "Choose one of the documented APIs: MaiAgent or AIGNE Hub.",
        "ドキュメントに記載された API（MaiAgent または AIGNE Hub）を選んでください。",
        "請選擇文件中記載的 API：MaiAgent 或 AIGNE Hub。",
    ),
    "unknown_example": _L(
        "This documented example does not exist.", "このドキュメントの例は存在しません。", "這個文件範例不存在。"
    ),
    "unknown_op": _L(
        "The playground received a message it does not understand.",
        "プレイグラウンドが解釈できないメッセージを受け取りました。",
        "試用區收到了無法理解的訊息。",
    ),
    "internal": _L(
        "Something went wrong in the playground.", "プレイグラウンドで問題が発生しました。", "試用區發生問題。"
    ),
}

# Failures after the request left: the page says "no answer" for these, "not sent" for the others.
SENT_CODES = frozenset({"network", "timeout", "redirect", "redirect_slash", "too_large", "cancelled"})

# A path the sandbox has no route for: its 404 is the sandbox's, not the real API's answer.
UNMODELLED = _L(
    "The sandbox does not model this endpoint; the real API may. This 404 is the sandbox's answer, "
    "not the real API's: check the path against the API's documentation, or choose a live base URL.",
    "サンドボックスはこのエンドポイントを再現していません。実際の API には存在する可能性があります。"
    "この 404 はサンドボックスの応答で、実際の API の応答ではありません。API のドキュメントでパスを確認するか、"
    "実際のベース URL を選んでください。",
    "沙箱並未模擬這個端點，但實際的 API 可能有。這個 404 是沙箱的回應，而不是實際 API 的回應："
    "請對照 API 的文件檢查路徑，或選擇實際的基底 URL。",
)

# A reader trying their own key on the sandbox got the documented 401 with nothing to say why.
SANDBOX_KEYS_ONLY = _L(
    "The sandbox knows only the demo keys (see Playground, Demo keys) and answers any other "
    "key with this 401. To try your own key, choose a live base URL.",
    "サンドボックスが受け付けるのはデモキーだけで、それ以外のキーにはこの 401 を返します"
    "（プレイグラウンドの「デモキー」を参照）。ご自身のキーを試すには、実際のベース URL を選んでください。",
    "沙箱只接受示範金鑰（請參閱試用區的「示範金鑰」），其他任何金鑰都會得到這個 401。"
    "若要試用您自己的金鑰，請選擇實際的基底 URL。",
)

# The sandbox's 301 for a path without its trailing slash ({location}: where it points).
SLASH_REDIRECT = _L(
    "The sandbox answers this path as Django does with its APPEND_SLASH setting (django/django, "
    "django/middleware/common.py): a path without its trailing slash gets 301, and the Location header "
    "names the same path with the slash. The playground does not follow redirects: send {location} instead.",
    "サンドボックスは、APPEND_SLASH 設定が有効な Django と同じようにこのパスへ応答します（django/django の "
    "django/middleware/common.py）。末尾にスラッシュのないパスには 301 を返し、Location ヘッダーで"
    "スラッシュを付けた同じパスを示します。プレイグラウンドはリダイレクトをたどりません。代わりに {location} を"
    "送信してください。",
    "沙箱對此路徑的回應方式，與啟用 APPEND_SLASH 設定的 Django 相同（django/django 的 "
    "django/middleware/common.py）：結尾沒有斜線的路徑會得到 301，Location 標頭則指向加上斜線的相同路徑。"
    "試用區不會遵循重新導向：請改為傳送 {location}。",
)


# Run, sandbox target: the program asked for a URL that is not a documented API's ({origin}: its origin).
RUN_NOT_IN_SANDBOX = _L(
    "With the sandbox as the target, Run is answered by the in-browser sandbox, which answers only "
    "the documented APIs' URLs ({origins}). {origin} is not one of them, so nothing was sent. To send "
    'this request over the network, choose "A live base URL" under "Send to" and Run again.',
    "送信先がサンドボックスのときは、ブラウザー内のサンドボックスが「実行」に応答します。応答するのは"
    "ドキュメントに記載された API の URL（{origins}）だけで、{origin} はそのどれでもないため、"
    "送信しませんでした。このリクエストをネットワークに送信するには、「送信先」で「実際のベース URL」を"
    "選んでから、もう一度「実行」してください。",
    "傳送目標為沙箱時，「執行」由瀏覽器內的沙箱回應，而沙箱只回應文件中記載之 API 的 URL"
    "（{origins}）。{origin} 不在其中，因此未傳送。若要透過網路傳送此請求，請在「傳送目標」選擇"
    "「實際的基底 URL」，然後再次「執行」。",
)


def message(
    code: str,
    detail: str = "",
    *,
    detail_ja: str | None = None,
    detail_zh_tw: str | None = None,
    example: str = "",
) -> LocalizedText:
    """The catalogue's text for `code`, its placeholders filled.

    Parameters:
        code: A key of `MESSAGES`.
        detail: Fills `{detail}`.
        detail_ja: Fills `{detail}` in Japanese, when it differs.
        detail_zh_tw: Fills `{detail}` in Traditional Chinese, when it differs.
        example: Fills `{example}`.

    Returns:
        The text in every language.
    """
    text = MESSAGES[code]
    if "{detail}" in text.en or "{example}" in text.en:
        text = _L(
            text.en.format(detail=detail, example=example),
            text.ja.format(detail=detail if detail_ja is None else detail_ja, example=example),
            text.zh_tw.format(detail=detail if detail_zh_tw is None else detail_zh_tw, example=example),
        )
    return text


def _filling(error: PlaygroundError) -> dict[str, Any]:
    """What fills an error's message besides its detail: the detail in other languages, the example."""
    return {
        "detail_ja": getattr(error, "detail_ja", None),
        "detail_zh_tw": getattr(error, "detail_zh_tw", None),
        "example": getattr(error, "example", ""),
    }


def message_for(error: PlaygroundError) -> LocalizedText:
    """The text a reader sees for `error` (what its `hint` reads).

    Parameters:
        error: Any exception of the package.

    Returns:
        The text in every language.
    """
    return message(error.code, error.detail, **_filling(error))


def error_dict(
    code: str,
    detail: str = "",
    *,
    detail_ja: str | None = None,
    detail_zh_tw: str | None = None,
    example: str = "",
) -> dict[str, Any]:
    """The page's error answer for `code` (see `message` for the parameters).

    Returns:
        `{"ok": False, "error": {"code", "message": {"en", "ja", "zh-TW"}, "detail", "sent"}}`.
    """
    text = message(code, detail, detail_ja=detail_ja, detail_zh_tw=detail_zh_tw, example=example)
    return {
        "ok": False,
        "error": {"code": code, "message": text.to_dict(), "detail": detail, "sent": code in SENT_CODES},
    }


def unexpected(exc: BaseException) -> PlaygroundError:
    """Wrap a failure that no code explains as an `internal` error that names it.

    Parameters:
        exc: The exception.

    Returns:
        A `PlaygroundError` whose detail is the exception's type and text.
    """
    return PlaygroundError(f"{type(exc).__name__}: {exc}")


def error_answer(exc: BaseException) -> dict[str, Any]:
    """The page's error answer for any exception: the package's by their code, a cancellation as
    `cancelled`, anything else as `internal`.

    Parameters:
        exc: The exception.

    Returns:
        As `error_dict`, plus the failed request's `method` and `url` when the exception carries it
        (the reader checks the URL against what they meant to call).
    """
    if isinstance(exc, asyncio.CancelledError):
        return error_dict("cancelled")
    error = exc if isinstance(exc, PlaygroundError) else unexpected(exc)
    answer = error_dict(error.code, error.detail, **_filling(error))
    request = error.request
    if request is not None:
        answer["error"].update(method=request.method, url=request.url)
    return answer


# What json.loads says (CPython's json.decoder and _json), by the start of its English message, in
# every language; an unknown message stays as it is.
_JSON_ERRORS = (
    _L("Expecting value", "ここに JSON の値が必要です", "此處需要 JSON 值"),
    _L(
        "Expecting property name enclosed in double quotes",
        '二重引用符（`"`）で囲んだプロパティ名が必要です',
        '需要以雙引號（`"`）括住的屬性名稱',
    ),
    _L("Expecting ':' delimiter", "区切りの `:` が必要です", "需要分隔符號 `:`"),
    _L("Expecting ',' delimiter", "区切りの `,` が必要です", "需要分隔符號 `,`"),
    _L("Unterminated string", "文字列が閉じられていません", "字串沒有結束"),
    _L(
        "Invalid control character",
        "文字列の中に制御文字（改行やタブなど）がそのまま入っています",
        "字串中直接含有控制字元（例如換行或 Tab）",
    ),
    _L("Invalid \\uXXXX escape", "\\uXXXX エスケープが正しくありません", "\\uXXXX 逸出序列不正確"),
    _L("Invalid \\escape", "エスケープ（\\）が正しくありません", "逸出序列（\\）不正確"),
    _L("Extra data", "JSON の値の後に余分なデータがあります", "JSON 值的後面還有多餘的資料"),
    _L(
        "Illegal trailing comma before end of object",
        "オブジェクトの最後に余分な `,` があります",
        "物件的結尾有多餘的 `,`",
    ),
    _L("Illegal trailing comma before end of array", "配列の最後に余分な `,` があります", "陣列的結尾有多餘的 `,`"),
)


def json_error(exc: json.JSONDecodeError) -> LocalizedText:
    """Say where and what a JSON parse error is, in every language.

    Parameters:
        exc: The parser's error.

    Returns:
        In English the parser's own text; in the other languages the line, the column, and the
        parser's message translated (as it is when unknown).
    """
    known = next((text for text in _JSON_ERRORS if exc.msg.startswith(text.en)), None)
    ja, zh_tw = (known.ja, known.zh_tw) if known else (exc.msg, exc.msg)
    return _L(
        str(exc),
        f"{exc.lineno} 行目、{exc.colno} 列目：{ja}",
        f"第 {exc.lineno} 行，第 {exc.colno} 欄：{zh_tw}",
    )
