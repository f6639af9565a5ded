"""Auth headers, their diagnosis, and a sandbox that answers as the MaiAgent and AIGNE Hub docs say.

The core is pure (no I/O, standard library only) and runs unchanged in CPython and in Pyodide.
Transports connect it to the world: [`SandboxTransport`][playground.SandboxTransport] (in-process),
[`HTTPTransport`][playground.HTTPTransport] (CPython) and [`FetchTransport`][playground.FetchTransport]
(the browser). `playground.server` serves the built site and the sandbox API on one origin.
"""

from ._auth import DIAGNOSIS_CODES, AuthHeader, Finding, build_auth_header
from ._client import Client
from ._examples import EXAMPLES, DocumentedExample, ExampleRequest, get_example
from ._exceptions import (
    ConnectError,
    InvalidRequestError,
    NetworkError,
    PlaygroundError,
    RedirectError,
    ResponseTooLargeError,
    TimeoutException,
    TransportError,
    UnknownApiError,
    UnknownExampleError,
)
from ._models import Headers, LocalizedText, Request, Response
from ._openapi import openapi_document
from ._profiles import (
    AIGNE_HUB,
    AIGNE_HUB_DEMO_KEY,
    AUTH_SCHEMES,
    MAIAGENT,
    MAIAGENT_DEMO_KEY,
    MAIAGENT_READONLY_KEY,
    PROFILES,
    ApiProfile,
    AuthScheme,
    DocumentedStatus,
    get_profile,
)
from ._sandbox import MAX_BODY_BYTES, SANDBOX_ROUTES, SERVER_ERROR_PATH, SandboxRoute, handle
from ._transports import AsyncBaseTransport, BaseTransport, FetchTransport, HTTPTransport, SandboxTransport

__version__ = "0.1.0"

__all__ = [
    "AIGNE_HUB",
    "AIGNE_HUB_DEMO_KEY",
    "AUTH_SCHEMES",
    "DIAGNOSIS_CODES",
    "EXAMPLES",
    "MAIAGENT",
    "MAIAGENT_DEMO_KEY",
    "MAIAGENT_READONLY_KEY",
    "MAX_BODY_BYTES",
    "PROFILES",
    "SANDBOX_ROUTES",
    "SERVER_ERROR_PATH",
    "ApiProfile",
    "AsyncBaseTransport",
    "AuthHeader",
    "AuthScheme",
    "BaseTransport",
    "Client",
    "ConnectError",
    "DocumentedExample",
    "DocumentedStatus",
    "ExampleRequest",
    "FetchTransport",
    "Finding",
    "HTTPTransport",
    "Headers",
    "InvalidRequestError",
    "LocalizedText",
    "NetworkError",
    "PlaygroundError",
    "Request",
    "Response",
    "RedirectError",
    "ResponseTooLargeError",
    "SandboxRoute",
    "SandboxTransport",
    "TimeoutException",
    "TransportError",
    "UnknownApiError",
    "UnknownExampleError",
    "build_auth_header",
    "get_example",
    "get_profile",
    "handle",
    "openapi_document",
]
