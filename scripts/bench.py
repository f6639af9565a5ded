"""Benchmark the playground's start-up, page weight and build against bare Pyodide and a peer.

One command, everything measured side by side in the same browser run (Debian's Chromium, headless,
driven by Playwright):

    .venv/bin/python scripts/bench.py [--runs N] [--json PATH] [--site-dir DIR]

- floor: a minimal page whose module worker runs bare ``loadPyodide()`` from the site's own
  vendored files (``/pyodide/``); every start-up figure is compared with it.
- floor on our page: ``/playground/``'s own HTML, Material and all, with bare ``loadPyodide()`` in
  place of our playground: splits ours ÷ floor into what the page costs and what our playground adds.
- shipped: the same page on Pyodide's npm files as shipped, without our compile cache
  (scripts/precompile.mjs): what start-up cost before it, measured in the same run.
- ours: ``/playground/`` and ``/ja/playground/``, navigation to ``data-ready="true"`` (Python, our
  package and the first answer from it), cold (fresh profile) and warm (persistent profile). Python
  comes from the build's start-up snapshot (scripts/snapshot.mjs); the floor boots it.
- main-thread long tasks (> 50 ms) during start-up, Send to the painted response (sandbox target),
  bytes per page with and without a playground, the full site build.
- the peer: markdown-exec's ``pyodide`` fence on a tiny MkDocs site, its CDN URLs redirected by a
  Playwright route to a local mirror: the same Pyodide files, npm copies of its editor and highlighter.

Start-up figures are the median of ``--runs`` (default 5); times are ``performance.now()`` marks
taken inside the page, so they start at navigation and carry no Playwright round trip. The table
is printed as Markdown (README's Performance section shows it) and the full results go to JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vendor_pyodide  # noqa: E402  (scripts/vendor_pyodide.py: where Pyodide's npm files are)
from site_server import running_server  # noqa: E402  (scripts/site_server.py)

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
DEFAULT_JSON = ROOT / ".cache" / "bench" / "latest.json"
SCHEMA_VERSION = 1

CHROMIUM = "/usr/bin/chromium"
# The same flags as tests/conftest.py: nothing in the browser talks to the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LOAD_TIMEOUT_MS = 120_000
# Long-task entries reach the observer a little after the task ends: wait before reading them.
SETTLE_S = 0.5
# A page without a playground has no ready signal: it has "started" once loaded and this much later.
PLAIN_PAGE_SETTLE_S = 1.5
# Every counted load waits until the machine is quiet: after a page with Pyodide is ready, its
# browser goes on optimising the WebAssembly for seconds (tier-up), and that work landed on whichever
# page was measured next (the floor, measured after the peer's closed browsers, had no such
# neighbour). Quiet: under QUIET_BUSY of the CPU busy over a QUIET_SAMPLE_S window.
QUIET_BUSY = 0.10
QUIET_SAMPLE_S = 0.25
QUIET_MIN_S = 1.0
QUIET_MAX_S = 20.0


def cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs from /proc/stat, or None where there is no /proc."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_fraction(before: tuple[int, int], after: tuple[int, int]) -> float:
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else 0.0


def wait_for_quiet() -> float:
    """Sleep at least QUIET_MIN_S, then until the CPU is quiet (at most QUIET_MAX_S); return the wait."""
    start = time.monotonic()
    time.sleep(QUIET_MIN_S)
    while time.monotonic() - start < QUIET_MAX_S:
        before = cpu_times()
        time.sleep(QUIET_SAMPLE_S)
        after = cpu_times()
        if before is None or after is None or busy_fraction(before, after) < QUIET_BUSY:
            break
    return time.monotonic() - start
SENDS_PER_RUN = 3
PEER_MARKER = "peer says 42"

UNITS = ("ms", "s", "bytes", "count", "ratio")


# --- statistics and figures (pure: tests/test_bench.py covers them) -------------------------------

@dataclass
class Figure:
    """One measured quantity: its samples (one per run) and how it compares with other figures.

    ``ratios`` names other figures' ids: the table shows this figure's median divided by theirs.
    """

    id: str
    label: str
    unit: str
    samples: list[float] = field(default_factory=list)
    ratios: list[str] = field(default_factory=list)
    note: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def format_value(value: float | None, unit: str) -> str:
    """A value as the table shows it: ms and counts as integers, seconds with 1 decimal, bytes in kB/MB."""
    if value is None:
        return "n/a"
    if unit == "ms":
        return f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "count":
        return f"{value:g}"
    if unit == "ratio":
        return f"{value:.2f}×"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB"
    if value >= 1_000:
        return f"{value / 1_000:.1f} kB"
    return f"{value:.0f} B"


def figure_ratios(figure: Figure, by_id: dict[str, Figure]) -> list[tuple[str, float]]:
    """``(other id, this median / other median)`` for each ratio of ``figure`` that can be computed."""
    pairs = []
    for other_id in figure.ratios:
        other = by_id.get(other_id)
        value = ratio(figure.median, other.median if other else None)
        if value is not None:
            pairs.append((other_id, value))
    return pairs


def render_table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table: figure, median, min–max, runs, ratios (of medians)."""
    by_id = {figure.id: figure for figure in figures}
    lines = ["| figure | median | min – max | runs | ratio (of medians) |", "| --- | ---: | ---: | ---: | --- |"]
    for figure in figures:
        if figure.samples:
            spread = f"{format_value(min(figure.samples), figure.unit)} – {format_value(max(figure.samples), figure.unit)}"
        else:
            spread = "n/a"
        ratios = ", ".join(f"{value:.2f}× {other_id}" for other_id, value in figure_ratios(figure, by_id))
        label = f"{figure.label} (`{figure.id}`)"
        lines.append(f"| {label} | {format_value(figure.median, figure.unit)} | {spread} | {len(figure.samples)} | {ratios} |")
    return "\n".join(lines)


