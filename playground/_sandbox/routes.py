"""Route declarations: one per path, carrying per method everything known about the operation.

A [`SandboxRoute`][playground.SandboxRoute] names its API and declares, per method, an
[`Operation`][playground._sandbox.routes.Operation]: the handler that answers, the documented
responses, the request-body schema, the parameters with their documented example values, and a
summary in each language. The sandbox dispatches on these declarations, the OpenAPI document is
read from them, and the playground offers them; none of those keeps a table of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._examples import EXAMPLES, DocumentedExample
from .._exceptions import UnknownApiError
from .._models import LocalizedText, Request, Response
from .._profiles import PROFILES, ApiProfile

__all__ = [
    "SANDBOX_ROUTES",
    "Context",
    "DocumentedResponse",
    "Operation",
    "Parameter",
    "SandboxRoute",
    "Schema",
    "register_route",
    "routes_for",
    "unregister_route",
]

_TEMPLATE_NAME = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Schema:
    """A named JSON Schema: the OpenAPI document lists it under `components/schemas`.

    Parameters:
        name: The component name, e.g. `Chatbot`.
        definition: The JSON Schema. A `Schema` inside it stands for a reference to that schema.
    """

    name: str
    definition: Mapping[str, Any]


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter of an operation.

    Parameters:
        name: The name, e.g. `chatbotId` (for a path parameter, as in the path template).
        location: `"path"` or `"query"`.
        example: A documented value the sandbox answers for, as it appears in a URL.
        schema: The JSON Schema of its value.
        required: Whether a request must carry it; a path parameter always must.
        description: What it does, in every language, where its name and schema do not say.
    """

    name: str
    location: str
    example: str
    schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "string", "minLength": 1})
    required: bool = False
    description: LocalizedText | None = None

    def __post_init__(self) -> None:
        if self.location not in ("path", "query"):
            raise ValueError(f"parameter {self.name!r}: location must be 'path' or 'query'")
        if self.location == "path":
            object.__setattr__(self, "required", True)


@dataclass(frozen=True)
class DocumentedResponse:
    """A status an operation answers with, besides the `401` every authenticated route has.

    Parameters:
        status: The HTTP status code.
        schema: The schema of its JSON body.
        description: When it is answered.
        events: When the request asks for a stream, the answer is Server-Sent Events
            (`text/event-stream`) instead: the schema of each event's `data`, which is JSON.
        last_event: The `data` of the stream's last event when it is a literal, not JSON
            (OpenAI's `[DONE]`).
    """

    status: int
    schema: Schema
    description: str
    events: Schema | None = None
    last_event: str | None = None


@dataclass(frozen=True)
class Context:
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
class Operation:
    """One method of a route.

    Parameters:
        handler: Answers the request (authentication has passed); may raise `Reject`.
        responses: The statuses it answers with, as documented.
        summary: What it does, in every language; the route's summary when not given.
        body: The schema of its JSON request body, if it takes one.
        parameters: Its path parameters (every one the path template names) and query parameters.
        public: Answered without a key, as the real API does (no `401`); the handler's `Context`
            then has `access` `""`.
    """

    handler: Callable[[Context], Response]
    responses: tuple[DocumentedResponse, ...]
    summary: LocalizedText | None = None
    body: Schema | None = None
    parameters: tuple[Parameter, ...] = ()
    public: bool = False


