"""What the benchmark measures: each figure, and the rounds that fill them with samples.

A round loads every page once, interleaved, so that a busy moment of the machine spreads over all
figures instead of landing on one; the *per round* figures divide two loads of the same round,
which swing together with the machine, and then take the median.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codegen import measure_codegen
from .harness import (
    Browser,
    PageLoad,
    first_request_ms,
    is_pyodide_url,
    is_wheel_url,
    load_page,
    measure_sends,
    own_script_max,
    prime_profile,
    wait_for_quiet,
)
from .pages import OUR_PAGES, PAGE_FLOOR, PAGES_WITHOUT_PLAYGROUND, PLAIN_PAGE, WARM_PAGES
from .peer import NOT_LOOPBACK, PEER_INIT_SCRIPT, CdnRedirect

__all__ = ["SEND_BUDGET_MS", "UNITS", "Bench", "Figure", "declare_figures", "figure_ratios", "page_label", "ratio"]

UNITS = ("ms", "s", "bytes", "count", "ratio")
SENDS_PER_RUN = 3
SEND_BUDGET_MS = 100  # issue 20: Send → painted stays under it (measured here, never asserted in tests)


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


def figure_ratios(figure: Figure, by_id: dict[str, Figure]) -> list[tuple[str, float]]:
    """``(other id, this median / other median)`` for each ratio of ``figure`` that can be computed."""
    pairs = []
    for other_id in figure.ratios:
        other = by_id.get(other_id)
        value = ratio(figure.median, other.median if other else None)
        if value is not None:
            pairs.append((other_id, value))
    return pairs


def page_label(key: str) -> str:
    """The URL path of one of our measured pages, as the table names it."""
    return "/" + OUR_PAGES[key]


def declare_figures(with_build: bool, with_peer: bool) -> list[Figure]:
    """Every figure, in table order."""
    figures = []
    if with_build:
        figures += [
            Figure("build.total", "Full site build, scripts/build.py (one timed build)", "s"),
            Figure("build.docs", "of which MkDocs, every language (build_docs)", "s"),
        ]
    figures += [
        Figure("floor.main.cold", "Main-thread floor: bare loadPyodide() on the page's main thread, cold", "ms"),
        Figure("floor.main.warm", "Main-thread floor, warm (with Chromium's WebAssembly code cache)", "ms"),
        Figure(
            "floor.cold",
            "Reference: worker floor, bare loadPyodide() in a module worker, cold",
            "ms",
            ratios=["floor.main.cold"],
        ),
        Figure("floor.warm", "Reference: worker floor, warm", "ms", ratios=["floor.main.warm"]),
        Figure(
            "shipped.cold",
            "Reference: the worker floor on Pyodide's npm files as shipped (no compile cache), cold",
            "ms",
            ratios=["floor.cold"],
        ),
        Figure("shipped.warm", "Reference: the same, warm", "ms", ratios=["floor.warm"]),
    ]
    for key in OUR_PAGES:
        cold_ratios = ["floor.main.cold", "floor.cold"]
        if key == "ours":
            cold_ratios += ["shipped.cold", "peer.result.cold"] if with_peer else ["shipped.cold"]
        figures += [
            Figure(f"{key}.cold", f"Ours {page_label(key)}: navigation → ready, cold", "ms", ratios=cold_ratios),
            Figure(f"{key}.warm", f"Ours {page_label(key)}, warm", "ms", ratios=["floor.main.warm", "floor.warm"]),
        ]
    figures += [
        Figure(
            "floor.page.cold",
            "Floor on our page: /playground/ with bare loadPyodide() (worker) in place of our playground, cold",
            "ms",
            ratios=["floor.cold"],
        ),
        Figure("ours.python.cold", "Ours: worker reports Python + package loaded, cold", "ms", ratios=["floor.cold"]),
    ]
    # The same comparisons pairwise: each round's own ratio, then the median. The machine's speed
    # drifts between rounds and moves both loads of a round together; a ratio of medians mixes
    # rounds, these do not. The bars are read from the ratios to the main-thread floor.
    for temperature in ("cold", "warm"):
        figures += [
            Figure(
                f"{key}.vs.floor.main.{temperature}",
                f"Ours {page_label(key)} ÷ main-thread floor, {temperature}, per round",
                "ratio",
            )
            for key in OUR_PAGES
        ]
    figures += [
        Figure(
            f"{key}.vs.floor.{temperature}",
            f"Reference: ours {page_label(key)} ÷ worker floor, {temperature}, per round",
            "ratio",
        )
        for key in ("ours", "ours.ja")
        for temperature in ("cold", "warm")
    ]
    figures += [
        Figure(
            "floor.page.vs.floor.cold",
            "Floor on our page ÷ worker floor, cold, per round: what the page costs",
            "ratio",
        ),
        Figure(
            "ours.vs.floor.page.cold", "Ours ÷ floor on our page, cold, per round: what our playground adds", "ratio"
        ),
        Figure("floor.first_pyodide_request.cold", "Worker floor: navigation → first /pyodide/ request, cold", "ms"),
        Figure("ours.first_pyodide_request.cold", "Ours: navigation → first /pyodide/ request, cold", "ms"),
        Figure("ours.wheel_request.cold", "Ours: navigation → our wheel requested, cold", "ms"),
        Figure("longtasks.ours.cold.count", "Long tasks > 50 ms until ready, ours cold: count", "count"),
        Figure("longtasks.ours.cold.max", "Long tasks, ours cold: longest", "ms"),
        Figure("longtasks.ours.warm.count", "Long tasks until ready, ours warm: count", "count"),
        Figure("longtasks.ours.warm.max", "Long tasks, ours warm: longest", "ms"),
        Figure(
            "own.ours.cold.max",
            "Longest main-thread run of our scripts until ready, /playground/ cold (long-animation-frame attribution)",
            "ms",
        ),
        Figure("own.ours.warm.max", "Longest main-thread run of our scripts until ready, /playground/ warm", "ms"),
        Figure(
            "own.all.max",
            "Longest main-thread run of our scripts until ready, any page measured, cold or warm, in the round",
            "ms",
        ),
        Figure("own.send.max", "Longest main-thread run of our scripts during the Sends", "ms"),
        Figure("longtasks.floor.cold.max", "Long tasks, worker floor cold: longest", "ms"),
        Figure("longtasks.reference.cold.max", "Long tasks, /reference/ (no playground) cold: longest", "ms"),
        Figure(
            "send.sandbox",
            f"Send → response painted (sandbox target, demo key; budget {SEND_BUDGET_MS} ms)",
            "ms",
            note="From the Send click to the frame that shows the status, the highlighted body and the headers table.",
        ),
        Figure("codegen", "Code for one request, every tab (CPython generate(); budget 20 ms)", "ms"),
        Figure("bytes.playground.total", "Bytes, /playground/ cold: all", "bytes"),
        Figure("bytes.playground.pyodide", "Bytes, /playground/ cold: Pyodide (/pyodide/)", "bytes"),
        Figure("bytes.auth.total", f"Bytes, {page_label('auth')} cold: all", "bytes"),
        Figure("bytes.auth.pyodide", f"Bytes, {page_label('auth')} cold: Pyodide (/pyodide/)", "bytes"),
        Figure("bytes.home.total", "Bytes, / (no playground) cold: all", "bytes", ratios=["bytes.plain.total"]),
        Figure("bytes.home.pyodide", "Bytes, / cold: Pyodide", "bytes"),
        Figure(
            "bytes.plain.total",
            "Bytes, a plain Material page (/'s HTML without the site's extra stylesheets and scripts) cold: all",
            "bytes",
        ),
        Figure("bytes.reference.total", "Bytes, /reference/ (no playground) cold: all", "bytes"),
        Figure("bytes.reference.pyodide", "Bytes, /reference/ cold: Pyodide", "bytes"),
    ]
    if with_peer:
        figures += [
            Figure(
                "floor.routed.cold",
                "Control: worker floor with the peer's Playwright routes on, cold",
                "ms",
                ratios=["floor.cold"],
            ),
            Figure(
                "peer.python.cold",
                "Peer (markdown-exec pyodide fence): Pyodide loaded, cold",
                "ms",
                ratios=["floor.routed.cold"],
            ),
            Figure(
                "peer.result.cold",
                "Peer: navigation → first Run output (Run clicked when ready), cold",
                "ms",
                ratios=["floor.routed.cold"],
            ),
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
        self.loads.append(
            {
                "name": name,
                "url": url,
                "marks": load.marks,
                "long_tasks": load.long_task_list,
                "scripts": load.scripts,
                "requests": load.timeline,
            }
        )
        if url.startswith(self.site_url):
            self.third_party.update(load.third_party)
        return load, page

    def cold(self, name: str, browser: Browser, path: str, **options: Any) -> PageLoad:
        with browser.cold() as context:
            return self.load(name, context, self.site_url + path, **options)[0]

    def prime_warm_profiles(self, browser: Browser) -> None:
        for name, path in WARM_PAGES.items():
            prime_profile(browser.warm_context(name), self.site_url + path)

    def run_once(self, browser: Browser) -> None:
        """One round of every measurement, interleaved so that a busy moment of the machine
        spreads over all figures instead of landing on one."""
        own_runs = []  # our scripts' longest main-thread run, in each load of our pages this round

        self.add("floor.main.cold", self.cold("floor.main.cold", browser, WARM_PAGES["floor.main"]).marks["ready"])
        load = self.cold("floor.cold", browser, WARM_PAGES["floor"])
        self.add("floor.cold", load.marks["ready"])
        self.add("floor.first_pyodide_request.cold", first_request_ms(load.timeline, is_pyodide_url))
        self.add("longtasks.floor.cold.max", load.long_tasks["max"])

        for key, path in OUR_PAGES.items():
            load = self.cold(f"{key}.cold", browser, path)
            self.add(f"{key}.cold", load.marks["ready"])
            own_runs.append(load.own_script_max)
            if key == "ours":
                self.add("ours.python.cold", load.marks.get("python"))
                self.add("ours.first_pyodide_request.cold", first_request_ms(load.timeline, is_pyodide_url))
                self.add("ours.wheel_request.cold", first_request_ms(load.timeline, is_wheel_url))
                self.add("longtasks.ours.cold.count", load.long_tasks["count"])
                self.add("longtasks.ours.cold.max", load.long_tasks["max"])
                self.add("own.ours.cold.max", load.own_script_max)
                self.add("bytes.playground.total", load.bytes_total)
                self.add("bytes.playground.pyodide", load.bytes_pyodide)
            elif key == "auth":
                self.add("bytes.auth.total", load.bytes_total)
                self.add("bytes.auth.pyodide", load.bytes_pyodide)

        self.add("floor.page.cold", self.cold("floor.page.cold", browser, PAGE_FLOOR).marks["ready"])
        for key in OUR_PAGES:
            self.add_paired(f"{key}.vs.floor.main.cold", f"{key}.cold", "floor.main.cold")
        self.add_paired("ours.vs.floor.cold", "ours.cold", "floor.cold")
        self.add_paired("ours.ja.vs.floor.cold", "ours.ja.cold", "floor.cold")
        self.add_paired("floor.page.vs.floor.cold", "floor.page.cold", "floor.cold")
        self.add_paired("ours.vs.floor.page.cold", "ours.cold", "floor.page.cold")

        if self.peer_url:
            peer_result = self.run_peer(browser)
            self.add("ours.vs.peer", ratio(self.figures["ours.cold"].samples[-1], peer_result))

        for floor in ("floor.main", "floor"):
            load, _ = self.load(f"{floor}.warm", browser.warm_context(floor), self.site_url + WARM_PAGES[floor])
            self.add(f"{floor}.warm", load.marks["ready"])

        for key, path in OUR_PAGES.items():
            # /playground/ stays open for the Sends.
            load, page = self.load(
                f"{key}.warm", browser.warm_context(key), self.site_url + path, keep_open=key == "ours"
            )
            self.add(f"{key}.warm", load.marks["ready"])
            own_runs.append(load.own_script_max)
            if page is not None:
                self.add("longtasks.ours.warm.count", load.long_tasks["count"])
                self.add("longtasks.ours.warm.max", load.long_tasks["max"])
                self.add("own.ours.warm.max", load.own_script_max)
                self.measure_sends(page)
                self.add("codegen", measure_codegen())
        self.add("own.all.max", max(own_runs))
        for key in OUR_PAGES:
            self.add_paired(f"{key}.vs.floor.main.warm", f"{key}.warm", "floor.main.warm")
        self.add_paired("ours.vs.floor.warm", "ours.warm", "floor.warm")
        self.add_paired("ours.ja.vs.floor.warm", "ours.ja.warm", "floor.warm")

        for name, path in {**PAGES_WITHOUT_PLAYGROUND, "plain": PLAIN_PAGE}.items():
            load = self.cold(f"{name}.cold", browser, path, ready=False)
            self.add(f"bytes.{name}.total", load.bytes_total)
            if name in PAGES_WITHOUT_PLAYGROUND:
                self.add(f"bytes.{name}.pyodide", load.bytes_pyodide)
            if name == "reference":
                self.add("longtasks.reference.cold.max", load.long_tasks["max"])

        # Last: the reference on Pyodide as shipped is the heaviest load of the round.
        self.add("shipped.cold", self.cold("shipped.cold", browser, WARM_PAGES["shipped"]).marks["ready"])
        load, _ = self.load("shipped.warm", browser.warm_context("shipped"), self.site_url + WARM_PAGES["shipped"])
        self.add("shipped.warm", load.marks["ready"])

    def measure_sends(self, page: Any) -> None:
        """Time the Sends on a ready /playground/, and our scripts' longest run during them; close the tab."""
        try:
            sends_from = page.evaluate("() => performance.now()")
            for ms in measure_sends(page, SENDS_PER_RUN):
                self.add("send.sandbox", ms)
            scripts = page.evaluate("() => window.__bench.scripts")
            self.add("own.send.max", own_script_max([s for s in scripts if s["start"] >= sends_from], float("inf")))
        finally:
            page.close()

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
