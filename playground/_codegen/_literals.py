"""Values written as source text: shell words, Python and JavaScript literals, the JSON body.

Whatever a value holds (quotes, backslashes, `$`, backticks, non-ASCII, line breaks, lone
surrogates), the literal reads back as exactly that value. A lone surrogate cannot be written in a
UTF-8 source file, so it stays an escape (`\\ud800`) in every language that has one.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["body_json", "has_lone_surrogate", "js_is_exact", "js_literal", "py_literal", "py_string", "shell_word"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_SHELL_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")
# Integers JavaScript's numbers hold exactly: beyond them, a literal in a JavaScript program would
# send another number than the one typed.
_JS_SAFE_INTEGER = 2**53 - 1


def _escape_surrogates(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_lone_surrogate(value: Any) -> bool:
    """Whether a JSON value holds a lone surrogate, which UTF-8 cannot encode."""
    return _SURROGATE.search(json.dumps(value, ensure_ascii=False)) is not None


def py_string(text: str) -> str:
    """A double-quoted string literal, valid in Python and in JavaScript (a JSON string is both)."""
    return _escape_surrogates(json.dumps(text, ensure_ascii=False))


def body_json(data: Any, indent: int | None = 2) -> str:
    """The body as JSON text, laid out for reading; lone surrogates escaped (they sit in strings only)."""
    return _escape_surrogates(json.dumps(data, ensure_ascii=False, indent=indent))


def shell_word(text: str) -> str:
    """One shell word: as it is when nothing in it is special, else single-quoted (`'` as `'\\''`)."""
    if _SHELL_SAFE.fullmatch(text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def py_literal(value: Any, indent: int = 0) -> str:
    """A JSON value as a Python literal, laid out like `json.dumps(..., indent=4)`."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{py_string(str(k))}: {py_literal(v, indent + 4)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + py_literal(v, indent + 4) for v in value) + f",\n{pad}]"
    if isinstance(value, str):
        return py_string(value)
    return repr(value)  # True, False, None, int, float: Python's own spelling


def js_is_exact(value: Any) -> bool:
    """Whether a JavaScript object literal of `value` is stringified back to the same JSON value.

    It is not for an integer beyond 2**53 (a number loses digits) or an object key `__proto__`
    (in a literal it sets the prototype instead of adding a property).
    """
    if isinstance(value, dict):
        return "__proto__" not in value and all(js_is_exact(v) for v in value.values())
    if isinstance(value, list):
        return all(js_is_exact(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) <= _JS_SAFE_INTEGER
    return True


def js_literal(value: Any, indent: int = 0) -> str:
    """A JSON value as a JavaScript literal, laid out with two spaces an indent.

    Plain JSON is a JavaScript expression; only `js_is_exact` values give back the same JSON.
    """
    text = body_json(value)
    return text.replace("\n", "\n" + " " * indent) if indent else text