@dataclass(frozen=True)
class SandboxRoute:
    """One path the sandbox implements, declared once: the OpenAPI document and the pages read it.

    Parameters:
        api: The id of the API's profile.
        path: The path template, e.g. `/api/v1/chatbots/{chatbotId}/`.
        summary: What the path offers, in every language.
        operations: Per method (`"GET"`, `"POST"`, ...), its operation. `HEAD` (for a `GET`) and
            `OPTIONS` are answered for every route.
        error_schema: The schema of the API's error bodies, which its `401` has.
        origin_root: The real service answers this path at its origin's root whatever the API's
            own mount (Blocklet Server's `/__blocklet__.js`): the sandbox server answers it at its
            root too, besides under the API's mount.
    """

    api: str
    path: str
    summary: LocalizedText
    operations: Mapping[str, Operation]
    error_schema: Schema
    origin_root: bool = False

    def __post_init__(self) -> None:
        if not self.operations:
            raise ValueError(f"{self.path}: a route declares at least one operation")
        names = _TEMPLATE_NAME.findall(self.path)
        for method, operation in self.operations.items():
            declared = [p.name for p in operation.parameters if p.location == "path"]
            if sorted(declared) != sorted(names):
                raise ValueError(f"{method} {self.path}: path parameters {declared} do not match the template")

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods it declares, in declaration order."""
        return tuple(self.operations)

    @property
    def _append_slash(self) -> bool:
        profile = PROFILES.get(self.api)
        return profile is not None and profile.append_slash

    @property
    def pattern(self) -> re.Pattern[str]:
        """The path as a regular expression. The trailing slash is optional, as in Express's default
        routing (`strict routing` is off, expressjs.com/en/4x/api.html#app.settings.table), unless the
        API's profile has `append_slash` (Django): then it must be there."""
        strict = self._append_slash
        path = self.path if strict else self.path.rstrip("/")
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
        return re.compile(f"^{regex}$" if strict else f"^{regex}/?$")

    @property
    def allow(self) -> str:
        """The `Allow` header value for this route."""
        extra = ("HEAD",) if "GET" in self.methods else ()
        return ", ".join(self.methods + extra + ("OPTIONS",))

    def summary_of(self, method: str) -> LocalizedText:
        """The summary of one operation.

        Parameters:
            method: One of `methods`.

        Returns:
            The operation's own summary, or the route's.
        """
        return self.operations[method].summary or self.summary

    def concrete_path(self, method: str) -> str:
        """The path with each path parameter replaced by its documented example value.

        Parameters:
            method: One of `methods`.

        Returns:
            A path the sandbox answers, e.g. `/api/v1/chatbots/1af8b729-.../`.
        """
        path = self.path
        for parameter in self.operations[method].parameters:
            if parameter.location == "path":
                path = path.replace("{" + parameter.name + "}", parameter.example)
        return path

    def response_examples(self, method: str, status: int) -> Iterator[DocumentedExample]:
        """The documented examples of a response: those whose request this operation answers.

        Parameters:
            method: One of `methods`.
            status: The response's status.

        Returns:
            The examples (files showing a shape, not a body, are left out).
        """
        for example in EXAMPLES.values():
            request = example.request
            if (example.api, example.status, example.shape) == (self.api, status, False) and (
                request.method == method and self.pattern.match(request.path.split("?")[0])
            ):
                yield example

    def request_example(self, method: str) -> DocumentedExample | None:
        """The documented example whose request body shows what this operation takes.

        Parameters:
            method: One of `methods`.

        Returns:
            The first successful example with a body sent to this operation, or `None`.
        """
        for example in EXAMPLES.values():
            if (
                example.api == self.api
                and example.status < 300
                and example.request.method == method
                and example.request.body is not None
                and self.pattern.match(example.request.path)
            ):
                return example
        return None

    def describe(self, method: str) -> dict[str, Any]:
        """One operation as JSON-ready data, for the playground's operation picker.

        Parameters:
            method: One of `methods`.

        Returns:
            `{"method", "path" (concrete), "template", "append_slash", "summary": {"en", "ja", "zh-TW"},
            "parameters": [{"name", "in", "example", "required"}], "body"}`; `body` is the documented
            example's request body as JSON text, or `""`, and `append_slash` says that the template's
            trailing slash is required (its API's `ApiProfile.append_slash`) rather than optional.
        """
        example = self.request_example(method)
        return {
            "method": method,
            "path": self.concrete_path(method),
            "template": self.path,
            "append_slash": self._append_slash,
            "summary": self.summary_of(method).to_dict(),
            "parameters": [
                {"name": p.name, "in": p.location, "example": p.example, "required": p.required}
                for p in self.operations[method].parameters
            ],
            "body": json.dumps(example.request.body, indent=2) if example else "",
        }


class _RouteTable(Sequence[SandboxRoute]):
    """A read-only view of the registered routes, in registration order."""

    def __init__(self, routes: list[SandboxRoute]) -> None:
        self._routes = routes

    def __getitem__(self, index: Any) -> Any:
        return self._routes[index]

    def __len__(self) -> int:
        return len(self._routes)

    def __repr__(self) -> str:
        return f"SANDBOX_ROUTES{tuple(self._routes)!r}"


_REGISTERED: list[SandboxRoute] = []

SANDBOX_ROUTES: Sequence[SandboxRoute] = _RouteTable(_REGISTERED)
"""Every route the sandbox implements, for every registered API (a read-only view that follows
`register_route`)."""


def register_route(route: SandboxRoute) -> SandboxRoute:
    """Add a route: the sandbox answers it, and the OpenAPI document and the playground list it.

    Parameters:
        route: The route; its `api` must name a registered profile.

    Returns:
        The route.

    Raises:
        UnknownApiError: No profile has the route's `api` as its id.
        ValueError: The API already has a route with that path, or its profile names no documented
            example for a `401` (`failure_examples`, which the sandbox answers with).
    """
    profile = PROFILES.get(route.api)
    if profile is None:
        raise UnknownApiError(f"route {route.path}: unknown API {route.api!r}; register its profile first")
    kinds = ("missing", "invalid_format")
    undocumented = [kind for kind in kinds if profile.failure_examples.get(kind) not in EXAMPLES]
    if undocumented:
        raise ValueError(f"{route.api}: failure_examples names no documented example for {undocumented}")
    if any(r.api == route.api and r.path == route.path for r in _REGISTERED):
        raise ValueError(f"{route.api} already has a route {route.path}")
    if route.origin_root and any(r.origin_root and r.path == route.path for r in _REGISTERED):
        raise ValueError(f"another API already answers {route.path} at the origin's root")
    _REGISTERED.append(route)
    return route


def unregister_route(route: SandboxRoute) -> None:
    """Remove a registered route.

    Parameters:
        route: The route, as registered.

    Raises:
        ValueError: The route is not registered.
    """
    for index, registered in enumerate(_REGISTERED):
        if registered is route:
            del _REGISTERED[index]
            return
    raise ValueError(f"route {route.path} of {route.api} is not registered")


def routes_for(api: str) -> tuple[SandboxRoute, ...]:
    """The routes of one API, in registration order: its operations.

    Parameters:
        api: The API's id.

    Returns:
        Its routes.
    """
    return tuple(route for route in _REGISTERED if route.api == api)
