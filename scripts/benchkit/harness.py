"""The browser harness: Debian's Chromium with fresh or kept profiles, one timed page load, and
the quiet-CPU wait before each counted load.

Marks are ``performance.now()`` values taken inside the page by MutationObservers, so a time
starts at navigation and carries no Playwright round trip.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "CHROMIUM",
    "NODE_MODULES",
    "QUIET_BUSY",
    "QUIET_MIN_S",
    "QUIET_SAMPLE_S",
    "ROOT",
    "Browser",
    "PageLoad",
    "busy_fraction",
    "cpu_times",
    "first_request_ms",
    "is_pyodide_url",
    "is_wheel_url",
    "load_page",
    "long_task_summary",
    "measure_sends",
    "own_script_max",
    "prime_profile",
    "pyodide_version",
    "require_chromium",
    "say",
    "wait_for_quiet",
]

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

CHROMIUM = "/usr/bin/chromium"
# The same flags as tests/conftest.py: nothing in the browser talks to the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
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


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run scripts/setup.sh --browser")


def pyodide_version() -> str:
    return json.loads((NODE_MODULES / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]


# --- a quiet machine ----------------------------------------------------------------------------


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


# --- what a load showed (pure: tests/test_bench.py covers them) ---------------------------------


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


def is_wheel_url(url: str) -> bool:
    return urlsplit(url).path.endswith(".whl")


def first_request_ms(timeline: Sequence[dict[str, Any]], wanted: Callable[[str], bool]) -> float | None:
    """When the first request whose URL is ``wanted`` started, in ms since navigation (None: no such request)."""
    return min((entry["start"] for entry in timeline if wanted(entry["url"])), default=None)


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
  }).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-ready", "data-python", "data-failed"],
  });
})();
"""

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
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
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
        page.wait_for_function(
            "() => window.__bench.marks.ready !== undefined || window.__bench.failed", timeout=LOAD_TIMEOUT_MS
        )
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


def prime_profile(context: Any, url: str) -> None:
    """The uncounted first load of a kept (warm) profile. Chromium writes a page's compiled
    WebAssembly to its code cache once V8 has optimised it, in the background: the tab stays open
    until the machine is quiet, so that the next load finds that work done and kept."""
    _, page = load_page(context, url, keep_open=True)
    try:
        wait_for_quiet()
    finally:
        page.close()


def request_summary(finished: Sequence[Any], own_host: str, time_origin: float) -> dict[str, Any]:
    """Bytes on the wire per page load, and when each request started (ms since navigation), which
    shows when the worker got to each step. Playwright's body size is Chromium's encodedDataLength
    less the headers: body + headers are the bytes received, compressed where the server sent a
    Content-Encoding (0 for a response from the HTTP cache)."""
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
    return {
        "bytes_total": total,
        "bytes_pyodide": pyodide,
        "requests": len(finished),
        "third_party": third_party,
        "timeline": timeline,
    }


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
