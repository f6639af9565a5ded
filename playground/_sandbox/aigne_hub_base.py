"""What AIGNE Hub's sandbox modules share: its error body, its JSON, and the sandbox's chat model
(a deterministic reply to the last user message, its token counts, the pieces a stream sends)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._models import Response
from .._profiles import AIGNE_HUB
from .responses import Reject, json_response
from .routes import Schema

__all__ = ["ERROR", "Reply", "bad_request", "hub_json", "reply_to", "text_of"]

ERROR = Schema("Error", {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}})
"""The Hub's error body, `{"error": "<message>"}` (its `401`, its validation errors)."""


def hub_json(status: int, data: Any) -> Response:
    """A JSON answer as the Hub's server writes it (without spaces: `ApiProfile.compact_json`).

    Parameters:
        status: The status code.
        data: The body, JSON-ready.

    Returns:
        The response.
    """
    return json_response(status, data, compact=AIGNE_HUB.compact_json)


def bad_request(message: str) -> Reject:
    """The Hub's `400`, `{"error": message}`, to raise.

    Parameters:
        message: The validator's message.

    Returns:
        The exception.
    """
    return Reject(hub_json(400, {"error": message}))


_MAX_ECHO = 200
_PIECE = re.compile(r"\S+\s*")


def text_of(content: Any) -> str:
    """The text of a message's content: a string, or the `text` of its text parts.

    Parameters:
        content: A string, a list of parts (`{"type": "text", "text": ...}`, images ...), or `None`.

    Returns:
        The text; the parts' texts joined with spaces.
    """
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    parts = [p.get("text") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)]
    return " ".join(parts)


@dataclass(frozen=True)
class Reply:
    """What the sandbox's model answers.

    Parameters:
        text: The reply.
        input_tokens: The words of every message (the sandbox counts words as tokens).
        output_tokens: The words of the reply.
    """

    text: str
    input_tokens: int
    output_tokens: int

    @property
    def pieces(self) -> list[str]:
        """The reply as a stream sends it: word by word, each with the spaces after it."""
        return _PIECE.findall(self.text) or [self.text]


def reply_to(messages: Sequence[Any]) -> Reply:
    """Answer a conversation: the reply echoes the last user message (its first 200 characters).

    Parameters:
        messages: The messages, validated (objects with `role` and `content`).

    Returns:
        The reply and its token counts.
    """
    user_texts = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    said = user_texts[-1] if user_texts else ""
    said = said if len(said) <= _MAX_ECHO else said[:_MAX_ECHO] + "…"
    text = f"Hello from the AIGNE Hub sandbox! You said: {said}" if said else "Hello from the AIGNE Hub sandbox!"
    input_tokens = sum(len(text_of(m.get("content")).split()) for m in messages)
    return Reply(text, input_tokens, len(text.split()))
