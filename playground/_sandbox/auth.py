"""The sandbox's key check: the documented `401`s, and the access level of a demo key."""

from __future__ import annotations

import re

from .._models import Request
from .._profiles import ApiProfile
from .responses import Reject, example_response

__all__ = ["authenticate"]


def authenticate(request: Request, profile: ApiProfile) -> str:
    """Check the request's `Authorization` header as the API does.

    Parameters:
        request: The request.
        profile: Its API.

    Returns:
        The key's access level (`"read-write"`, `"read-only"`).

    Raises:
        Reject: The documented `401`, with `WWW-Authenticate`.
    """
    challenge = {"WWW-Authenticate": profile.scheme.name}
    missing = profile.failure_examples["missing"]
    invalid = profile.failure_examples["invalid_format"]
    # Servers drop optional whitespace around a field value (RFC 9110, section 5.5).
    value = request.headers.get("authorization", "").strip(" \t")
    if not value:
        raise Reject(example_response(missing, challenge))
    scheme, sep, key = value.partition(" ")
    if scheme.lower() != profile.scheme.name.lower():
        raise Reject(example_response(invalid, challenge))
    if not key:
        # The scheme alone: no credentials were provided.
        raise Reject(example_response(missing, challenge))
    if not re.fullmatch(profile.key_pattern, key):
        raise Reject(example_response(invalid, challenge))
    access = profile.demo_keys.get(key)
    if access is None:
        # The docs group "invalid or missing key" under one answer.
        raise Reject(example_response(missing, challenge))
    return access
