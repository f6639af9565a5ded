"""The AIGNE Hub API in the sandbox: its JSON schemas, its chat-completion handler and its route."""

from __future__ import annotations

import json
from typing import Any

from .._models import LocalizedText, Response
from .._profiles import AIGNE_HUB
from .drf import parse_body
from .responses import Reject, json_response
from .routes import Context, DocumentedResponse, Operation, SandboxRoute, Schema

__all__ = ["CHAT_COMPLETION", "CHAT_COMPLETION_REQUEST", "CHAT_MESSAGE", "ERROR", "ROUTES"]

_ROLES = ("system", "user", "assistant", "tool")


# --- JSON schemas --------------------------------------------------------------------------------

_STRING = {"type": "string"}

ERROR = Schema("Error", {"type": "object", "required": ["error"], "properties": {"error": _STRING}})
CHAT_MESSAGE = Schema(
    "ChatMessage",
    {
        "type": "object",
        "required": ["role", "content"],
        "properties": {
            "role": {"type": "string", "enum": list(_ROLES)},
            "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]},
        },
    },
)
CHAT_COMPLETION_REQUEST = Schema(
    "ChatCompletionRequest",
    {
        "type": "object",
        "required": ["model", "messages"],
        "properties": {
            "model": {"type": "string", "minLength": 1},
            "messages": {"type": "array", "minItems": 1, "items": CHAT_MESSAGE},
            "stream": {"type": "boolean", "enum": [False]},
        },
    },
)
CHAT_COMPLETION = Schema(
    "ChatCompletion",
    {
        "type": "object",
        "required": ["id", "object", "model", "choices", "usage"],
        "properties": {
            "id": _STRING,
            "object": {"const": "chat.completion"},
            "model": _STRING,
            "choices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["index", "message", "finish_reason"],
                    "properties": {
                        "index": {"type": "integer"},
                        "message": {
                            "type": "object",
                            "required": ["role", "content"],
                            "properties": {"role": _STRING, "content": _STRING},
                        },
                        "finish_reason": _STRING,
                    },
                },
            },
            "usage": {
                "type": "object",
                "required": ["prompt_tokens", "completion_tokens", "total_tokens"],
                "properties": {
                    k: {"type": "integer", "minimum": 0} for k in ("prompt_tokens", "completion_tokens", "total_tokens")
                },
            },
        },
    },
)


# --- handler -------------------------------------------------------------------------------------


def _bad(message: str) -> Reject:
    return Reject(json_response(400, {"error": message}))


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = [p.get("text") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)]
    return " ".join(parts)


def _chat_completion(ctx: Context) -> Response:
    data = parse_body(ctx.request, ctx.profile)
    # Messages follow the wording of Joi, the validator AIGNE Hub's Node.js server uses.
    if not isinstance(data, dict):
        raise _bad('"value" must be of type object')
    if "model" not in data:
        raise _bad('"model" is required')
    model = data["model"]
    if not isinstance(model, str):
        raise _bad('"model" must be a string')
    if not model.strip():
        raise _bad('"model" is not allowed to be empty')
    if "messages" not in data:
        raise _bad('"messages" is required')
    messages = data["messages"]
    if not isinstance(messages, list):
        raise _bad('"messages" must be an array')
    if not messages:
        raise _bad('"messages" must contain at least 1 items')
    for i, message in enumerate(messages):
        where = f'"messages[{i}]'
        if not isinstance(message, dict):
            raise _bad(f'{where}" must be of type object')
        if "role" not in message:
            raise _bad(f'{where}.role" is required')
        if message["role"] not in _ROLES or not isinstance(message["role"], str):
            raise _bad(f'{where}.role" must be one of [{", ".join(_ROLES)}]')
        content = message.get("content")
        if not isinstance(content, (str, list)) and not (content is None and message["role"] == "assistant"):
            raise _bad(f'{where}.content" must be one of [string, array]')
    if data.get("stream") not in (None, False):
        raise _bad('"stream" is not supported by the sandbox; leave it out or set it to false')
    user_texts = [_text_of(m.get("content") or "") for m in messages if m["role"] == "user"]
    said = user_texts[-1] if user_texts else ""
    said = said if len(said) <= 200 else said[:200] + "…"
    reply = f"Hello from the AIGNE Hub sandbox! You said: {said}" if said else "Hello from the AIGNE Hub sandbox!"
    prompt_tokens = sum(len(_text_of(m.get("content") or "").split()) for m in messages)
    completion_tokens = len(reply.split())
    # Imported here, not with the module: in Pyodide it costs start-up time, and only this answer needs it.
    import hashlib

    digest = hashlib.sha256(json.dumps([model, messages], sort_keys=True).encode("ascii")).hexdigest()
    return json_response(
        200,
        {
            "id": f"chatcmpl-sandbox-{digest[:24]}",
            "object": "chat.completion",
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
    )


# --- routes --------------------------------------------------------------------------------------

ROUTES: tuple[SandboxRoute, ...] = (
    SandboxRoute(
        AIGNE_HUB.id,
        "/api/v1/chat/completions",
        LocalizedText("Create a chat completion.", "チャット補完を作成。"),
        {
            "POST": Operation(
                _chat_completion,
                (
                    DocumentedResponse(
                        200, CHAT_COMPLETION, "A deterministic reply that echoes the last user message."
                    ),
                    DocumentedResponse(
                        400, ERROR, "`model` or `messages` is missing or invalid, or the body is not JSON."
                    ),
                    DocumentedResponse(413, ERROR, "The body is larger than 1 MiB."),
                    DocumentedResponse(415, ERROR, "The body is not JSON."),
                ),
                body=CHAT_COMPLETION_REQUEST,
            ),
        },
        ERROR,
    ),
)
"""AIGNE Hub's routes."""
