"""The MaiAgent API in the sandbox: its data, its JSON schemas, its handlers and its routes."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from .._examples import DEMO_KNOWLEDGE_BASE_ID, FOREIGN_CHATBOT_ID
from .._models import LocalizedText, Response
from .._profiles import MAIAGENT
from .drf import drf_object, drf_string, drf_string_schema, parse_body
from .responses import SANDBOX_NOW, Reject, error_response, example_response, json_response
from .routes import Context, DocumentedResponse, Operation, Parameter, SandboxRoute, Schema

__all__ = [
    "BAD_REQUEST",
    "CHATBOT",
    "CHATBOTS",
    "CHATBOT_CREATE",
    "CHATBOT_PAGE",
    "DETAIL",
    "FIELD_ERRORS",
    "ID_NAME",
    "KNOWLEDGE_BASES",
    "KNOWLEDGE_BASE_FILE",
    "KNOWLEDGE_BASE_FILE_CREATE",
    "ROUTES",
    "SERVER_ERROR_PATH",
    "TEXT",
    "TEXT_255",
]

SERVER_ERROR_PATH = "/api/v1/sandbox/server-error/"
"""Always MaiAgent's 500, on purpose: the one route that answers 5xx (the body is the sandbox's)."""

PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
_NAMESPACE = "6f0f3b1e-2a4c-4d5e-8f60-7a8b9c0d1e2f"


# uuid is imported where it is used, not with the module: in Pyodide it costs 10-20 ms of every
# start-up, and only the two creates need it.
def _stable_id(name: str) -> str:
    """A UUID derived from `name`: the same on every run, so answers can be compared byte for byte."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(_NAMESPACE), name))


# --- data ----------------------------------------------------------------------------------------

KNOWLEDGE_BASES: tuple[Mapping[str, str], ...] = (
    MappingProxyType({"id": DEMO_KNOWLEDGE_BASE_ID, "name": "LLM test knowledge base"}),
    MappingProxyType({"id": "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a02", "name": "Camping database"}),
    MappingProxyType({"id": "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a03", "name": "Taiwan stock market knowledge base"}),
)


def _chatbot(id_: str, name: str, model: str, mode: str, kb: int, updated: str) -> Mapping[str, Any]:
    return MappingProxyType(
        {
            "id": id_,
            "name": name,
            "largeLanguageModel": model,
            "replyMode": mode,
            "knowledgeBases": [dict(KNOWLEDGE_BASES[kb])],
            "updatedAt": updated,
        }
    )


# The three assistants of the documentation's screenshot, newest first as listed there.
CHATBOTS: tuple[Mapping[str, Any], ...] = (
    _chatbot(
        "1af8b729-cbca-4c07-b685-3c2f1d9e7a01",
        "LLM test",
        "Qwen3 32B (groq)",
        "general",
        0,
        "2025-09-09T23:27:51+08:00",
    ),
    _chatbot(
        "da10bf5e-b8c8-4cac-85cf-6e4b2a7d9c02",
        "Full-screen embed demo",
        "Claude 4 Sonnet",
        "agent",
        1,
        "2025-08-27T18:01:48+08:00",
    ),
    _chatbot(
        "68aa8a32-798a-473c-8cc3-9d5e3f1b2c03",
        "Taiwan stock market analysis",
        "Claude 4 Sonnet",
        "agent",
        2,
        "2025-08-12T10:40:59+08:00",
    ),
)
_REPLY_MODES = ("general", "agent")


# --- JSON schemas --------------------------------------------------------------------------------

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}

