"""Load-test the server (``python -m playground.server``) on 127.0.0.1 with autocannon, briefly.

Starts the server on a free local port with a built site (``--site-dir``, or a fresh build in a
temporary directory), runs one autocannon scenario after another (a documentation page, the
sandbox's authenticated list, its documented 401, a POST with a JSON body, a chat completion),
then prints requests/s, p50/p99 latency, errors, timeouts and unexpected statuses per scenario
and writes the whole report to ``.cache/loadtest/latest.json``.

Bounded on purpose: the target is always 127.0.0.1 (any other host is refused) and the scenarios
together run at most 60 s. Exits 1 when any request failed, timed out, got a status the scenario
does not expect, or the server logged an error.

    .venv/bin/python scripts/loadtest.py                      # 10 s per scenario
    .venv/bin/python scripts/loadtest.py --duration 2 --site-dir site
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from playground import AIGNE_HUB_DEMO_KEY, MAIAGENT_DEMO_KEY  # noqa: E402
from site_server import running_server  # noqa: E402  (scripts/site_server.py)

AUTOCANNON = ROOT / "node_modules" / "autocannon" / "autocannon.js"
REPORT_DIR = ROOT / ".cache" / "loadtest"
ALLOWED_HOST = "127.0.0.1"
MAX_TOTAL_SECONDS = 60
# The sandbox's public demo keys (documented on the Playground page).
MAIAGENT_KEY = MAIAGENT_DEMO_KEY
AIGNE_HUB_KEY = AIGNE_HUB_DEMO_KEY


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    expected_status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""


SCENARIOS = (
    Scenario("html-page", "GET", "/maiagent/authentication/", 200),
    Scenario(
        "sandbox-list", "GET", "/sandbox/maiagent/api/v1/chatbots/", 200, {"Authorization": f"Api-Key {MAIAGENT_KEY}"}
    ),
    Scenario("sandbox-401", "GET", "/sandbox/maiagent/api/v1/chatbots/", 401),
    Scenario(
        "sandbox-create",
        "POST",
        "/sandbox/maiagent/api/v1/chatbots/",
        201,
        {"Authorization": f"Api-Key {MAIAGENT_KEY}", "Content-Type": "application/json"},
        json.dumps({"name": "Load test assistant"}),
    ),
    Scenario(
        "chat-completion",
        "POST",
        "/sandbox/aigne-hub/api/v1/chat/completions",
        200,
        {"Authorization": f"Bearer {AIGNE_HUB_KEY}", "Content-Type": "application/json"},
        json.dumps({"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}),
    ),
)


class Refused(Exception):
    """A bound this script keeps (host, duration) was asked to be broken."""


def check_bounds(host: str, duration: float, scenarios: int) -> None:
    if host != ALLOWED_HOST:
        raise Refused(f"refusing to load-test {host!r}: only {ALLOWED_HOST} (this machine) is allowed")
    if duration <= 0:
        raise Refused("--duration must be positive")
    if duration * scenarios > MAX_TOTAL_SECONDS:
        raise Refused(f"{scenarios} scenarios x {duration:g} s exceeds the {MAX_TOTAL_SECONDS} s bound")


def run_scenario(base_url: str, scenario: Scenario, duration: float, connections: int) -> dict[str, Any]:
    command = [
        "node",
        str(AUTOCANNON),
        "--json",
        "--no-progress",
        "--duration",
        f"{duration:g}",
        "--connections",
        str(connections),
        "--timeout",
        "10",
        "--method",
        scenario.method,
    ]
    for name, value in scenario.headers.items():
        command += ["--headers", f"{name}={value}"]
    if scenario.body:
        command += ["--body", scenario.body]
    command.append(base_url + scenario.path)
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"autocannon failed for {scenario.name}: {result.stderr[-2000:]}")
    raw = json.loads(result.stdout)
    statuses = {code: stats["count"] for code, stats in (raw.get("statusCodeStats") or {}).items()}
    responses = sum(statuses.values())
    expected = statuses.get(str(scenario.expected_status), 0)
    return {
        "name": scenario.name,
        "request": f"{scenario.method} {scenario.path}",
        "expected_status": scenario.expected_status,
        "duration_s": raw["duration"],
        "connections": raw["connections"],
        "requests": responses,
        "requests_per_s": round(responses / raw["duration"], 1) if raw["duration"] else 0.0,
        "latency_ms": {
            "p50": raw["latency"]["p50"],
            "p99": raw["latency"]["p99"],
            "max": raw["latency"]["max"],
            "mean": raw["latency"]["mean"],
        },
        "statuses": statuses,
        "errors": raw["errors"],
        "timeouts": raw["timeouts"],
        "unexpected_status": responses - expected,
        "5xx": raw["5xx"],
    }


def failures(report: dict[str, Any]) -> list[str]:
    problems = []
    for s in report["scenarios"]:
        for key in ("errors", "timeouts", "unexpected_status"):
            if s[key]:
                problems.append(f"{s['name']}: {s[key]} {key.replace('_', ' ')}")
        if not s["requests"]:
            problems.append(f"{s['name']}: no response at all")
    if report["server_errors"]:
        problems.append("the server logged errors:\n" + report["server_errors"][-2000:])
    return problems


def print_table(report: dict[str, Any]) -> None:
    print(
        f"{'scenario':<16} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} "
        f"{'timeouts':>8} {'unexpected':>10}  statuses"
    )
    for s in report["scenarios"]:
        print(
            f"{s['name']:<16} {s['requests_per_s']:>9.1f} {s['latency_ms']['p50']:>7} {s['latency_ms']['p99']:>7} "
            f"{s['latency_ms']['max']:>7} {s['errors']:>6} {s['timeouts']:>8} {s['unexpected_status']:>10}  "
            + ", ".join(f"{code}: {count}" for code, count in sorted(s["statuses"].items()))
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one in a temporary directory)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per scenario (default: 10)")
    parser.add_argument("--connections", type=int, default=10, help="concurrent connections (default: 10)")
    parser.add_argument("--host", default=ALLOWED_HOST, help=f"only {ALLOWED_HOST} is accepted")
    parser.add_argument(
        "--scenario",
        action="append",
        choices=[s.name for s in SCENARIOS],
        help="run only this scenario (repeatable; default: all)",
    )
    parser.add_argument("--output", type=Path, default=REPORT_DIR / "latest.json", help="where the JSON report goes")
    args = parser.parse_args(argv)
    scenarios = [s for s in SCENARIOS if not args.scenario or s.name in args.scenario]
    try:
        check_bounds(args.host, args.duration, len(scenarios))
    except Refused as refused:
        print(f"loadtest: {refused}", file=sys.stderr)
        return 2
    if not AUTOCANNON.exists() or shutil.which("node") is None:
        print("loadtest: Node.js and node_modules/autocannon are needed: run scripts/setup.sh", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="loadtest-site-") as scratch:
        site_dir = args.site_dir
        if site_dir is None:
            import build

            site_dir = Path(scratch) / "site"
            print("building the site…", flush=True)
            build.build_site(site_dir)
        # The server's stderr is kept in a file, for the report: it must stay empty under load.
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
            with running_server(site_dir.resolve(), host=ALLOWED_HOST, stderr=errors) as server:
                base_url = server.url.rstrip("/")
                results = [run_scenario(base_url, s, args.duration, args.connections) for s in scenarios]
                alive = server.process.poll() is None
            errors.seek(0)
            server_errors = errors.read().strip()
        report = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "server": "python -m playground.server (uvicorn, one process)",
            "target": base_url,
            "duration_per_scenario_s": args.duration,
            "connections": args.connections,
            "scenarios": results,
            "server_alive_after_load": alive,
            "server_errors": server_errors,
        }
    if not alive:
        report["server_errors"] += "\nthe server exited during the load test"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"report: {args.output}")
    problems = failures(report)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
