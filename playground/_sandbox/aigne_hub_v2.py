"""`POST /api/v2/chat`: AIGNE Hub's chat as the AIGNE Hub SDK (@aigne/aigne-hub 0.10.16) calls it.

The body is the AIGNE framework's invoke envelope, `{"input": {"messages", "modelOptions": {"model"}},
"agent": "$CHAT_MODEL", "options": {...}}`. The Hub checks it in three steps, each with its own
wording, and the sandbox does the same (sources as in `aigne_hub`: HUB = AIGNE-io/aigne-hub@4fd9f0f,
FW = AIGNE-io/aigne-framework@7c36d0f):

1. Joi (HUB blocklets/core/api/src/routes/v2.ts L39-80 aigneHubModelCallSchema): `400 {"error":
   "Validation error: ..."}`, the first error only.
2. The framework's HTTP server (FW packages/transport/src/http-server/server.ts invokePayloadSchema,
   _invoke): `400 {"error": {"message": "Invoke agent <agent> check arguments error: ..."}}` with
   every zod issue; an agent other than `$CHAT_MODEL` gets `404 {"error": {"message": "Agent <x> not
   found"}}`; a body that is not a JSON object `415`.
3. The chat model's input schema (FW packages/core/src/agents/chat-model.ts chatModelInputSchema):
   `{"error": {"message": "Agent OpenAIChatModel input check arguments error: ..."}}`. The real
   server answers it with 500 (the error has no status, server.ts _invoke); the sandbox with 400,
   as its only 5xx is MaiAgent's documented one.

The zod wordings (paths joined with commas, "got undefined") are what @aigne/core 1.72.0's
`checkArguments` prints, as installed with the SDK.
"""

from __future__ import annotations

from typing import Any

from .._models import LocalizedText, Response
from .._profiles import AIGNE_HUB
from .aigne_hub_base import ERROR, Reply, bad_request, hub_json, reply_to
from .drf import parse_body
from .responses import Reject, compact_json, event_stream_response
from .routes import Context, DocumentedResponse, Operation, SandboxRoute, Schema

__all__ = ["CHAT_MODEL_AGENT", "CHAT_V2_ROUTE", "DEFAULT_MODEL", "INVOKE_ERROR"]

CHAT_MODEL_AGENT = "$CHAT_MODEL"
"""The agent name that means "the Hub's chat model" (FW packages/transport/src/constants.ts ChatModelName)."""
DEFAULT_MODEL = "openai/gpt-5-mini"
"""The model of a request that names none (HUB blocklets/core/api/src/libs/constants.ts L45)."""
# The providers a model name may start with (HUB libs/constants.ts AI_PROVIDERS); other names get
# the sandbox's provider, openai (the real Hub picks one of its configured providers).
_PROVIDERS = frozenset(
    ("openai", "anthropic", "bedrock", "deepseek", "google", "ollama", "openrouter", "xai", "doubao", "poe", "ideogram")
)
_ROLES = ("system", "user", "agent", "tool")
_CONTENT_TYPES = {"text": "text", "local": "path", "url": "url", "file": "data"}
_PREFIX_MODEL = "Agent OpenAIChatModel input check arguments error: "


# --- JSON schemas --------------------------------------------------------------------------------

