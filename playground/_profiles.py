"""The documented APIs, described as data.

This is the one place that knows the auth schemes and the APIs' base URLs. Adding an API means
adding an [`ApiProfile`][playground.ApiProfile] (and its documented examples), not code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from collections.abc import Mapping
from urllib.parse import urlsplit

from ._exceptions import UnknownApiError

__all__ = [
    "AIGNE_HUB",
    "AIGNE_HUB_DEMO_KEY",
    "API_KEY_SCHEME",
    "AUTH_SCHEMES",
    "ApiProfile",
    "AuthScheme",
    "BEARER_SCHEME",
    "MAIAGENT",
    "MAIAGENT_DEMO_KEY",
    "MAIAGENT_READONLY_KEY",
    "PROFILES",
    "get_profile",
]


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
class ApiProfile:
    """Everything the package needs to know about one API.

    Parameters:
        id: A stable identifier, also the sandbox mount name (`/sandbox/<id>/`).
        name: The product name shown to readers.
        scheme: The `Authorization` scheme the API expects.
        origin: The API's scheme and host, without a trailing slash.
        base_path: The path every documented endpoint starts with.
        examples_dir: The folder of its documented examples under `documented_examples/`.
        key_pattern: A regular expression a well-formed key fully matches.
        key_placeholder: The placeholder the documentation uses for the key.
        demo_keys: The sandbox's demo keys, each mapped to what it may do (`"read-write"`, `"read-only"`).
        failure_examples: The documented example the API answers with, per failure kind:
            `"missing"` (no or unknown key) and `"invalid_format"` (malformed header).
        error_field: The key of the API's generic error bodies (`{"detail": ...}`, `{"error": ...}`).
    """

    id: str
    name: str
    scheme: AuthScheme
    origin: str
    base_path: str
    examples_dir: str
    key_pattern: str
    key_placeholder: str
    demo_keys: Mapping[str, str] = field(default_factory=dict)
    failure_examples: Mapping[str, str] = field(default_factory=dict)
    error_field: str = "detail"

    @property
    def base_url(self) -> str:
        """The documented base URL, e.g. `https://api.maiagent.ai/api/v1/`."""
        return self.origin + self.base_path

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
    name="MaiAgent",
    scheme=API_KEY_SCHEME,
    origin="https://api.maiagent.ai",
    base_path="/api/v1/",
    examples_dir="maiagent",
    # The documentation: "The API key is a combination of alphanumeric characters."
    key_pattern=r"[A-Za-z0-9]+",
    key_placeholder="YOUR_API_KEY_HERE",
    demo_keys=MappingProxyType({MAIAGENT_DEMO_KEY: "read-write", MAIAGENT_READONLY_KEY: "read-only"}),
    failure_examples=MappingProxyType(
        {"missing": "maiagent/401-missing-key", "invalid_format": "maiagent/401-invalid-format"}
    ),
)
"""The MaiAgent API: `Authorization: Api-Key <key>`, at `https://api.maiagent.ai/api/v1/`."""

AIGNE_HUB = ApiProfile(
    id="aigne-hub",
    name="AIGNE Hub",
    scheme=BEARER_SCHEME,
    # The documentation's own placeholder: every AIGNE Hub instance has its own URL.
    origin="https://your-aigne-hub-url",
    base_path="/api/v1/",
    examples_dir="aigne_hub",
    # The key format is not documented: accept any visible ASCII characters.
    key_pattern=r"[\x21-\x7e]+",
    key_placeholder="YOUR_API_KEY",
    demo_keys=MappingProxyType({AIGNE_HUB_DEMO_KEY: "read-write"}),
    failure_examples=MappingProxyType(
        {"missing": "aigne_hub/401-not-authenticated", "invalid_format": "aigne_hub/401-not-authenticated"}
    ),
    error_field="error",
)
"""The AIGNE Hub API: `Authorization: Bearer <key>`, at each instance's own URL."""

PROFILES: Mapping[str, ApiProfile] = MappingProxyType({p.id: p for p in (MAIAGENT, AIGNE_HUB)})
"""The documented APIs by id: `maiagent` (`Api-Key`) and `aigne-hub` (`Bearer`)."""


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
