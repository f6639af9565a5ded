"""The OpenAPI 3.1 document of the sandbox APIs, derived from the profiles, routes and examples.

The documented example bodies appear as response examples, so the document cannot drift from
what the pages show and what the sandbox answers.
"""

from __future__ import annotations

from typing import Any

from ._examples import EXAMPLES
from ._profiles import AIGNE_HUB, MAIAGENT, PROFILES, ApiProfile
from ._sandbox import SANDBOX_ROUTES, SERVER_ERROR_PATH, SandboxRoute

__all__ = ["openapi_document"]

_JSON = "application/json"
_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}

_SCHEMAS: dict[str, Any] = {
    "Detail": {"type": "object", "required": ["detail"], "properties": {"detail": _STRING}},
    "FieldErrors": {
        "type": "object",
        "description": "Each invalid field mapped to its error messages (Django REST framework).",
        "additionalProperties": {"type": "array", "items": _STRING},
    },
    "BadRequest": {"anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/Detail"}]},
    "IdName": {"type": "object", "required": ["id", "name"], "properties": {"id": _STRING, "name": _STRING}},
    "Chatbot": {
        "type": "object",
        "required": ["id", "name", "largeLanguageModel", "replyMode", "knowledgeBases", "updatedAt"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": _STRING,
            "largeLanguageModel": _STRING,
            "replyMode": {"type": "string", "enum": ["general", "agent"]},
            "knowledgeBases": {"type": "array", "items": {"$ref": "#/components/schemas/IdName"}},
            "updatedAt": {"type": "string", "format": "date-time"},
        },
    },
    "ChatbotPage": {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "next": _NULLABLE_STRING,
            "previous": _NULLABLE_STRING,
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Chatbot"}},
        },
    },
    "ChatbotCreate": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 255},
            "largeLanguageModel": {"type": "string", "minLength": 1, "maxLength": 255},
            "replyMode": {"type": "string", "enum": ["general", "agent"]},
        },
    },
    "KnowledgeBaseFileCreate": {
        "type": "object",
        "required": ["files", "filename", "file"],
        "properties": {
            "files": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            "filename": {"type": "string", "minLength": 1, "maxLength": 255},
            "file": {"type": "string", "minLength": 1, "maxLength": 255},
        },
    },
    "KnowledgeBaseFile": {
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
    "Error": {"type": "object", "required": ["error"], "properties": {"error": _STRING}},
    "ChatMessage": {
        "type": "object",
        "required": ["role", "content"],
        "properties": {
            "role": {"type": "string", "enum": ["system", "user", "assistant", "tool"]},
            "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]},
        },
    },
    "ChatCompletionRequest": {
        "type": "object",
        "required": ["model", "messages"],
        "properties": {
            "model": {"type": "string", "minLength": 1},
            "messages": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/ChatMessage"}},
            "stream": {"type": "boolean", "enum": [False]},
        },
    },
    "ChatCompletion": {
        "type": "object",
        "required": ["id", "object", "model", "choices", "usage"],
        "properties": {
            "id": _STRING,
            "object": {"const": "chat.completion"},
            "model": _STRING,
            "choices": {"type": "array", "items": {
                "type": "object",
                "required": ["index", "message", "finish_reason"],
                "properties": {
                    "index": {"type": "integer"},
                    "message": {"type": "object", "required": ["role", "content"],
                                "properties": {"role": _STRING, "content": _STRING}},
                    "finish_reason": _STRING,
                },
            }},
            "usage": {"type": "object", "required": ["prompt_tokens", "completion_tokens", "total_tokens"],
                      "properties": {k: {"type": "integer", "minimum": 0}
                                     for k in ("prompt_tokens", "completion_tokens", "total_tokens")}},
        },
    },
}

# What each operation answers besides the documented examples: (status, schema, description).
_RESPONSES: dict[tuple[str, str, str], tuple[tuple[int, str, str], ...]] = {
    (MAIAGENT.id, "/api/v1/chatbots/", "GET"): (
        (200, "ChatbotPage", "A page of chatbots."),
        (404, "Detail", "`page` is past the last page (`Invalid page.`)."),
    ),
    (MAIAGENT.id, "/api/v1/chatbots/", "POST"): (
        (201, "Chatbot", "Created (the sandbox stores nothing)."),
        (400, "BadRequest", "A field is missing or invalid, or the body is not JSON."),
        (403, "Detail", "The key is read-only."),
        (413, "Detail", "The body is larger than 1 MiB."),
        (415, "Detail", "The body is neither JSON nor a form."),
    ),
    (MAIAGENT.id, "/api/v1/chatbots/{chatbotId}/", "GET"): (
        (200, "Chatbot", "The chatbot."),
        (403, "Detail", "The chatbot belongs to another workspace."),
        (404, "Detail", "No chatbot has that id."),
    ),
    (MAIAGENT.id, "/api/v1/knowledge-bases/{knowledgeBaseId}/files/", "POST"): (
        (201, "KnowledgeBaseFile", "Created (the sandbox stores nothing)."),
        (400, "BadRequest", "A field is missing or invalid, or the body is not JSON."),
        (403, "Detail", "The key is read-only."),
        (404, "Detail", "No knowledge base has that id."),
        (413, "Detail", "The body is larger than 1 MiB."),
        (415, "Detail", "The body is neither JSON nor a form."),
    ),
    (MAIAGENT.id, SERVER_ERROR_PATH, "GET"): (
        (500, "Detail", "Always: the documented server error, on purpose."),
    ),
    (AIGNE_HUB.id, "/api/v1/chat/completions", "POST"): (
        (200, "ChatCompletion", "A deterministic reply that echoes the last user message."),
        (400, "Error", "`model` or `messages` is missing or invalid, or the body is not JSON."),
        (413, "Error", "The body is larger than 1 MiB."),
        (415, "Error", "The body is not JSON."),
    ),
}
_REQUEST_BODIES = {
    "/api/v1/chatbots/": "ChatbotCreate",
    "/api/v1/knowledge-bases/{knowledgeBaseId}/files/": "KnowledgeBaseFileCreate",
    "/api/v1/chat/completions": "ChatCompletionRequest",
}
_PARAMETERS: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("/api/v1/chatbots/", "GET"): [
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
        {"name": "pageSize", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
    ],
}
_SECURITY_NAMES = {MAIAGENT.id: "MaiAgentApiKey", AIGNE_HUB.id: "AigneHubBearer"}


