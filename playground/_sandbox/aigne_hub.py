"""The AIGNE Hub API in the sandbox: its schemas, its handlers and its routes.

Sources, cited where each fact is used (short names as in the research notes):
- HUB: AIGNE-io/aigne-hub@4fd9f0f (v0.7.16, the Hub live when SDK 0.10.16 came out).
- FW: AIGNE-io/aigne-framework@7c36d0f (the release of @aigne/aigne-hub 0.10.16).
- OAI-PY: openai/openai-python (the types the OpenAI SDKs validate against).

`POST /api/v1/chat/completions` answers in OpenAI's format, as AIGNE Hub's docs describe it
("a single OpenAI-compatible endpoint", HUB blocklets/core/blocklet.md L13; `data: [DONE]` in
.aigne/doc-smith/docs/api-reference-chat-completions.md). The Hub's code answers
`{"role","text","content"}` instead (HUB blocklets/core/api/src/libs/ai-routes.ts processChatCompletion):
the pages say so. The v2 chat the AIGNE Hub SDK calls is in `aigne_hub_v2`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from .._models import LocalizedText, Response
from .._profiles import AIGNE_HUB
from .aigne_hub_base import ERROR, bad_request, hub_json, reply_to
from .aigne_hub_v2 import CHAT_V2_ROUTE
from .drf import parse_body
from .responses import compact_json, event_stream_response
from .routes import Context, DocumentedResponse, Operation, Parameter, SandboxRoute, Schema

__all__ = [
    "BLOCKLET_DID",
    "CHAT_COMPLETION",
    "CHAT_COMPLETION_CHUNK",
    "CHAT_COMPLETION_REQUEST",
    "CHAT_MESSAGE",
    "CREATED",
    "ERROR",
    "MODELS",
    "ROUTES",
]

_ROLES = ("system", "user", "assistant", "tool")

CREATED = 1757466000
"""`created` of every completion: the sandbox's frozen clock (`SANDBOX_NOW`) as a Unix time."""

BLOCKLET_DID = "z8ia3xzq2tMq8CRHfaXj1BTYJyYnEcHbqP8cJ"
"""AIGNE Hub's blocklet DID, which the SDK looks for among the mount points (FW
models/aigne-hub/src/utils/constants.ts L3; HUB-HEAD AIGNE-io/aigne-hub@6523e1e blocklets/core/blocklet.yml L1-17)."""

MODELS = ("gpt-3.5-turbo", "gpt-5-mini")
"""The sandbox's chat models, all of provider `openai`: the docs' model and the SDK's default
(`openai/gpt-5-mini`, FW models/aigne-hub/src/utils/constants.ts)."""

DEFAULT_V1_MODEL = "gpt-3.5-turbo"
"""The model of a v1 request that names none (HUB ai-routes.ts completionsRequestSchema)."""


# --- JSON schemas --------------------------------------------------------------------------------

