"""The package's own exceptions.

Transports translate every backend failure (urllib, socket, browser ``fetch``) into one of
these, in one place each, so callers and the playground UI handle a single family. An HTTP
error status is never an exception: it is a normal [`Response`][playground.Response].

Each exception names its message by `code`; the text, in every language, is written once,
in the message catalogue (`playground._messages`), and read back as `hint`.
"""

from __future__ import annotations

from typing import Any

from ._models import LocalizedText

__all__ = [
    "ConnectError",
    "InvalidBodyError",
    "InvalidMethodError",
    "InvalidPathError",
    "InvalidRequestError",
    "InvalidURLError",
    "NetworkError",
    "PlaygroundError",
    "RedirectError",
    "ResponseTooLargeError",
    "TimeoutException",
    "TransportError",
    "UnknownApiError",
    "UnknownExampleError",
    "UnknownOperationError",
]


class PlaygroundError(Exception):
    """Base class of every exception raised by the package.

    Parameters:
        *args: What happened, in English (for logs and tracebacks); without it, the message's English text.
        detail: What the reader's message names (a value, a limit); the first argument by default.
        request: The request that failed, when known.

    Attributes:
        code: The message's code in the catalogue (the page's error `code`).
        detail: As given.
        request: As given (a client attaches the request it was sending).
    """

    code = "internal"

    def __init__(self, *args: Any, detail: str | None = None, request: object | None = None) -> None:
        super().__init__(*args)
        self.detail = detail if detail is not None else (str(args[0]) if args else "")
        self.request = request

    @property
    def hint(self) -> LocalizedText:
        """What the reader can do about it, in every language: the message the playground shows."""
        # Imported here: the catalogue reads the sandbox's limits, and the sandbox imports this module.
        from ._messages import message_for

        return message_for(self)

    def __str__(self) -> str:
        return super().__str__() or self.hint.en


class UnknownApiError(PlaygroundError, LookupError):
    """An API id that no profile describes (see [`PROFILES`][playground.PROFILES])."""

    code = "unknown_api"


class UnknownExampleError(PlaygroundError, LookupError):
    """A documented-example id that the catalogue does not list (see [`EXAMPLES`][playground.EXAMPLES])."""

    code = "unknown_example"


class UnknownOperationError(PlaygroundError, LookupError):
    """A message from the page that names no operation of the playground's adapter."""

    code = "unknown_op"


class InvalidRequestError(PlaygroundError, ValueError):
    """A request that must not be sent: a bad URL, a non-HTTP scheme, or an unsafe header value.

    Parameters:
        *args: As for `PlaygroundError`.
        code: Which problem, when a subclass names several (see each subclass).
        detail: As for `PlaygroundError`.
        detail_ja: `detail` in Japanese, when it is a sentence (a JSON parser's message).
        detail_zh_tw: `detail` in Traditional Chinese, when it is a sentence (as `detail_ja`).
        example: A base URL of the API at hand, for messages that show one.
        request: As for `PlaygroundError`.
    """

    code = "invalid_request"

    def __init__(
        self,
        *args: Any,
        code: str | None = None,
        detail: str | None = None,
        detail_ja: str | None = None,
        detail_zh_tw: str | None = None,
        example: str = "",
        request: object | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.detail_ja = detail_ja
        self.detail_zh_tw = detail_zh_tw
        self.example = example
        super().__init__(*args, detail=detail, request=request)


class InvalidMethodError(InvalidRequestError):
    """An HTTP method the playground does not offer."""

    code = "invalid_method"


class InvalidBodyError(InvalidRequestError):
    """A body that is not strict JSON, too large or too deep, or not allowed with the method.

    Its `code` says which: `invalid_json`, `json_constant`, `duplicate_key`, `json_too_deep`,
    `body_too_large` or `body_not_allowed`.
    """

    code = "invalid_json"


class InvalidPathError(InvalidRequestError):
    """An endpoint path that is empty, a full URL, unsafe characters, or leaves the base URL.

    Its `code` says which: `empty_path`, `invalid_path`, `path_characters` or `path_dot_segments`.
    """

    code = "invalid_path"


class InvalidURLError(InvalidRequestError):
    """A base URL that cannot be called, or that the page's Content Security Policy would block.

    Its `code` says which: `empty_url`, `invalid_url`, `non_http_scheme`, `url_characters`,
    `url_credentials`, `url_query`, `url_dot_segments` or `csp_blocked`.
    """

    code = "invalid_url"


class TransportError(PlaygroundError):
    """The request could not be completed; no HTTP response was received.

    Parameters:
        *args: What happened, in English (for logs and tracebacks).
        detail: As for `PlaygroundError`.
        request: The request that failed, when known.
    """

    # Explained as a network failure: no answer came, and the browser does not say why.
    code = "network"


class ConnectError(TransportError):
    """The target could not be reached (DNS failure, connection refused, TLS failure)."""


class TimeoutException(TransportError):
    """The target did not answer within the transport's timeout.

    Parameters:
        *args: As for `TransportError`.
        timeout: The time limit in seconds, which the reader's message names.
        request: As for `TransportError`.
    """

    code = "timeout"

    def __init__(self, *args: Any, timeout: float | None = None, request: object | None = None) -> None:
        self.timeout = timeout
        super().__init__(*args, detail=None if timeout is None else f"{timeout:g}", request=request)


class NetworkError(TransportError):
    """The connection failed mid-way, or the browser refused the request (CORS, redirect, offline)."""


class RedirectError(NetworkError):
    """The target answered with a redirect, which is never followed (the key would go elsewhere).

    A browser hides a refused redirect's status and location, so this is all that is known.
    """

    code = "redirect"


class ResponseTooLargeError(TransportError):
    """The response body exceeded the transport's size limit and was not read to the end."""

    code = "too_large"
