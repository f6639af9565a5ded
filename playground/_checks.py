"""Every check of what a reader asks to send: the method, the JSON body, the path and the base URL.

The one place that validates targets and paths: `Client.build_request` checks the path and its
base URL, transports check each outgoing request, and the playground checks the method, the body
and its page's Content Security Policy. A problem raises an `InvalidRequestError` subclass whose
`code` names the reader's message (`playground._messages`).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import urlsplit

from ._exceptions import (
    InvalidBodyError,
    InvalidMethodError,
    InvalidPathError,
    InvalidRequestError,
    InvalidURLError,
)
from ._messages import json_error
from ._models import JSONNestingError, Request, loads_json
from ._sandbox import MAX_BODY_BYTES

__all__ = [
    "METHODS",
    "check_connect_allowed",
    "check_method",
    "check_outgoing",
    "check_path",
    "check_target",
    "parse_body",
]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def check_method(method: object) -> str:
    """Return the method upper-cased, refusing one the playground does not offer.

    Parameters:
        method: The method as the page sent it.

    Returns:
        One of `METHODS`.

    Raises:
        InvalidMethodError: Not one of `METHODS`.
    """
    name = str(method).upper()
    if name not in METHODS:
        raise InvalidMethodError(detail=name)
    return name


# --- the body: strict JSON (RFC 8259), as the server reads it ----------------------------------


def _no_constant(name: str) -> Any:
    raise InvalidBodyError(code="json_constant", detail=name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidBodyError(code="json_constant", detail=text if len(text) <= 40 else text[:40] + "…")
    return value


def _int(text: str) -> int:
    # Python refuses to read an integer this long (sys.get_int_max_str_digits()) with a message
    # about its own limits; for the reader it is a number JSON cannot carry either.
    if len(text.lstrip("-")) > 4300:
        raise InvalidBodyError(code="json_constant", detail=text[:40] + "…")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise InvalidBodyError(code="duplicate_key", detail=json.dumps(key)[:80])
        data[key] = value
    return data


def parse_body(method: str, text: str) -> Any:
    """Read the body the reader typed as strict JSON.

    Parameters:
        method: The request's method: `fetch` refuses a body on GET or HEAD before sending it,
            which the page could only have called a network failure.
        text: The JSON text; blank for no body.

    Returns:
        The parsed value, or `None` for no body.

    Raises:
        InvalidBodyError: Not strict JSON (NaN, a duplicate key, ...), too large, too deep, or a
            body on GET or HEAD.
    """
    # A byte order mark is invisible and no part of the JSON: json.loads refused the whole body for it.
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    # "surrogatepass": a lone surrogate pasted into the page is still counted, not a crash.
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        raise InvalidBodyError(code="body_too_large")
    try:
        data = loads_json(
            text, parse_constant=_no_constant, parse_float=_finite, parse_int=_int, object_pairs_hook=_unique_keys
        )
    except JSONNestingError:
        raise InvalidBodyError(code="json_too_deep") from None
    except InvalidBodyError:
        raise
    except json.JSONDecodeError as exc:
        told = json_error(exc)
        raise InvalidBodyError(
            code="invalid_json", detail=told.en, detail_ja=told.ja, detail_zh_tw=told.zh_tw
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InvalidBodyError(code="invalid_json", detail=str(exc)) from None
    if data is not None and method in ("GET", "HEAD"):
        raise InvalidBodyError(code="body_not_allowed", detail=method)
    return data


# --- the path and the base URL ---------------------------------------------------------------


def _unsafe_character(text: str) -> bool:
    return any(ord(c) <= 0x20 or ord(c) >= 0x7F for c in text)


def _has_dot_segment(path: str) -> bool:
    return any(segment.lower().replace("%2e", ".") in (".", "..") for segment in path.split("/"))


# A first segment with a colon reads as a URL scheme (`javascript:`, `mailto:`), not a path.
_SCHEME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HOST_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,63}$")


def check_path(path: str) -> None:
    """Refuse an endpoint path that is not one: empty, a full URL, unsafe characters, or dot segments.

    Parameters:
        path: The path as given, absolute or relative to the API's base path.

    Raises:
        InvalidPathError: The path cannot be sent as it is.
    """
    if not path:
        raise InvalidPathError(code="empty_path")
    if "://" in path or path.startswith("//") or _SCHEME_LIKE.match(path):
        raise InvalidPathError(code="invalid_path", detail=path[:200])
    if _unsafe_character(path) or "\\" in path:
        raise InvalidPathError(code="path_characters")
    if _has_dot_segment(re.split(r"[?#]", path, maxsplit=1)[0]):
        # Browsers resolve dot segments (also %2e%2e) before sending: the request would leave the base URL.
        raise InvalidPathError(code="path_dot_segments", detail=path[:200])


def check_target(url: str, *, example: str) -> None:
    """Refuse a base URL that cannot be called.

    Parameters:
        url: The base URL.
        example: The API's own base URL, which the messages show.

    Raises:
        InvalidURLError: The URL is empty, not http(s), or would be sent elsewhere than shown.
    """
    if not url:
        raise InvalidURLError(code="empty_url", example=example)
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InvalidURLError(code="invalid_url", detail=str(exc), example=example) from None
    if parts.scheme and parts.scheme not in ("http", "https"):
        if re.match(r"(localhost|[A-Za-z0-9-]+\.[A-Za-z0-9.-]+):\d+(/|$)", url):
            # `localhost:8000/...`: a host and port, not a scheme.
            raise InvalidURLError(code="invalid_url", detail=url[:200], example=example)
        raise InvalidURLError(code="non_http_scheme", detail=parts.scheme[:20] + ":")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidURLError(code="invalid_url", detail=url[:200], example=example)
    if _unsafe_character(url):
        raise InvalidURLError(code="url_characters", detail=url[:200])
    if "@" in parts.netloc:
        raise InvalidURLError(code="url_credentials")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise InvalidURLError(code="url_query", detail=url[:200])
    if _has_dot_segment(parts.path):
        # The browser resolves them before sending: the request goes elsewhere than the URL shown.
        raise InvalidURLError(code="url_dot_segments", detail=url[:200])
    try:
        parts.port  # noqa: B018  (raises for a port out of range)
    except ValueError as exc:
        raise InvalidURLError(code="invalid_url", detail=str(exc), example=example) from None
    host = parts.hostname or ""
    # urlsplit checks an IPv6 literal (the host with colons); a name has DNS's limits, or fetch fails on it.
    labels = host.rstrip(".").split(".")
    if ":" not in host and (len(host) > 253 or not all(_HOST_LABEL.match(label) for label in labels)):
        raise InvalidURLError(code="invalid_url", detail=url[:200], example=example)


def check_connect_allowed(url: str, page_origin: str) -> None:
    """Refuse a base URL (already checked) that the site's Content Security Policy keeps the page from calling.

    Parameters:
        url: The base URL.
        page_origin: The page's origin, whose policy the browser applies.

    Raises:
        InvalidURLError: The browser would refuse the call (`csp_blocked`).
    """
    # Imported here: only a live target needs it, and start-up should not import html.parser.
    from ._csp import connect_allowed

    if not connect_allowed(url, page_origin):
        # fetch fails on it as on a network error: the reader got the generic list of causes.
        parts = urlsplit(url)
        raise InvalidURLError(code="csp_blocked", detail=f"{parts.scheme}://{parts.netloc}")


def check_outgoing(request: Request) -> None:
    """Refuse a request that must not leave the machine.

    Only `http` and `https` URLs (urllib would also read `file:` URLs), and only header names
    and values made of visible ASCII and spaces: a line break in a header would split the request.

    Parameters:
        request: The request about to be sent.

    Raises:
        InvalidRequestError: The URL or a header is unsafe.
    """
    try:
        parts = urlsplit(request.url)
    except ValueError as exc:
        raise InvalidRequestError(f"invalid URL {request.url!r}: {exc}", request=request) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidRequestError(
            f"only absolute http:// and https:// URLs can be sent, not {request.url!r}", request=request
        )
    if _unsafe_character(request.url):
        raise InvalidRequestError(
            "the URL contains spaces, control or non-ASCII characters; percent-encode them", request=request
        )
    for name, value in request.headers.raw:
        if not name or any(not ("!" <= c <= "~") or c == ":" for c in name):
            raise InvalidRequestError(f"invalid header name {name!r}", request=request)
        if any(not (" " <= c <= "~") for c in value):
            raise InvalidRequestError(
                f"the value of header {name!r} contains a line break, control or non-ASCII character", request=request
            )
