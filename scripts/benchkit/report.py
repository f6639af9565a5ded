"""What a run reports: the Markdown table, the notes that say how to read it, the JSON with every
sample, and the "latest run" section of the maintainers' performance document.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .figures import SEND_BUDGET_MS, Bench, Figure, figure_ratios
from .harness import CHROMIUM, QUIET_BUSY, QUIET_MIN_S, QUIET_SAMPLE_S, ROOT, pyodide_version

__all__ = [
    "DEFAULT_DOC",
    "DEFAULT_JSON",
    "DOC_END",
    "DOC_START",
    "SCHEMA_VERSION",
    "format_value",
    "headline",
    "latest_section",
    "load_average",
    "machine_meta",
    "render_table",
    "replace_latest_section",
    "results_document",
    "run_notes",
    "shown_load",
    "write_latest_section",
]

DEFAULT_JSON = ROOT / ".cache" / "bench" / "latest.json"
DEFAULT_DOC = ROOT / "maintainers" / "performance.md"
SCHEMA_VERSION = 1
# The document's "latest run" lies between these two lines; everything else in it is written by hand.
DOC_START = "<!-- latest run: written by scripts/bench.py from here to the end marker -->"
DOC_END = "<!-- latest run: end -->"


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


def render_table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table: figure, median, min–max, runs, ratios (of medians)."""
    by_id = {figure.id: figure for figure in figures}
    lines = ["| figure | median | min – max | runs | ratio (of medians) |", "| --- | ---: | ---: | ---: | --- |"]
    for figure in figures:
        if figure.samples:
            spread = (
                f"{format_value(min(figure.samples), figure.unit)} – {format_value(max(figure.samples), figure.unit)}"
            )
        else:
            spread = "n/a"
        ratios = ", ".join(f"{value:.2f}× {other_id}" for other_id, value in figure_ratios(figure, by_id))
        label = f"{figure.label} (`{figure.id}`)"
        lines.append(
            f"| {label} | {format_value(figure.median, figure.unit)} | {spread} | {len(figure.samples)} | {ratios} |"
        )
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


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine is the main source of noise here."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def machine_meta(runs: int, build_times: dict[str, float] | None, server: str = "playground.server") -> dict[str, Any]:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "server": server,
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
    loads = [
        meta[key] for key in ("load_average_1min_at_start", "load_average_1min_at_end") if meta.get(key) is not None
    ]
    if loads and meta["cores"] and max(loads) > meta["cores"]:
        notes.append(
            f"The machine was busy (1-min load average up to {max(loads):.1f} on {meta['cores']} cores): "
            "absolute times are inflated and single runs vary a lot; read the ratios, or run again with "
            "more --runs."
        )
    notes += [
        "Times: performance.now() marks inside the page, from navigation start; median of the runs.",
        "Cold: a fresh Chromium profile per load. Warm: one kept profile per page, primed by one uncounted load.",
        'ready: the playground root has data-ready="true" (Python, our package, and its first answer, `info`).',
        "Long tasks: PerformanceObserver('longtask', buffered) on the main thread, from navigation to ready.",
        "Bytes: encoded response bodies + headers (as received, compressed where the server sent a "
        "Content-Encoding) of every request of the page and its worker, cold cache.",
        "The issue's bars are read from the per-round ratios to the main-thread floor (bare loadPyodide() "
        "on the page itself, which Chromium gives its WebAssembly code cache on warm loads; a worker gets "
        "none); the worker floor stays as a reference. The last column's ratios are ratios of medians.",
    ]
    if bench.quiet_waits:
        notes.append(
            f"Each counted load waited for a quiet CPU (at least {1 - QUIET_BUSY:.0%} idle over {QUIET_SAMPLE_S} s, "
            f"at least {QUIET_MIN_S:.0f} s): median {statistics.median(bench.quiet_waits):.1f} s, "
            f"longest {max(bench.quiet_waits):.1f} s."
        )
    send = bench.figures.get("send.sandbox")
    if send and send.median is not None:
        verdict = "within" if send.median <= SEND_BUDGET_MS else "OVER"
        notes.append(f"Send → painted: median {send.median:.0f} ms, {verdict} its {SEND_BUDGET_MS} ms budget.")
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
            "routes on."
        )
        missing = sorted(url for url, source in bench.peer_routes.items() if source.startswith("404"))
        if missing:
            notes.append(
                "Peer requests answered 404 (no offline copy; the peer goes on without them, so its "
                "figures are if anything optimistic): " + ", ".join(missing)
            )
    if bench.third_party:
        notes.append("Third-party requests seen on our pages: " + ", ".join(sorted(bench.third_party)))
    else:
        notes.append("Third-party requests on our pages: none.")
    return notes


def shown_load(meta: dict[str, Any]) -> str:
    start, end = meta.get("load_average_1min_at_start"), meta.get("load_average_1min_at_end")
    return " → ".join("n/a" if load is None else f"{load:.1f}" for load in (start, end)) + " from start to end"


def headline(meta: dict[str, Any]) -> str:
    """When, on what and how many runs: the line above the table."""
    return (
        f"{meta['date']}, pages served by {meta.get('server', 'playground.server')}, {meta['cores']} cores "
        f"(1-min load average {shown_load(meta)}), {meta['chromium']}, Pyodide {meta['pyodide']}, "
        f"{meta['runs']} run(s) per start-up figure"
    )


def latest_section(figures: Sequence[Figure], meta: dict[str, Any], notes: Sequence[str], budgets: str = "") -> str:
    """The document's "latest run" section, markers included: the run's context, the table, the
    budgets' table (when given) and the notes."""
    site = "a site built and timed by this run" if meta["built_here"] else "a prebuilt site (`--site-dir`)"
    lines = [
        DOC_START,
        "",
        f"Latest run: {headline(meta)}, on {meta['platform']}, {site}.",
        "",
        render_table(figures),
        "",
    ]
    if budgets:
        lines += ["Issue 23's bars, from this run's figures:", "", budgets, ""]
    lines += [f"- {note}" for note in notes]
    lines += ["", DOC_END]
    return "\n".join(lines)


def replace_latest_section(document: str, section: str, markers: tuple[str, str] = (DOC_START, DOC_END)) -> str:
    """``document`` with its markers and what lies between them replaced by ``section``; the rest kept as it is.
    ``markers``: the start and end lines of the section (the benchmark's own by default)."""
    doc_start, doc_end = markers
    starts, ends = document.count(doc_start), document.count(doc_end)
    if starts != 1 or ends != 1:
        raise ValueError(f"expected each latest-run marker once, found the start {starts} and the end {ends} time(s)")
    start, end = document.index(doc_start), document.index(doc_end)
    if end < start:
        raise ValueError("the latest-run end marker comes before the start marker")
    return document[:start] + section + document[end + len(doc_end) :]


def write_latest_section(path: Path, section: str, markers: tuple[str, str] = (DOC_START, DOC_END)) -> None:
    """Rewrite the section between ``markers`` of the document at ``path`` in place."""
    path.write_text(replace_latest_section(path.read_text(encoding="utf-8"), section, markers), encoding="utf-8")
