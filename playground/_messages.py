"""The message catalogue: every error text a reader sees, in English and Japanese, written once.

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
    "json_error_ja",
    "message",
    "message_for",
    "unexpected",
]

_L = LocalizedText

# `{detail}` is the exception's detail (in Japanese its `detail_ja`, when given) and `{example}` a
# base URL of the API at hand.
MESSAGES: dict[str, LocalizedText] = {
    "invalid_json": _L(
        "The body is not valid JSON, so nothing was sent: {detail}",
        "本文が正しい JSON ではないため、送信しませんでした：{detail}",
    ),
    "body_too_large": _L(
        f"The body is larger than {MAX_BODY_BYTES // 1024 // 1024} MiB, so nothing was sent.",
        f"本文が {MAX_BODY_BYTES // 1024 // 1024} MiB を超えているため、送信しませんでした。",
    ),
    "invalid_path": _L(
        "The endpoint must be a path such as /api/v1/chatbots/, not a full URL; "
        "put the server in the target's base URL.",
        "完全な URL ではなく、/api/v1/chatbots/ のようなパスを指定してください。"
        "サーバーのアドレスは「ベース URL」に入力します。",
    ),
    "json_too_deep": _L(
        f"The body is nested more than {MAX_JSON_DEPTH} levels deep, so nothing was sent.",
        f"本文の入れ子が {MAX_JSON_DEPTH} 階層を超えているため、送信しませんでした。",
    ),
    "json_constant": _L(
        "The body contains {detail}: JSON has no NaN or Infinity, and no number that large, so nothing was sent.",
        "本文に {detail} が含まれています。JSON では NaN、Infinity や、これほど大きな数値は扱えないため、"
        "送信しませんでした。",
    ),
    "duplicate_key": _L(
        "The body has the key {detail} more than once; servers differ on which value wins, "
        "so nothing was sent. Keep one.",
        "本文にキー {detail} が複数回あります。どちらの値が使われるかはサーバーによって異なるため、"
        "送信しませんでした。1 つだけにしてください。",
    ),
    "empty_path": _L(
        "Enter an endpoint, for example /api/v1/chatbots/.",
        "エンドポイントを入力してください（例：/api/v1/chatbots/）。",
    ),
    "path_characters": _L(
        "The endpoint contains spaces, line breaks, control or non-ASCII characters, or a "
        "backslash, so nothing was sent. Percent-encode them (a space is %20).",
        "エンドポイントにスペース、改行、制御文字、ASCII 以外の文字、またはバックスラッシュが"
        "含まれているため、送信しませんでした。パーセントエンコードしてください（スペースは %20）。",
    ),
    "path_dot_segments": _L(
        "The endpoint contains a `.` or `..` segment, which would leave the API's base URL, "
        "so nothing was sent. Write the path without it.",
        "エンドポイントに `.` または `..` のセグメントが含まれており、API のベース URL の外を"
        "指してしまうため、送信しませんでした。これを含まないパスにしてください。",
    ),
    "invalid_method": _L("Choose one of the listed HTTP methods.", "一覧にある HTTP メソッドを選んでください。"),
    "body_not_allowed": _L(
        "A {detail} request has no body (browsers refuse to send one), so nothing was sent. "
        "Clear the body, or choose POST.",
        "{detail} リクエストには本文を付けられない（ブラウザーが送信を拒否する）ため、送信しませんでした。"
        "本文を空にするか、POST を選んでください。",
    ),
    "invalid_url": _L(
        "The base URL is not a valid URL. Write it in full, for example {example}",
        "ベース URL が正しい URL ではありません。{example} のように完全な形で入力してください。",
    ),
    "empty_url": _L(
        "Enter the base URL of the API to call, for example {example}, or choose the sandbox.",
        "呼び出す API のベース URL を入力してください（例：{example}）。または、サンドボックスを選んでください。",
    ),
    "url_characters": _L(
        "The base URL contains spaces, line breaks or non-ASCII characters. Percent-encode "
        "them, and write an international domain name in its xn-- form.",
        "ベース URL にスペース、改行、または ASCII 以外の文字が含まれています。これらはパーセント"
        "エンコードしてください。国際化ドメイン名は、xn-- から始まる形式で入力します。",
    ),
    "url_credentials": _L(
        "The base URL contains a user name or password (`user:password@`). Browsers refuse to "
        "send such URLs, and your key belongs in the API key field: remove it from the URL.",
        "ベース URL にユーザー名またはパスワード（`user:password@`）が含まれています。ブラウザーは"
        "このような URL を送信しません。キーは API キーの欄に入力し、URL からは取り除いてください。",
    ),
    "url_query": _L(
        "The base URL cannot have a query (`?…`) or a fragment (`#…`): the endpoint is added after "
        "it. Put query parameters after the endpoint.",
        "ベース URL にはクエリ（`?…`）やフラグメント（`#…`）を含められません（エンドポイントはその後ろに"
        "付きます）。クエリパラメーターはエンドポイントの後ろに付けてください。",
    ),
    "csp_blocked": _L(
        "This site's Content Security Policy lets the playground call https:// URLs, and http:// only "
        "on this site and on your own computer (localhost, 127.0.0.1), so the browser would refuse "
        "{detail}: nothing was sent. Use the API's https:// URL.",
        "プレイグラウンドが呼び出せる URL は、このサイトのコンテンツセキュリティポリシーで制限されています。"
        "許可されているのは https:// の URL と、このサイト自身およびご自身のコンピューター（localhost、127.0.0.1）の "
        "http:// の URL だけです。ブラウザーが {detail} への送信を拒否するため、送信しませんでした。"
        "API の https:// の URL を使ってください。",
    ),
    "url_dot_segments": _L(
        "The base URL contains a `.` or `..` segment, which the browser would resolve before "
        "sending, so the request would go elsewhere than shown. Write the URL without it.",
        "ベース URL に `.` または `..` のセグメントが含まれています。ブラウザーが送信前にこれを解決し、"
        "表示とは別の URL に送られてしまうため、これを含まない URL にしてください。",
    ),
    "non_http_scheme": _L(
        "Only http:// and https:// base URLs can be called (not {detail}).",
        "呼び出せるのは http:// または https:// のベース URL だけです（{detail} は使えません）。",
    ),
    "header_characters": _L(
        "The key field contains a character no HTTP header can carry (a line break, a control character, "
        "or one that is not ASCII, such as a full-width space), so nothing was sent. The diagnosis says "
        "which; Apply fix removes it.",
        "キーの欄の値が、HTTP ヘッダーに含められない文字（改行、制御文字、全角スペースなど ASCII 以外の文字）を"
        "含んでいるため、送信しませんでした。どの文字かは診断に表示されます。「修正を適用」で取り除けます。",
    ),
    "invalid_request": _L(
        "Check the URL (it must start with http:// or https://) and the header values "
        "(no line breaks or control characters).",
        "URL（http:// または https:// で始まること）とヘッダーの値（改行や制御文字を含まないこと）を確認してください。",
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
    ),
    "timeout": _L(
        "The server did not answer within {detail} s, so the request was stopped. Try again, or check "
        "that the base URL is right.",
        "サーバーが {detail} 秒以内に応答しなかったため、リクエストを中止しました。再試行するか、"
        "ベース URL が正しいか確認してください。",
    ),
    "redirect": _L(
        "The target answered with a redirect (a 3xx status) to another address. The playground never "
        "follows redirects, so your key was not sent there. Use the address it redirects to as the "
        "base URL.",
        "送信先のサーバーが別のアドレスへのリダイレクト（3xx ステータス）で応答しました。プレイグラウンドは"
        "リダイレクトをたどらないため、キーはそのアドレスには送信していません。リダイレクト先のアドレスを"
        "ベース URL に指定してください。",
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
    ),
    "cancelled": _L("The request was cancelled.", "リクエストをキャンセルしました。"),
    "too_large": _L(
        "The response was too large to display, so it was not read.",
        "応答が大きすぎて表示できないため、読み込みませんでした。",
    ),
    "unknown_api": _L(
        "Choose one of the documented APIs: MaiAgent or AIGNE Hub.",
        "ドキュメントに記載された API（MaiAgent または AIGNE Hub）を選んでください。",
    ),
    "unknown_example": _L("This documented example does not exist.", "このドキュメントの例は存在しません。"),
    "unknown_op": _L(
        "The playground received a message it does not understand.",
        "プレイグラウンドが解釈できないメッセージを受け取りました。",
    ),
    "internal": _L("Something went wrong in the playground.", "プレイグラウンドで問題が発生しました。"),
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
)

# A reader trying their own key on the sandbox got the documented 401 with nothing to say why.
SANDBOX_KEYS_ONLY = _L(
    "The sandbox knows only the demo keys (see Playground, Demo keys) and answers any other "
    "key with this 401. To try your own key, choose a live base URL.",
    "サンドボックスが受け付けるのはデモキーだけで、それ以外のキーにはこの 401 を返します"
    "（プレイグラウンドの「デモキー」を参照）。ご自身のキーを試すには、実際のベース URL を選んでください。",
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
)


def message(code: str, detail: str = "", *, detail_ja: str | None = None, example: str = "") -> LocalizedText:
    """The catalogue's text for `code`, its placeholders filled.

    Parameters:
        code: A key of `MESSAGES`.
        detail: Fills `{detail}`.
        detail_ja: Fills `{detail}` in Japanese, when it differs.
        example: Fills `{example}`.

    Returns:
        The text in English and Japanese.
    """
    text = MESSAGES[code]
    if "{detail}" in text.en or "{example}" in text.en:
        text = _L(
            text.en.format(detail=detail, example=example),
            text.ja.format(detail=detail if detail_ja is None else detail_ja, example=example),
        )
    return text


def message_for(error: PlaygroundError) -> LocalizedText:
    """The text a reader sees for `error` (what its `hint` reads).

    Parameters:
        error: Any exception of the package.

    Returns:
        The text in English and Japanese.
    """
    return message(
        error.code, error.detail, detail_ja=getattr(error, "detail_ja", None), example=getattr(error, "example", "")
    )


def error_dict(code: str, detail: str = "", *, detail_ja: str | None = None, example: str = "") -> dict[str, Any]:
    """The page's error answer for `code` (see `message` for the parameters).

    Returns:
        `{"ok": False, "error": {"code", "message": {"en", "ja"}, "detail", "sent"}}`.
    """
    text = message(code, detail, detail_ja=detail_ja, example=example)
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
    answer = error_dict(
        error.code, error.detail, detail_ja=getattr(error, "detail_ja", None), example=getattr(error, "example", "")
    )
    request = error.request
    if request is not None:
        answer["error"].update(method=request.method, url=request.url)
    return answer


# What json.loads says (CPython's json.decoder and _json), in Japanese; an unknown message stays as it is.
_JSON_ERRORS_JA = (
    ("Expecting value", "ここに JSON の値が必要です"),
    ("Expecting property name enclosed in double quotes", '二重引用符（`"`）で囲んだプロパティ名が必要です'),
    ("Expecting ':' delimiter", "区切りの `:` が必要です"),
    ("Expecting ',' delimiter", "区切りの `,` が必要です"),
    ("Unterminated string", "文字列が閉じられていません"),
    ("Invalid control character", "文字列の中に制御文字（改行やタブなど）がそのまま入っています"),
    ("Invalid \\uXXXX escape", "\\uXXXX エスケープが正しくありません"),
    ("Invalid \\escape", "エスケープ（\\）が正しくありません"),
    ("Extra data", "JSON の値の後に余分なデータがあります"),
    ("Illegal trailing comma before end of object", "オブジェクトの最後に余分な `,` があります"),
    ("Illegal trailing comma before end of array", "配列の最後に余分な `,` があります"),
)


def json_error_ja(exc: json.JSONDecodeError) -> str:
    """Say where and what a JSON parse error is, in Japanese.

    Parameters:
        exc: The parser's error.

    Returns:
        The line, the column, and the parser's message translated (as it is when unknown).
    """
    text = next((ja for en, ja in _JSON_ERRORS_JA if exc.msg.startswith(en)), exc.msg)
    return f"{exc.lineno} 行目、{exc.colno} 列目：{text}"