_STRING = {"type": "string"}
INVOKE_ERROR = Schema(
    "InvokeError",
    {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["message"], "properties": {"message": _STRING}}},
    },
)
# A part of a message's content, by its `type`: the field each type requires.
_PART = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type", field],
            "properties": {"type": {"const": kind}, field: _STRING},
        }
        for kind, field in _CONTENT_TYPES.items()
    ]
}
_CHAT_V2_ERROR = Schema("ChatV2Error", {"oneOf": [ERROR, INVOKE_ERROR]})
_USAGE = {
    "type": "object",
    "required": ["inputTokens", "outputTokens"],
    "properties": {"inputTokens": {"type": "integer"}, "outputTokens": {"type": "integer"}},
}
CHAT_V2_REQUEST = Schema(
    "ChatV2Request",
    {
        "type": "object",
        "required": ["input", "agent"],
        "properties": {
            "input": {
                "type": "object",
                "required": ["messages"],
                "properties": {
                    "messages": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["role"],
                            "properties": {
                                "role": {"enum": list(_ROLES)},
                                "content": {"oneOf": [_STRING, {"type": "array", "items": _PART}, {"type": "null"}]},
                                "toolCalls": {"type": ["array", "null"]},
                                "toolCallId": {"type": ["string", "null"]},
                                "name": {"type": ["string", "null"]},
                            },
                        },
                    },
                    "modelOptions": {
                        "type": ["object", "null"],
                        "properties": {
                            # The Hub reads `input.modelOptions.model || body.model || DEFAULT_MODEL`:
                            # any falsy value means the default model.
                            "model": {"anyOf": [_STRING, {"enum": [None, False, 0, ""]}]},
                            "cacheConfig": {"type": "object"},
                        },
                    },
                },
            },
            "agent": {"type": "string", "minLength": 1, "description": "`$CHAT_MODEL`; another name gets 404."},
            "options": {
                "type": "object",
                "properties": {
                    "streaming": {"type": "boolean", "description": "`true`: the answer is Server-Sent Events."},
                    "returnProgressChunks": {"type": "boolean"},
                    "userContext": {"type": "object"},
                    "memories": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
    },
)
CHAT_V2_OUTPUT = Schema(
    "ChatModelOutput",
    {
        "type": "object",
        "required": ["model", "text", "usage", "modelWithProvider"],
        "properties": {
            "modelOptions": {"type": "object"},
            "model": _STRING,
            "text": _STRING,
            "usage": _USAGE,
            "modelWithProvider": _STRING,
        },
    },
)
CHAT_V2_CHUNK = Schema(
    "AgentResponseChunk",
    {
        "description": "The `data` of each event: text to append (`delta.text`) or fields to merge (`delta.json`).",
        "type": "object",
        "required": ["delta"],
        "properties": {
            "delta": {
                "type": "object",
                "properties": {"text": {"type": "object"}, "json": {"type": "object"}},
            }
        },
    },
)


# --- the three checks ----------------------------------------------------------------------------


def _js_truthy(value: Any) -> bool:
    # JavaScript's truthiness, which `a || b || DEFAULT_MODEL` follows: [] and {} are true there.
    if value is None or value is False or value == "":
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value == value and value != 0  # NaN and 0 are false
    return True


def _zod_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    kinds = {str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), "number")


def _joi_boolean(value: Any) -> bool:
    # Joi.boolean() converts the strings "true" and "false" (any case) before checking.
    return isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false"))


def _check_joi(data: dict[str, Any]) -> None:
    # The Hub fills the model before checking: `input.modelOptions.model || body.model || DEFAULT_MODEL`.
    body_input = data.get("input")
    options = body_input.get("modelOptions") if isinstance(body_input, dict) else None
    model_options = options if isinstance(options, dict) else {}
    model = next((v for v in (model_options.get("model"), data.get("model")) if _js_truthy(v)), DEFAULT_MODEL)
    failures = [
        (not isinstance(model, str), '"input.modelOptions.model" must be a string'),
        (
            "cacheConfig" in model_options and not isinstance(model_options["cacheConfig"], dict),
            '"input.modelOptions.cacheConfig" must be of type object',
        ),
        ("agent" in data and not isinstance(data["agent"], str), '"agent" must be a string'),
        (data.get("agent") == "", '"agent" is not allowed to be empty'),
        ("options" in data and not isinstance(data["options"], dict), '"options" must be of type object'),
    ]
    invoke = data.get("options") if isinstance(data.get("options"), dict) else {}
    kinds = {
        "returnProgressChunks": (_joi_boolean, "be a boolean"),
        "userContext": (lambda v: isinstance(v, dict), "be of type object"),
        "memories": (lambda v: isinstance(v, list), "be an array"),
        "streaming": (_joi_boolean, "be a boolean"),
    }
    failures += [
        (name in invoke and not ok(invoke[name]), f'"options.{name}" must {what}') for name, (ok, what) in kinds.items()
    ]
    message = next((message for failed, message in failures if failed), None)
    if message:
        raise bad_request(f"Validation error: {message}")


