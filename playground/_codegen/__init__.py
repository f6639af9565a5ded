"""Code for the request the reader built, in the languages readers use: one module per language.

`generate` answers the playground's `code` operation; `scripts/snippets.py` writes the pages'
snippet files with it, so the pages show exactly what the playground hands out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._models import LocalizedText
from ._curl import curl_code
from ._fetch import fetch_code
from ._openai import offers_openai, openai_code
from ._request import CodeRequest, read_request
from ._requests import requests_code

__all__ = ["TABS", "Tab", "generate"]

_L = LocalizedText


class Tab:
    """One language's tab: its id, its label, its highlighting language and its writer."""

    def __init__(self, id: str, label: LocalizedText, language: str, write: Callable[[CodeRequest], str]) -> None:  # noqa: A002
        self.id, self.label, self.language, self.write = id, label, language, write


TABS = (
    Tab("curl", _L("curl", "curl", "curl"), "bash", curl_code),
    Tab("python", _L("Python (requests)", "Python（requests）", "Python（requests）"), "python", requests_code),
    Tab(
        "javascript",
        _L("JavaScript (fetch)", "JavaScript（fetch）", "JavaScript（fetch）"),
        "javascript",
        lambda r: fetch_code(r, node=False),
    ),
    Tab("node", _L("Node.js", "Node.js", "Node.js"), "javascript", lambda r: fetch_code(r, node=True)),
    Tab("openai", _L("OpenAI SDK (Python)", "OpenAI SDK（Python）", "OpenAI SDK（Python）"), "python", openai_code),
)
"""Every tab, in the order the code panel shows them (`openai` only for an API that answers as
OpenAI's API does)."""


def generate(
    spec: dict[str, Any], target: str = "sandbox", *, use_my_key: bool = False, lang: str = "en"
) -> dict[str, Any]:
    """Write the request in every language.

    Parameters:
        spec: `{"api", "key", "method", "path", "body"}`, as for Send (`path` may carry a query string).
        target: `"sandbox"` (the code calls the API's real base URL) or a live base URL.
        use_my_key: Write the typed key into the code; otherwise the code reads the API's
            environment variable (the browser's, which cannot, holds a placeholder).
        lang: The comments' language, `"en"`, `"ja"` or `"zh-TW"` (as `LocalizedText.get` reads it).

    Returns:
        `{"tabs": [{"id", "label": {en, ja, zh-TW}, "language", "code"}], "key_included", "env_var"}`.

    Raises:
        InvalidRequestError: The method, the path or the live base URL cannot be sent.
    """
    request = read_request(spec, target, use_my_key=use_my_key, lang=lang)
    tabs = [tab for tab in TABS if tab.id != "openai" or offers_openai(request)]
    return {
        "tabs": [
            {"id": tab.id, "label": tab.label.to_dict(), "language": tab.language, "code": tab.write(request)}
            for tab in tabs
        ],
        "key_included": request.key_source == "literal",
        "env_var": request.env_var,
    }
