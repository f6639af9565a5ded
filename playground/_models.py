"""Plain data: localized text, headers, requests and responses.

These are what every other module passes around; none of them performs I/O.
"""

from __future__ import annotations

import json as _json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Union
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "MAX_JSON_DEPTH",
    "Headers",
    "HeadersInput",
    "JSONNestingError",
    "LocalizedText",
    "Request",
    "Response",
    "json_bytes",
    "loads_json",
]

LANGUAGES = ("en", "ja", "zh-TW")


def json_bytes(data: Any) -> bytes:
    """Serialize `data` as UTF-8 JSON, escaping what UTF-8 cannot carry (lone surrogates).

    Parameters:
        data: Any JSON-serializable value.

    Returns:
        The JSON bytes.
    """
    try:
        return _json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return _json.dumps(data).encode("ascii")


# Deeper nesting is refused before parsing: under Pyodide the C parser's recursion overflows the
# JavaScript stack (a fatal error that kills the interpreter) long before Python's RecursionError.
MAX_JSON_DEPTH = 200
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_NESTING = re.compile(r"[\[\]{}]")


class JSONNestingError(ValueError):
    """JSON text nested deeper than `MAX_JSON_DEPTH`: refused before parsing."""


def loads_json(text: str, **options: Any) -> Any:
    """Parse untrusted JSON text, refusing nesting deeper than `MAX_JSON_DEPTH`.

    Parameters:
        text: The JSON text.
        **options: Passed to `json.loads` (for example `parse_constant`).

    Returns:
        The parsed value.

    Raises:
        ValueError: The text is not valid JSON, or is nested too deeply.
    """
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH:
        depth = 0
        for match in _JSON_NESTING.finditer(_JSON_STRING.sub("", text)):
            depth += 1 if match.group() in "[{" else -1
            if depth > MAX_JSON_DEPTH:
                raise JSONNestingError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return _json.loads(text, **options)


@dataclass(frozen=True)
class LocalizedText:
    """A short text in every language the site is written in (`LANGUAGES`).

    Parameters:
        en: The English text.
        ja: The Japanese text.
        zh_tw: The Traditional Chinese (Taiwan) text; its language code and JSON key is `"zh-TW"`.
    """

    en: str
    ja: str
    zh_tw: str

    def get(self, lang: str) -> str:
        """Return the text in `lang`, falling back to English.

        Parameters:
            lang: A language code such as `"en"`, `"ja"` or `"zh-TW"`. A region or script suffix is
                ignored: any Chinese (`zh`, `zh-TW`, `zh-Hant`) gets the Traditional Chinese text.

        Returns:
            The text in that language.
        """
        code = str(lang).lower()
        if code.startswith("ja"):
            return self.ja
        if code.startswith("zh"):
            return self.zh_tw
        return self.en

    def format(self, **values: str) -> LocalizedText:
        """Fill `{name}` placeholders in every language.

        Parameters:
            **values: The placeholder values.

        Returns:
            A new `LocalizedText`.
        """
        return LocalizedText(
            en=self.en.format(**values), ja=self.ja.format(**values), zh_tw=self.zh_tw.format(**values)
        )

    def to_dict(self) -> dict[str, str]:
        """Return `{"en": ..., "ja": ..., "zh-TW": ...}` (for JSON, e.g. the Web Worker's messages)."""
        return {"en": self.en, "ja": self.ja, "zh-TW": self.zh_tw}


HeadersInput = Union["Headers", Mapping[str, str], Iterable[tuple[str, str]], None]