def _invoke_error(status: int, message: str) -> Reject:
    return Reject(hub_json(status, {"error": {"message": message}}))


def _check_payload(data: dict[str, Any]) -> None:
    issues = []
    if "agent" not in data:
        issues.append("agent: Required")
    if "input" not in data:
        issues.append("input: Required")
    elif not isinstance(data["input"], dict):
        issues.append(f"input: Expected object, received {_zod_type(data['input'])}")
    invoke = data.get("options") or {}
    for name in ("streaming", "returnProgressChunks"):
        if invoke.get(name) is not None and not isinstance(invoke[name], bool):
            issues.append(f"options,{name}: Expected boolean, received {_zod_type(invoke[name])}")
    for i, memory in enumerate(invoke.get("memories") or ()):
        if not isinstance(memory, dict):
            issues.append(f"options,memories,{i}: Expected object, received {_zod_type(memory)}")
    if issues:
        agent = data.get("agent", "undefined")
        raise _invoke_error(400, f"Invoke agent {agent} check arguments error: {', '.join(issues)}")
    if data["agent"] != CHAT_MODEL_AGENT:
        raise _invoke_error(404, f"Agent {data['agent']} not found")


def _content_issue(content: Any) -> str | None:
    # A union of a string and an array of parts; zod names what each branch expected.
    if content is None or isinstance(content, str):
        return None
    if not isinstance(content, list):
        return "string,array"
    for part in content:
        if not isinstance(part, dict):
            return "string,object"
        kind = part.get("type")
        field = _CONTENT_TYPES.get(kind) if isinstance(kind, str) else None
        if field is None:
            return "string"
        if not isinstance(part.get(field), str):
            return "string,string"
    return None


def _check_model_input(model_input: dict[str, Any]) -> list[Any]:
    issues: list[str] = []
    messages = model_input.get("messages")
    if "messages" not in model_input:
        issues.append("messages: Required")
    elif not isinstance(messages, list):
        issues.append(f"messages: Expected array, received {_zod_type(messages)}")
    for i, message in enumerate(messages if isinstance(messages, list) else ()):
        if not isinstance(message, dict):
            issues.append(f"messages,{i}: Expected object, received {_zod_type(message)}")
            continue
        if message.get("role") not in _ROLES or not isinstance(message.get("role"), str):
            issues.append(f"messages,{i},role: Invalid input expect {','.join(_ROLES)} got undefined")
        expected = _content_issue(message.get("content"))
        if expected:
            issues.append(f"messages,{i},content: Invalid input expect {expected} got undefined")
        for name, kind in (("toolCalls", list), ("toolCallId", str), ("name", str)):
            value = message.get(name)
            if value is not None and not isinstance(value, kind):
                issues.append(f"messages,{i},{name}: Expected {_zod_type(kind())}, received {_zod_type(value)}")
    model_options = model_input.get("modelOptions")
    if model_options is not None and not isinstance(model_options, dict):
        issues.append(f"modelOptions: Expected object, received {_zod_type(model_options)}")
    if issues:
        raise _invoke_error(400, _PREFIX_MODEL + ", ".join(issues))
    return messages


# --- the answer ----------------------------------------------------------------------------------


def _model_of(data: dict[str, Any]) -> tuple[str, str]:
    """The model name the provider reports, and `<provider>/<model>` (`modelWithProvider`)."""
    model_options = data["input"].get("modelOptions")
    asked = model_options.get("model") if isinstance(model_options, dict) else None
    model = next((v for v in (asked, data.get("model")) if _js_truthy(v)), DEFAULT_MODEL)
    provider, _, name = model.partition("/")
    if name and provider.lower() in _PROVIDERS:
        return name, f"{provider.lower()}/{name}"
    return model, f"openai/{model}"


