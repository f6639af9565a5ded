"""The peer: markdown-exec's ``pyodide`` fence on a one-page Material site, served with a local
mirror of its CDN files, which a Playwright route redirects its CDN URLs to.

Pyodide comes from the site's vendored copy, Ace, highlight.js and its themes from their npm
packages: the real assets, in the versions its HTML names, and nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .harness import NODE_MODULES, ROOT, pyodide_version

__all__ = [
    "NOT_LOOPBACK",
    "PEER_INIT_SCRIPT",
    "PEER_MARKER",
    "CdnRedirect",
    "build_peer_site",
    "peer_local_file",
    "peer_page",
    "peer_prerequisites",
    "peer_server",
]

PEER_MARKER = "peer says 42"
PEER_MKDOCS_YML = """site_name: markdown-exec pyodide peer
theme:
  name: material
  font: false  # Material would load Google Fonts: nothing may leave this machine
markdown_extensions:
  - pymdownx.superfences
plugins:
  - markdown-exec:
      languages: [pyodide]
"""

# The peer shows "Initializing..." in its output, clears it once Pyodide is loaded and only then
# wires its Run button (it never runs by itself): click Run at that moment, as an eager reader would.
PEER_INIT_SCRIPT = """(() => {
  const bench = window.__bench;
  let initializing = false;
  const clickRun = () => {
    const run = document.querySelector('.pyodide [id$="--run"]');
    if (run && run.onclick) run.click(); else setTimeout(clickRun, 0);
  };
  const observer = new MutationObserver(() => {
    const output = document.querySelector("code.pyodide-output");
    if (!output) return;
    const text = output.textContent;
    if (!initializing) { initializing = text.includes("Initializing"); return; }
    if (!("python" in bench.marks) && text.trim() === "") { bench.marks.python = performance.now(); clickRun(); }
    if (text.includes(MARKER)) { bench.marks.ready = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();
""".replace("MARKER", json.dumps(PEER_MARKER))

# Every request that would leave the machine: the peer's CDN URLs, and anything unexpected.
NOT_LOOPBACK = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


def peer_prerequisites() -> list[str]:
    """What the peer needs that may be missing (npm packages installed by scripts/setup.sh)."""
    needed = [
        NODE_MODULES / "pyodide" / "pyodide.js",
        NODE_MODULES / "ace-builds" / "src-min-noconflict" / "ace.js",
        NODE_MODULES / "@highlightjs" / "cdn-assets" / "highlight.min.js",
        NODE_MODULES / "highlightjs-themes",
    ]
    return [str(path.relative_to(ROOT)) for path in needed if not path.exists()]


def peer_page(version: str) -> str:
    """The peer's one page: a pyodide fence pinned to our Pyodide version (markdown-exec's default differs)."""
    # Python computes the marker: the source shown in the editor does not contain it.
    code = 'print("peer says", 6 * 7)'
    return f'# Peer\n\n```pyodide version="{version}"\n{code}\n```\n'


def build_peer_site(folder: Path) -> Path:
    """Build the peer page with MkDocs + Material + markdown-exec; return the built site."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(PEER_MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(peer_page(pyodide_version()), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(folder / "site")],
        cwd=folder,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return folder / "site"


def peer_local_file(url: str, pyodide_dir: Path) -> Path | None:
    """The local file that stands in for one of the peer's CDN URLs, or None if there is none.

    Pyodide comes from the site's vendored copy (``pyodide.js``, the classic script the peer uses,
    which the site does not vendor, from the same npm package); Ace, highlight.js and its themes
    from their npm packages, in the very versions the peer's HTML names.
    """
    parts = urlsplit(url)
    path = parts.path
    if ".." in path.split("/"):
        return None
    name = path.rsplit("/", 1)[-1]
    if parts.hostname == "cdn.jsdelivr.net" and re.fullmatch(r"/pyodide/v[^/]+/full/[^/]+", path):
        for candidate in (pyodide_dir / name, NODE_MODULES / "pyodide" / name):
            if candidate.is_file():
                return candidate
        return None
    if parts.hostname == "cdnjs.cloudflare.com":
        if match := re.fullmatch(r"/ajax/libs/ace/[^/]+/(.+)", path):
            return NODE_MODULES / "ace-builds" / "src-min-noconflict" / match[1]
        if re.fullmatch(r"/ajax/libs/highlight\.js/[^/]+/highlight\.min\.js", path):
            return NODE_MODULES / "@highlightjs" / "cdn-assets" / "highlight.min.js"
    if parts.hostname == "cdn.jsdelivr.net" and (
        match := re.fullmatch(r"/npm/highlightjs-themes@[^/]+/(.+?)(?:\.min)?\.css", path)
    ):
        # jsDelivr minifies on the fly; the npm package has the plain stylesheet.
        return NODE_MODULES / "highlightjs-themes" / f"{match[1]}.css"
    return None


class CdnRedirect:
    """Playwright route handler for the peer's CDN URLs: a redirect to the same file on the local
    mirror (``peer_server``), recording which local file stands in for each URL.

    A redirect and not ``route.fulfill(path=...)``: fulfilling pushes every body through Playwright's
    pipe, which alone made bare Pyodide 1.6 to 2.4 times slower here; redirected, the bytes come
    over the loopback like ours do, and only the redirect goes through Playwright.
    """

    def __init__(self, mirror_url: str, pyodide_dir: Path) -> None:
        self.mirror_url = mirror_url
        self.pyodide_dir = pyodide_dir
        self.served: dict[str, str] = {}

    def describe(self, local: Path | None) -> str:
        if local is None:
            return "404 (no local copy)"
        if local.is_relative_to(self.pyodide_dir):
            return f"the site's pyodide/{local.name}"
        return str(local.relative_to(ROOT))

    def __call__(self, route: Any) -> None:
        url = route.request.url
        self.served[url] = self.describe(peer_local_file(url, self.pyodide_dir))
        parts = urlsplit(url)
        route.fulfill(status=302, headers={"location": f"{self.mirror_url}{parts.hostname}{parts.path}"})


def peer_handler(folder: Path, pyodide_dir: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    """Static files of the peer's site, and under ``/mirror/<host>/<path>`` the local copy of a CDN file."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".wasm": "application/wasm",
            ".mjs": "text/javascript",
            ".js": "text/javascript",
        }

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            if path.startswith("/mirror/"):
                local = peer_local_file("https://" + path.removeprefix("/mirror/"), pyodide_dir)
                return str(local) if local else str(folder / "missing")
            return super().translate_path(path)

        def end_headers(self) -> None:
            # As the CDNs do: Pyodide fetches its wasm and imports its module in CORS mode.
            self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            pass

    return Handler


@contextlib.contextmanager
def peer_server(folder: Path, pyodide_dir: Path) -> Iterator[str]:
    """Serve the peer's site and the CDN mirror. Not playground.server: its Content Security Policy
    (right for our site) would block the peer's CDN scripts, which a normal host would let through."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), peer_handler(folder, pyodide_dir))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
