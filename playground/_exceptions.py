"""The package's own exceptions.

Transports translate every backend failure (urllib, socket, browser ``fetch``) into one of
these, in one place each, so callers and the playground UI handle a single family. An HTTP
error status is never an exception: it is a normal [`Response`][playground.Response].
"""

from __future__ import annotations

from ._models import LocalizedText

__all__ = [
    "ConnectError",
    "InvalidRequestError",
    "NetworkError",
    "PlaygroundError",
    "RedirectError",
    "ResponseTooLargeError",
    "TimeoutException",
    "TransportError",
    "UnknownApiError",
    "UnknownExampleError",
]


class PlaygroundError(Exception):
    """Base class of every exception raised by the package.

    Attributes:
        hint: What the reader can do about it, in English and Japanese.
    """

    hint = LocalizedText(
        en="Something went wrong in the playground.",
        ja="プレイグラウンドで問題が発生しました。",
    )


class UnknownApiError(PlaygroundError, LookupError):
    """An API id that no profile describes (see [`PROFILES`][playground.PROFILES])."""

    hint = LocalizedText(
        en="Choose one of the documented APIs: MaiAgent or AIGNE Hub.",
        ja="ドキュメントに記載された API（MaiAgent または AIGNE Hub）を選んでください。",
    )


class UnknownExampleError(PlaygroundError, LookupError):
    """A documented-example id that the catalogue does not list (see [`EXAMPLES`][playground.EXAMPLES])."""


class InvalidRequestError(PlaygroundError, ValueError):
    """A request that must not be sent: a bad URL, a non-HTTP scheme, or an unsafe header value."""

    hint = LocalizedText(
        en="Check the URL (it must start with http:// or https://) and the header values "
        "(no line breaks or control characters).",
        ja="URL（http:// または https:// で始まること）とヘッダーの値"
        "（改行や制御文字を含まないこと）を確認してください。",
    )


class TransportError(PlaygroundError):
    """The request could not be completed; no HTTP response was received.

    Parameters:
        message: What happened, in English (for logs and tracebacks).
        request: The request that failed, when known.
    """

    def __init__(self, message: str, *, request: object | None = None) -> None:
        super().__init__(message)
        self.request = request


class ConnectError(TransportError):
    """The target could not be reached (DNS failure, connection refused, TLS failure)."""

    hint = LocalizedText(
        en="The server could not be reached. Check the base URL and your network connection.",
        ja="サーバーに接続できませんでした。ベース URL とネットワーク接続を確認してください。",
    )


class TimeoutException(TransportError):
    """The target did not answer within the transport's timeout."""

    hint = LocalizedText(
        en="The server did not answer in time. Try again, or check that the base URL is right.",
        ja="サーバーが時間内に応答しませんでした。再試行するか、ベース URL が正しいか確認してください。",
    )


class NetworkError(TransportError):
    """The connection failed mid-way, or the browser refused the request (CORS, redirect, offline)."""

    hint = LocalizedText(
        en="The request failed before a response arrived. Common causes: nothing answers at this URL "
        "(the server is not running, the address or port is wrong, or there is no network); in a "
        "browser, the server does not allow calls from this page (CORS), or this site's Content "
        "Security Policy blocked the call: it allows https:// URLs, and http:// only to this site and "
        "to this computer (localhost, 127.0.0.1). Check the URL, use the sandbox, or call the API from "
        "your own server or terminal.",
        ja="レスポンスを受け取る前にリクエストが失敗しました。よくある原因は、この URL で応答するサーバーがないこと"
        "（サーバーが起動していない、アドレスやポートが誤っている、ネットワークにつながっていない）、"
        "ブラウザーの場合はサーバーがこのページからの呼び出しを許可していないこと（CORS）、またはこのサイトの"
        "コンテンツセキュリティポリシー（CSP）による遮断です。CSP が許可するのは https:// の URL と、"
        "http:// ではこのサイト自身とご自身のコンピューター（localhost、127.0.0.1）への呼び出しだけです。"
        "URL を確認するか、サンドボックスを使うか、ご自身のサーバーやターミナルから API を呼び出してください。",
    )


class RedirectError(NetworkError):
    """The target answered with a redirect, which is never followed (the key would go elsewhere).

    A browser hides a refused redirect's status and location, so this is all that is known.
    """

    hint = LocalizedText(
        en="The target answered with a redirect (a 3xx status) to another address. The playground never "
        "follows redirects, so your key was not sent there. Use the address it redirects to as the base URL.",
        ja="送信先のサーバーが別のアドレスへのリダイレクト（3xx ステータス）で応答しました。プレイグラウンドは"
        "リダイレクトをたどらないため、キーはそのアドレスには送信していません。リダイレクト先のアドレスを"
        "ベース URL に指定してください。",
    )


class ResponseTooLargeError(TransportError):
    """The response body exceeded the transport's size limit and was not read to the end."""

    hint = LocalizedText(
        en="The response was too large to display, so it was not read.",
        ja="応答が大きすぎて表示できないため、読み込みませんでした。",
    )
