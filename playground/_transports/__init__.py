"""Transports: one interface, `handle_request(request) -> response`, over different backends."""

from .base import AsyncBaseTransport, BaseTransport, check_outgoing
from .fetch import FetchTransport
from .http import HTTPTransport
from .sandbox import SandboxTransport

__all__ = [
    "AsyncBaseTransport",
    "BaseTransport",
    "FetchTransport",
    "HTTPTransport",
    "SandboxTransport",
    "check_outgoing",
]
