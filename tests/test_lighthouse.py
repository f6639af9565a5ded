"""scripts/lighthouse.py's pure parts: the pages it measures, a Lighthouse report read into a row,
and the table (Lighthouse itself is run by hand: it takes a browser and minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lighthouse as lighthouse_command  # scripts/lighthouse.py, the command
from benchkit.lighthouse import (
    DOC_MARKERS,
    LighthouseRow,
    failed_bars,
    lighthouse_row,
    lighthouse_section,
    render_lighthouse_table,
    run_lighthouse,
    site_pages,
)
from benchkit.report import replace_latest_section


def audit(score: float | None, mode: str = "binary", value: float | None = None) -> dict:
    return {"score": score, "scoreDisplayMode": mode, "numericValue": value}


# A report as Lighthouse 12 writes one, cut down to what a row reads.
REPORT = {
    "lighthouseVersion": "12.2.3",
    "categories": {
        "performance": {
            "score": 0.634,
            "auditRefs": [
                {"id": "first-contentful-paint", "weight": 10, "group": "metrics"},
                {"id": "largest-contentful-paint", "weight": 25, "group": "metrics"},
                {"id": "total-blocking-time", "weight": 30, "group": "metrics"},
                {"id": "cumulative-layout-shift", "weight": 25, "group": "metrics"},
                {"id": "speed-index", "weight": 10, "group": "metrics"},
                {"id": "render-blocking-resources", "weight": 0, "group": "diagnostics"},
                {"id": "total-byte-weight", "weight": 0, "group": "diagnostics"},
                {"id": "dom-size", "weight": 0, "group": "diagnostics"},
                {"id": "network-requests", "weight": 0, "group": "hidden"},
                {"id": "bootup-time", "weight": 0, "group": "diagnostics"},
            ],
        },
        "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
        "best-practices": {"score": 0.96, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
        "seo": {
            "score": 0.91,
            "auditRefs": [{"id": "hreflang", "weight": 1}, {"id": "canonical", "weight": 1}],
        },
    },
    "audits": {
        "first-contentful-paint": audit(0.29, "numeric", 3704.6),
        "largest-contentful-paint": audit(0.29, "numeric", 4863.3),
        "total-blocking-time": audit(0.33, "numeric", 869.0),
        "cumulative-layout-shift": audit(1, "numeric", 0.00079),
        "speed-index": audit(0.85, "numeric", 3704.6),
        "render-blocking-resources": audit(0.5, "metricSavings", 300),
        "total-byte-weight": audit(0.5, "metricSavings", 21145390),
        "dom-size": audit(0.9, "metricSavings", 900),  # at the pass score: passed
        "network-requests": audit(None, "informative"),
        "bootup-time": audit(None, "error"),
        "color-contrast": audit(1),
        "errors-in-console": audit(0),
        "hreflang": audit(0),
        "canonical": audit(None, "notApplicable"),
    },
}


def test_a_report_becomes_a_row() -> None:
    row = lighthouse_row("/maiagent/authentication/", REPORT)
    assert row.scores == {"performance": 63, "accessibility": 100, "best-practices": 96, "seo": 91}
    assert row.metrics == {
        "first-contentful-paint": 3704.6,
        "largest-contentful-paint": 4863.3,
        "total-blocking-time": 869.0,
        "cumulative-layout-shift": 0.00079,
        "speed-index": 3704.6,
    }
    assert row.bytes == 21145390
    # Under the pass score, or errored, in the categories' order; metrics and hidden audits aside.
    assert row.failing == [
        "render-blocking-resources",
        "total-byte-weight",
        "bootup-time",
        "errors-in-console",
        "hreflang",
    ]
    assert row.error is None


def test_a_report_without_a_category_or_metric_still_gives_a_row() -> None:
    report = {
        "categories": {"seo": REPORT["categories"]["seo"]},
        "audits": {"hreflang": audit(1), "canonical": audit(1)},
    }
    row = lighthouse_row("/", report)
    assert (row.scores, row.metrics, row.bytes, row.failing) == ({"seo": 91}, {}, None, [])


def test_pages_are_every_language_s_pages_without_pyodide_or_404(tmp_path: Path) -> None:
    for page in ["", "maiagent/authentication/", "ja/", "ja/reference/", "zh-TW/playground/", "pyodide/", "404/"]:
        (tmp_path / page).mkdir(parents=True, exist_ok=True)
        (tmp_path / page / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "pyodide" / "docs").mkdir()
    (tmp_path / "pyodide" / "docs" / "index.html").write_text("", encoding="utf-8")
    (tmp_path / "404.html").write_text("", encoding="utf-8")
    (tmp_path / "ja" / "404.html").write_text("", encoding="utf-8")
    assert site_pages(tmp_path) == ["/", "/ja/", "/ja/reference/", "/maiagent/authentication/", "/zh-TW/playground/"]


def test_the_table_has_a_row_per_page_and_says_why_a_run_failed() -> None:
    rows = [lighthouse_row("/reference/", REPORT), LighthouseRow("/ja/", error="exit 1: Chrome | crashed")]
    lines = render_lighthouse_table(rows).splitlines()
    assert lines[0] == (
        "| page | perf | a11y | best pr. | SEO | FCP | LCP | TBT | CLS | SI | weight | failing audits |"
    )
    assert len(lines) == 4
    assert lines[2] == (
        "| `/reference/` | 63 | 100 | 96 | 91 | 3.7 s | 4.9 s | 869 ms | 0.001 | 3.7 s | 21.1 MB | "
        "render-blocking-resources, total-byte-weight, bootup-time, errors-in-console, hreflang |"
    )
    # The reason stays in its cell: a "|" in it is escaped, and the row has every column.
    assert lines[3].startswith("| `/ja/` | failed: exit 1: Chrome \\| crashed |")
    assert lines[3].count(" | ") == lines[2].count(" | ")


def test_the_command_needs_a_site(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        lighthouse_command.parse_args([])
    with pytest.raises(SystemExit):
        lighthouse_command.parse_args(["--site-dir", str(tmp_path)])  # no index.html: not a build
    with pytest.raises(SystemExit):
        lighthouse_command.parse_args(["--url", "http://127.0.0.1:8000/"])  # which pages?
    args = lighthouse_command.parse_args(["--url", "http://127.0.0.1:8000/", "--pages", "/", "/ja/"])
    assert args.pages == ["/", "/ja/"]


def fake_lighthouse(tmp_path: Path, script: str) -> Path:
    program = tmp_path / "lighthouse"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return program


def test_a_run_that_fails_says_why(tmp_path: Path) -> None:
    crashing = fake_lighthouse(tmp_path, "echo 'Runtime error encountered: Chrome crashed' >&2; exit 1\n")
    with pytest.raises(RuntimeError, match=r"^exit 1: Runtime error encountered: Chrome crashed$"):
        run_lighthouse("http://127.0.0.1:1/", tmp_path / "report.json", lighthouse=crashing)
    # Lighthouse exits 0 when the page itself could not be loaded: the report says so.
    unreachable = fake_lighthouse(
        tmp_path,
        'for arg; do case "$arg" in --output-path=*) path="${arg#--output-path=}";; esac; done\n'
        'echo \'{"runtimeError": {"code": "ERRORED_DOCUMENT_REQUEST", "message": "status code: 404"}}\' > "$path"\n',
    )
    with pytest.raises(RuntimeError, match=r"^ERRORED_DOCUMENT_REQUEST: status code: 404$"):
        run_lighthouse("http://127.0.0.1:1/", tmp_path / "report.json", lighthouse=unreachable)


def test_a_failed_page_is_a_row_and_the_others_are_measured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def run(url: str, report_path: Path) -> dict:
        if url.endswith("/ja/"):
            raise RuntimeError("no result within 300 s")
        return REPORT

    monkeypatch.setattr(lighthouse_command, "run_lighthouse", run)
    rows = lighthouse_command.measure("http://127.0.0.1:1/", ["/", "/ja/", "/reference/"], tmp_path)
    assert [(row.page, row.error) for row in rows] == [
        ("/", None),
        ("/ja/", "no result within 300 s"),
        ("/reference/", None),
    ]
    assert rows[2].scores["performance"] == 63


def test_the_bars_name_each_page_under_them() -> None:
    rows = [
        LighthouseRow("/", {"performance": 97, "seo": 100}),
        LighthouseRow("/ja/", {"performance": 94, "seo": 100}),
        LighthouseRow("/zh-TW/", {"performance": 99, "seo": 92}),
        LighthouseRow("/reference/", {"accessibility": 100}),
        LighthouseRow("/playground/", error="timed out"),
    ]
    assert failed_bars(rows) == [
        "/ja/: performance 94 < 95",
        "/zh-TW/: seo 92 < 100",
        "/reference/: performance missing < 95",
        "/reference/: seo missing < 100",
        "/playground/: no result (timed out)",
    ]
    assert failed_bars(rows[:1]) == []


def test_the_section_replaces_its_own_markers_only() -> None:
    document = "# Doc\n\n<!-- latest run: written by scripts/bench.py from here to the end marker -->\nrun\n"
    document += "<!-- latest run: end -->\n\n" + "\n".join(DOC_MARKERS) + "\n\nafter\n"
    passing = lighthouse_section([LighthouseRow("/", {"performance": 100, "seo": 100})], "Lighthouse 12.2.3.")
    failing = lighthouse_section([LighthouseRow("/", {"performance": 60, "seo": 100})], "Lighthouse 12.2.3.")
    assert "pass" in passing and "FAIL on 1" in failing and "- /: performance 60 < 95" in failing
    rewritten = replace_latest_section(document, failing, DOC_MARKERS)
    assert "| `/` | 60 |" in rewritten and rewritten.endswith("\n\nafter\n") and "\nrun\n" in rewritten
    assert replace_latest_section(rewritten, passing, DOC_MARKERS).count(DOC_MARKERS[0]) == 1
