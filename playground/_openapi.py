"""The OpenAPI 3.1 document of the sandbox APIs, read from the profiles, the routes and the examples.

Every operation comes from a route's declaration; the documented example bodies appear as response
examples, so the document cannot drift from what the pages show and what the sandbox answers.
"""

from __future__ import annotations

from typing import Any

from ._examples import EXAMPLES
from ._models import LocalizedText
from ._profiles import PROFILES, ApiProfile
from ._sandbox import MAX_TARGET_BYTES, DocumentedResponse, Parameter, SandboxRoute, Schema

__all__ = ["openapi_document"]

_JSON = "application/json"
_EVENT_STREAM = "text/event-stream"


class _Components:
    """The schemas the operations refer to, collected as they are met."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}
        self._seen: dict[str, Schema] = {}

    def ref(self, schema: Schema) -> dict[str, str]:
        seen = self._seen.get(schema.name)
        if seen is None:
            self._seen[schema.name] = schema
            self.schemas[schema.name] = self.resolve(schema.definition)
        elif seen is not schema:
            raise ValueError(f"two different schemas are named {schema.name!r}")
        return {"$ref": f"#/components/schemas/{schema.name}"}

    def resolve(self, value: Any) -> Any:
        """`value` with each `Schema` in it replaced by a reference to it."""
        if isinstance(value, Schema):
            return self.ref(value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value


def _security_scheme(profile: ApiProfile) -> dict[str, Any]:
    keys = ", ".join(f"`{key}` ({access})" for key, access in profile.demo_keys.items())
    if profile.scheme.name == "Bearer":
        return {
            "type": "http",
            "scheme": "bearer",
            "description": f"`Authorization: Bearer <key>`. Sandbox demo keys: {keys}.",
        }
    return {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": f"`Authorization: {profile.scheme.name} <key>`. Sandbox demo keys: {keys}.",
    }


def _content(
    components: _Components, schema: Schema, examples: dict[str, Any], response: DocumentedResponse | None = None
) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": components.ref(schema)}
    if examples:
        media["examples"] = examples
    content = {_JSON: media}
    if response is not None and response.events is not None:
        # Before OpenAPI 3.2 (`itemSchema`), an event stream's `schema` describes each event; its
        # `data` holds JSON, described by `contentSchema` (or is the stream's literal last event).
        data: dict[str, Any] = {"contentMediaType": _JSON, "contentSchema": components.ref(response.events)}
        if response.last_event is not None:
            data = {"anyOf": [{"const": response.last_event}, data]}
        event = {"type": "object", "required": ["data"], "properties": {"data": {"type": "string", **data}}}
        content[_EVENT_STREAM] = {"schema": event}
    return content


def _description(text: LocalizedText) -> str:
    """A description in every language, a paragraph each (English first)."""
    return "\n\n".join(text.to_dict().values())


def _parameter(components: _Components, parameter: Parameter) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": parameter.name,
        "in": parameter.location,
        "required": parameter.required,
        "schema": components.resolve(parameter.schema),
        # The documented value: an id the sandbox knows, so a client (or a fuzzer) can reach the
        # operation's answers beyond its 404.
        "example": parameter.example,
    }
    if parameter.description is not None:
        described["description"] = _description(parameter.description)
    return described


def _operation(components: _Components, profile: ApiProfile, route: SandboxRoute, method: str) -> dict[str, Any]:
    declared = route.operations[method]
    responses: dict[str, Any] = {}
    for response in declared.responses:
        examples = {
            e.id: {"summary": e.title.en, "value": e.json()} for e in route.response_examples(method, response.status)
        }
        responses[str(response.status)] = {
            "description": response.description,
            "content": _content(components, response.schema, examples, response),
        }
    failures = dict.fromkeys((profile.failure_examples["missing"], profile.failure_examples["invalid_format"]))
    if not declared.public:
        responses["401"] = {
            "description": "The key is missing, unknown or malformed.",
            "headers": {"WWW-Authenticate": {"required": True, "schema": {"const": profile.scheme.name}}},
            "content": _content(
                components,
                route.error_schema,
                {
                    example_id: {"summary": EXAMPLES[example_id].title.en, "value": EXAMPLES[example_id].json()}
                    for example_id in failures
                },
            ),
        }
    # The server's limit, not the API's: it refuses a longer target before any route sees it.
    responses["414"] = {"description": f"The request target (path and query) is longer than {MAX_TARGET_BYTES} bytes."}
    summary = route.summary_of(method)
    operation: dict[str, Any] = {
        "operationId": f"{profile.id.replace('-', '_')}_{method.lower()}_"
        + "_".join(p.strip("{}") for p in route.path.split("/") if p and p not in ("api", "v1")),
        "summary": summary.en,
        "description": _description(summary),
        "tags": [profile.name],
        "security": [] if declared.public else [{profile.security_scheme_name: []}],
        "responses": dict(sorted(responses.items())),
    }
    if declared.parameters:
        operation["parameters"] = [_parameter(components, p) for p in declared.parameters]
    if declared.body is not None:
        example = route.request_example(method)
        operation["requestBody"] = {
            "required": True,
            "content": _content(
                components,
                declared.body,
                {example.id: {"summary": example.title.en, "value": example.request.body}} if example else {},
            ),
        }
    return operation


def _names(profiles: list[ApiProfile]) -> str:
    names = [p.name for p in profiles]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of the sandbox server's APIs.

    Paths carry the sandbox mounts (`/sandbox/maiagent/...`, `/sandbox/aigne-hub/...`), so the
    document describes the server that serves it.

    Returns:
        The document, as JSON-ready data.
    """
    components = _Components()
    profiles = list(PROFILES.values())
    paths: dict[str, Any] = {}
    for profile in profiles:
        for route in profile.routes:
            # A path the real service answers at its origin's root is documented there, where clients call it.
            item = paths.setdefault(route.path if route.origin_root else profile.sandbox_mount + route.path, {})
            for method in route.methods:
                item[method.lower()] = _operation(components, profile, route, method)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{_names(profiles)} sandbox",
            "version": "1.0.0",
            "description": f"Answers exactly as the {_names(profiles)} documentation says, with public "
            "demo keys. It stores nothing. `GET /sandbox/maiagent/api/v1/sandbox/server-error/` "
            "always answers 500 (the documentation gives no body for it; this one is the sandbox's).",
        },
        "tags": [{"name": p.name, "description": f"Real base URL: {p.base_url}"} for p in profiles],
        "paths": paths,
        "components": {
            "schemas": components.schemas,
            "securitySchemes": {p.security_scheme_name: _security_scheme(p) for p in profiles},
        },
    }