def results_document(figures: Sequence[Figure], meta: dict[str, Any], notes: Sequence[str]) -> dict[str, Any]:
    """The JSON written by ``--json``: the run's context, every figure with its samples, and the notes."""
    by_id = {figure.id: figure for figure in figures}
    return {
        "schema": SCHEMA_VERSION,
        "meta": meta,
        "figures": [
            {
                "id": figure.id,
                "label": figure.label,
                "unit": figure.unit,
                "median": figure.median,
                "min": min(figure.samples) if figure.samples else None,
                "max": max(figure.samples) if figure.samples else None,
                "runs": len(figure.samples),
                "samples": list(figure.samples),
                "ratios": {other_id: value for other_id, value in figure_ratios(figure, by_id)},
                "note": figure.note,
            }
            for figure in figures
        ],
        "notes": list(notes),
    }


def long_task_summary(tasks: Sequence[dict[str, float]], until_ms: float) -> dict[str, float]:
    """Count, longest and total duration of the long tasks that started before ``until_ms``."""
    durations = [task["duration"] for task in tasks if task["start"] <= until_ms]
    return {"count": len(durations), "max": max(durations, default=0.0), "total": sum(durations)}


# The playground's own files (playground.js on the page; worker.mjs runs off the main thread).
OWN_SCRIPT = "/assets/playground/"


def own_script_max(scripts: Sequence[dict[str, Any]], until_ms: float) -> float:
    """The longest main-thread script run of our own files before ``until_ms`` (0 if none over 5 ms)."""
    return max((s["duration"] for s in scripts if OWN_SCRIPT in s["source"] and s["start"] <= until_ms), default=0.0)


def is_pyodide_url(url: str) -> bool:
    """Whether a request fetched part of Pyodide (the vendored files, or a CDN's copy of them)."""
    path = urlsplit(url).path
    return path.startswith("/pyodide/") or "/pyodide/v" in path


# --- the site under test ------------------------------------------------------------------------

FLOOR_PAGE = "bench/floor.html"
FLOOR_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Benchmark floor: bare loadPyodide()</title>
<script src="floor.js"></script>
</html>
"""
# An external script, not an inline one: the server's Content Security Policy allows 'self' only.
FLOOR_JS = """const worker = new Worker(new URL("floor-worker.mjs", document.currentScript.src), { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "ready") document.documentElement.dataset.ready = "true";
  else document.documentElement.dataset.failed = String(event.data);
};
"""
FLOOR_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";

loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href })
  .then(() => postMessage("ready"), (error) => postMessage("failed: " + error));
"""


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_site_timed(site_dir: Path) -> dict[str, float]:
    """Run scripts/build.py's build_site once, timing it whole and its MkDocs part (build_docs)."""
    import build

    times: dict[str, float] = {}
    build_docs = build.build_docs

    def timed_build_docs(target: Path) -> None:
        times["docs"] = timed(lambda: build_docs(target))

    # build_site looks build_docs up at call time: wrapping it times the docs part of the one real build.
    build.build_docs = timed_build_docs
    try:
        times["total"] = timed(lambda: build.build_site(site_dir))
    finally:
        build.build_docs = build_docs
    return times


SHIPPED_PAGE = "bench/shipped.html"
SHIPPED_PYODIDE = "bench/pyodide-shipped/"


def add_floor_pages(site_dir: Path) -> None:
    """Write the floor page into the site (same origin as /pyodide/, like our pages), and its twin
    on a copy of Pyodide's npm files as shipped."""
    folder = (site_dir / FLOOR_PAGE).parent
    folder.mkdir()
    for name, pyodide in (("floor", "../pyodide/"), ("shipped", "./" + SHIPPED_PYODIDE.removeprefix("bench/"))):
        (folder / f"{name}.html").write_text(FLOOR_HTML.replace("floor.js", f"{name}.js"), encoding="utf-8")
        (folder / f"{name}.js").write_text(FLOOR_JS.replace("floor-worker.mjs", f"{name}-worker.mjs"), encoding="utf-8")
        (folder / f"{name}-worker.mjs").write_text(FLOOR_WORKER.replace("../pyodide/", pyodide), encoding="utf-8")
    shipped = site_dir / SHIPPED_PYODIDE
    shipped.mkdir()
    for name in (*vendor_pyodide.CORE_FILES, "pyodide-lock.json"):
        shutil.copy2(vendor_pyodide.NPM_PYODIDE / name, shipped / name)


