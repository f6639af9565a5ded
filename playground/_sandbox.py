"""The sandbox: a pure function from request to response that answers exactly as the docs say.

It stores nothing (a create returns 201 but the list does not change), so every answer is
reproducible and a shared sandbox server needs no state. It never raises: every input gets a JSON
answer, and the only 5xx is the documented `GET /api/v1/sandbox/server-error/` route of MaiAgent.

Routing: a URL under `/sandbox/<api id>/` (the sandbox server) or on the API's own host
(`https://api.maiagent.ai/...`, the in-process transport) goes to that API.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from types import MappingProxyType
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from ._examples import DEMO_KNOWLEDGE_BASE_ID, FOREIGN_CHATBOT_ID, get_example
from ._models import Headers, LocalizedText, Request, Response, json_bytes, loads_json
from ._profiles import AIGNE_HUB, MAIAGENT, PROFILES, ApiProfile

__all__ = [
    "CHATBOTS",
    "KNOWLEDGE_BASES",
    "MAX_BODY_BYTES",
    "SANDBOX_NOW",
    "SANDBOX_ROUTES",
    "SERVER_ERROR_PATH",
    "SandboxRoute",
    "handle",
    "payload_too_large",
    "resolve_api",
]

MAX_BODY_BYTES = 1024 * 1024
"""Bodies larger than this get 413; the server enforces it without reading the whole body."""

SANDBOX_NOW = "2025-09-10T09:00:00+08:00"
"""The sandbox's frozen clock, so that every answer is reproducible."""

SERVER_ERROR_PATH = "/api/v1/sandbox/server-error/"
"""Always MaiAgent's 500, on purpose: the one route that answers 5xx (the body is the sandbox's)."""

PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
_NAMESPACE = "6f0f3b1e-2a4c-4d5e-8f60-7a8b9c0d1e2f"


# uuid and hashlib are imported where they are used, not with the module: in Pyodide they cost
# 10-20 ms of every start-up, and only two answers need them.
def _stable_id(name: str) -> str:
    """A UUID derived from `name`: the same on every run, so answers can be compared byte for byte."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(_NAMESPACE), name))

KNOWLEDGE_BASES: tuple[Mapping[str, str], ...] = (
    MappingProxyType({"id": DEMO_KNOWLEDGE_BASE_ID, "name": "LLM test knowledge base"}),
    MappingProxyType({"id": "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a02", "name": "Camping database"}),
    MappingProxyType({"id": "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a03", "name": "Taiwan stock market knowledge base"}),
)


def _chatbot(id_: str, name: str, model: str, mode: str, kb: int, updated: str) -> Mapping[str, Any]:
    return MappingProxyType({
        "id": id_, "name": name, "largeLanguageModel": model, "replyMode": mode,
        "knowledgeBases": [dict(KNOWLEDGE_BASES[kb])], "updatedAt": updated,
    })


# The three assistants of the documentation's screenshot, newest first as listed there.
CHATBOTS: tuple[Mapping[str, Any], ...] = (
    _chatbot("1af8b729-cbca-4c07-b685-3c2f1d9e7a01", "LLM test", "Qwen3 32B (groq)", "general", 0,
             "2025-09-09T23:27:51+08:00"),
    _chatbot("da10bf5e-b8c8-4cac-85cf-6e4b2a7d9c02", "Full-screen embed demo", "Claude 4 Sonnet", "agent", 1,
             "2025-08-27T18:01:48+08:00"),
    _chatbot("68aa8a32-798a-473c-8cc3-9d5e3f1b2c03", "Taiwan stock market analysis", "Claude 4 Sonnet", "agent", 2,
             "2025-08-12T10:40:59+08:00"),
)
_FOREIGN_CHATBOT = _chatbot(FOREIGN_CHATBOT_ID, "Another workspace's assistant", "Claude 4 Sonnet", "general", 0,
                            "2025-07-01T12:00:00+08:00")
_REPLY_MODES = ("general", "agent")
_AIGNE_ROLES = ("system", "user", "assistant", "tool")


class _Reject(Exception):
    """Raised inside a handler to answer early with `response`."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


@dataclass(frozen=True)
class _Context:
    """What a route handler gets: the request, its API, the path and its parameters, the base of the
    links it answers with, and the key's access level."""

    # A docstring of its own also spares `dataclass` building one with inspect.signature at import.
    request: Request
    profile: ApiProfile
    path: str
    params: Mapping[str, str]
    link_base: str
    access: str


