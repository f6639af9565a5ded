"""The bounded local load test (scripts/loadtest.py): zero errors under load, and it keeps its bounds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import loadtest  # scripts/loadtest.py (conftest puts scripts/ on the path)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "loadtest.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


# Loads the server for 2 s per scenario: about 12 s.
@pytest.mark.slow
def test_the_server_answers_every_scenario_without_errors(site_dir: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "load.json"
    result = run("--site-dir", str(site_dir), "--duration", "2", "--output", str(report_path))
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["target"].startswith("http://127.0.0.1:")
    assert [s["name"] for s in report["scenarios"]] == [s.name for s in loadtest.SCENARIOS]
    for scenario in report["scenarios"]:
        assert scenario["requests"] > 100, scenario
        assert scenario["errors"] == scenario["timeouts"] == scenario["unexpected_status"] == 0, scenario
        assert set(scenario["statuses"]) == {str(scenario["expected_status"])}, scenario
        assert scenario["requests_per_s"] > 0 and scenario["latency_ms"]["p99"] >= scenario["latency_ms"]["p50"]
    assert report["server_alive_after_load"] and not report["server_errors"]
    assert "req/s" in result.stdout and "p99" in result.stdout


def test_an_unexpected_status_fails_the_run(playground_site_dir: Path, tmp_path: Path) -> None:
    # The stand-in site has no documentation pages: every request of this scenario gets 404.
    report_path = tmp_path / "load.json"
    result = run(
        "--site-dir",
        str(playground_site_dir),
        "--scenario",
        "html-page",
        "--duration",
        "1",
        "--output",
        str(report_path),
    )
    assert result.returncode == 1
    (scenario,) = json.loads(report_path.read_text(encoding="utf-8"))["scenarios"]
    assert scenario["unexpected_status"] == scenario["requests"] > 0
    assert "unexpected status" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "only 127.0.0.1"),
        (["--host", "example.com"], "only 127.0.0.1"),
        (["--duration", "13"], "exceeds the 60 s bound"),
        (["--duration", "61", "--scenario", "sandbox-401"], "exceeds the 60 s bound"),
        (["--duration", "0"], "must be positive"),
    ],
)
def test_the_bounds_are_refused_before_anything_starts(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2 and message in result.stderr
    assert "building" not in result.stdout