# The floor on our own page: /playground/'s HTML (Material's stylesheets, bundle, search and all)
# with the two scripts that start our playground (docs/overrides/main.html) replaced by the floor's.
# Ours ÷ this is what our worker and package add; this ÷ the floor is what the page itself costs.
PAGE_FLOOR = "bench/"
# The worker-starting inline script and the entry module, then its modules' preloads and the
# build's copy of info() (docs/overrides/main.html).
OUR_PLAYGROUND_SCRIPTS = re.compile(
    r'<script data-worker="[^"]*" data-pyodide="[^"]*">.*?</script>\s*<script src="[^"]*/playground\.js"[^>]*></script>'
    r'(?:\s*<link rel="modulepreload"[^>]*>)*(?:\s*<script type="application/json" id="playground-info">.*?</script>)?',
    re.DOTALL)


def add_page_floor(site_dir: Path) -> None:
    """Write the floor on our page as bench/index.html: the same depth as playground/index.html, so
    its relative URLs resolve alike. Call after add_floor_pages (it loads bench/floor.js)."""
    html = (site_dir / WARM_PAGES["ours"] / "index.html").read_text(encoding="utf-8")
    html, found = OUR_PLAYGROUND_SCRIPTS.subn('<script src="floor.js"></script>', html)
    if found != 1:
        raise RuntimeError(f"expected the playground's two start-up scripts once in /playground/, found {found}")
    (site_dir / PAGE_FLOOR / "index.html").write_text(html, encoding="utf-8")


# --- the peer: markdown-exec's pyodide fence ----------------------------------------------------

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


def peer_page(version: str) -> str:
    """The peer's one page: a pyodide fence pinned to our Pyodide version (markdown-exec's default differs)."""
    # Python computes the marker: the source shown in the editor does not contain it.
    code = 'print("peer says", 6 * 7)'
    return f'# Peer\n\n```pyodide version="{version}"\n{code}\n```\n'