DETAIL = Schema("Detail", {"type": "object", "required": ["detail"], "properties": {"detail": _STRING}})
_MESSAGES = {"type": "array", "items": _STRING}
FIELD_ERRORS = Schema(
    "FieldErrors",
    {
        "type": "object",
        "description": "Each invalid field mapped to its error messages (Django REST framework); a list "
        "field's messages are per item, by index, as DRF's ListField gives them.",
        "additionalProperties": {
            "anyOf": [_MESSAGES, {"type": "object", "additionalProperties": _MESSAGES}],
        },
    },
)
BAD_REQUEST = Schema("BadRequest", {"anyOf": [FIELD_ERRORS, DETAIL]})
ID_NAME = Schema(
    "IdName",
    {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": _STRING, "name": _STRING},
    },
)
CHATBOT = Schema(
    "Chatbot",
    {
        "type": "object",
        "required": ["id", "name", "largeLanguageModel", "replyMode", "knowledgeBases", "updatedAt"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": _STRING,
            "largeLanguageModel": _STRING,
            "replyMode": {"type": "string", "enum": list(_REPLY_MODES)},
            "knowledgeBases": {"type": "array", "items": ID_NAME},
            "updatedAt": {"type": "string", "format": "date-time"},
        },
    },
)
CHATBOT_PAGE = Schema(
    "ChatbotPage",
    {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "next": _NULLABLE_STRING,
            "previous": _NULLABLE_STRING,
            "results": {"type": "array", "items": CHATBOT},
        },
    },
)
# What DRF's CharField takes (see drf.py), with and without the sandbox's 255-character limit.
TEXT = Schema("Text", drf_string_schema(None))
TEXT_255 = Schema("Text255", drf_string_schema(255))
# largeLanguageModel is a CharField holding the model's name, as the chatbot list shows it, so a
# number is taken as its text. MaiAgent's API reference documents a model's id instead (string
# (uuid), docs.maiagent.ai/api/api-doc-en/api-reference/ai-zhu-li); the documented examples here
# show names, so the sandbox keeps them.
CHATBOT_CREATE = Schema(
    "ChatbotCreate",
    {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": TEXT_255,
            "largeLanguageModel": TEXT_255,
            "replyMode": {"type": "string", "enum": list(_REPLY_MODES)},
        },
    },
)
KNOWLEDGE_BASE_FILE_CREATE = Schema(
    "KnowledgeBaseFileCreate",
    {
        "type": "object",
        "required": ["files", "filename", "file"],
        "properties": {
            "files": {"type": "array", "minItems": 1, "items": TEXT},
            "filename": TEXT_255,
            "file": TEXT_255,
        },
    },
)
KNOWLEDGE_BASE_FILE = Schema(
    "KnowledgeBaseFile",
    {
        "type": "object",
        "required": ["id", "knowledgeBase", "filename", "file", "files", "status", "createdAt"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "knowledgeBase": {"type": "string", "format": "uuid"},
            "filename": _STRING,
            "file": _STRING,
            "files": {"type": "array", "items": _STRING},
            "status": _STRING,
            "createdAt": {"type": "string", "format": "date-time"},
        },
    },
)


# --- handlers ------------------------------------------------------------------------------------


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


