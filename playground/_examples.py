"""The catalogue of documented examples: the single source shared by the pages, the sandbox and the tests.

Each example is a file under `playground/documented_examples/<api>/`. The pages include the file
verbatim, the sandbox answers with its content, and a test checks that the request listed here
makes the sandbox return exactly that body. Files are read by the package's loader, so they work
from a directory, from a wheel, and inside Pyodide (where the wheel itself is on `sys.path`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from ._exceptions import UnknownExampleError
from ._models import Headers, LocalizedText, Request
from ._profiles import (
    AIGNE_HUB,
    AIGNE_HUB_DEMO_KEY,
    MAIAGENT,
    MAIAGENT_DEMO_KEY,
    MAIAGENT_READONLY_KEY,
    ApiProfile,
    get_profile,
)

__all__ = [
    "EXAMPLES",
    "DEMO_KNOWLEDGE_BASE_ID",
    "DocumentedExample",
    "ExampleRequest",
    "FOREIGN_CHATBOT_ID",
    "UNKNOWN_CHATBOT_ID",
    "get_example",
    "strip_jsonc_comments",
]

# Ids the sandbox knows; the catalogue's requests use them, so they live here.
DEMO_KNOWLEDGE_BASE_ID = "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01"
FOREIGN_CHATBOT_ID = "00000000-0000-4000-8000-000000000403"
UNKNOWN_CHATBOT_ID = "00000000-0000-4000-8000-000000000404"


@dataclass(frozen=True)
class ExampleRequest:
    """The request that makes the API answer with a documented example.

    Parameters:
        method: The HTTP method.
        path: The absolute path on the API, e.g. `/api/v1/chatbots/`.
        headers: The request headers, as `(name, value)` pairs.
        body: The JSON body, or `None` for no body.
    """

    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: Any = None

    def to_request(self, api: str | ApiProfile, origin: str | None = None) -> Request:
        """Build the request against the real API, or against another origin (e.g. the sandbox server).

        Parameters:
            api: The API the example belongs to.
            origin: Replaces the API's origin, e.g. `http://127.0.0.1:8000/sandbox/maiagent`.

        Returns:
            The request.
        """
        profile = get_profile(api)
        url = (origin.rstrip("/") + self.path) if origin else profile.url(self.path)
        if self.body is None:
            return Request(self.method, url, Headers(self.headers))
        return Request.with_json(self.method, url, self.body, self.headers)

    def form_fields(self, api: str | ApiProfile) -> dict[str, str]:
        """The request as the playground's form holds it, so that its Send sends this very request.

        Parameters:
            api: The API the example belongs to.

        Returns:
            `{"method", "path" (with its query), "body" (JSON text, or `""` for none), "key"}`. The form
            sends `Authorization: <scheme> <key field>`, so `key` is the text after the API's scheme,
            the whole header value when it uses another scheme (e.g. `Bearer <key>` on MaiAgent),
            or `""` when the request has no `Authorization` header.
        """
        prefix = get_profile(api).scheme.name + " "
        value = next((v for name, v in self.headers if name.lower() == "authorization"), "")
        return {
            "method": self.method,
            "path": self.path,
            "body": "" if self.body is None else json.dumps(self.body, indent=2),
            "key": value[len(prefix) :] if value.startswith(prefix) else value,
        }


@dataclass(frozen=True)
class DocumentedExample:
    """One documented response and the request that produces it.

    Parameters:
        id: A stable id, `<examples dir>/<file stem>`, e.g. `maiagent/401-missing-key`.
        api: The API's id.
        status: The HTTP status code.
        file: The file name under `documented_examples/<examples dir>/`.
        request: The request that produces it.
        title: A short title for the pages and the playground's "Reproduce" buttons.
        shape: `True` when the file shows the *shape* of a body (type names as values, comments)
            rather than a literal body; the sandbox's answer then has that shape.
        snippet: The pages' code examples that send this request, as `<api>/<case>` (their files are
            `docs/snippets/<api>/<case>.<ext>`, one per language), or `None`.
    """

    id: str
    api: str
    status: int
    file: str
    request: ExampleRequest
    title: LocalizedText
    shape: bool = False
    snippet: str | None = None

    @property
    def resource_path(self) -> str:
        """The file's path inside the package, e.g. `documented_examples/maiagent/401-missing-key.json`."""
        return f"documented_examples/{get_profile(self.api).examples_dir}/{self.file}"

    def text(self) -> str:
        """Return the file's text exactly as the pages include it."""
        return _read(self.resource_path)

    def json(self) -> Any:
        """Return the parsed body (comments of a `.jsonc` shape file removed)."""
        return json.loads(strip_jsonc_comments(self.text()))


@cache
def _read(resource_path: str) -> str:
    # What pkgutil.get_data does, without importing pkgutil. importlib.resources reads the same
    # bytes but costs 5-15 ms of every start-up in Pyodide, for its own imports.
    path = os.path.join(os.path.dirname(__file__), *resource_path.split("/"))
    return __spec__.loader.get_data(path).decode("utf-8")