class Headers(Mapping[str, str]):
    """Case-insensitive HTTP headers that keep their order and repeated fields.

    Looking a name up returns its values joined with `", "`, as HTTP allows for repeated fields.

    Parameters:
        headers: A mapping or an iterable of `(name, value)` pairs.
    """

    def __init__(self, headers: HeadersInput = None) -> None:
        if isinstance(headers, Headers):
            pairs = list(headers.raw)
        elif headers is None:
            pairs = []
        elif isinstance(headers, Mapping):
            pairs = [(str(k), str(v)) for k, v in headers.items()]
        else:
            pairs = [(str(k), str(v)) for k, v in headers]
        self._pairs: list[tuple[str, str]] = pairs

    @property
    def raw(self) -> list[tuple[str, str]]:
        """The `(name, value)` pairs as given, in order."""
        return list(self._pairs)

    def get_list(self, name: str) -> list[str]:
        """Return every value of the header `name`, in order.

        Parameters:
            name: The header name, in any case.

        Returns:
            The values; empty when the header is absent.
        """
        lowered = name.lower()
        return [v for k, v in self._pairs if k.lower() == lowered]

    def __getitem__(self, name: str) -> str:
        values = self.get_list(name)
        if not values:
            raise KeyError(name)
        return ", ".join(values)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.get_list(name))

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for k, _ in self._pairs:
            if k.lower() not in seen:
                seen.add(k.lower())
                yield k.lower()

    def __len__(self) -> int:
        return len({k.lower() for k, _ in self._pairs})

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == {str(k).lower(): v for k, v in Headers(other).items()}
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Headers({self._pairs!r})"

    def set(self, name: str, value: str) -> None:
        """Replace every value of `name` with `value`.

        Parameters:
            name: The header name.
            value: Its new value.
        """
        self._pairs = [(k, v) for k, v in self._pairs if k.lower() != name.lower()]
        self._pairs.append((name, value))

    def setdefault(self, name: str, value: str) -> str:  # type: ignore[override]
        """Set `name` to `value` unless it is already present.

        Parameters:
            name: The header name.
            value: The value to use when absent.

        Returns:
            The header's value after the call.
        """
        if name not in self:
            self._pairs.append((name, value))
        return self[name]


@dataclass
class Request:
    """An HTTP request.

    Parameters:
        method: The HTTP method, e.g. `"GET"` (upper-cased on creation).
        url: The absolute URL, e.g. `"https://api.maiagent.ai/api/v1/chatbots/"`.
        headers: The request headers.
        body: The body; a `str` is encoded as UTF-8.
    """

    method: str
    url: str
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""

    def __post_init__(self) -> None:
        self.method = str(self.method).upper()
        self.url = str(self.url)
        if not isinstance(self.headers, Headers):
            self.headers = Headers(self.headers)
        if isinstance(self.body, str):
            self.body = self.body.encode("utf-8")
        elif self.body is None:
            self.body = b""
        else:
            self.body = bytes(self.body)

    @classmethod
    def with_json(cls, method: str, url: str, data: Any, headers: HeadersInput = None) -> Request:
        """Build a request whose body is `data` serialized as JSON.

        Parameters:
            method: The HTTP method.
            url: The absolute URL.
            data: Any JSON-serializable value.
            headers: Extra headers; `Content-Type: application/json` is added unless given.

        Returns:
            The request.
        """
        built = Headers(headers)
        built.setdefault("Content-Type", "application/json")
        return cls(method, url, built, json_bytes(data))

    @property
    def path(self) -> str:
        """The URL's path (still percent-encoded), `/` when empty."""
        return urlsplit(self.url).path or "/"

    @property
    def query(self) -> dict[str, list[str]]:
        """The query parameters, each name mapped to its values."""
        return parse_qs(urlsplit(self.url).query, keep_blank_values=True)


@dataclass
class Response:
    """An HTTP response: an error status is a normal response, not an exception.

    Parameters:
        status_code: The HTTP status code.
        headers: The response headers.
        body: The raw body.
        elapsed: Seconds between sending and receiving the whole body, when a transport measured it.
    """

    status_code: int
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    elapsed: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.headers, Headers):
            self.headers = Headers(self.headers)

    @property
    def reason_phrase(self) -> str:
        """The standard phrase of the status code, e.g. `"Unauthorized"`; empty when non-standard."""
        try:
            return HTTPStatus(self.status_code).phrase
        except ValueError:
            return ""

    @property
    def is_success(self) -> bool:
        """Whether the status code is 2xx."""
        return 200 <= self.status_code < 300

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced, never an error)."""
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """Parse the body as JSON.

        Returns:
            The parsed value.

        Raises:
            ValueError: The body is not valid JSON (or nested deeper than `MAX_JSON_DEPTH`).
        """
        return loads_json(self.body.decode("utf-8"))