def _list_chatbots(ctx: Context) -> Response:
    query = ctx.request.query
    size = _positive_int(query["pageSize"][-1]) if "pageSize" in query else None
    size = min(size or PAGE_SIZE, MAX_PAGE_SIZE)
    pages = max(1, -(-len(CHATBOTS) // size))
    # Django REST framework's PageNumberPagination.get_page_number: a missing or empty page is 1.
    raw_page = (query["page"][-1] if "page" in query else "") or "1"
    page = pages if raw_page == "last" else _positive_int(raw_page)
    if page is None or page > pages:
        raise Reject(error_response(ctx.profile, 404, "Invalid page."))
    url = ctx.link_base + ctx.path + (("?" + urlsplit(ctx.request.url).query) if "?" in ctx.request.url else "")
    return json_response(
        200,
        {
            "count": len(CHATBOTS),
            "next": _with_page(url, page + 1) if page < pages else None,
            "previous": (_with_page(url, None if page == 2 else page - 1)) if page > 1 else None,
            "results": [dict(c) for c in CHATBOTS[(page - 1) * size : page * size]],
        },
    )


def _require_write(ctx: Context) -> None:
    if ctx.access != "read-write":
        raise Reject(example_response("maiagent/403-permission-denied"))


def _create_chatbot(ctx: Context) -> Response:
    _require_write(ctx)
    data = drf_object(parse_body(ctx.request, ctx.profile))
    errors: dict[str, list[str]] = {}
    name = model = None
    if "name" not in data:
        errors["name"] = ["This field is required."]
    else:
        name, errors["name"] = drf_string(data["name"])
    model = "Claude 4 Sonnet"
    if "largeLanguageModel" in data:
        model, errors["largeLanguageModel"] = drf_string(data["largeLanguageModel"])
    mode = data.get("replyMode", "general")
    # DRF's ChoiceField: null is refused first; otherwise str(value) is looked up among the choices,
    # and the message shows that text (Python's, for a list or an object).
    if mode is None:
        errors["replyMode"] = ["This field may not be null."]
    elif str(mode) not in _REPLY_MODES:
        errors["replyMode"] = [f'"{mode}" is not a valid choice.']
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise Reject(json_response(400, errors))
    return json_response(
        201,
        {
            "id": _stable_id(f"chatbot:{name}"),
            "name": name,
            "largeLanguageModel": model,
            "replyMode": mode,
            "knowledgeBases": [],
            "updatedAt": SANDBOX_NOW,
        },
    )


def _get_chatbot(ctx: Context) -> Response:
    chatbot_id = ctx.params["chatbotId"].lower()
    if chatbot_id == FOREIGN_CHATBOT_ID:
        raise Reject(example_response("maiagent/403-permission-denied"))
    for chatbot in CHATBOTS:
        if chatbot["id"] == chatbot_id:
            return json_response(200, dict(chatbot))
    raise Reject(example_response("maiagent/404-not-found"))


def _add_knowledge_base_file(ctx: Context) -> Response:
    _require_write(ctx)
    kb_id = ctx.params["knowledgeBaseId"].lower()
    if not any(kb["id"] == kb_id for kb in KNOWLEDGE_BASES):
        raise Reject(example_response("maiagent/404-not-found"))
    data = drf_object(parse_body(ctx.request, ctx.profile))
    errors: dict[str, Any] = {}
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
        checked = [drf_string(item, None) for item in files]
        # DRF's ListField.run_child_validation: each bad item's messages under its index.
        bad = {str(i): messages for i, (_, messages) in enumerate(checked) if messages}
        if bad:
            errors["files"] = bad
        files = [value for value, _ in checked]
    values: dict[str, str | None] = {}
    for field_name in ("filename", "file"):
        if field_name not in data:
            errors[field_name] = ["This field is required."]
        else:
            values[field_name], messages = drf_string(data[field_name])
            if messages:
                errors[field_name] = messages
    if errors:
        raise Reject(json_response(400, errors))
    return json_response(
        201,
        {
            "id": _stable_id(f"file:{kb_id}:{values['filename']}"),
            "knowledgeBase": kb_id,
            "filename": values["filename"],
            "file": values["file"],
            "files": files,
            "status": "processing",
            "createdAt": SANDBOX_NOW,
        },
    )


def _server_error(ctx: Context) -> Response:
    return example_response("maiagent/500-server-error")


# --- routes --------------------------------------------------------------------------------------

_L = LocalizedText
_CREATED = "Created (the sandbox stores nothing)."
_INVALID_BODY = "A field is missing or invalid, or the body is not JSON."
_READ_ONLY = DocumentedResponse(403, DETAIL, "The key is read-only.")
_TOO_LARGE = DocumentedResponse(413, DETAIL, "The body is larger than 1 MiB.")
_UNSUPPORTED = DocumentedResponse(415, DETAIL, "The body is neither JSON nor a form.")

# Django REST framework's PageNumberPagination (encode/django-rest-framework, rest_framework/pagination.py):
# get_page_number, and Django's Paginator.validate_number behind it; get_page_size (_positive_int).
_DRF_PAGINATION = "encode/django-rest-framework, rest_framework/pagination.py"
_PAGE = _L(
    "The page number, from 1; `last` is the last page, and an empty value the first. A number past "
    f"the last page, or any other value, gets 404 `Invalid page.` (Django REST framework's "
    f"PageNumberPagination, {_DRF_PAGINATION}).",
    "ページ番号（1 から）。`last` は最後のページ、空の値は最初のページです。最後のページを超える番号や"
    f"それ以外の値には 404 `Invalid page.` を返します（Django REST framework の PageNumberPagination、"
    f"{_DRF_PAGINATION}）。",
    "頁碼，從 1 開始；`last` 表示最後一頁，空值表示第一頁。超過最後一頁的頁碼或其他任何值，"
    f"都會得到 404 `Invalid page.`（Django REST framework 的 PageNumberPagination，{_DRF_PAGINATION}）。",
)
_PAGE_SIZE = _L(
    f"Results per page, {PAGE_SIZE} by default. A value above {MAX_PAGE_SIZE} is treated as {MAX_PAGE_SIZE}, "
    f"and one that is not a positive integer is ignored (the default applies): no error either way "
    f"(Django REST framework's PageNumberPagination.get_page_size, {_DRF_PAGINATION}).",
    f"1 ページの件数（既定は {PAGE_SIZE}）。{MAX_PAGE_SIZE} を超える値は {MAX_PAGE_SIZE} として扱い、"
    f"正の整数でない値は無視して既定値を使います。どちらの場合もエラーにはなりません（Django REST framework の "
    f"PageNumberPagination.get_page_size、{_DRF_PAGINATION}）。",
    f"每頁的結果數，預設為 {PAGE_SIZE}。大於 {MAX_PAGE_SIZE} 的值會視為 {MAX_PAGE_SIZE}，"
    "不是正整數的值則會被忽略，改用預設值。兩種情況都不會產生錯誤（Django REST framework 的 "
    f"PageNumberPagination.get_page_size，{_DRF_PAGINATION}）。",
)

ROUTES: tuple[SandboxRoute, ...] = (
    SandboxRoute(
        MAIAGENT.id,
        "/api/v1/chatbots/",
        _L(
            "List chatbots (paginated) or create one.",
            "チャットボットの一覧（ページ分割）の取得、または作成。",
            "列出聊天機器人（分頁）或建立聊天機器人。",
        ),
        {
            "GET": Operation(
                _list_chatbots,
                (
                    DocumentedResponse(200, CHATBOT_PAGE, "A page of chatbots."),
                    DocumentedResponse(404, DETAIL, "`page` is past the last page (`Invalid page.`)."),
                ),
                summary=_L(
                    "List chatbots (paginated).",
                    "チャットボットの一覧（ページ分割）を取得。",
                    "列出聊天機器人（分頁）。",
                ),
                parameters=(
                    Parameter(
                        "page",
                        "query",
                        "1",
                        {"anyOf": [{"type": "integer", "minimum": 1}, {"enum": ["last", ""]}]},
                        description=_PAGE,
                    ),
                    Parameter(
                        "pageSize",
                        "query",
                        "2",
                        # Any value is accepted: one that is not a positive integer is ignored.
                        {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}]},
                        description=_PAGE_SIZE,
                    ),
                ),
            ),
            "POST": Operation(
                _create_chatbot,
                (
                    DocumentedResponse(201, CHATBOT, _CREATED),
                    DocumentedResponse(400, BAD_REQUEST, _INVALID_BODY),
                    _READ_ONLY,
                    _TOO_LARGE,
                    _UNSUPPORTED,
                ),
                summary=_L("Create a chatbot.", "チャットボットを作成。", "建立聊天機器人。"),
                body=CHATBOT_CREATE,
            ),
        },
        DETAIL,
    ),
    SandboxRoute(
        MAIAGENT.id,
        "/api/v1/chatbots/{chatbotId}/",
        _L("Get one chatbot.", "チャットボットを 1 件取得。", "取得一個聊天機器人。"),
        {
            "GET": Operation(
                _get_chatbot,
                (
                    DocumentedResponse(200, CHATBOT, "The chatbot."),
                    DocumentedResponse(403, DETAIL, "The chatbot belongs to another workspace."),
                    DocumentedResponse(404, DETAIL, "No chatbot has that id."),
                ),
                parameters=(Parameter("chatbotId", "path", str(CHATBOTS[0]["id"])),),
            ),
        },
        DETAIL,
    ),
    SandboxRoute(
        MAIAGENT.id,
        "/api/v1/knowledge-bases/{knowledgeBaseId}/files/",
        _L("Add a file to a knowledge base.", "ナレッジベースにファイルを追加。", "將檔案加入知識庫。"),
        {
            "POST": Operation(
                _add_knowledge_base_file,
                (
                    DocumentedResponse(201, KNOWLEDGE_BASE_FILE, _CREATED),
                    DocumentedResponse(400, BAD_REQUEST, _INVALID_BODY),
                    _READ_ONLY,
                    DocumentedResponse(404, DETAIL, "No knowledge base has that id."),
                    _TOO_LARGE,
                    _UNSUPPORTED,
                ),
                body=KNOWLEDGE_BASE_FILE_CREATE,
                parameters=(Parameter("knowledgeBaseId", "path", DEMO_KNOWLEDGE_BASE_ID),),
            ),
        },
        DETAIL,
    ),
    SandboxRoute(
        MAIAGENT.id,
        SERVER_ERROR_PATH,
        _L(
            "Always answers 500 (sandbox only).",
            "常に 500 を返す（サンドボックス専用）。",
            "一律傳回 500（僅限沙箱）。",
        ),
        {
            "GET": Operation(
                _server_error, (DocumentedResponse(500, DETAIL, "Always: the documented server error, on purpose."),)
            )
        },
        DETAIL,
    ),
)
"""MaiAgent's routes, in the order the OpenAPI document and the playground list them."""