def _security_scheme(profile: ApiProfile) -> dict[str, Any]:
    keys = ", ".join(f"`{key}` ({access})" for key, access in profile.demo_keys.items())
    if profile.scheme.name == "Bearer":
        return {"type": "http", "scheme": "bearer",
                "description": f"`Authorization: Bearer <key>`. Sandbox demo keys: {keys}."}
    return {"type": "apiKey", "in": "header", "name": "Authorization",
            "description": f"`Authorization: {profile.scheme.name} <key>`. Sandbox demo keys: {keys}."}


def _examples_for(profile: ApiProfile, route: SandboxRoute, method: str, status: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for example in EXAMPLES.values():
        request = example.request
        if (example.api, example.status, example.shape) != (profile.id, status, False):
            continue
        if request.method == method and route.pattern.match(request.path.split("?")[0]):
            found[example.id] = {"summary": example.title.en, "value": example.json()}
    return found


def _content(schema: str, examples: dict[str, Any]) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"$ref": f"#/components/schemas/{schema}"}}
    if examples:
        media["examples"] = examples
    return {_JSON: media}


def _request_example(profile: ApiProfile, route: SandboxRoute, method: str) -> dict[str, Any]:
    for example in EXAMPLES.values():
        if (example.api == profile.id and example.status < 300 and example.request.method == method
                and example.request.body is not None and route.pattern.match(example.request.path)):
            return {example.id: {"summary": example.title.en, "value": example.request.body}}
    return {}


def _operation(profile: ApiProfile, route: SandboxRoute, method: str) -> dict[str, Any]:
    error_schema = "Detail" if profile.error_field == "detail" else "Error"
    responses: dict[str, Any] = {}
    for status, schema, description in _RESPONSES[(profile.id, route.path, method)]:
        examples = _examples_for(profile, route, method, status)
        responses[str(status)] = {"description": description, "content": _content(schema, examples)}
    responses["401"] = {
        "description": "The key is missing, unknown or malformed.",
        "headers": {"WWW-Authenticate": {"required": True, "schema": {"const": profile.scheme.name}}},
        "content": _content(error_schema, {
            example_id: {"summary": EXAMPLES[example_id].title.en, "value": EXAMPLES[example_id].json()}
            for example_id in dict.fromkeys(profile.failure_examples.values())
        }),
    }
    operation: dict[str, Any] = {
        "operationId": f"{profile.id.replace('-', '_')}_{method.lower()}_"
                       + "_".join(p.strip("{}") for p in route.path.split("/") if p and p not in ("api", "v1")),
        "summary": route.summary.en,
        "description": f"{route.summary.en}\n\n{route.summary.ja}",
        "tags": [profile.name],
        "security": [{_SECURITY_NAMES[profile.id]: []}],
        "responses": dict(sorted(responses.items())),
    }
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
                  for name in route.pattern.groupindex]
    parameters += _PARAMETERS.get((route.path, method), [])
    if parameters:
        operation["parameters"] = parameters
    if method == "POST" and route.path in _REQUEST_BODIES:
        operation["requestBody"] = {
            "required": True,
            "content": _content(_REQUEST_BODIES[route.path], _request_example(profile, route, method)),
        }
    return operation


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of the sandbox server's APIs.

    Paths carry the sandbox mounts (`/sandbox/maiagent/...`, `/sandbox/aigne-hub/...`), so the
    document describes the server that serves it.

    Returns:
        The document, as JSON-ready data.
    """
    paths: dict[str, Any] = {}
    for route in SANDBOX_ROUTES:
        profile = PROFILES[route.api]
        item = paths.setdefault(profile.sandbox_mount + route.path, {})
        for method in route.methods:
            item[method.lower()] = _operation(profile, route, method)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "MaiAgent and AIGNE Hub sandbox",
            "version": "1.0.0",
            "description": "Answers exactly as the MaiAgent and AIGNE Hub documentation says, with public "
                           "demo keys. It stores nothing. `GET /sandbox/maiagent/api/v1/sandbox/server-error/` "
                           "always answers 500 (the documentation gives no body for it; this one is the sandbox's).",
        },
        "tags": [{"name": p.name, "description": f"Real base URL: {p.base_url}"} for p in PROFILES.values()],
        "paths": paths,
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {_SECURITY_NAMES[p.id]: _security_scheme(p) for p in PROFILES.values()},
        },
    }