def strip_jsonc_comments(text: str) -> str:
    """Remove `//` and `/* */` comments from JSON-with-comments, leaving strings untouched.

    Parameters:
        text: The JSONC text.

    Returns:
        Plain JSON text.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _auth(api: ApiProfile, key: str) -> tuple[tuple[str, str], ...]:
    return (("Authorization", f"{api.scheme.name} {key}"),)


_HELLO = {"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}
# What the docs' AIGNE Hub SDK example (@aigne/aigne-hub 0.10.16) sends to POST /api/v2/chat: the
# AIGNE invoke envelope, the "aignehub/" prefix stripped (AIGNE-io/aigne-framework@7c36d0f
# models/aigne-hub/test/chat.test.ts L153-171 pins this body).
_SDK_CHAT = {
    "input": {
        "messages": [{"role": "user", "content": "Hello, AIGNE Hub!"}],
        "modelOptions": {"cacheConfig": {"autoBreakpoints": {"lastMessage": True}}, "model": "gpt-3.5-turbo"},
        "outputFileType": "url",
    },
    "agent": "$CHAT_MODEL",
    "options": {"userContext": {}, "memories": []},
}

_ALL = (
    DocumentedExample(
        "maiagent/401-missing-key",
        MAIAGENT.id,
        401,
        "401-missing-key.json",
        ExampleRequest("GET", "/api/v1/chatbots/"),
        LocalizedText("Invalid or missing API key", "API キーが無効、または指定されていない", "API 金鑰無效或未指定"),
        snippet="maiagent/missing_key",
    ),
    DocumentedExample(
        "maiagent/401-invalid-format",
        MAIAGENT.id,
        401,
        "401-invalid-format.json",
        ExampleRequest("GET", "/api/v1/chatbots/", (("Authorization", f"Bearer {MAIAGENT_DEMO_KEY}"),)),
        LocalizedText("Incorrect API key format", "API キーの形式が正しくない", "API 金鑰格式不正確"),
        snippet="maiagent/wrong_scheme",
    ),
    DocumentedExample(
        "maiagent/400-required-fields",
        MAIAGENT.id,
        400,
        "400-required-fields.json",
        ExampleRequest(
            "POST", f"/api/v1/knowledge-bases/{DEMO_KNOWLEDGE_BASE_ID}/files/", _auth(MAIAGENT, MAIAGENT_DEMO_KEY), {}
        ),
        LocalizedText(
            "Bad request: required field missing", "不正なリクエスト：必須フィールドの欠落", "請求錯誤：缺少必要欄位"
        ),
        snippet="maiagent/missing_fields",
    ),
    DocumentedExample(
        "maiagent/200-paginated-shape",
        MAIAGENT.id,
        200,
        "200-paginated-shape.jsonc",
        ExampleRequest("GET", "/api/v1/chatbots/", _auth(MAIAGENT, MAIAGENT_DEMO_KEY)),
        LocalizedText("Success response (shape)", "成功レスポンス（形式）", "成功回應（結構）"),
        shape=True,
        snippet="maiagent/list_chatbots",
    ),
    DocumentedExample(
        "maiagent/200-chatbots-page",
        MAIAGENT.id,
        200,
        "200-chatbots-page.json",
        ExampleRequest("GET", "/api/v1/chatbots/?page=1&pageSize=2", _auth(MAIAGENT, MAIAGENT_DEMO_KEY)),
        LocalizedText("A page of chatbots", "チャットボット一覧の 1 ページ", "聊天機器人清單的其中一頁"),
        snippet="maiagent/paginated_list",
    ),
    DocumentedExample(
        "maiagent/201-chatbot-created",
        MAIAGENT.id,
        201,
        "201-chatbot-created.json",
        ExampleRequest("POST", "/api/v1/chatbots/", _auth(MAIAGENT, MAIAGENT_DEMO_KEY), {"name": "Docs assistant"}),
        LocalizedText("Resource created", "リソースの作成に成功", "資源建立成功"),
    ),
    DocumentedExample(
        "maiagent/403-permission-denied",
        MAIAGENT.id,
        403,
        "403-permission-denied.json",
        ExampleRequest("POST", "/api/v1/chatbots/", _auth(MAIAGENT, MAIAGENT_READONLY_KEY), {"name": "Docs assistant"}),
        LocalizedText("Permission denied", "権限がありません", "沒有權限"),
    ),
    DocumentedExample(
        "maiagent/404-not-found",
        MAIAGENT.id,
        404,
        "404-not-found.json",
        ExampleRequest("GET", f"/api/v1/chatbots/{UNKNOWN_CHATBOT_ID}/", _auth(MAIAGENT, MAIAGENT_DEMO_KEY)),
        LocalizedText("Resource not found", "リソースが見つかりません", "找不到資源"),
    ),
    DocumentedExample(
        "maiagent/500-server-error",
        MAIAGENT.id,
        500,
        "500-server-error.json",
        ExampleRequest("GET", "/api/v1/sandbox/server-error/", _auth(MAIAGENT, MAIAGENT_DEMO_KEY)),
        LocalizedText("Server error", "サーバーエラー", "伺服器錯誤"),
    ),
    DocumentedExample(
        "aigne-hub/401-not-authenticated",
        AIGNE_HUB.id,
        401,
        "401-not-authenticated.json",
        ExampleRequest("POST", "/api/v1/chat/completions", (), _HELLO),
        LocalizedText("Missing or invalid API key", "API キーが欠落している、または無効", "缺少 API 金鑰或金鑰無效"),
    ),
    DocumentedExample(
        "aigne-hub/200-chat-completion",
        AIGNE_HUB.id,
        200,
        "200-chat-completion.json",
        ExampleRequest("POST", "/api/v1/chat/completions", _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY), _HELLO),
        LocalizedText("Chat completion", "チャット補完", "聊天完成"),
        snippet="aigne-hub/chat_completion",
    ),
    DocumentedExample(
        "aigne-hub/400-messages-required",
        AIGNE_HUB.id,
        400,
        "400-messages-required.json",
        ExampleRequest(
            "POST",
            "/api/v1/chat/completions",
            _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY),
            {"model": "aignehub/gpt-3.5-turbo"},
        ),
        LocalizedText("Bad request: no messages", "不正なリクエスト：messages がない", "請求錯誤：沒有 messages"),
    ),
    DocumentedExample(
        "aigne-hub/400-stream-not-boolean",
        AIGNE_HUB.id,
        400,
        "400-stream-not-boolean.json",
        ExampleRequest(
            "POST", "/api/v1/chat/completions", _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY), {**_HELLO, "stream": "yes"}
        ),
        LocalizedText(
            "Bad request: stream is not a boolean",
            "不正なリクエスト：stream が真偽値でない",
            "請求錯誤：stream 不是布林值",
        ),
    ),
    DocumentedExample(
        "aigne-hub/200-chat-v2",
        AIGNE_HUB.id,
        200,
        "200-chat-v2.json",
        ExampleRequest("POST", "/api/v2/chat", _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY), _SDK_CHAT),
        LocalizedText("Chat (v2, as the SDK calls it)", "チャット（v2、SDK が呼ぶ形）", "聊天（v2，SDK 的呼叫方式）"),
    ),
    DocumentedExample(
        "aigne-hub/404-agent-not-found",
        AIGNE_HUB.id,
        404,
        "404-agent-not-found.json",
        ExampleRequest("POST", "/api/v2/chat", _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY), {**_SDK_CHAT, "agent": "chat"}),
        LocalizedText("Agent not found (v2)", "エージェントが見つからない（v2）", "找不到代理程式（v2）"),
    ),
    DocumentedExample(
        "aigne-hub/415-not-an-object",
        AIGNE_HUB.id,
        415,
        "415-not-an-object.json",
        # A JSON array: valid JSON, but not the object the invoke envelope is.
        ExampleRequest("POST", "/api/v2/chat", _auth(AIGNE_HUB, AIGNE_HUB_DEMO_KEY), []),
        LocalizedText(
            "Body is not a JSON object (v2)", "本文が JSON オブジェクトではない（v2）", "本文不是 JSON 物件（v2）"
        ),
    ),
    DocumentedExample(
        "aigne-hub/200-models",
        AIGNE_HUB.id,
        200,
        "200-models.json",
        ExampleRequest("GET", "/api/ai/models?type=chat"),
        LocalizedText("Chat models", "チャットモデルの一覧", "聊天模型清單"),
    ),
    DocumentedExample(
        "aigne-hub/200-status",
        AIGNE_HUB.id,
        200,
        "200-status.json",
        ExampleRequest("GET", "/api/v2/status"),
        LocalizedText("Hub status", "Hub の状態", "Hub 的狀態"),
    ),
    DocumentedExample(
        "aigne-hub/200-blocklet",
        AIGNE_HUB.id,
        200,
        "200-blocklet.json",
        ExampleRequest("GET", "/__blocklet__.js?type=json"),
        LocalizedText("The Hub's mount point (discovery)", "Hub のマウントポイント（検出）", "Hub 的掛接點（探索）"),
    ),
)

EXAMPLES: Mapping[str, DocumentedExample] = MappingProxyType({e.id: e for e in _ALL})
"""Every documented example by id (e.g. `maiagent/401-missing-key`, `aigne-hub/400-messages-required`):
the pages include them, the sandbox answers with them and the tests compare against them."""


def get_example(example_id: str) -> DocumentedExample:
    """Return a documented example by id.

    Parameters:
        example_id: E.g. `"maiagent/401-missing-key"`. The API part is read as `get_profile` reads an
            id (`aigne_hub/...` finds `aigne-hub/...`), so an old link still works.

    Returns:
        The example.

    Raises:
        UnknownExampleError: No example has that id.
    """
    api, sep, stem = str(example_id).partition("/")
    example = EXAMPLES.get(example_id) or EXAMPLES.get(api.strip().lower().replace("_", "-") + sep + stem)
    if example is None:
        raise UnknownExampleError(f"unknown documented example {example_id!r}")
    return example