_STRING = {"type": "string"}
_NULL = {"type": "null"}
_TOKENS = {"type": "integer", "minimum": 0}

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
        # Joi's `.xor('prompt', 'messages')`: exactly one of them.
        "oneOf": [{"required": ["messages"]}, {"required": ["prompt"]}],
        "properties": {
            "model": {
                "type": ["string", "null"],
                "description": f'Left out, `null` or `""`: `{DEFAULT_V1_MODEL}`, as the Hub\'s validator fills it.',
            },
            "prompt": {"type": "string", "minLength": 1, "description": "One user message, instead of `messages`."},
            "messages": {"type": "array", "minItems": 1, "items": CHAT_MESSAGE},
            "stream": {
                "oneOf": [
                    {"type": "boolean"},
                    {"type": "null"},
                    {"type": "string", "pattern": "^(|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"},
                ],
                "description": "`true`: the answer is Server-Sent Events. As the Hub's validator (Joi) "
                'reads it, `null` and `""` mean not given and the strings `"true"` and `"false"` '
                "count as booleans.",
            },
            "stream_options": {
                "type": "object",
                "properties": {"include_usage": {"type": "boolean"}},
                "description": "`include_usage: true`: a last chunk carries the usage.",
            },
        },
    },
)
_USAGE = {
    "type": "object",
    "required": ["prompt_tokens", "completion_tokens", "total_tokens"],
    "properties": {k: _TOKENS for k in ("prompt_tokens", "completion_tokens", "total_tokens")},
}
CHAT_COMPLETION = Schema(
    "ChatCompletion",
    {
        "type": "object",
        "required": ["id", "object", "created", "model", "choices", "usage"],
        "properties": {
            "id": _STRING,
            "object": {"const": "chat.completion"},
            "created": {"type": "integer"},
            "model": _STRING,
            "choices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["index", "message", "logprobs", "finish_reason"],
                    "properties": {
                        "index": {"type": "integer"},
                        "message": {
                            "type": "object",
                            "required": ["role", "content", "refusal"],
                            "properties": {"role": {"const": "assistant"}, "content": _STRING, "refusal": _NULL},
                        },
                        "logprobs": _NULL,
                        "finish_reason": _STRING,
                    },
                },
            },
            "usage": _USAGE,
        },
    },
)
CHAT_COMPLETION_CHUNK = Schema(
    "ChatCompletionChunk",
    {
        "description": "The `data` of each event; the last event's `data` is `[DONE]`.",
        "type": "object",
        "required": ["id", "object", "created", "model", "choices"],
        "properties": {
            "id": _STRING,
            "object": {"const": "chat.completion.chunk"},
            "created": {"type": "integer"},
            "model": _STRING,
            "choices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["index", "delta", "logprobs", "finish_reason"],
                    "properties": {
                        "index": {"type": "integer"},
                        "delta": {
                            "type": "object",
                            "properties": {"role": {"const": "assistant"}, "content": _STRING, "refusal": _NULL},
                        },
                        "logprobs": _NULL,
                        "finish_reason": {"oneOf": [_STRING, _NULL]},
                    },
                },
            },
            "usage": {"oneOf": [_USAGE, _NULL]},
        },
    },
)
MODEL_INFO = Schema(
    "ModelInfo",
    {
        "type": "object",
        "required": [
            "key",
            "model",
            "type",
            "provider",
            "providerId",
            "input_credits_per_token",
            "output_credits_per_token",
            "modelMetadata",
            "status",
            "providerDisplayName",
        ],
        "properties": {
            "key": _STRING,
            "model": _STRING,
            "type": {"enum": ["chat", "image_generation", "embedding", "video"]},
            "provider": _STRING,
            "providerId": _STRING,
            "input_credits_per_token": {"type": "string", "description": "A decimal number, as a string."},
            "output_credits_per_token": {"type": "string", "description": "A decimal number, as a string."},
            "modelMetadata": {"oneOf": [{"type": "object"}, _NULL]},
            "status": {"oneOf": [{"type": "object", "properties": {"available": {"type": "boolean"}}}, _NULL]},
            "providerDisplayName": _STRING,
        },
    },
)
MODEL_LIST = Schema("ModelList", {"type": "array", "items": MODEL_INFO})
STATUS = Schema(
    "HubStatus",
    {"type": "object", "required": ["available"], "properties": {"available": {"type": "boolean"}}},
)
BLOCKLET_INFO = Schema(
    "BlockletInfo",
    {
        "type": "object",
        "required": ["componentMountPoints"],
        "properties": {
            "componentMountPoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["did", "name", "title", "mountPoint"],
                    "properties": {"did": _STRING, "name": _STRING, "title": _STRING, "mountPoint": _STRING},
                },
            }
        },
    },
)


# --- POST /api/v1/chat/completions ---------------------------------------------------------------


def _validated_messages(data: Any) -> tuple[str, list[Any]]:
    # Messages follow the wording of Joi, the validator AIGNE Hub's server uses (HUB ai-routes.ts
    # completionsRequestSchema), in its key order: model, prompt, messages, then `.xor('prompt',
    # 'messages')`. `model` is `Joi.string().empty(['', null]).default('gpt-3.5-turbo')`.
    if not isinstance(data, dict):
        raise bad_request('"value" must be of type object')
    model = data.get("model")
    if model in ("", None):
        model = DEFAULT_V1_MODEL
    elif not isinstance(model, str):
        raise bad_request('"model" must be a string')
    if "prompt" in data:
        if not isinstance(data["prompt"], str):
            raise bad_request('"prompt" must be a string')
        if not data["prompt"]:
            raise bad_request('"prompt" is not allowed to be empty')
    if "messages" in data:
        _check_messages(data["messages"])
    if ("prompt" in data) == ("messages" in data):
        raise bad_request(
            '"value" contains a conflict between exclusive peers [prompt, messages]'
            if "prompt" in data
            else '"value" must contain at least one of [prompt, messages]'
        )
    messages = data["messages"] if "messages" in data else [{"role": "user", "content": data["prompt"]}]
    return model, messages


