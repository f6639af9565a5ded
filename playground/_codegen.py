"""The Python code that sends the reader's request with this package, as Send sends it."""

from __future__ import annotations

import json
from typing import Any

from ._auth import build_auth_header
from ._checks import parse_body
from ._exceptions import InvalidRequestError
from ._models import LocalizedText
from ._profiles import get_profile

__all__ = ["python_code"]

_L = LocalizedText


def _literal(value: Any, indent: int = 0) -> str:
    """Write a JSON value as a Python literal, laid out like `json.dumps(..., indent=4)`."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, dict) and value:
        items = [f"{inner}{_literal(str(k))}: {_literal(v, indent + 4)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _literal(v, indent + 4) for v in value) + f",\n{pad}]"
    if isinstance(value, str):
        # A JSON string literal is also a valid Python one, and keeps the double quotes readers expect.
        # A lone surrogate (valid JSON: "\ud800") stays escaped: source code cannot hold it.
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(value)
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if not isinstance(value, (dict, list)) else ("{}" if isinstance(value, dict) else "[]")


_CODE_COMMENTS = {
    "sandbox": _L(
        "# The sandbox answers as the documentation says; no network is used.",
        "# サンドボックスはドキュメントどおりに応答します。ネットワークは使いません。",
    ),
    "live": _L(
        "# The browser's fetch (inside Pyodide); in CPython use HTTPTransport() and client.request(...).",
        "# ブラウザーの fetch を使います（Pyodide 内）。"
        "CPython では HTTPTransport() と client.request(...) を使います。",
    ),
    "body_left_out": _L(
        "# No body: Send does not send this one either. {reason}",
        "# 本文は付けません：「送信」でもこの本文は送信されません。{reason}",
    ),
}


def python_code(spec: dict[str, Any], target: str = "sandbox", *, use_my_key: bool = False, lang: str = "en") -> str:
    """Return the Python source that sends the same request with this package.

    Parameters:
        spec: As for `send`.
        target: As for `send`.
        use_my_key: Put the reader's key in the code; otherwise the code reads it from
            its profile's environment variable (`MAIAGENT_API_KEY`, `AIGNE_HUB_API_KEY`).
        lang: The language of the code's comments (`"en"` or `"ja"`).

    Returns:
        The source code.
    """
    profile = get_profile(spec.get("api", "maiagent"))
    method = str(spec.get("method", "GET")).upper()
    path = str(spec.get("path") or "/")
    try:
        data, problem = parse_body(method, str(spec.get("body") or "")), None
    except InvalidRequestError as exc:
        data, problem = None, exc
    env_var = profile.env_var
    pasted = str(spec.get("key") or "")
    built_key = build_auth_header(profile, pasted).key
    # The code's Client builds the header from the key as Send does. The clean key reads better, but
    # where the diagnosis could not fix the key ("Token abc"), only the key as pasted sends the same header.
    if build_auth_header(profile, built_key).value != build_auth_header(profile, pasted).value:
        built_key = pasted
    key_expr = _literal(built_key) if use_my_key and built_key else f'os.environ["{env_var}"]'
    live = target != "sandbox"
    lines = []
    if not (use_my_key and built_key):
        lines += ["import os", ""]
    lines.append("from playground import Client, FetchTransport" if live else "from playground import Client")
    lines.append("")
    if live:
        lines += [
            _CODE_COMMENTS["live"].get(lang),
            f"client = Client({_literal(profile.id)}, {key_expr}, transport=FetchTransport(), "
            f"base_url={_literal(target.strip())})",
        ]
    else:
        lines += [
            _CODE_COMMENTS["sandbox"].get(lang),
            f"client = Client({_literal(profile.id)}, {key_expr})",
        ]
    arguments = [_literal(method), _literal(path)]
    if problem is None and data is not None:
        arguments.append("json=" + _literal(data))
    elif problem is not None:
        # The code does what Send does, and says why. One line, whatever the message holds: a line
        # break in a comment would start a line of code.
        reason = " ".join(problem.hint.get(lang).split())
        lines.append(_CODE_COMMENTS["body_left_out"].get(lang).format(reason=reason))
    call = ("await client.arequest(" if live else "client.request(") + ", ".join(arguments) + ")"
    lines += [
        f"response = {call}",
        "print(response.status_code, response.reason_phrase)",
        "print(response.text)",
    ]
    return "\n".join(lines) + "\n"