def pyodide_version() -> str:
    return json.loads((NODE_MODULES / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]


def build_peer_site(folder: Path) -> Path:
    """Build the peer page with MkDocs + Material + markdown-exec; return the built site."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(PEER_MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(peer_page(pyodide_version()), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(folder / "site")],
        cwd=folder, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    if parts.hostname == "cdn.jsdelivr.net" and (match := re.fullmatch(r"/npm/highlightjs-themes@[^/]+/(.+?)(?:\.min)?\.css", path)):
        # jsDelivr minifies on the fly; the npm package has the plain stylesheet.
        return NODE_MODULES / "highlightjs-themes" / f"{match[1]}.css"
    return None


# Every request that would leave the machine: the peer's CDN URLs, and anything unexpected.
NOT_LOOPBACK = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


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
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

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


# --- the browser --------------------------------------------------------------------------------

# Registered before any page script runs. Marks are performance.now() values, i.e. milliseconds
# since this document's navigation started, taken by MutationObservers (no polling, no round trip).
INIT_SCRIPT = """(() => {
  const bench = (window.__bench = { marks: {}, longTasks: [], scripts: [], failed: null });
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) bench.longTasks.push({ start: task.startTime, duration: task.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { bench.failed = "no longtask observer: " + error; }
  // Long animation frames name the scripts that ran in them (each over 5 ms): which of the main
  // thread's time was ours, and which was Material's, the search's or the browser's.
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        for (const script of frame.scripts || []) {
          bench.scripts.push({ start: script.startTime, duration: script.duration, source: script.sourceURL || "",
                               invoker: script.invoker || "" });
        }
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) { /* older browsers: the longtask figures remain */ }
  const mark = (name) => { if (!(name in bench.marks)) bench.marks[name] = performance.now(); };
  new MutationObserver(() => {
    if (document.querySelector('[data-python="ready"]')) mark("python");
    if (document.querySelector('[data-ready="true"]')) mark("ready");
    const failed = document.querySelector('[data-python="failed"], [data-failed]');
    if (failed && !bench.failed) bench.failed = failed.dataset.failed || failed.textContent.slice(0, 300) || "failed";
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready", "data-python", "data-failed"] });
})();
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

# Demo key filled in, sandbox target kept: click Send and time it until the status is in the DOM
# and the frame showing it has been painted (a task queued from the next animation frame).
SEND_SCRIPT = """() => new Promise((resolve, reject) => {
  const root = document.querySelector('.playground[data-ready="true"]');
  const box = root.querySelector(".playground__response");
  const start = performance.now();
  const timer = setTimeout(() => reject(new Error("no response within 30 s")), 30000);
  const observer = new MutationObserver(() => {
    const status = box.querySelector("[data-status]");
    if (!status) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, status: status.dataset.status });
    }, 0));
  });
  observer.observe(box, { childList: true, subtree: true });
  root.querySelector(".playground__send").click();
})"""


@dataclass
class PageLoad:
    """What one page load showed: marks (ms since navigation), long tasks, and the requests' bytes."""

    marks: dict[str, float]
    long_tasks: dict[str, float]
    bytes_total: int
    bytes_pyodide: int
    requests: int
    third_party: list[str]
    timeline: list[dict[str, Any]]
    long_task_list: list[dict[str, float]] = field(default_factory=list)
    own_script_max: float = 0.0
    scripts: list[dict[str, Any]] = field(default_factory=list)


class Browser:
    """Launches Debian's Chromium with fresh (cold) or kept (warm) profiles."""

    def __init__(self, playwright: Any, scratch: Path) -> None:
        self.playwright = playwright
        self.scratch = scratch
        self.warm: dict[str, Any] = {}

    def launch(self, profile: Path) -> Any:
        context = self.playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context.add_init_script(INIT_SCRIPT)
        return context

    @contextlib.contextmanager
    def cold(self) -> Iterator[Any]:
        """A brand-new profile: empty HTTP cache, no compiled code cache."""
        profile = Path(tempfile.mkdtemp(prefix="cold-", dir=self.scratch))
        context = self.launch(profile)
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)

    def warm_context(self, name: str) -> Any:
        """One kept profile per page: the first load (not counted) fills its caches."""
        if name not in self.warm:
            self.warm[name] = self.launch(self.scratch / f"warm-{name}")
        return self.warm[name]

    def close(self) -> None:
        for context in self.warm.values():
            context.close()


def load_page(context: Any, url: str, *, ready: bool = True, keep_open: bool = False) -> tuple[PageLoad, Any]:
    """Open ``url`` in a new tab of ``context`` and wait until it is ready (or, for a page without
    a playground, loaded and settled). Returns what the load showed, and the tab if ``keep_open``."""
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="commit" if ready else "load", timeout=LOAD_TIMEOUT_MS)
    if ready:
        page.wait_for_function("() => window.__bench.marks.ready !== undefined || window.__bench.failed",
                               timeout=LOAD_TIMEOUT_MS)
        time.sleep(SETTLE_S)
    else:
        time.sleep(PLAIN_PAGE_SETTLE_S)
    state = page.evaluate("() => ({ bench: window.__bench, origin: performance.timeOrigin, now: performance.now() })")
    bench = state["bench"]
    if ready and "ready" not in bench["marks"]:
        page.close()
        raise RuntimeError(f"{url} failed to start: {bench['failed']}")
    until = bench["marks"].get("ready", state["now"])
    result = PageLoad(
        marks=bench["marks"],
        long_tasks=long_task_summary(bench["longTasks"], until),
        long_task_list=bench["longTasks"],
        own_script_max=own_script_max(bench["scripts"], until),
        scripts=bench["scripts"],
        **request_summary(finished, urlsplit(url).netloc, state["origin"]),
    )
    if keep_open:
        return result, page
    page.close()
    return result, None


def request_summary(finished: Sequence[Any], own_host: str, time_origin: float) -> dict[str, Any]:
    """Bytes on the wire (encoded body + headers; the server does not compress) per page load, and
    when each request started (ms since navigation), which shows when the worker got to each step."""
    total = pyodide = 0
    third_party = []
    timeline = []
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if is_pyodide_url(request.url):
            pyodide += size
        if urlsplit(request.url).netloc != own_host and not request.url.startswith("data:"):
            third_party.append(request.url)
        timeline.append({"url": request.url, "start": request.timing["startTime"] - time_origin, "bytes": size})
    timeline.sort(key=lambda entry: entry["start"])
    return {"bytes_total": total, "bytes_pyodide": pyodide, "requests": len(finished),
            "third_party": third_party, "timeline": timeline}


def first_request_ms(timeline: Sequence[dict[str, Any]], wanted: Callable[[str], bool]) -> float | None:
    """When the first request whose URL is ``wanted`` started, in ms since navigation (None: no such request)."""
    return min((entry["start"] for entry in timeline if wanted(entry["url"])), default=None)


def is_wheel_url(url: str) -> bool:
    return urlsplit(url).path.endswith(".whl")


def measure_sends(page: Any, count: int) -> list[float]:
    """Fill in the demo key, keep the sandbox target, and time ``count`` sends on a ready playground."""
    page.click(".playground__demo")
    page.wait_for_function("() => document.querySelector('.playground__key').value !== ''")
    # The demo key triggers a diagnosis and a debounced code refresh: let them finish first.
    time.sleep(0.5)
    times = []
    for _ in range(count):
        answer = page.evaluate(SEND_SCRIPT)
        if not answer["status"].isdigit():
            raise RuntimeError(f"unexpected response status {answer['status']!r}")
        times.append(answer["ms"])
    return times


# --- the benchmark ------------------------------------------------------------------------------

# The pages timed to "ready", by the name of their warm profile.
WARM_PAGES = {"floor": FLOOR_PAGE, "shipped": SHIPPED_PAGE, "ours": "playground/", "ours.ja": "ja/playground/"}
# Pages that must not load any Pyodide byte (their bytes figures are named after them).
PAGES_WITHOUT_PLAYGROUND = {"home": "", "reference": "reference/"}


def declare_figures(with_build: bool, with_peer: bool) -> list[Figure]:
    """Every figure, in table order."""
    figures = []
    if with_build:
        figures += [
            Figure("build.total", "Full site build, scripts/build.py (one timed build)", "s"),
            Figure("build.docs", "of which MkDocs, both languages (build_docs)", "s"),
        ]
    figures += [
        Figure("floor.cold", "Floor: bare loadPyodide() in a module worker, cold", "ms"),
        Figure("floor.warm", "Floor, warm", "ms"),
        Figure("shipped.cold", "Reference: the floor on Pyodide's npm files as shipped (no compile cache), cold", "ms",
               ratios=["floor.cold"]),
        Figure("shipped.warm", "Reference: the same, warm", "ms", ratios=["floor.warm"]),
        Figure("ours.cold", "Ours /playground/: navigation → ready, cold", "ms",
               ratios=["floor.cold", "shipped.cold", "peer.result.cold"] if with_peer else ["floor.cold", "shipped.cold"]),
        Figure("ours.warm", "Ours /playground/, warm", "ms", ratios=["floor.warm", "shipped.warm"]),
        Figure("ours.ja.cold", "Ours /ja/playground/, cold", "ms", ratios=["floor.cold"]),
        Figure("ours.ja.warm", "Ours /ja/playground/, warm", "ms", ratios=["floor.warm"]),
        Figure("floor.page.cold", "Floor on our page: /playground/ with bare loadPyodide() in place of our playground, cold",
               "ms", ratios=["floor.cold"]),
        Figure("ours.python.cold", "Ours: worker reports Python + package loaded, cold", "ms", ratios=["floor.cold"]),
        # The same comparisons pairwise: each round's own ratio, then the median. The machine's
        # speed drifts between rounds and moves both loads of a round together; a ratio of
        # medians mixes rounds, these do not.
        Figure("ours.vs.floor.cold", "Ours ÷ floor, cold, per round", "ratio"),
        Figure("ours.vs.floor.warm", "Ours ÷ floor, warm, per round", "ratio"),
        Figure("ours.ja.vs.floor.cold", "Ours /ja/ ÷ floor, cold, per round", "ratio"),
        Figure("floor.page.vs.floor.cold", "Floor on our page ÷ floor, cold, per round: what the page costs", "ratio"),
        Figure("ours.vs.floor.page.cold", "Ours ÷ floor on our page, cold, per round: what our playground adds", "ratio"),
        Figure("ours.ja.vs.floor.warm", "Ours /ja/ ÷ floor, warm, per round", "ratio"),
        Figure("floor.first_pyodide_request.cold", "Floor: navigation → first /pyodide/ request, cold", "ms"),
        Figure("ours.first_pyodide_request.cold", "Ours: navigation → first /pyodide/ request, cold", "ms"),
        Figure("ours.wheel_request.cold", "Ours: navigation → our wheel requested, cold", "ms"),
        Figure("longtasks.ours.cold.count", "Long tasks > 50 ms until ready, ours cold: count", "count"),
        Figure("longtasks.ours.cold.max", "Long tasks, ours cold: longest", "ms"),
        Figure("longtasks.ours.warm.count", "Long tasks until ready, ours warm: count", "count"),
        Figure("longtasks.ours.warm.max", "Long tasks, ours warm: longest", "ms"),
        Figure("own.ours.cold.max", "Longest main-thread run of our scripts until ready, cold (long-animation-frame attribution)", "ms"),
        Figure("own.ours.warm.max", "Longest main-thread run of our scripts until ready, warm", "ms"),
        Figure("own.send.max", "Longest main-thread run of our scripts during the Sends", "ms"),
        Figure("longtasks.floor.cold.max", "Long tasks, floor cold: longest", "ms"),
        Figure("longtasks.reference.cold.max", "Long tasks, /reference/ (no playground) cold: longest", "ms"),
        Figure("send.sandbox", "Send → response painted (sandbox target, demo key)", "ms"),
        Figure("bytes.playground.total", "Bytes, /playground/ cold: all", "bytes"),
        Figure("bytes.playground.pyodide", "Bytes, /playground/ cold: Pyodide (/pyodide/)", "bytes"),
        Figure("bytes.home.total", "Bytes, / (no playground) cold: all", "bytes"),
        Figure("bytes.home.pyodide", "Bytes, / cold: Pyodide", "bytes"),
        Figure("bytes.reference.total", "Bytes, /reference/ (no playground) cold: all", "bytes"),
        Figure("bytes.reference.pyodide", "Bytes, /reference/ cold: Pyodide", "bytes"),
    ]
    if with_peer:
        figures += [
            Figure("floor.routed.cold", "Control: floor with the peer's Playwright routes on, cold", "ms",
                   ratios=["floor.cold"]),
            Figure("peer.python.cold", "Peer (markdown-exec pyodide fence): Pyodide loaded, cold", "ms",
                   ratios=["floor.routed.cold"]),
            Figure("peer.result.cold", "Peer: navigation → first Run output (Run clicked when ready), cold", "ms",
                   ratios=["floor.routed.cold"]),
            Figure("longtasks.peer.cold.count", "Long tasks until first result, peer cold: count", "count"),
            Figure("longtasks.peer.cold.max", "Long tasks, peer cold: longest", "ms"),
            Figure("longtasks.peer.cold.total", "Long tasks, peer cold: total", "ms"),
            Figure("ours.vs.peer", "Ours ready ÷ peer first result, cold, per run (< 1: ours is ahead)", "ratio"),
        ]
    return figures


class Bench:
    """Runs the measurements and files each sample under its figure id.

    ``loads`` keeps every counted load's marks and raw long tasks, for the JSON: it shows where
    a slow start-up spent its time.
    """

    def __init__(self, figures: list[Figure], site_url: str, peer_url: str | None, pyodide_dir: Path) -> None:
        self.figures = {figure.id: figure for figure in figures}
        self.site_url = site_url
        self.peer_url = peer_url
        self.pyodide_dir = pyodide_dir
        self.peer_routes: dict[str, str] = {}
        self.third_party: set[str] = set()
        self.loads: list[dict[str, Any]] = []
        self.quiet_waits: list[float] = []

    def add(self, figure_id: str, value: float | None) -> None:
        if value is not None:
            self.figures[figure_id].samples.append(value)

    def add_paired(self, figure_id: str, numerator_id: str, denominator_id: str) -> None:
        """This round's ratio of two figures measured in it (each has this round's sample last)."""
        self.add(figure_id, ratio(self.figures[numerator_id].samples[-1], self.figures[denominator_id].samples[-1]))

    def load(self, name: str, context: Any, url: str, **options: Any) -> tuple[PageLoad, Any]:
        self.quiet_waits.append(wait_for_quiet())
        load, page = load_page(context, url, **options)
        self.loads.append({"name": name, "url": url, "marks": load.marks, "long_tasks": load.long_task_list,
                           "scripts": load.scripts, "requests": load.timeline})
        if url.startswith(self.site_url):
            self.third_party.update(load.third_party)
        return load, page

    def cold(self, name: str, browser: Browser, path: str, **options: Any) -> PageLoad:
        with browser.cold() as context:
            return self.load(name, context, self.site_url + path, **options)[0]

    def prime_warm_profiles(self, browser: Browser) -> None:
        for name, path in WARM_PAGES.items():
            load_page(browser.warm_context(name), self.site_url + path)

    def run_once(self, browser: Browser) -> None:
        """One round of every measurement, interleaved so that a busy moment of the machine
        spreads over all figures instead of landing on one."""
        load = self.cold("floor.cold", browser, WARM_PAGES["floor"])
        self.add("floor.cold", load.marks["ready"])
        self.add("floor.first_pyodide_request.cold", first_request_ms(load.timeline, is_pyodide_url))
        self.add("longtasks.floor.cold.max", load.long_tasks["max"])

        load = self.cold("ours.cold", browser, WARM_PAGES["ours"])
        self.add("ours.cold", load.marks["ready"])
        self.add("ours.python.cold", load.marks.get("python"))
        self.add("ours.first_pyodide_request.cold", first_request_ms(load.timeline, is_pyodide_url))
        self.add("ours.wheel_request.cold", first_request_ms(load.timeline, is_wheel_url))
        self.add("longtasks.ours.cold.count", load.long_tasks["count"])
        self.add("longtasks.ours.cold.max", load.long_tasks["max"])
        self.add("own.ours.cold.max", load.own_script_max)
        self.add("bytes.playground.total", load.bytes_total)
        self.add("bytes.playground.pyodide", load.bytes_pyodide)

        self.add("ours.ja.cold", self.cold("ours.ja.cold", browser, WARM_PAGES["ours.ja"]).marks["ready"])
        self.add("floor.page.cold", self.cold("floor.page.cold", browser, PAGE_FLOOR).marks["ready"])
        self.add_paired("ours.vs.floor.cold", "ours.cold", "floor.cold")
        self.add_paired("ours.ja.vs.floor.cold", "ours.ja.cold", "floor.cold")
        self.add_paired("floor.page.vs.floor.cold", "floor.page.cold", "floor.cold")
        self.add_paired("ours.vs.floor.page.cold", "ours.cold", "floor.page.cold")

        if self.peer_url:
            peer_result = self.run_peer(browser)
            self.add("ours.vs.peer", ratio(self.figures["ours.cold"].samples[-1], peer_result))

        load, _ = self.load("floor.warm", browser.warm_context("floor"), self.site_url + WARM_PAGES["floor"])
        self.add("floor.warm", load.marks["ready"])

        load, page = self.load("ours.warm", browser.warm_context("ours"), self.site_url + WARM_PAGES["ours"],
                               keep_open=True)
        self.add("ours.warm", load.marks["ready"])
        self.add("longtasks.ours.warm.count", load.long_tasks["count"])
        self.add("longtasks.ours.warm.max", load.long_tasks["max"])
        self.add("own.ours.warm.max", load.own_script_max)
        try:
            sends_from = page.evaluate("() => performance.now()")
            for ms in measure_sends(page, SENDS_PER_RUN):
                self.add("send.sandbox", ms)
            scripts = page.evaluate("() => window.__bench.scripts")
            self.add("own.send.max", own_script_max([s for s in scripts if s["start"] >= sends_from], float("inf")))
        finally:
            page.close()

        load, _ = self.load("ours.ja.warm", browser.warm_context("ours.ja"), self.site_url + WARM_PAGES["ours.ja"])
        self.add("ours.ja.warm", load.marks["ready"])
        self.add_paired("ours.vs.floor.warm", "ours.warm", "floor.warm")
        self.add_paired("ours.ja.vs.floor.warm", "ours.ja.warm", "floor.warm")

        for name, path in PAGES_WITHOUT_PLAYGROUND.items():
            load = self.cold(f"{name}.cold", browser, path, ready=False)
            self.add(f"bytes.{name}.total", load.bytes_total)
            self.add(f"bytes.{name}.pyodide", load.bytes_pyodide)
            if name == "reference":
                self.add("longtasks.reference.cold.max", load.long_tasks["max"])

        # Last: the reference on Pyodide as shipped is the heaviest load of the round.
        self.add("shipped.cold", self.cold("shipped.cold", browser, WARM_PAGES["shipped"]).marks["ready"])
        load, _ = self.load("shipped.warm", browser.warm_context("shipped"), self.site_url + WARM_PAGES["shipped"])
        self.add("shipped.warm", load.marks["ready"])

    def run_peer(self, browser: Browser) -> float:
        """Measure the peer and its control; return the peer's time to its first result."""
        # Routing turns Chromium's HTTP cache off, so the peer is measured cold only. The control,
        # the floor page in a context with the same routes on, shows what routing itself costs.
        cdn = CdnRedirect(self.peer_url + "mirror/", self.pyodide_dir)
        with browser.cold() as context:
            context.route(NOT_LOOPBACK, cdn)
            load, _ = self.load("floor.routed.cold", context, self.site_url + WARM_PAGES["floor"])
        self.add("floor.routed.cold", load.marks["ready"])

        with browser.cold() as context:
            context.add_init_script(PEER_INIT_SCRIPT)
            context.route(NOT_LOOPBACK, cdn)
            load, _ = self.load("peer.cold", context, self.peer_url)
        self.peer_routes.update(cdn.served)
        self.add("peer.python.cold", load.marks["python"])
        self.add("peer.result.cold", load.marks["ready"])
        self.add("longtasks.peer.cold.count", load.long_tasks["count"])
        self.add("longtasks.peer.cold.max", load.long_tasks["max"])
        self.add("longtasks.peer.cold.total", load.long_tasks["total"])
        return load.marks["ready"]


def peer_prerequisites() -> list[str]:
    """What the peer needs that may be missing (npm packages installed by scripts/setup.sh)."""
    needed = [NODE_MODULES / "pyodide" / "pyodide.js", NODE_MODULES / "ace-builds" / "src-min-noconflict" / "ace.js",
              NODE_MODULES / "@highlightjs" / "cdn-assets" / "highlight.min.js", NODE_MODULES / "highlightjs-themes"]
    return [str(path.relative_to(ROOT)) for path in needed if not path.exists()]


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine is the main source of noise here."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def machine_meta(runs: int, build_times: dict[str, float] | None) -> dict[str, Any]:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "load_average_1min_at_start": load_average(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "chromium": chromium,
        "pyodide": pyodide_version(),
        "runs": runs,
        "built_here": build_times is not None,
    }