def _check_messages(messages: Any) -> None:
    if not isinstance(messages, list):
        raise bad_request('"messages" must be an array')
    if not messages:
        raise bad_request('"messages" must contain at least 1 items')
    for i, message in enumerate(messages):
        where = f'"messages[{i}]'
        if not isinstance(message, dict):
            raise bad_request(f'{where}" must be of type object')
        if "role" not in message:
            raise bad_request(f'{where}.role" is required')
        if message["role"] not in _ROLES or not isinstance(message["role"], str):
            raise bad_request(f'{where}.role" must be one of [{", ".join(_ROLES)}]')
        content = message.get("content")
        if not isinstance(content, (str, list)) and not (content is None and message["role"] == "assistant"):
            raise bad_request(f'{where}.content" must be one of [string, array]')
        for j, part in enumerate(content if isinstance(content, list) else ()):
            if not isinstance(part, dict):
                raise bad_request(f'{where}.content[{j}]" must be of type object')


def _streams(data: dict[str, Any]) -> bool:
    # `stream: Joi.boolean().empty([null, ''])` (HUB ai-routes.ts L98): null and "" count as not
    # given, and Joi converts the strings "true" and "false" (any case); anything else fails.
    value = data.get("stream")
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise bad_request('"stream" must be a boolean')


def _include_usage(data: dict[str, Any]) -> bool:
    # `stream_options` is OpenAI's (the Hub's Joi strips it): the sandbox checks it in Joi's wording.
    if "stream_options" not in data:
        return False
    options = data["stream_options"]
    if not isinstance(options, dict):
        raise bad_request('"stream_options" must be of type object')
    if "include_usage" in options and not isinstance(options["include_usage"], bool):
        raise bad_request('"stream_options.include_usage" must be a boolean')
    return options.get("include_usage") is True


def _completion(model: str, messages: list[Any]) -> dict[str, Any]:
    # OpenAI's ChatCompletion: `created`, `logprobs` and `refusal` are required or nullable there
    # (openai/openai-python@e8205fd src/openai/types/chat/chat_completion.py,
    # @4430b99 src/openai/types/chat/chat_completion_message.py).
    reply = reply_to(messages)
    # Imported here, not with the module: in Pyodide it costs start-up time, and only this answer needs it.
    import hashlib

    digest = hashlib.sha256(json.dumps([model, messages], sort_keys=True).encode("ascii")).hexdigest()
    return {
        "id": f"chatcmpl-sandbox-{digest[:24]}",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": reply.input_tokens,
            "completion_tokens": reply.output_tokens,
            "total_tokens": reply.input_tokens + reply.output_tokens,
        },
    }


def _chunks(completion: dict[str, Any], pieces: list[str], include_usage: bool) -> list[str]:
    # OpenAI's stream (openai/openai-python@01d94af src/openai/types/chat/chat_completion_chunk.py):
    # every chunk has the completion's id and created; the first delta carries the role, the last
    # choice the finish_reason; with include_usage every chunk has `usage: null` but a last one with
    # no choices and the usage. The SDKs stop at `data: [DONE]` (openai/openai-node@009322d src/core/streaming.ts).
    head = {"id": completion["id"], "object": "chat.completion.chunk", "created": CREATED, "model": completion["model"]}
    usage = {"usage": None} if include_usage else {}

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return {**head, "choices": [choice], **usage}

    chunks = [chunk({"role": "assistant", "content": "", "refusal": None})]
    chunks += [chunk({"content": piece}) for piece in pieces]
    chunks.append(chunk({}, "stop"))
    if include_usage:
        chunks.append({**head, "choices": [], "usage": completion["usage"]})
    return [compact_json(c) for c in chunks] + ["[DONE]"]


def _chat_completion(ctx: Context) -> Response:
    data = parse_body(ctx.request, ctx.profile)
    model, messages = _validated_messages(data)
    streams = _streams(data)
    include_usage = _include_usage(data)
    completion = _completion(model, messages)
    if not streams:
        return hub_json(200, completion)
    return event_stream_response(_chunks(completion, reply_to(messages).pieces, include_usage))


# --- GET /api/ai/models, GET /api/v2/status, GET /__blocklet__.js --------------------------------


def _models(ctx: Context) -> Response:
    # The Hub's public list (HUB blocklets/core/api/src/routes/ai-providers.ts L1013-1127), as a Hub
    # with credit billing answers it: the rates are strings (BigNumber.toFixed, HUB
    # store/models/ai-model-rate.ts L151-158), which the SDK requires (FW models/aigne-hub/src/utils/hub.ts);
    # `status` is the model's status row, which that lookup never finds for a chat model (it asks for
    # type "chat", the rows hold "chatCompletion"): null. `type` is mapped (HUB libs/status.ts L24-43);
    # an unknown type matches no model.
    requested = ctx.request.query.get("type", [""])[-1]
    if requested not in ("", "chat", "chatCompletion"):
        return hub_json(200, [])
    return hub_json(
        200,
        [
            {
                "key": f"openai/{model}",
                "model": model,
                "type": "chat",
                "provider": "openai",
                "providerId": "sandbox-openai",
                "input_credits_per_token": "0",
                "output_credits_per_token": "0",
                "modelMetadata": None,
                "status": None,
                "providerDisplayName": "OpenAI",
            }
            for model in MODELS
        ],
    )


