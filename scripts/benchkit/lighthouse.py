"""Lighthouse, as readers on phones get it: its CLI (the pinned npm package) on each page of a site,
with its mobile defaults and simulated throttling, and each page's result read into one table row.

A page whose run fails becomes a row that says why; the other pages are still measured.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .harness import CHROMIUM, ROOT
from .report import format_value

__all__ = [
    "BARS",
    "CATEGORIES",
    "DOC_MARKERS",
    "LighthouseRow",
    "failed_bars",
    "lighthouse_row",
    "lighthouse_section",
    "render_lighthouse_table",
    "run_lighthouse",
    "site_pages",
]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The metrics each row shows: (audit id, column heading).
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)
# Issue 23's bars: each category's lowest score on every page of every language.
BARS = {"performance": 95, "seo": 100}
# maintainers/performance.md's Lighthouse section lies between these lines (scripts/lighthouse.py writes it).
DOC_MARKERS = (
    "<!-- lighthouse: written by scripts/lighthouse.py from here to the end marker -->",
    "<!-- lighthouse: end -->",
)
# Lighthouse's report lists an audit under "passed" from this score up (report-utils.js, RATINGS.PASS).
PASS_SCORE = 0.9
# A page with a playground loads Pyodide after its own load event: a run seldom takes a minute here.
TIMEOUT_S = 300
# No sandbox: Chromium runs as root in the containers this runs in. No desktop preset, no throttling
# flags: Lighthouse's defaults are a mid-range phone on a slow 4G link, simulated.
CHROME_FLAGS = "--headless=new --no-sandbox"


@dataclass
class LighthouseRow:
    page: str  # the path, "/ja/maiagent/authentication/"
    scores: dict[str, int] = field(default_factory=dict)  # category id -> 0..100
    metrics: dict[str, float] = field(default_factory=dict)  # audit id -> ms (CLS: unitless)
    bytes: int | None = None  # total byte weight, as transferred
    failing: list[str] = field(default_factory=list)  # audit ids under the pass score, metrics aside
    error: str | None = None  # why the run gave no result

    def as_json(self) -> dict:
        return asdict(self)


def site_pages(site_dir: Path) -> list[str]:
    """Every page of every language of a built site, as URL paths: each directory's index.html,
    but not Pyodide's files nor the 404 pages."""
    pages = []
    for index in site_dir.rglob("index.html"):
        parts = index.relative_to(site_dir).parent.parts
        if "pyodide" in parts or "404" in parts:
            continue
        pages.append("/" + "".join(f"{part}/" for part in parts))
    return sorted(pages)


def run_lighthouse(url: str, report_path: Path, *, lighthouse: Path = LIGHTHOUSE, chromium: str = CHROMIUM) -> dict:
    """Run Lighthouse on `url`, keep its full JSON report at `report_path` and return it; raise
    RuntimeError with the reason when the run gives no usable report."""
    command = [
        str(lighthouse),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
    ]
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"no result within {TIMEOUT_S} s") from None
    except OSError as error:
        raise RuntimeError(f"cannot run {lighthouse}: {error}") from None
    if done.returncode != 0 or not report_path.is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f"exit {done.returncode}: {lines[-1] if lines else 'no output'}")
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise RuntimeError(f"unreadable report: {error}") from None
    runtime_error = report.get("runtimeError")
    if runtime_error:
        raise RuntimeError(f"{runtime_error.get('code')}: {runtime_error.get('message')}")
    return report


def lighthouse_row(page: str, report: dict) -> LighthouseRow:
    """The row of a Lighthouse JSON report: the categories' scores, the metrics, the byte weight and
    the ids of the audits the report would list as failed (the metrics are columns already)."""
    categories = report["categories"]
    audits = report["audits"]
    scores = {}
    failing = []
    for category in CATEGORIES:
        if category not in categories:
            continue
        score = categories[category]["score"]
        if score is not None:
            scores[category] = round(score * 100)
        for ref in categories[category]["auditRefs"]:
            audit = audits.get(ref["id"])
            if audit is None or ref.get("group") in ("metrics", "hidden") or ref["id"] in failing:
                continue
            if audit["scoreDisplayMode"] == "error" or (
                audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
                and audit["score"] is not None
                and audit["score"] < PASS_SCORE
            ):
                failing.append(ref["id"])
    values = {audit: audits.get(audit, {}).get("numericValue") for audit, _ in METRICS}
    metrics = {audit: value for audit, value in values.items() if value is not None}
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    return LighthouseRow(page, scores, metrics, None if weight is None else int(weight), failing)


def _cell(row: LighthouseRow, audit: str) -> str:
    value = row.metrics.get(audit)
    if value is None:
        return "–"
    if audit == "cumulative-layout-shift":
        return f"{value:.3f}"
    if audit == "total-blocking-time":
        return format_value(value, "ms")
    return format_value(value / 1000, "s")


def render_lighthouse_table(rows: Sequence[LighthouseRow]) -> str:
    """One Markdown row per page: the four scores, the metrics, the weight, the failing audits."""
    headings = ["page", "perf", "a11y", "best pr.", "SEO", *(name for _, name in METRICS), "weight", "failing audits"]
    lines = ["| " + " | ".join(headings) + " |", "| " + " | ".join("---" for _ in headings) + " |"]
    for row in rows:
        if row.error is not None:
            cells = [f"`{row.page}`", f"failed: {row.error}".replace("|", "\\|"), *([""] * (len(headings) - 2))]
        else:
            cells = [
                f"`{row.page}`",
                *(str(row.scores.get(category, "–")) for category in CATEGORIES),
                *(_cell(row, audit) for audit, _ in METRICS),
                "–" if row.bytes is None else f"{row.bytes / 1e6:.1f} MB",
                ", ".join(row.failing) or "none",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def failed_bars(rows: Sequence[LighthouseRow]) -> list[str]:
    """Each page that misses a bar of [`BARS`][], or has no result, as "page: category score < bar"."""
    failures = []
    for row in rows:
        if row.error is not None:
            failures.append(f"{row.page}: no result ({row.error})")
            continue
        for category, bar in BARS.items():
            score = row.scores.get(category)
            if score is None or score < bar:
                failures.append(f"{row.page}: {category} {score if score is not None else 'missing'} < {bar}")
    return failures


def lighthouse_section(rows: Sequence[LighthouseRow], headline: str) -> str:
    """The performance document's Lighthouse section, markers included: the table and the bars' verdict."""
    failures = failed_bars(rows)
    bars = ", ".join(f"{category} ≥ {bar}" for category, bar in BARS.items())
    verdict = (
        [f"Bars ({bars}, every page): pass."]
        if not failures
        else [f"Bars ({bars}, every page): FAIL on {len(failures)}:", "", *(f"- {failure}" for failure in failures)]
    )
    return "\n".join(
        [DOC_MARKERS[0], "", headline, "", render_lighthouse_table(rows), "", *verdict, "", DOC_MARKERS[1]]
    )