@dataclass(frozen=True)
class SandboxRoute:
    """One endpoint the sandbox implements (the OpenAPI document and the pages list these).

    Parameters:
        api: The API's id.
        path: The path template, e.g. `/api/v1/chatbots/{chatbotId}/`.
        methods: The methods it answers (`HEAD` and `OPTIONS` are added for every route).
        summary: What it does, in English and Japanese.
    """

    api: str
    path: str
    methods: tuple[str, ...]
    summary: LocalizedText

    @property
    def pattern(self) -> re.Pattern[str]:
        """The path as a regular expression; the trailing slash is optional."""
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path.rstrip("/")))
        return re.compile(f"^{regex}/?$")

    @property
    def allow(self) -> str:
        """The `Allow` header value for this route."""
        extra = ("HEAD",) if "GET" in self.methods else ()
        return ", ".join(self.methods + extra + ("OPTIONS",))


SANDBOX_ROUTES: tuple[SandboxRoute, ...] = (
    SandboxRoute(MAIAGENT.id, "/api/v1/chatbots/", ("GET", "POST"),
                 LocalizedText("List chatbots (paginated) or create one.",
                               "チャットボットの一覧（ページ分割）の取得、または作成。")),
    SandboxRoute(MAIAGENT.id, "/api/v1/chatbots/{chatbotId}/", ("GET",),
                 LocalizedText("Get one chatbot.", "チャットボットを 1 件取得。")),
    SandboxRoute(MAIAGENT.id, "/api/v1/knowledge-bases/{knowledgeBaseId}/files/", ("POST",),
                 LocalizedText("Add a file to a knowledge base.", "ナレッジベースにファイルを追加。")),
    SandboxRoute(MAIAGENT.id, SERVER_ERROR_PATH, ("GET",),
                 LocalizedText("Always answers 500 (sandbox only).",
                               "常に 500 を返す（サンドボックス専用）。")),
    SandboxRoute(AIGNE_HUB.id, "/api/v1/chat/completions", ("POST",),
                 LocalizedText("Create a chat completion.", "チャット補完を作成。")),
)
"""Every endpoint the sandbox implements, for both APIs."""


# --- responses -----------------------------------------------------------------------------------

def _json_response(status: int, data: Any, headers: Mapping[str, str] | None = None) -> Response:
    body = json_bytes(data)
    pairs = [("Content-Type", "application/json")] + list((headers or {}).items())
    return Response(status, Headers(pairs), body)


def _example(example_id: str, headers: Mapping[str, str] | None = None) -> Response:
    example = get_example(example_id)
    return _json_response(example.status, example.json(), headers)


