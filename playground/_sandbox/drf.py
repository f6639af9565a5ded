"""What MaiAgent's server, Django with Django REST framework, does to a request: the redirect of a
path missing its trailing slash, and request bodies read and validated.

`parse_body` also reads the bodies of APIs that are not DRF (their `error_field` is not `detail`):
their messages and accepted media types differ, the steps do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .._models import Headers, LocalizedText, Request, Response, loads_json
from .._profiles import ApiProfile
from .responses import Reject, error_response, json_response

__all__ = ["append_slash_redirect", "drf_object", "drf_string", "drf_string_schema", "parse_body"]


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


# What CharField's trim_whitespace strips (str.strip(): every character str.isspace() accepts), as
# the body of a regular-expression class that ECMA-262, Python and Rust regular expressions read alike.
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def drf_string(value: Any, max_length: int | None = 255) -> tuple[str | None, list[str]]:
    """Validate like Django REST framework's `CharField` (encode/django-rest-framework,
    rest_framework/fields.py): null and blank first, then the type (a number is taken as its text,
    a boolean is not), then every validator, whose messages add up: the length, Django's
    `ProhibitNullCharactersValidator` and DRF's `ProhibitSurrogateCharactersValidator`.

    Parameters:
        value: The field's value.
        max_length: The longest value allowed once stripped, if any.

    Returns:
        `(value, [])`, the value stripped, or `(None, its error messages)`.
    """
    if value is None:
        return None, ["This field may not be null."]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, ["Not a valid string."]
    text = str(value).strip()
    if not text:
        return None, ["This field may not be blank."]
    errors = []
    if max_length is not None and len(text) > max_length:
        errors.append(f"Ensure this field has no more than {max_length} characters.")
    if "\x00" in text:
        errors.append("Null characters are not allowed.")
    surrogate = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
    if surrogate is not None:
        errors.append(f"Surrogate characters are not allowed: U+{ord(surrogate):X}.")
    return (None, errors) if errors else (text, [])


def drf_string_schema(max_length: int | None = 255) -> dict[str, Any]:
    """The JSON Schema of the values `drf_string` accepts.

    Text whose stripped value is 1 to `max_length` characters without NUL, or a number. A lone
    surrogate is refused too, which the description says: a pattern cannot, as Rust's regular
    expressions (jsonschema-rs) have no surrogate code points. So is an integer of more than
    `max_length` digits, which JSON Schema cannot tell from a float such as `1e300`.

    Parameters:
        max_length: As for `drf_string`; at least 25, so that any float's text fits.

    Returns:
        The schema, its description in every language.

    Raises:
        ValueError: `max_length` is below 25.
    """
    if max_length is not None and max_length < 25:
        raise ValueError("max_length must be at least 25: a float's text takes up to 24 characters")
    kept = f"[^{_SPACE}\\x00]"  # a character that stays at either end once stripped
    middle = "[^\\x00]" + ("*" if max_length is None else f"{{0,{max_length - 2}}}")
    limit = (
        LocalizedText("", "", "")
        if max_length is None
        else LocalizedText(
            f" and at most {max_length} characters",
            f"、{max_length} 文字以内であること",
            f"，且不超過 {max_length} 個字元",
        )
    )
    description = LocalizedText(
        "Text, stripped of white space at both ends, then not empty"
        f'{limit.en}, without NUL (400 "Null characters are not allowed.") or lone surrogates; a number '
        "is accepted and stored as its text. As Django REST framework's CharField "
        "(encode/django-rest-framework, rest_framework/fields.py) with Django's "
        "ProhibitNullCharactersValidator (django/django, django/core/validators.py).",
        f"テキスト。条件は、前後の空白を取り除いた結果が空でないこと{limit.ja}です。"
        "NUL（400「Null characters are not allowed.」）と、対になっていないサロゲートは含められません。"
        "数値も受け付け、そのテキストとして保存します。動作は Django REST framework の CharField"
        "（encode/django-rest-framework、rest_framework/fields.py）と同じです。NUL を拒否するのは Django の "
        "ProhibitNullCharactersValidator（django/django、django/core/validators.py）です。",
        f"文字：去除前後的空白後不得為空{limit.zh_tw}，也不得包含 NUL（400「Null characters are not allowed.」）"
        "或不成對的代理字元。也接受數字，並以其文字形式儲存。行為與 Django REST framework 的 CharField"
        "（encode/django-rest-framework，rest_framework/fields.py）相同；拒絕 NUL 的是 Django 的 "
        "ProhibitNullCharactersValidator（django/django，django/core/validators.py）。",
    )
    return {
        "type": ["string", "number"],
        "pattern": f"^[{_SPACE}]*{kept}(?:{middle}{kept})?[{_SPACE}]*$",
        # One paragraph per language, as the OpenAPI document describes its operations.
        "description": "\n\n".join(description.to_dict().values()),
    }
