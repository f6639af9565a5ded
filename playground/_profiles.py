"""The documented APIs, described as data.

This is the one place that knows the auth schemes and every per-API fact: base URL, key format,
environment variable, names, OpenAPI security scheme. Adding an API means registering an
[`ApiProfile`][playground.ApiProfile] and the sandbox routes that name it (and its documented
examples), not changing code elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ._exceptions import UnknownApiError
from ._models import LocalizedText

if TYPE_CHECKING:
    from ._sandbox import SandboxRoute

__all__ = [
    "AIGNE_HUB",
    "AIGNE_HUB_DEMO_KEY",
    "API_KEY_SCHEME",
    "AUTH_SCHEMES",
    "ApiProfile",
    "AuthScheme",
    "BEARER_SCHEME",
    "DocumentedStatus",
    "MAIAGENT",
    "MAIAGENT_DEMO_KEY",
    "MAIAGENT_READONLY_KEY",
    "PROFILES",
    "get_profile",
    "register_profile",
    "unregister_profile",
]

_L = LocalizedText


@dataclass(frozen=True)
class AuthScheme:
    """An `Authorization` scheme, e.g. `Api-Key` in `Authorization: Api-Key <key>`.

    Parameters:
        name: The scheme exactly as documented.
        slug: A lower-case identifier used in diagnosis codes (`wrong_scheme_<slug>`).
        aliases: Lower-case misspellings readers paste instead (compared without case).
    """

    name: str
    slug: str
    aliases: tuple[str, ...] = ()


API_KEY_SCHEME = AuthScheme("Api-Key", "api_key", aliases=("apikey", "api_key", "api-key:", "x-api-key"))
BEARER_SCHEME = AuthScheme("Bearer", "bearer", aliases=("bearer:", "bearer-token"))
AUTH_SCHEMES: tuple[AuthScheme, ...] = (API_KEY_SCHEME, BEARER_SCHEME)

# Demo keys the sandbox accepts. They are public (documented on the pages) and work nowhere else.
MAIAGENT_DEMO_KEY = "demo1234abcd5678"
"""A MaiAgent key the sandbox accepts for every documented request."""
MAIAGENT_READONLY_KEY = "readonly0000demo"
"""A MaiAgent key the sandbox accepts for reading only: a create answers `403`."""
AIGNE_HUB_DEMO_KEY = "aigne-demo-key"
"""An AIGNE Hub key the sandbox accepts."""


@dataclass(frozen=True)
class DocumentedStatus:
    """What an API's pages say about one HTTP status, and where.

    Parameters:
        meaning: The status's meaning as the page words it, in each language.
        page: The page, relative to a language build's root (`maiagent/status-codes/`).
        anchor: The id on that page that a link to this status lands on (`401`).
    """

    meaning: LocalizedText
    page: str
    anchor: str

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict: `{"meaning": {"en", "ja", "zh-TW"}, "page", "anchor"}`."""
        return {"meaning": self.meaning.to_dict(), "page": self.page, "anchor": self.anchor}