def _status(ctx: Context) -> Response:
    # Always 200; `{"available": false, "error", "code"}` when the Hub cannot serve (HUB routes/v2.ts
    # L90-183). The sandbox always can.
    return hub_json(200, {"available": True})


def _blocklet(ctx: Context) -> Response:
    # Blocklet Server's discovery file, which the SDK reads at the origin's root to find the Hub's
    # mount point (FW models/aigne-hub/src/utils/blocklet.ts L4-15; the fields of FW's own mock,
    # models/aigne-hub/test/_mocks_/server.ts L43-49, with the Hub's name and title from blocklet.yml).
    # Real answers carry more fields per component (version, status, ...) that the SDK ignores.
    if ctx.request.query.get("type", [""])[-1] != "json":
        raise bad_request("The sandbox serves only the JSON form: add ?type=json")
    mount = urlsplit(ctx.link_base).path or "/"
    entry = {"did": BLOCKLET_DID, "name": "ai-kit", "title": "AIGNE Hub", "mountPoint": mount}
    return hub_json(200, {"componentMountPoints": [entry]})


# --- routes --------------------------------------------------------------------------------------

_L = LocalizedText
_TOO_LARGE = DocumentedResponse(413, ERROR, "The body is larger than 1 MiB.")
_UNSUPPORTED = DocumentedResponse(415, ERROR, "The body is not JSON.")

ROUTES: tuple[SandboxRoute, ...] = (
    SandboxRoute(
        AIGNE_HUB.id,
        "/api/v1/chat/completions",
        _L(
            "Create a chat completion (OpenAI's format).",
            "チャット補完を作成（OpenAI の形式）。",
            "建立聊天完成（OpenAI 的格式）。",
        ),
        {
            "POST": Operation(
                _chat_completion,
                (
                    DocumentedResponse(
                        200,
                        CHAT_COMPLETION,
                        "A deterministic reply that echoes the last user message; with `stream: true`, "
                        "Server-Sent Events of `chat.completion.chunk` objects ending with `data: [DONE]`.",
                        events=CHAT_COMPLETION_CHUNK,
                        last_event="[DONE]",
                    ),
                    DocumentedResponse(
                        400,
                        ERROR,
                        "`model` or `messages` is missing or invalid, `stream` is not a boolean, "
                        "or the body is not JSON.",
                    ),
                    _TOO_LARGE,
                    _UNSUPPORTED,
                ),
                body=CHAT_COMPLETION_REQUEST,
            ),
        },
        ERROR,
    ),
    CHAT_V2_ROUTE,
    SandboxRoute(
        AIGNE_HUB.id,
        "/api/ai/models",
        _L("List the models (public).", "モデルの一覧を取得（認証不要）。", "列出模型（不需驗證身分）。"),
        {
            "GET": Operation(
                _models,
                (DocumentedResponse(200, MODEL_LIST, "The models of that type; an unknown type gets `[]`."),),
                # An empty `type` asks for every type: the sandbox has chat models only.
                parameters=(Parameter("type", "query", "chat", {"type": "string"}),),
                public=True,
            ),
        },
        ERROR,
    ),
    SandboxRoute(
        AIGNE_HUB.id,
        "/api/v2/status",
        _L(
            "Check that the Hub can serve (public).",
            "Hub が応答できるかを確認（認証不要）。",
            "確認 Hub 能否提供服務（不需驗證身分）。",
        ),
        {"GET": Operation(_status, (DocumentedResponse(200, STATUS, "Always 200."),), public=True)},
        ERROR,
    ),
    SandboxRoute(
        AIGNE_HUB.id,
        "/__blocklet__.js",
        _L(
            "Find the Hub's mount point (Blocklet Server's discovery file, at the origin's root).",
            "Hub のマウントポイントを取得（Blocklet Server の検出ファイル、オリジンのルート）。",
            "取得 Hub 的掛接點（Blocklet Server 的探索檔案，位於原始來源的根路徑）。",
        ),
        {
            "GET": Operation(
                _blocklet,
                (
                    DocumentedResponse(200, BLOCKLET_INFO, "The Hub's entry among the mount points."),
                    DocumentedResponse(400, ERROR, "`type` is not `json`."),
                ),
                parameters=(Parameter("type", "query", "json", {"type": "string", "enum": ["json"]}, required=True),),
                public=True,
            ),
        },
        ERROR,
        origin_root=True,
    ),
)
"""AIGNE Hub's routes."""
