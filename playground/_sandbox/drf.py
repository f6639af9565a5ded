"""What MaiAgent's server, Django with Django REST framework, does to a request: the redirect of a
path missing its trailing slash, and request bodies read and validated.

`parse_body` also reads the bodies of APIs that are not DRF (their `error_field` is not `detail`):
their messages and accepted media types differ, the steps do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .._models import Headers, Request, Response, loads_json
from .._profiles import ApiProfile
from .responses import Reject, error_response, json_response

__all__ = ["append_slash_redirect", "drf_object", "drf_string", "parse_body"]


def append_slash_redirect(request: Request) -> Response:
    """Django's answer to a path that resolves only with a trailing slash (`ApiProfile.append_slash`).

    As Django's `CommonMiddleware` with `APPEND_SLASH` (django/django, django/middleware/common.py:
    `process_response`, `should_redirect_with_slash`, `get_full_path_with_slash`): the URL resolver's
    404 becomes `301` to the same path with the slash, the query string kept (left out when empty),
    as a relative `Location`, with an empty body. The view never runs, so neither does
    authentication; every method is redirected (only with `DEBUG` on does a POST, PUT, PATCH or, in
    recent versions, DELETE raise a `RuntimeError` instead, which a production server does not).
    Django also escapes a leading `//` so the Location cannot be scheme-relative: no route's path
    starts with one, so no path that resolves does.

    Parameters:
        request: The request, whose path a route matches once the slash is added.

    Returns:
        The `301` response.
    """
    parts = urlsplit(request.url)
    location = parts.path + "/" + (f"?{parts.query}" if parts.query else "")
    # HttpResponsePermanentRedirect is an HttpResponse: Django's default content type, no content.
    return Response(301, Headers({"Content-Type": "text/html; charset=utf-8", "Location": location}))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_body(request: Request, profile: ApiProfile) -> Any:
    """Read a request's body as its API does.

    Parameters:
        request: The request.
        profile: Its API.

    Returns:
        The parsed JSON (or, for DRF, form fields); `{}` for an empty body.

    Raises:
        Reject: The body is not valid JSON (400) or of a media type the API does not read (415).
    """
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    drf = profile.error_field == "detail"
    if not request.body:
        return {}
    if media in ("", "application/json") or media.endswith("+json"):
        try:
            return loads_json(request.body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            message = f"JSON parse error - {exc}" if drf else "Request body is not valid JSON"
            raise Reject(error_response(profile, 400, message)) from None
    if drf and media == "application/x-www-form-urlencoded":
        return dict(parse_qsl(request.body.decode("utf-8", errors="replace"), keep_blank_values=True))
    message = f'Unsupported media type "{content_type}" in request.' if drf else "Content-Type must be application/json"
    raise Reject(error_response(profile, 415, message))


def drf_object(data: Any) -> Mapping[str, Any]:
    """Require a JSON object, as a DRF serializer does.

    Parameters:
        data: The parsed body.

    Returns:
        `data`, an object.

    Raises:
        Reject: 400 with `non_field_errors`.
    """
    if data is None:
        raise Reject(json_response(400, {"non_field_errors": ["No data provided"]}))
    if not isinstance(data, dict):
        kind = {list: "list", str: "str", bool: "bool", int: "int", float: "float"}.get(type(data), "object")
        message = f"Invalid data. Expected a dictionary, but got {kind}."
        raise Reject(json_response(400, {"non_field_errors": [message]}))
    return data


def drf_string(value: Any, max_length: int | None = 255) -> tuple[str | None, str | None]:
    """Validate like Django REST framework's `CharField`.

    Parameters:
        value: The field's value.
        max_length: The longest value allowed, if any.

    Returns:
        `(value, None)`, the value stripped, or `(None, error message)`.
    """
    if value is None:
        return None, "This field may not be null."
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, "Not a valid string."
    text = str(value).strip()
    if not text:
        return None, "This field may not be blank."
    if "\x00" in text:
        return None, "Null characters are not allowed."
    surrogate = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
    if surrogate is not None:
        return None, f"Surrogate characters are not allowed: U+{ord(surrogate):X}."
    if max_length is not None and len(text) > max_length:
        return None, f"Ensure this field has no more than {max_length} characters."
    return text, None