def run_notes(bench: Bench, site_built: bool, meta: dict[str, Any]) -> list[str]:
    notes = []
    loads = [meta[key] for key in ("load_average_1min_at_start", "load_average_1min_at_end") if meta.get(key) is not None]
    if loads and meta["cores"] and max(loads) > meta["cores"]:
        notes.append(f"The machine was busy (1-min load average up to {max(loads):.1f} on {meta['cores']} cores): "
                     "absolute times are inflated and single runs vary a lot; read the ratios, or run again with "
                     "more --runs.")
    notes += [
        "Times: performance.now() marks inside the page, from navigation start; median of the runs.",
        "Cold: a fresh Chromium profile per load. Warm: one kept profile per page, primed by one uncounted load.",
        "ready: the playground root has data-ready=\"true\" (Python, our package, and its first answer, `info`).",
        "Long tasks: PerformanceObserver('longtask', buffered) on the main thread, from navigation to ready.",
        "Bytes: encoded response bodies + headers of every request of the page and its worker, cold cache.",
        "Ratios are ratios of medians.",
    ]
    if bench.quiet_waits:
        notes.append(f"Each counted load waited for a quiet CPU (at least {1 - QUIET_BUSY:.0%} idle over {QUIET_SAMPLE_S} s, "
                     f"at least {QUIET_MIN_S:.0f} s): median {statistics.median(bench.quiet_waits):.1f} s, "
                     f"longest {max(bench.quiet_waits):.1f} s.")
    if not site_built:
        notes.append("Build figures skipped: --site-dir points at a prebuilt site.")
    if bench.peer_url:
        notes.append(
            "Peer: markdown-exec's pyodide fence (no auto-run: Run is clicked as soon as it is wired) on a "
            "one-page Material site, served with a local mirror of its CDN files by a plain static server (our "
            "server's CSP would block its CDN scripts). A Playwright route redirects each CDN URL to the mirror: "
            "Pyodide from the site's vendored copy (pyodide.js, the classic script it uses, from the same npm "
            "package), Ace 1.16.0 from npm ace-builds (src-min-noconflict, what cdnjs serves), highlight.js 11.7.0 "
            "from npm @highlightjs/cdn-assets, the theme CSS from npm highlightjs-themes: the real assets, no stub. "
            "Routing switches the HTTP cache off, hence cold only; floor.routed.cold is the floor with the same "
            "routes on.")
        missing = sorted(url for url, source in bench.peer_routes.items() if source.startswith("404"))
        if missing:
            notes.append("Peer requests answered 404 (no offline copy; the peer goes on without them, so its "
                         "figures are if anything optimistic): " + ", ".join(missing))
    if bench.third_party:
        notes.append("Third-party requests seen on our pages: " + ", ".join(sorted(bench.third_party)))
    else:
        notes.append("Third-party requests on our pages: none.")
    return notes