@dataclass(frozen=True)
class ApiProfile:
    """Everything the package needs to know about one API.

    Parameters:
        id: A stable identifier, also the sandbox mount name (`/sandbox/<id>/`): lower-case letters,
            digits and single hyphens (`aigne-hub`).
        names: The product name shown to readers, in each language.
        scheme: The `Authorization` scheme the API expects.
        origin: The API's scheme and host, without a trailing slash.
        base_path: The path every documented endpoint starts with.
        examples_dir: The folder of its documented examples under `documented_examples/`.
        key_pattern: A regular expression a well-formed key fully matches.
        key_placeholder: The placeholder the documentation uses for the key.
        demo_keys: The sandbox's demo keys, each mapped to what it may do (`"read-write"`, `"read-only"`).
        failure_examples: The documented example the API answers with, per failure kind:
            `"missing"` (no or unknown key), `"invalid_format"` (malformed header) and, when the API
            documents one, `"not_found"` (a path it does not have).
        error_field: The key of the API's generic error bodies (`{"detail": ...}`, `{"error": ...}`).
        env_var: The environment variable generated code reads the key from.
        security_scheme_name: The name of its security scheme in the OpenAPI document.
        default_request: The (method, path template) of the operation the playground's request form
            starts with; that operation's documented example gives the body.
        statuses: The statuses its pages document, each with its meaning and the page section that
            documents it (the response view links there).
        openai_base_path: Where the API answers as OpenAI's API does (`/api/v1`: its chat completions
            are `/api/v1/chat/completions`), so the OpenAI SDK can call it with `base_url`; `None` if not.
        compact_json: Whether its server writes JSON bodies without spaces (`{"error":"..."}`), as
            Node.js's `JSON.stringify` does; clients that quote the raw body show it so.
        append_slash: Whether its server is Django with `APPEND_SLASH` (the default): a route's path must
            end with its slash, and the same path without it is answered with `301` to the path with it.
            Otherwise the slash is optional on every route, as in Express's default, non-strict routing.
    """

    id: str
    names: LocalizedText
    scheme: AuthScheme
    origin: str
    base_path: str
    examples_dir: str
    key_pattern: str
    key_placeholder: str
    demo_keys: Mapping[str, str] = field(default_factory=dict)
    failure_examples: Mapping[str, str] = field(default_factory=dict)
    error_field: str = "detail"
    _: KW_ONLY
    env_var: str
    security_scheme_name: str
    default_request: tuple[str, str]
    statuses: Mapping[int, DocumentedStatus] = field(default_factory=dict)
    openai_base_path: str | None = None
    compact_json: bool = False
    append_slash: bool = False

    @property
    def name(self) -> str:
        """The product name, e.g. `MaiAgent` (its English name: `names` has every language)."""
        return self.names.en

    @property
    def routes(self) -> tuple[SandboxRoute, ...]:
        """Its operations: the sandbox routes registered for it, in registration order."""
        # Imported here: the routes name their profile, so the sandbox is built on the profiles.
        from ._sandbox import routes_for

        return routes_for(self.id)

    @property
    def base_url(self) -> str:
        """The documented base URL, e.g. `https://api.maiagent.ai/api/v1/`."""
        return self.origin + self.base_path

    @property
    def live_base_url(self) -> str:
        """The base URL to write for a live target: the API's root, e.g. `https://api.maiagent.ai/`
        (each endpoint's path goes below it). The page's placeholder and the messages about a bad
        base URL show it."""
        return self.origin + "/"

    @property
    def sandbox_mount(self) -> str:
        """The path prefix of this API on the sandbox server, e.g. `/sandbox/maiagent`."""
        return f"/sandbox/{self.id}"

    @property
    def host(self) -> str:
        """The host name of the real API."""
        return urlsplit(self.origin).hostname or ""

    def url(self, path: str) -> str:
        """Resolve a documented path against the real API.

        Parameters:
            path: An absolute path (`/api/v1/...`), or one relative to `base_url` (`chatbots/`).

        Returns:
            The absolute URL.
        """
        if path.startswith(("http://", "https://")):
            return path
        if path.startswith("/"):
            return self.origin + path
        return self.base_url + path


MAIAGENT = ApiProfile(
    id="maiagent",
    names=LocalizedText("MaiAgent", "MaiAgent", "MaiAgent"),
    scheme=API_KEY_SCHEME,
    origin="https://api.maiagent.ai",
    base_path="/api/v1/",
    examples_dir="maiagent",
    # The documentation: "The API key is a combination of alphanumeric characters."
    key_pattern=r"[A-Za-z0-9]+",
    key_placeholder="YOUR_API_KEY_HERE",
    demo_keys=MappingProxyType({MAIAGENT_DEMO_KEY: "read-write", MAIAGENT_READONLY_KEY: "read-only"}),
    failure_examples=MappingProxyType(
        {
            "missing": "maiagent/401-missing-key",
            "invalid_format": "maiagent/401-invalid-format",
            "not_found": "maiagent/404-not-found",
        }
    ),
    env_var="MAIAGENT_API_KEY",
    security_scheme_name="MaiAgentApiKey",
    # Django REST framework runs on Django, whose CommonMiddleware redirects a path missing its slash.
    append_slash=True,
    default_request=("GET", "/api/v1/chatbots/"),
    # The status codes page's two tables, word for word (a test compares them); each code's section
    # is headed by the code and this meaning, and has the code as id.
    statuses=MappingProxyType(
        {
            code: DocumentedStatus(meaning, "maiagent/status-codes/", str(code))
            for code, meaning in (
                (200, _L("Request successful", "リクエスト成功", "請求成功")),
                (201, _L("Resource created successfully", "リソースの作成に成功", "資源建立成功")),
                (400, _L("Bad Request", "不正なリクエスト（Bad Request）", "請求錯誤（Bad Request）")),
                (401, _L("Authentication failed", "認証失敗", "身分驗證失敗")),
                (403, _L("Permission denied", "権限がありません", "權限不足")),
                (404, _L("Resource not found", "リソースが見つかりません", "找不到資源")),
                (500, _L("Server error", "サーバーエラー", "伺服器錯誤")),
            )
        }
    ),
)
"""The MaiAgent API: `Authorization: Api-Key <key>`, at `https://api.maiagent.ai/api/v1/`."""