def _error(profile: ApiProfile | None, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return _json_response(status, {profile.error_field if profile else "detail": message}, headers)


def payload_too_large(request: Request) -> Response:
    """Answer 413 in the shape of the API the request is for (the server calls it without the body).

    Parameters:
        request: The request, with or without its body.

    Returns:
        The 413 response.
    """
    profile = resolve_api(request)[0] if _url_ok(request) else None
    suffix = "." if profile is None or profile.error_field == "detail" else ""
    return _error(profile, 413, f"Request body is too large (limit {MAX_BODY_BYTES} bytes){suffix}")


def _url_ok(request: Request) -> bool:
    try:
        urlsplit(request.url)
        return True
    except ValueError:
        return False


def resolve_api(request: Request) -> tuple[ApiProfile | None, str, str]:
    """Find which API a request is for.

    Parameters:
        request: The request.

    Returns:
        The API's profile (`None` when none matches), the path relative to the API, and the URL
        prefix that links in responses (pagination) must start with.
    """
    parts = urlsplit(request.url)
    path = parts.path or "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    for profile in PROFILES.values():
        mount = profile.sandbox_mount
        if path == mount or path.startswith(mount + "/"):
            return profile, path[len(mount):] or "/", origin + mount
    host = (parts.hostname or "").lower()
    for profile in PROFILES.values():
        if host and host == profile.host:
            return profile, path, origin
    return None, path, origin


# --- authentication ------------------------------------------------------------------------------

def _authenticate(request: Request, profile: ApiProfile) -> str:
    """Return the key's access level, or raise `_Reject` with the documented 401."""
    challenge = {"WWW-Authenticate": profile.scheme.name}
    missing = profile.failure_examples["missing"]
    invalid = profile.failure_examples["invalid_format"]
    # Servers drop optional whitespace around a field value (RFC 9110, section 5.5).
    value = request.headers.get("authorization", "").strip(" \t")
    if not value:
        raise _Reject(_example(missing, challenge))
    scheme, sep, key = value.partition(" ")
    if scheme.lower() != profile.scheme.name.lower():
        raise _Reject(_example(invalid, challenge))
    if not key:
        # The scheme alone: no credentials were provided.
        raise _Reject(_example(missing, challenge))
    if not re.fullmatch(profile.key_pattern, key):
        raise _Reject(_example(invalid, challenge))
    access = profile.demo_keys.get(key)
    if access is None:
        # The docs group "invalid or missing key" under one answer.
        raise _Reject(_example(missing, challenge))
    return access


# --- request bodies ------------------------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_body(request: Request, profile: ApiProfile) -> Any:
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    drf = profile.error_field == "detail"
    if not request.body:
        return {}
    if media in ("", "application/json") or media.endswith("+json"):
        try:
            return loads_json(request.body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            message = f"JSON parse error - {exc}" if drf else "Request body is not valid JSON"
            raise _Reject(_error(profile, 400, message)) from None
    if drf and media == "application/x-www-form-urlencoded":
        return dict(parse_qsl(request.body.decode("utf-8", errors="replace"), keep_blank_values=True))
    message = (f'Unsupported media type "{content_type}" in request.' if drf
               else "Content-Type must be application/json")
    raise _Reject(_error(profile, 415, message))


def _drf_object(data: Any) -> Mapping[str, Any]:
    if data is None:
        raise _Reject(_json_response(400, {"non_field_errors": ["No data provided"]}))
    if not isinstance(data, dict):
        kind = {list: "list", str: "str", bool: "bool", int: "int", float: "float"}.get(type(data), "object")
        raise _Reject(_json_response(400, {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {kind}."]}))
    return data


def _drf_string(value: Any, max_length: int | None = 255) -> tuple[str | None, str | None]:
    """Validate like Django REST framework's `CharField`: return (value, error)."""
    if value is None:
        return None, "This field may not be null."
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, "Not a valid string."
    text = str(value).strip()
    if not text:
        return None, "This field may not be blank."
    if "\x00" in text:
        return None, "Null characters are not allowed."
    surrogate = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
    if surrogate is not None:
        return None, f"Surrogate characters are not allowed: U+{ord(surrogate):X}."
    if max_length is not None and len(text) > max_length:
        return None, f"Ensure this field has no more than {max_length} characters."
    return text, None


# --- MaiAgent ------------------------------------------------------------------------------------

def _positive_int(raw: str) -> int | None:
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if number > 0 else None


def _with_page(url: str, page: int | None) -> str:
    # Same algorithm as Django REST framework's replace_query_param / remove_query_param.
    scheme, netloc, path, query, fragment = urlsplit(url)
    params = parse_qs(query, keep_blank_values=True)
    if page is None:
        params.pop("page", None)
    else:
        params["page"] = [str(page)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(params.items()), doseq=True), fragment))


def _list_chatbots(ctx: _Context) -> Response:
    query = ctx.request.query
    size = _positive_int(query["pageSize"][-1]) if "pageSize" in query else None
    size = min(size or PAGE_SIZE, MAX_PAGE_SIZE)
    pages = max(1, -(-len(CHATBOTS) // size))
    raw_page = query["page"][-1] if "page" in query else "1"
    page = pages if raw_page == "last" else _positive_int(raw_page)
    if page is None or page > pages:
        raise _Reject(_error(ctx.profile, 404, "Invalid page."))
    url = ctx.link_base + ctx.path + (("?" + urlsplit(ctx.request.url).query) if "?" in ctx.request.url else "")
    return _json_response(200, {
        "count": len(CHATBOTS),
        "next": _with_page(url, page + 1) if page < pages else None,
        "previous": (_with_page(url, None if page == 2 else page - 1)) if page > 1 else None,
        "results": [dict(c) for c in CHATBOTS[(page - 1) * size:page * size]],
    })


def _require_write(ctx: _Context) -> None:
    if ctx.access != "read-write":
        raise _Reject(_example("maiagent/403-permission-denied"))


def _create_chatbot(ctx: _Context) -> Response:
    _require_write(ctx)
    data = _drf_object(_parse_body(ctx.request, ctx.profile))
    errors: dict[str, list[str]] = {}
    name = model = None
    if "name" not in data:
        errors["name"] = ["This field is required."]
    else:
        name, err = _drf_string(data["name"])
        if err:
            errors["name"] = [err]
    model = "Claude 4 Sonnet"
    if "largeLanguageModel" in data:
        model, err = _drf_string(data["largeLanguageModel"])
        if err:
            errors["largeLanguageModel"] = [err]
    mode = data.get("replyMode", "general")
    if mode not in _REPLY_MODES or isinstance(mode, bool):
        shown = json.dumps(mode, ensure_ascii=False) if not isinstance(mode, str) else mode
        errors["replyMode"] = [f'"{shown}" is not a valid choice.']
    if errors:
        raise _Reject(_json_response(400, errors))
    return _json_response(201, {
        "id": _stable_id(f"chatbot:{name}"), "name": name, "largeLanguageModel": model,
        "replyMode": mode, "knowledgeBases": [], "updatedAt": SANDBOX_NOW,
    })


def _get_chatbot(ctx: _Context) -> Response:
    chatbot_id = ctx.params["chatbotId"].lower()
    if chatbot_id == FOREIGN_CHATBOT_ID:
        raise _Reject(_example("maiagent/403-permission-denied"))
    for chatbot in CHATBOTS:
        if chatbot["id"] == chatbot_id:
            return _json_response(200, dict(chatbot))
    raise _Reject(_example("maiagent/404-not-found"))


def _add_knowledge_base_file(ctx: _Context) -> Response:
    _require_write(ctx)
    kb_id = ctx.params["knowledgeBaseId"].lower()
    if not any(kb["id"] == kb_id for kb in KNOWLEDGE_BASES):
        raise _Reject(_example("maiagent/404-not-found"))
    data = _drf_object(_parse_body(ctx.request, ctx.profile))
    errors: dict[str, list[str]] = {}
    files = data.get("files")
    if "files" not in data:
        errors["files"] = ["This field is required."]
    elif files is None:
        errors["files"] = ["This field may not be null."]
    elif not isinstance(files, list):
        errors["files"] = [f'Expected a list of items but got type "{type(files).__name__}".']
    elif not files:
        errors["files"] = ["This list may not be empty."]
    else:
        checked = [_drf_string(item, None) for item in files]
        bad = {str(i): [err] for i, (_, err) in enumerate(checked) if err}
        if bad:
            errors["files"] = [f"Item {i}: {msgs[0]}" for i, msgs in bad.items()]
        files = [value for value, _ in checked]
    values: dict[str, str | None] = {}
    for field_name in ("filename", "file"):
        if field_name not in data:
            errors[field_name] = ["This field is required."]
        else:
            values[field_name], err = _drf_string(data[field_name])
            if err:
                errors[field_name] = [err]
    if errors:
        raise _Reject(_json_response(400, errors))
    return _json_response(201, {
        "id": _stable_id(f"file:{kb_id}:{values['filename']}"),
        "knowledgeBase": kb_id, "filename": values["filename"], "file": values["file"],
        "files": files, "status": "processing", "createdAt": SANDBOX_NOW,
    })


def _server_error(ctx: _Context) -> Response:
    return _example("maiagent/500-server-error")


# --- AIGNE Hub -----------------------------------------------------------------------------------

def _aigne_bad(message: str) -> _Reject:
    return _Reject(_json_response(400, {"error": message}))


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = [p.get("text") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)]
    return " ".join(parts)


def _chat_completion(ctx: _Context) -> Response:
    data = _parse_body(ctx.request, ctx.profile)
    # Messages follow the wording of Joi, the validator AIGNE Hub's Node.js server uses.
    if not isinstance(data, dict):
        raise _aigne_bad('"value" must be of type object')
    if "model" not in data:
        raise _aigne_bad('"model" is required')
    model = data["model"]
    if not isinstance(model, str):
        raise _aigne_bad('"model" must be a string')
    if not model.strip():
        raise _aigne_bad('"model" is not allowed to be empty')
    if "messages" not in data:
        raise _aigne_bad('"messages" is required')
    messages = data["messages"]
    if not isinstance(messages, list):
        raise _aigne_bad('"messages" must be an array')
    if not messages:
        raise _aigne_bad('"messages" must contain at least 1 items')
    for i, message in enumerate(messages):
        where = f'"messages[{i}]'
        if not isinstance(message, dict):
            raise _aigne_bad(f'{where}" must be of type object')
        if "role" not in message:
            raise _aigne_bad(f'{where}.role" is required')
        if message["role"] not in _AIGNE_ROLES or not isinstance(message["role"], str):
            raise _aigne_bad(f'{where}.role" must be one of [{", ".join(_AIGNE_ROLES)}]')
        content = message.get("content")
        if not isinstance(content, (str, list)) and not (content is None and message["role"] == "assistant"):
            raise _aigne_bad(f'{where}.content" must be one of [string, array]')
    if data.get("stream") not in (None, False):
        raise _aigne_bad('"stream" is not supported by the sandbox; leave it out or set it to false')
    user_texts = [_text_of(m.get("content") or "") for m in messages if m["role"] == "user"]
    said = user_texts[-1] if user_texts else ""
    said = said if len(said) <= 200 else said[:200] + "…"
    reply = f"Hello from the AIGNE Hub sandbox! You said: {said}" if said else "Hello from the AIGNE Hub sandbox!"
    prompt_tokens = sum(len(_text_of(m.get("content") or "").split()) for m in messages)
    completion_tokens = len(reply.split())
    import hashlib

    digest = hashlib.sha256(json.dumps([model, messages], sort_keys=True).encode("ascii")).hexdigest()
    return _json_response(200, {
        "id": f"chatcmpl-sandbox-{digest[:24]}",
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    })


_HANDLERS: dict[tuple[str, str, str], Callable[[_Context], Response]] = {
    (MAIAGENT.id, "/api/v1/chatbots/", "GET"): _list_chatbots,
    (MAIAGENT.id, "/api/v1/chatbots/", "POST"): _create_chatbot,
    (MAIAGENT.id, "/api/v1/chatbots/{chatbotId}/", "GET"): _get_chatbot,
    (MAIAGENT.id, "/api/v1/knowledge-bases/{knowledgeBaseId}/files/", "POST"): _add_knowledge_base_file,
    (MAIAGENT.id, SERVER_ERROR_PATH, "GET"): _server_error,
    (AIGNE_HUB.id, "/api/v1/chat/completions", "POST"): _chat_completion,
}


# --- entry point ---------------------------------------------------------------------------------

def _not_found(profile: ApiProfile) -> Response:
    if profile.id == MAIAGENT.id:
        return _example("maiagent/404-not-found")
    return _error(profile, 404, "Not found")


def _dispatch(request: Request) -> Response:
    if not _url_ok(request):
        return _json_response(400, {"detail": "Malformed URL."})
    if len(request.body) > MAX_BODY_BYTES:
        return payload_too_large(request)
    profile, path, link_base = resolve_api(request)
    if profile is None:
        mounts = [p.sandbox_mount + "/" for p in PROFILES.values()]
        return _json_response(404, {"detail": "No sandbox API at this URL.", "apis": mounts})
    for route in SANDBOX_ROUTES:
        match = route.pattern.match(path) if route.api == profile.id else None
        if match:
            break
    else:
        return _not_found(profile)
    method = request.method
    if method == "OPTIONS":
        return Response(204, Headers({"Allow": route.allow}))
    access = _authenticate(request, profile)
    lookup = "GET" if method == "HEAD" else method
    handler = _HANDLERS.get((profile.id, route.path, lookup)) if lookup in route.methods else None
    if handler is None:
        message = (f'Method "{method}" not allowed.' if profile.error_field == "detail"
                   else f"Method {method} is not allowed; use {' or '.join(route.methods)}")
        return _error(profile, 405, message, {"Allow": route.allow})
    ctx = _Context(request, profile, path, match.groupdict(), link_base, access)
    response = handler(ctx)
    if method == "HEAD":
        response.body = b""
    return response


def handle(request: Request) -> Response:
    """Answer a request the way the documentation says the real API does.

    Parameters:
        request: Any request. Its URL picks the API: `/sandbox/maiagent/...` and
            `/sandbox/aigne-hub/...` (the sandbox server), or the API's own host
            (`https://api.maiagent.ai/...`, `https://your-aigne-hub-url/...`).

    Returns:
        The response; never raises. Only `GET /api/v1/sandbox/server-error/` answers 5xx.
    """
    try:
        return _dispatch(request)
    except _Reject as reject:
        if request.method == "HEAD":
            reject.response.body = b""
        return reject.response
