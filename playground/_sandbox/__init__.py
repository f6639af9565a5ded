"""The sandbox: a pure function from request to response that answers exactly as the docs say.

It stores nothing (a create returns 201 but the list does not change), so every answer is
reproducible and a shared sandbox server needs no state. It never raises: every input gets a JSON
answer, and the only 5xx is the documented `GET /api/v1/sandbox/server-error/` route of MaiAgent.

Routing: a URL under `/sandbox/<api id>/` (the sandbox server) or on the API's own host
(`https://api.maiagent.ai/...`, the in-process transport) goes to that API, then to the first of
its registered routes whose path matches. Each API's routes are declared in a module of their own
(`maiagent`, `aigne_hub`); another API registers its profile and routes the same way.
"""

from __future__ import annotations

from . import aigne_hub, maiagent
from .dispatch import (
    MAX_BODY_BYTES,
    MAX_TARGET_BYTES,
    answers_at_origin_root,
    handle,
    is_modelled,
    payload_too_large,
    resolve_api,
)
from .maiagent import CHATBOTS, KNOWLEDGE_BASES, SERVER_ERROR_PATH
from .responses import SANDBOX_NOW, Reject, json_response
from .routes import (
    SANDBOX_ROUTES,
    Context,
    DocumentedResponse,
    Operation,
    Parameter,
    SandboxRoute,
    Schema,
    register_route,
    routes_for,
    unregister_route,
)

__all__ = [
    "CHATBOTS",
    "KNOWLEDGE_BASES",
    "MAX_BODY_BYTES",
    "MAX_TARGET_BYTES",
    "SANDBOX_NOW",
    "SANDBOX_ROUTES",
    "SERVER_ERROR_PATH",
    "Context",
    "DocumentedResponse",
    "Operation",
    "Parameter",
    "Reject",
    "SandboxRoute",
    "Schema",
    "answers_at_origin_root",
    "handle",
    "is_modelled",
    "json_response",
    "payload_too_large",
    "register_route",
    "resolve_api",
    "routes_for",
    "unregister_route",
]

for _route in (*maiagent.ROUTES, *aigne_hub.ROUTES):
    register_route(_route)
del _route
