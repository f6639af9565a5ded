"""The site's Content Security Policy, as data: one policy for every response of the built site.

Scripts, styles, fonts, images, workers and WebAssembly come from the site itself, and no
third-party origin is named. What the policy allows beyond that, and why:

- `'wasm-unsafe-eval'`: Pyodide compiles its WebAssembly (`'unsafe-eval'` is not needed).
- One `'sha256-…'` per inline script Material for MkDocs writes into the pages (its local-storage
  helpers, palette and tab restoring) and the one of ours that starts the playground's worker
  early (docs/overrides/main.html). They are hashed from the built HTML, so they are exactly
  the scripts that were built, and nothing injected later runs.
- `img-src data:`: Material's stylesheet draws its icons from `data:` SVG images.
- `connect-src https:` and local `http://`: the playground sends the reader's request to the live
  base URL they type (AIGNE Hub runs at each organisation's own URL, so no list of origins can
  cover it), from its Web Worker. Everything else is fetched from the site itself.

Two more headers go with the policy on every response ([`SECURITY_HEADERS`][playground._csp.SECURITY_HEADERS]):
`X-Content-Type-Options: nosniff`, so that a browser never runs or renders a file as another type
than the one it is served as (a JSON answer that holds `<script>` stays JSON), and
`Referrer-Policy: no-referrer`, so that the pages' addresses are not sent to the sites they link to.

`scripts/build.py` writes these headers for the built site into its `_headers` file (the format of
Netlify and Cloudflare Pages) and its `_nginx.conf` (scripts/nginx_config.py), and
`playground.server` sends the same headers, computed the same way, with every response.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

__all__ = [
    "HEADERS_FILE",
    "IMMUTABLE",
    "POLICY",
    "SECURITY_HEADERS",
    "connect_allowed",
    "content_security_policy",
    "headers_file",
    "inline_script_hashes",
    "response_headers",
    "site_policy",
]

POLICY: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "default-src": ("'none'",),
        "script-src": ("'self'", "'wasm-unsafe-eval'"),
        "style-src": ("'self'",),
        "img-src": ("'self'", "data:"),
        "font-src": ("'self'",),
        "connect-src": ("'self'", "https:", "http://localhost:*", "http://127.0.0.1:*"),
        "worker-src": ("'self'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'",),
        "frame-ancestors": ("'none'",),
    }
)
"""Each directive and its sources, before the inline scripts' hashes are added to `script-src`."""

SECURITY_HEADERS: Mapping[str, str] = MappingProxyType(
    {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
)
"""The headers every response carries besides the policy."""

HEADERS_FILE = "_headers"
"""The file of the static build that declares the site's response headers (Netlify, Cloudflare Pages)."""

# A <script> without a type, or with one of these, runs; any other type (application/json) is data.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {name: (value or "") for name, value in attrs}
        kind = attributes.get("type", "").split(";")[0].strip().lower()
        executable = "src" not in attributes and kind in _SCRIPT_TYPES
        self._current = [] if executable else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> list[str]:
    """The CSP hash source of each inline script of a page that a browser would run.

    Parameters:
        html: The page's HTML.

    Returns:
        `'sha256-<base64>'` sources, in document order, without repeats. Scripts with a `src`
        and data blocks (`<script type="application/json">`) are not run and need none.
    """
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes = []
    for script in parser.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


_DEFAULT_PORTS = {"http": 80, "https": 443}


def connect_allowed(url: str, page_origin: str) -> bool:
    """Whether `connect-src` lets a page of `page_origin` fetch `url` (CSP's source matching, for
    the kinds of source [`POLICY`][playground._csp.POLICY] uses: `'self'`, a scheme, a host with any port).

    Parameters:
        url: The URL to fetch, e.g. a live base URL the reader typed.
        page_origin: The page's origin, e.g. `http://127.0.0.1:8000`.

    Returns:
        `False` when the browser would refuse the request before sending it.
    """
    target, page = urlsplit(url), urlsplit(page_origin)
    scheme, host = target.scheme.lower(), (target.hostname or "").lower()
    port = target.port or _DEFAULT_PORTS.get(scheme)
    for source in POLICY["connect-src"]:
        if source == "'self'":
            allowed = (scheme, host, port) == (page.scheme, page.hostname, page.port or _DEFAULT_PORTS.get(page.scheme))
        elif re.fullmatch(r"[a-z][a-z0-9+.-]*:", source):
            allowed = scheme == source[:-1]
        else:
            named = urlsplit(source.removesuffix(":*"))
            allowed = (scheme, host) == (named.scheme, named.hostname) and (
                source.endswith(":*") or port == (named.port or _DEFAULT_PORTS.get(named.scheme))
            )
        if allowed:
            return True
    return False


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The `Content-Security-Policy` header value: [`POLICY`][playground._csp.POLICY] plus script hashes.

    Parameters:
        script_hashes: `'sha256-…'` sources of the inline scripts the pages may run.

    Returns:
        The header value, directives separated by `; `.
    """
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += sorted(set(script_hashes))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def site_policy(site: str | Path) -> str:
    """The policy for a built site: every HTML file's inline scripts are hashed.

    Parameters:
        site: The built site's directory (every language).

    Returns:
        The `Content-Security-Policy` header value for every response of that site.
    """
    root = Path(site)
    hashes: set[str] = set()
    for page in sorted(root.rglob("*.html")) if root.is_dir() else ():
        hashes.update(inline_script_hashes(page.read_text(encoding="utf-8")))
    return content_security_policy(hashes)


def response_headers(policy: str) -> dict[str, str]:
    """The headers every response of the site carries: the policy and the
    [`SECURITY_HEADERS`][playground._csp.SECURITY_HEADERS].

    Parameters:
        policy: The `Content-Security-Policy` header value.

    Returns:
        Each header's name and value.
    """
    return {"Content-Security-Policy": policy, **SECURITY_HEADERS}


IMMUTABLE = "public, max-age=31536000, immutable"
"""The `Cache-Control` of a file named after its content: a new build's is a new file, never a changed one."""


def headers_file(policy: str, immutable: Iterable[str] = ()) -> str:
    """The `_headers` file that gives every path of the static build the
    [`response_headers`][playground._csp.response_headers], and the files named after their content
    a long cache lifetime ([`IMMUTABLE`][playground._csp.IMMUTABLE]).

    Parameters:
        policy: The `Content-Security-Policy` header value.
        immutable: The paths (from the site's root, each starting with "/") of the files named
            after their content. Each is a rule of its own: a `*` pattern cannot tell a hashed
            name from the others beside it, which change under the same name. Netlify and
            Cloudflare Pages give a path the headers of every rule that matches it, so these add
            their `Cache-Control` to those of `/*`; every other file keeps the host's own, which
            has it revalidated on each use.

    Returns:
        The file's text, in the format of Netlify and Cloudflare Pages.
    """
    lines = "".join(f"  {name}: {value}\n" for name, value in response_headers(policy).items())
    cached = "".join(f"{path}\n  Cache-Control: {IMMUTABLE}\n" for path in immutable)
    return (
        "# Generated by scripts/build.py from the built pages (playground/_csp.py): do not edit.\n/*\n" + lines + cached
    )