def _output(reply: Reply, model: str, with_provider: str) -> dict[str, Any]:
    # What the Hub answers, in this order: @aigne/core 1.72.0 merges the OpenAI model's chunks
    # (FW models/openai/src/openai-chat-model.ts L355-477: modelOptions first, then model, the text,
    # the usage; the merged object keeps modelOptions, checked by running it) and the Hub's onEnd hook
    # adds modelWithProvider (HUB routes/v2.ts L349-351). A Hub with credit billing also adds credits
    # to `usage`.
    usage = {"inputTokens": reply.input_tokens, "outputTokens": reply.output_tokens}
    return {"modelOptions": {}, "model": model, "text": reply.text, "usage": usage, "modelWithProvider": with_provider}


def _events(reply: Reply, output: dict[str, Any]) -> list[str]:
    # The same chunks one by one, as `data: <json>` events (FW packages/core/src/utils/event-stream.ts
    # AgentResponseStreamSSE), then one with the text and what the hook added: what @aigne/core 1.72.0
    # streams when run with a hook like the Hub's (checked by running it). No `[DONE]`: the stream ends.
    chunks: list[dict[str, Any]] = [{"json": {"modelOptions": {}}}, {"json": {"model": output["model"]}}]
    chunks += [{"text": {"text": piece}} for piece in reply.pieces]
    chunks.append({"json": {"usage": output["usage"]}})
    chunks.append({"json": {"text": output["text"], "modelWithProvider": output["modelWithProvider"]}})
    return [compact_json({"delta": chunk}) for chunk in chunks]


def _chat(ctx: Context) -> Response:
    try:
        data = parse_body(ctx.request, ctx.profile)
    except Reject as reject:
        if reject.response.status_code != 415:
            raise
        raise _invoke_error(415, "Unsupported Media Type: Content-Type must be application/json") from None
    if not isinstance(data, dict):
        raise _invoke_error(415, "Unsupported Media Type: Content-Type must be application/json")
    _check_joi(data)
    _check_payload(data)
    messages = _check_model_input(data["input"])
    reply = reply_to(messages)
    output = _output(reply, *_model_of(data))
    if (data.get("options") or {}).get("streaming") is True:
        return event_stream_response(_events(reply, output))
    return hub_json(200, output)


CHAT_V2_ROUTE = SandboxRoute(
    AIGNE_HUB.id,
    "/api/v2/chat",
    LocalizedText(
        "Chat, as the AIGNE Hub SDK calls it (the AIGNE invoke envelope).",
        "チャット（AIGNE Hub SDK が呼ぶ形、AIGNE の invoke 形式）。",
        "聊天（AIGNE Hub SDK 的呼叫方式，AIGNE 的 invoke 格式）。",
    ),
    {
        "POST": Operation(
            _chat,
            (
                DocumentedResponse(
                    200,
                    CHAT_V2_OUTPUT,
                    "The reply; with `options.streaming: true`, Server-Sent Events of chunks to merge "
                    "(no `[DONE]`: the stream ends).",
                    events=CHAT_V2_CHUNK,
                ),
                DocumentedResponse(
                    400,
                    _CHAT_V2_ERROR,
                    'The Hub\'s check (`{"error": "Validation error: ..."}`) or the framework\'s '
                    '(`{"error": {"message": ...}}`) failed, or the body is not valid JSON.',
                ),
                DocumentedResponse(404, INVOKE_ERROR, "`agent` is not `$CHAT_MODEL`."),
                DocumentedResponse(413, ERROR, "The body is larger than 1 MiB."),
                DocumentedResponse(415, INVOKE_ERROR, "The body is not a JSON object."),
            ),
            body=CHAT_V2_REQUEST,
        ),
    },
    ERROR,
)
"""AIGNE Hub's v2 chat route."""
