"""The bounded local load test (scripts/loadtest.py): no error under load, every bad input gets a
clear error in its documented shape, missed budgets fail the run, and it keeps its bounds.

The latency budgets themselves are the script's to report, not this test's: a busy machine misses
them without the server having changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import loadtest  # scripts/loadtest.py (conftest puts scripts/ on the path)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "loadtest.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
    )


# Every scenario, 200 requests each: about 15 s.
@pytest.mark.slow
def test_the_server_answers_every_scenario_without_errors(site_dir: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "load.json"
    result = run("--site-dir", str(site_dir), "--requests", "200", "--output", str(report_path))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["target"].startswith("http://127.0.0.1:")
    assert [s["name"] for s in report["scenarios"]] == [s.name for s in loadtest.SCENARIOS]
    for scenario in report["scenarios"]:
        assert scenario.get("probe", {}).get("problem", "") == "", scenario
        if "requests" not in scenario:  # checked by one request, not loaded
            continue
        assert scenario["requests"] == 200, scenario
        assert scenario["errors"] == scenario["timeouts"] == scenario["unexpected_status"] == 0, scenario
        assert set(scenario["statuses"]) == {str(scenario["expected_status"])}, scenario
        assert scenario["requests_per_s"] > 0 and scenario["latency_ms"]["p99"] >= scenario["latency_ms"]["p50"]
    assert report["server_alive_after_load"] and not report["server_errors"]
    # Only latency budgets may be missed here, and a missed one fails the run.
    assert {p["kind"] for p in report["problems"]} <= {"budget"}, report["problems"]
    assert result.returncode == (1 if report["problems"] else 0), result.stderr
    assert "req/s" in result.stdout and "p99" in result.stdout and "budget" in result.stdout


def test_an_unexpected_status_or_shape_fails_the_run(playground_site_dir: Path, tmp_path: Path) -> None:
    # The stand-in site has no documentation pages and no 404 page: the page gets 404, and the
    # missing page's answer is Starlette's plain text instead of the site's 404 page.
    report_path = tmp_path / "load.json"
    result = run(
        "--site-dir",
        str(playground_site_dir),
        "--scenario",
        "html-page",
        "--scenario",
        "markup-in-path",
        "--requests",
        "50",
        "--output",
        str(report_path),
    )
    assert result.returncode == 1
    page, missing = json.loads(report_path.read_text(encoding="utf-8"))["scenarios"]
    assert page["unexpected_status"] == page["requests"] == 50
    assert missing["probe"]["problem"] == "the site's 404 page expected, got 'text/plain; charset=utf-8'"
    assert "FAIL error: html-page: 50 unexpected status" in result.stderr
    assert "FAIL error: markup-in-path: the site's 404 page expected" in result.stderr


def scenario_result(kind: str, p99: float) -> dict[str, Any]:
    return {
        "name": f"a {kind} scenario",
        "p99_budget_ms": loadtest.P99_BUDGET_MS.get(kind),
        "requests": 10,
        "errors": 0,
        "timeouts": 0,
        "unexpected_status": 0,
        "latency_ms": {"p50": 1, "p99": p99},
    }


def test_a_p99_at_or_over_its_budget_is_a_failure() -> None:
    scenarios = [
        scenario_result("sandbox", 49),
        scenario_result("sandbox", 50),
        scenario_result("html", 149),
        scenario_result("html", 150.5),
        scenario_result("bad-input", 900),  # no latency budget
    ]
    problems = loadtest.failures({"scenarios": scenarios, "server_errors": ""})
    assert problems == [
        {"kind": "budget", "message": "a sandbox scenario: p99 50 ms, budget under 50 ms"},
        {"kind": "budget", "message": "a html scenario: p99 150.5 ms, budget under 150 ms"},
    ]


BAD_JSON = next(s for s in loadtest.SCENARIOS if s.name == "bad-json")
HUB_BAD_JSON = next(s for s in loadtest.SCENARIOS if s.name == "hub-bad-json")
MARKUP_IN_PATH = next(s for s in loadtest.SCENARIOS if s.name == "markup-in-path")


@pytest.mark.parametrize(
    ("scenario", "status", "content_type", "body", "problem"),
    [
        (BAD_JSON, 400, "application/json", b'{"detail": "JSON parse error."}', ""),
        (BAD_JSON, 400, "application/json", b'{"name": ["Not a valid string."]}', ""),
        (BAD_JSON, 400, "application/json", b'{"files": {"0": ["Not a valid string."]}}', ""),
        (BAD_JSON, 400, "application/json", b'{"items": [{}, {"name": ["Not a valid string."]}]}', ""),
        (BAD_JSON, 400, "application/json", b'{"files": {"0": "Not a list."}}', "neither"),
        (BAD_JSON, 400, "application/json", b'{"files": []}', "neither"),
        (BAD_JSON, 500, "application/json", b'{"detail": "Server error."}', "status 500, expected 400"),
        (BAD_JSON, 400, "text/html", b"<p>error</p>", "JSON expected, got 'text/html'"),
        (BAD_JSON, 400, "application/json", b'{"detail": "Traceback (most recent call last)"}', "a traceback"),
        (BAD_JSON, 400, "application/json", b'{"detail": 1}', 'neither {"detail": "..."} nor field errors'),
        (BAD_JSON, 400, "application/json", b"[]", "not a JSON object"),
        (HUB_BAD_JSON, 400, "application/json", b'{"error": "Request body is not valid JSON"}', ""),
        (HUB_BAD_JSON, 400, "application/json", b'{"detail": "x"}', 'not {"error": "..."}'),
        (MARKUP_IN_PATH, 404, "text/html; charset=utf-8", b"<h1>Not found</h1>", ""),
        (MARKUP_IN_PATH, 404, "text/html", loadtest.MARKUP.encode(), "the request's markup is echoed in the HTML"),
    ],
)
def test_the_documented_shapes(
    scenario: loadtest.Scenario, status: int, content_type: str, body: bytes, problem: str
) -> None:
    assert loadtest.shape_problem(scenario, status, content_type, body).startswith(problem)
    assert bool(loadtest.shape_problem(scenario, status, content_type, body)) == bool(problem)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "only 127.0.0.1"),
        (["--host", "example.com"], "only 127.0.0.1"),
        (["--requests", "20001"], "exceeds the bound of 20,000 per scenario"),
        (["--connections", "201"], "exceeds the bound of 200"),
        (["--requests", "0"], "must be positive"),
        (["--connections", "-1"], "must be positive"),
    ],
)
def test_the_bounds_are_refused_before_anything_starts(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2 and message in result.stderr
    assert "building" not in result.stdout
