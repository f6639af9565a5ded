"""The facts every program is written from: method, URL, where the key comes from, and the body.

They are read from the form's request exactly as Send reads it (the same checks, the same URL), so
each program sends what Send sends; only the key may come from the environment instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .._checks import check_method, parse_body
from .._client import Client
from .._exceptions import InvalidBodyError
from .._models import LocalizedText
from .._profiles import ApiProfile, get_profile
from ._comments import COMMENTS

__all__ = ["CodeRequest", "KeySource", "read_request"]

KeySource = Literal["none", "env", "literal"]


@dataclass(frozen=True)
class CodeRequest:
    """One request, as the code writers need it.

    Parameters:
        profile: The API.
        method: The method, upper-case.
        url: The full URL, query string included.
        origin_url: The URL the code's base stands for: the API's real base for the sandbox, or
            the typed live base URL (without a trailing slash).
        key: The key as typed (used only when `key_source` is `"literal"`).
        key_source: `"none"` (a request without a key, e.g. the documented missing-key example: no
            `Authorization` header), `"env"` (the profile's environment variable) or `"literal"`
            (the reader opted in and typed a key: the typed text verbatim).
        data: The parsed JSON body, or `None` for none.
        body_problem: Why a typed body is left out (Send refuses it), or `None`.
        lang: The language of the comments.
    """

    profile: ApiProfile
    method: str
    url: str
    origin_url: str
    key: str
    key_source: KeySource
    data: Any
    body_problem: LocalizedText | None
    lang: str

    @property
    def scheme(self) -> str:
        """The `Authorization` scheme, e.g. `Api-Key`."""
        return self.profile.scheme.name

    @property
    def env_var(self) -> str:
        """The environment variable the key is read from, e.g. `MAIAGENT_API_KEY`."""
        return self.profile.env_var

    @property
    def has_body(self) -> bool:
        """Whether the request carries a JSON body."""
        return self.data is not None

    def comment(self, name: str, **values: LocalizedText) -> str:
        """A comment's text in the code's language, on one line (without its `#` or `//`).

        Parameters:
            name: The comment's name in `COMMENTS`.
            values: Texts for its `{placeholders}`, each in every language.
        """
        text = COMMENTS[name].get(self.lang).format(**{k: v.get(self.lang) for k, v in values.items()})
        # A line break in a comment would start a line of code.
        return " ".join(text.split())

    def notes(self) -> list[str]:
        """The comments every program starts with: where the key is, and a body left out."""
        notes = []
        if self.key_source == "literal":
            notes.append(self.comment("key_in_code"))
        elif self.key_source == "none":
            notes.append(self.comment("no_key"))
        if self.body_problem is not None:
            notes.append(self.comment("body_left_out", reason=self.body_problem))
        return notes


def read_request(spec: dict[str, Any], target: str, *, use_my_key: bool, lang: str) -> CodeRequest:
    """Read the form's request as Send does.

    Parameters:
        spec: `{"api", "key", "method", "path", "body"}` (the path may carry a query string); a `key`
            of `None` (or none at all) writes a request without an `Authorization` header.
        target: `"sandbox"` or a live base URL.
        use_my_key: Write the typed key into the code.
        lang: The comments' language.

    Returns:
        The request.

    Raises:
        InvalidRequestError: The method, the path or the live base URL cannot be sent.
    """
    profile = get_profile(spec.get("api", "maiagent"))
    method = check_method(spec.get("method", "GET"))
    live = target != "sandbox"
    base_url = str(target).strip() if live else None
    request = Client(profile, None, base_url=base_url).build_request(method, str(spec.get("path") or "").strip(" "))
    try:
        data, problem = parse_body(method, str(spec.get("body") or "")), None
    except InvalidBodyError as exc:
        data, problem = None, exc.hint
    # An empty key field still reads the environment variable: the code is for the reader's project,
    # where the variable holds their key (Run sets it from the field, so an empty field gets the same
    # documented 401 as Send). Only a request documented without a key (`key` None) has no header.
    raw_key = spec.get("key")
    key = "" if raw_key is None else str(raw_key)
    source: KeySource = "none" if raw_key is None else ("literal" if use_my_key and key else "env")
    origin_url = base_url.rstrip("/") if base_url else profile.origin
    return CodeRequest(profile, method, request.url, origin_url, key, source, data, problem, lang)
