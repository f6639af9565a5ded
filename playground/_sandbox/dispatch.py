"""The sandbox's entry point: which API a request is for, which route answers it, and the answers
every route shares (`OPTIONS`, `HEAD`, `301` for a missing trailing slash, `401`, `404`, `405`, `413`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .._models import Headers, Request, Response
from .._profiles import PROFILES, ApiProfile
from .auth import authenticate
from .drf import append_slash_redirect
from .responses import Reject, error_response, example_response, json_response
from .routes import SANDBOX_ROUTES, Context, SandboxRoute, routes_for

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_TARGET_BYTES",
    "answers_at_origin_root",
    "handle",
    "is_modelled",
    "payload_too_large",
    "resolve_api",
]

MAX_BODY_BYTES = 1024 * 1024
"""Bodies larger than this get 413; the server enforces it without reading the whole body."""

MAX_TARGET_BYTES = 2048
"""A request target (path and query) longer than this gets 414 from the sandbox server: no page or
route needs more, and the work a request costs (file lookups, routing) then stays small."""


def payload_too_large(request: Request) -> Response:
    """Answer 413 in the shape of the API the request is for (the server calls it without the body).

    Parameters:
        request: The request, with or without its body.

    Returns:
        The 413 response.
    """
    profile = resolve_api(request)[0] if _url_ok(request) else None
    suffix = "." if profile is None or profile.error_field == "detail" else ""
    return error_response(profile, 413, f"Request body is too large (limit {MAX_BODY_BYTES} bytes){suffix}")


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
            return profile, path[len(mount) :] or "/", origin + mount
    host = (parts.hostname or "").lower()
    for profile in PROFILES.values():
        if host and host == profile.host:
            return profile, path, origin
    for route in _origin_root_routes():
        if route.pattern.match(path):
            # The path is the real service's, at the root; the API's links still go under its mount.
            return PROFILES[route.api], path, origin + PROFILES[route.api].sandbox_mount
    return None, path, origin


def _origin_root_routes() -> list[SandboxRoute]:
    return [route for route in SANDBOX_ROUTES if route.origin_root and route.api in PROFILES]


def answers_at_origin_root(path: str) -> bool:
    """Whether a path outside every API's mount is still the sandbox's: a route the real service
    answers at its origin's root (`/__blocklet__.js`), which the sandbox server answers there too.

    Parameters:
        path: The request's path, without its query.

    Returns:
        `True` when such a route matches it.
    """
    return any(route.pattern.match(path) for route in _origin_root_routes())


def _route(profile: ApiProfile, path: str) -> tuple[SandboxRoute, re.Match[str]] | None:
    for route in routes_for(profile.id):
        match = route.pattern.match(path)
        if match:
            return route, match
    return None


def _slash_missing(profile: ApiProfile, path: str) -> bool:
    # Only a path no route matches gets here: Django redirects it when the path with a slash resolves.
    return profile.append_slash and not path.endswith("/") and _route(profile, path + "/") is not None


def is_modelled(request: Request) -> bool:
    """Whether the sandbox has a route for the request's path (of any method).

    A path it has no route for gets a 404 that is the sandbox's own, not the real API's answer;
    a route's documented 404 (an unknown chatbot id) is modelled, and so is the redirect of a route's
    path without its trailing slash (`ApiProfile.append_slash`).

    Parameters:
        request: The request.

    Returns:
        `True` when a route of the request's API matches its path.
    """
    if not _url_ok(request):
        return False
    profile, path, _ = resolve_api(request)
    return profile is not None and (_route(profile, path) is not None or _slash_missing(profile, path))


def _not_found(profile: ApiProfile) -> Response:
    example = profile.failure_examples.get("not_found")
    return example_response(example) if example else error_response(profile, 404, "Not found")


def _dispatch(request: Request) -> Response:
    if not _url_ok(request):
        return json_response(400, {"detail": "Malformed URL."})
    if len(request.body) > MAX_BODY_BYTES:
        return payload_too_large(request)
    profile, path, link_base = resolve_api(request)
    if profile is None:
        mounts = [p.sandbox_mount + "/" for p in PROFILES.values()]
        return json_response(404, {"detail": "No sandbox API at this URL.", "apis": mounts})
    found = _route(profile, path)
    if found is None:
        # Before authentication and for every method, as Django's CommonMiddleware (see drf.py).
        return append_slash_redirect(request) if _slash_missing(profile, path) else _not_found(profile)
    route, match = found
    method = request.method
    if method == "OPTIONS":
        return Response(204, Headers({"Allow": route.allow}))
    operation = route.operations.get("GET" if method == "HEAD" else method)
    public = operation.public if operation else all(op.public for op in route.operations.values())
    access = "" if public else authenticate(request, profile)
    if operation is None:
        message = (
            f'Method "{method}" not allowed.'
            if profile.error_field == "detail"
            else f"Method {method} is not allowed; use {' or '.join(route.methods)}"
        )
        return error_response(profile, 405, message, {"Allow": route.allow})
    response = operation.handler(Context(request, profile, path, match.groupdict(), link_base, access))
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
    except Reject as reject:
        if request.method == "HEAD":
            reject.response.body = b""
        return reject.response