def shown_load(meta: dict[str, Any]) -> str:
    start, end = meta.get("load_average_1min_at_start"), meta.get("load_average_1min_at_end")
    return " → ".join("n/a" if load is None else f"{load:.1f}" for load in (start, end)) + " from start to end"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up figure (default: 5)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help=f"where to write the results (default: {DEFAULT_JSON.relative_to(ROOT)})")
    parser.add_argument("--site-dir", type=Path,
                        help="a site built by scripts/build.py; the benchmark then skips (and does not time) the build")
    parser.add_argument("--no-peer", action="store_true", help="skip markdown-exec's pyodide fence")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run scripts/setup.sh --browser")
    missing = [] if args.no_peer else peer_prerequisites()
    if missing:
        raise SystemExit(f"the peer needs {', '.join(missing)}: run scripts/setup.sh (npm ci), or pass --no-peer")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        site_dir = scratch / "site"
        build_times = None
        if args.site_dir:
            prebuilt = args.site_dir.resolve()
            if not (prebuilt / "pyodide" / "pyodide.mjs").exists():
                raise SystemExit(f"{prebuilt} is not a built site (no pyodide/pyodide.mjs): run scripts/build.py")
            # A copy (about 20 MB): the floor page is added to it, and the given site stays untouched.
            shutil.copytree(prebuilt, site_dir)
        else:
            say("building the site (both languages) and vendoring Pyodide, timed once")
            build_times = build_site_timed(site_dir)
        add_floor_pages(site_dir)
        add_page_floor(site_dir)
        meta = machine_meta(args.runs, build_times)
        peer_site = None if args.no_peer else build_peer_site(scratch / "peer")
        figures = declare_figures(with_build=build_times is not None, with_peer=peer_site is not None)

        with running_server(site_dir) as site, \
                (peer_server(peer_site, site_dir / "pyodide") if peer_site else contextlib.nullcontext()) as peer_url, \
                sync_playwright() as playwright:
            bench = Bench(figures, site.url, peer_url, site_dir / "pyodide")
            if build_times:
                bench.add("build.total", build_times["total"])
                bench.add("build.docs", build_times["docs"])
            browser = Browser(playwright, scratch)
            try:
                say("priming the warm profiles")
                bench.prime_warm_profiles(browser)
                for run in range(1, args.runs + 1):
                    say(f"run {run}/{args.runs}")
                    bench.run_once(browser)
            finally:
                browser.close()

    meta["load_average_1min_at_end"] = load_average()
    notes = run_notes(bench, build_times is not None, meta)
    document = results_document(figures, meta, notes)
    document["peer_routes"] = bench.peer_routes
    document["loads"] = bench.loads
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"Benchmark, {meta['date']}, {meta['cores']} cores (1-min load average {shown_load(meta)}), "
          f"{meta['chromium']}, Pyodide {meta['pyodide']}, {args.runs} run(s) per start-up figure\n")
    print(render_table(figures))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