AIGNE_HUB = ApiProfile(
    id="aigne-hub",
    names=LocalizedText("AIGNE Hub", "AIGNE Hub", "AIGNE Hub"),
    scheme=BEARER_SCHEME,
    # The documentation's own placeholder: every AIGNE Hub instance has its own URL.
    origin="https://your-aigne-hub-url",
    base_path="/api/v1/",
    examples_dir="aigne-hub",
    # The key format is not documented: accept any visible ASCII characters.
    key_pattern=r"[\x21-\x7e]+",
    key_placeholder="YOUR_API_KEY",
    demo_keys=MappingProxyType({AIGNE_HUB_DEMO_KEY: "read-write"}),
    failure_examples=MappingProxyType(
        {"missing": "aigne-hub/401-not-authenticated", "invalid_format": "aigne-hub/401-not-authenticated"}
    ),
    error_field="error",
    env_var="AIGNE_HUB_API_KEY",
    security_scheme_name="AigneHubBearer",
    default_request=("POST", "/api/v1/chat/completions"),
    # The sections of its status codes page, each headed by its code and this meaning (a test compares them).
    statuses=MappingProxyType(
        {
            code: DocumentedStatus(meaning, "aigne-hub/status-codes/", str(code))
            for code, meaning in (
                (200, _L("Request successful", "リクエスト成功", "請求成功")),
                (400, _L("The body failed validation", "リクエスト本文の検証エラー", "本文未通過驗證")),
                (401, _L("Missing or invalid API key", "API キーがない、または無効", "缺少 API 金鑰或金鑰無效")),
                (
                    402,
                    _L(
                        "Credits used up (credit billing only)",
                        "クレジット不足（クレジット課金の場合のみ）",
                        "點數用盡（僅限點數計費）",
                    ),
                ),
                (
                    403,
                    _L(
                        "No permission (v1: owners and admins only)",
                        "権限がない（v1 は所有者と管理者のみ）",
                        "沒有權限（v1：僅限擁有者與管理員）",
                    ),
                ),
                (404, _L("Agent or path not found", "エージェントまたはパスが見つからない", "找不到代理程式或路徑")),
                (413, _L("Request body too large", "リクエスト本文が大きすぎる", "請求本文過大")),
                (415, _L("The body is not a JSON object", "本文が JSON オブジェクトではない", "本文不是 JSON 物件")),
                (
                    429,
                    _L(
                        "Too many requests (passed on from the model provider)",
                        "リクエスト過多（モデルプロバイダーからの転送）",
                        "請求過多（轉傳自模型供應商）",
                    ),
                ),
                (
                    500,
                    _L(
                        "Server or model provider error",
                        "サーバーまたはモデルプロバイダーのエラー",
                        "伺服器或模型供應商錯誤",
                    ),
                ),
                (
                    502,
                    _L(
                        "Payment Kit not running, or a model provider error",
                        "Payment Kit の停止、またはモデルプロバイダーのエラー",
                        "Payment Kit 未執行，或模型供應商錯誤",
                    ),
                ),
            )
        }
    ),
    openai_base_path="/api/v1",
    # Express's res.json is JSON.stringify without 'json spaces' (expressjs/express@005627a
    # lib/response.js res.json), and the Hub's error handler writes JSON.stringify({error}) itself
    # (AIGNE-io/aigne-hub@4fd9f0f blocklets/core/api/src/index.ts L65-105).
    compact_json=True,
)
"""The AIGNE Hub API: `Authorization: Bearer <key>`, at each instance's own URL."""

_REGISTERED: dict[str, ApiProfile] = {}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

PROFILES: Mapping[str, ApiProfile] = MappingProxyType(_REGISTERED)
"""The registered APIs by id: `maiagent` (`Api-Key`), `aigne-hub` (`Bearer`) and any added with
`register_profile`. A read-only view: it follows registrations."""


def register_profile(profile: ApiProfile) -> ApiProfile:
    """Add an API: `get_profile`, the sandbox, the OpenAPI document and the page then know it.

    Its sandbox routes are registered separately (`playground._sandbox.register_route`), each naming
    this profile's id.

    Parameters:
        profile: The profile; its id must be new and spelled in lower case with hyphens.

    Returns:
        The profile.

    Raises:
        ValueError: The id is spelled otherwise, or already registered.
    """
    if not _ID.fullmatch(profile.id):
        raise ValueError(f"API id {profile.id!r}: use lower-case letters, digits and single hyphens")
    if profile.id in _REGISTERED:
        raise ValueError(f"API id {profile.id!r} is already registered")
    _REGISTERED[profile.id] = profile
    return profile


def unregister_profile(api: str | ApiProfile) -> ApiProfile:
    """Remove a registered API (its routes stay registered but are no longer reachable).

    Parameters:
        api: The profile or its id.

    Returns:
        The removed profile.

    Raises:
        UnknownApiError: No profile has that id.
    """
    key = api.id if isinstance(api, ApiProfile) else get_profile(api).id
    if key not in _REGISTERED:
        raise UnknownApiError(f"API {key!r} is not registered")
    return _REGISTERED.pop(key)


register_profile(MAIAGENT)
register_profile(AIGNE_HUB)


def get_profile(api: str | ApiProfile) -> ApiProfile:
    """Return the profile of an API.

    Parameters:
        api: A profile, or its id (`"maiagent"`, `"aigne-hub"`; `_` and case are tolerated).

    Returns:
        The profile.

    Raises:
        UnknownApiError: No profile has that id.
    """
    if isinstance(api, ApiProfile):
        return api
    key = str(api).strip().lower().replace("_", "-")
    try:
        return PROFILES[key]
    except KeyError:
        raise UnknownApiError(f"unknown API {api!r}; known: {', '.join(PROFILES)}") from None
