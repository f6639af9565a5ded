"""Load-test the server (``python -m playground.server``) on 127.0.0.1 with autocannon, and keep its budgets.

Starts the server on a free local port with a built site (``--site-dir``, or a fresh build in a
temporary directory), warms it up (500 requests to a sandbox route and 500 to a page, not
counted: the first burst starts the thread pool's threads), and runs one autocannon scenario
after another, each ``--requests`` requests (2,000 by default) over ``--connections``
connections (50):

- **sandbox**: the sandbox's authenticated list, its documented 401, a create with a JSON body,
  a chat completion. Budget: no error, every status the expected one, p99 under 50 ms.
- **html**: documentation pages and a missing page in each language. Budget: p99 under 150 ms.
- **bad input**: broken JSON, wrong types, markup in fields, a request target over 2 KB, a foreign
  Host. Budget: each answer is a clear error in the documented shape (MaiAgent's
  ``{"detail": …}`` or field errors, AIGNE Hub's ``{"error": …}``, the site's 404 page), never a
  5xx or a traceback, and nothing the client sent comes back as HTML. Each is checked by one
  request before its load; one more request, a 1 MB body with 349,000 bad items, is checked but
  not repeated.

It prints requests/s, p50/p99 latency, errors, timeouts and unexpected statuses per scenario and
each missed budget, writes the whole report to ``.cache/loadtest/latest.json``, and exits 1 when
a budget is missed or the server logged an error.

Bounded on purpose: the target is always 127.0.0.1 (any other host is refused), at most 20,000
requests per scenario, and the scenarios together stop after 180 s.

    .venv/bin/python scripts/loadtest.py                          # the budgets
    .venv/bin/python scripts/loadtest.py --requests 200 --site-dir site
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from playground import AIGNE_HUB_DEMO_KEY, MAIAGENT_DEMO_KEY  # noqa: E402
from playground._examples import DEMO_KNOWLEDGE_BASE_ID  # noqa: E402
from site_server import running_server  # noqa: E402  (scripts/site_server.py)

AUTOCANNON = ROOT / "node_modules" / "autocannon" / "autocannon.js"
REPORT_DIR = ROOT / ".cache" / "loadtest"
ALLOWED_HOST = "127.0.0.1"
MAX_REQUESTS = 20_000
MAX_CONNECTIONS = 200
MAX_TOTAL_SECONDS = 180
REQUESTS = 2_000
CONNECTIONS = 50
WARM_UP_REQUESTS = 500
P99_BUDGET_MS = {"sandbox": 50, "html": 150}
"""The p99 latency each kind of scenario must stay under (bad input has no latency budget)."""

# The sandbox's public demo keys (documented on the Playground page).
MAIAGENT = {"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}", "Content-Type": "application/json"}
AIGNE_HUB = {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}", "Content-Type": "application/json"}
LIST = "/sandbox/maiagent/api/v1/chatbots/"
CHAT = "/sandbox/aigne-hub/api/v1/chat/completions"
MARKUP = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str  # "sandbox", "html" or "bad-input"
    method: str
    path: str
    expected_status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    shape: str = ""  # bad input: "maiagent", "aigne-hub" or "html-page", the documented error shape
    loaded: bool = True  # False: checked by one request, not repeated under load


SCENARIOS = (
    Scenario("sandbox-list", "sandbox", "GET", LIST, 200, {"Authorization": MAIAGENT["Authorization"]}),
    Scenario("sandbox-401", "sandbox", "GET", LIST, 401),
    Scenario("sandbox-create", "sandbox", "POST", LIST, 201, MAIAGENT, json.dumps({"name": "Load test assistant"})),
    Scenario(
        "chat-completion",
        "sandbox",
        "POST",
        CHAT,
        200,
        AIGNE_HUB,
        json.dumps({"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}),
    ),
    Scenario("html-page", "html", "GET", "/maiagent/authentication/", 200),
    Scenario("html-page-ja", "html", "GET", "/ja/aigne-hub/authentication/", 200),
    Scenario("html-404-deep", "html", "GET", "/ja/" + "missing/" * 200, 404),
    Scenario("bad-json", "bad-input", "POST", LIST, 400, MAIAGENT, "{not json", shape="maiagent"),
    Scenario(
        "markup-in-field", "bad-input", "POST", LIST, 400, MAIAGENT, json.dumps({"name": MARKUP * 20}), "maiagent"
    ),
    Scenario("wrong-type", "bad-input", "POST", LIST, 400, MAIAGENT, json.dumps({"name": [MARKUP]}), shape="maiagent"),
    Scenario("hub-bad-json", "bad-input", "POST", CHAT, 400, AIGNE_HUB, "{bad", shape="aigne-hub"),
    Scenario(
        "hub-markup-model",
        "bad-input",
        "POST",
        CHAT,
        400,
        AIGNE_HUB,
        json.dumps({"model": MARKUP, "messages": MARKUP}),
        shape="aigne-hub",
    ),
    Scenario(
        "target-over-2kb",
        "bad-input",
        "GET",
        LIST + "?q=" + "a" * 3000,
        414,
        {"Authorization": MAIAGENT["Authorization"]},
        shape="maiagent",
    ),
    Scenario(
        "foreign-host",
        "bad-input",
        "GET",
        LIST,
        400,
        {"Authorization": MAIAGENT["Authorization"], "Host": "rebound.example"},
        shape="maiagent",
    ),
    Scenario("markup-in-path", "bad-input", "GET", f"/{MARKUP}/", 404, shape="html-page"),
    Scenario(
        "huge-error-list",
        "bad-input",
        "POST",
        f"/sandbox/maiagent/api/v1/knowledge-bases/{DEMO_KNOWLEDGE_BASE_ID}/files/",
        400,
        MAIAGENT,
        # 1 MB (the body limit) of items that are not strings: 349,000 errors before any cap.
        json.dumps({"filename": "a.txt", "file": "a", "files": [{}] * 349_000}, separators=(",", ":")),
        shape="maiagent",
        loaded=False,
    ),
)


class Refused(Exception):
    """A bound this script keeps (host, amount) was asked to be broken."""


def check_bounds(host: str, requests: int, connections: int) -> None:
    if host != ALLOWED_HOST:
        raise Refused(f"refusing to load-test {host!r}: only {ALLOWED_HOST} (this machine) is allowed")
    if requests <= 0 or connections <= 0:
        raise Refused("--requests and --connections must be positive")
    if requests > MAX_REQUESTS:
        raise Refused(f"--requests {requests} exceeds the bound of {MAX_REQUESTS:,} per scenario")
    if connections > MAX_CONNECTIONS:
        raise Refused(f"--connections {connections} exceeds the bound of {MAX_CONNECTIONS}")


def shape_problem(scenario: Scenario, status: int, content_type: str, body: bytes) -> str:
    """What is wrong with one answer to a bad-input scenario ("" when nothing is)."""
    if status != scenario.expected_status:
        return f"status {status}, expected {scenario.expected_status}"
    text = body.decode("utf-8", "replace")
    if "Traceback" in text:
        return "a traceback in the answer"
    if scenario.shape == "html-page":
        if not content_type.startswith("text/html"):
            return f"the site's 404 page expected, got {content_type!r}"
        return "the request's markup is echoed in the HTML" if MARKUP in text else ""
    if content_type.split(";")[0] != "application/json":
        return f"JSON expected, got {content_type!r}"
    try:
        data = json.loads(text)
    except ValueError:
        return "the JSON does not parse"
    if not isinstance(data, dict) or not data:
        return "not a JSON object"
    if scenario.shape == "aigne-hub":
        return "" if list(data) == ["error"] and isinstance(data["error"], str) else 'not {"error": "..."}'
    detail = list(data) == ["detail"] and isinstance(data["detail"], str)
    return "" if detail or _field_errors(data) else 'neither {"detail": "..."} nor field errors'


def _field_errors(value: Any) -> bool:
    # DRF's shapes: a field's messages, a nested field's (or a list item's, by index) errors, and
    # for a list of objects one errors object per item.
    if isinstance(value, dict):
        return bool(value) and all(isinstance(k, str) and _field_errors(v) for k, v in value.items())
    if isinstance(value, list):
        return bool(value) and (
            all(isinstance(m, str) for m in value)
            or all(isinstance(m, dict) and (not m or _field_errors(m)) for m in value)
        )
    return False


def probe(base_url: str, scenario: Scenario) -> dict[str, Any]:
    """One request of a bad-input scenario, read in full: its status, type and shape."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    started = time.perf_counter()
    try:
        connection.request(scenario.method, scenario.path, body=scenario.body.encode(), headers=scenario.headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    content_type = response.getheader("Content-Type", "")
    problem = shape_problem(scenario, response.status, content_type, body)
    if not problem and response.getheader("X-Content-Type-Options") != "nosniff":
        problem = "no X-Content-Type-Options: nosniff (a browser could read the answer as HTML)"
    return {
        "status": response.status,
        "content_type": content_type,
        "bytes": len(body),
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "problem": problem,
    }


def run_scenario(base_url: str, scenario: Scenario, requests: int, connections: int, timeout: float) -> dict[str, Any]:
    command = [
        "node",
        str(AUTOCANNON),
        "--json",
        "--no-progress",
        "--amount",
        str(requests),
        "--connections",
        str(min(connections, requests)),
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
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"autocannon failed for {scenario.name}: {result.stderr[-2000:]}")
    raw = json.loads(result.stdout)
    statuses = {code: stats["count"] for code, stats in (raw.get("statusCodeStats") or {}).items()}
    responses = sum(statuses.values())
    expected = statuses.get(str(scenario.expected_status), 0)
    return {
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


def run_all(base_url: str, scenarios: list[Scenario], requests: int, connections: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + MAX_TOTAL_SECONDS
    for kind in ("sandbox", "html"):
        warm_up = next(s for s in SCENARIOS if s.kind == kind)
        run_scenario(base_url, warm_up, min(WARM_UP_REQUESTS, requests), connections, deadline - time.monotonic())
    results = []
    for scenario in scenarios:
        result: dict[str, Any] = {
            "name": scenario.name,
            "kind": scenario.kind,
            "request": f"{scenario.method} {scenario.path[:80]}",
            "expected_status": scenario.expected_status,
            "p99_budget_ms": P99_BUDGET_MS.get(scenario.kind),
        }
        if scenario.shape:
            result["probe"] = probe(base_url, scenario)
        if scenario.loaded:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                result["skipped"] = f"the {MAX_TOTAL_SECONDS} s bound was reached"
            else:
                try:
                    result.update(run_scenario(base_url, scenario, requests, connections, remaining))
                except subprocess.TimeoutExpired:
                    result["skipped"] = f"stopped at the {MAX_TOTAL_SECONDS} s bound"
        results.append(result)
    return results


def failures(report: dict[str, Any]) -> list[dict[str, str]]:
    """Every missed budget: `kind` "budget" for a p99 over its budget, "error" for the rest."""
    problems = []

    def add(kind: str, message: str) -> None:
        problems.append({"kind": kind, "message": message})

    for s in report["scenarios"]:
        if s.get("probe", {}).get("problem"):
            add("error", f"{s['name']}: {s['probe']['problem']}")
        if "skipped" in s:
            add("error", f"{s['name']}: {s['skipped']}")
        if "requests" not in s:
            continue
        for key in ("errors", "timeouts", "unexpected_status"):
            if s[key]:
                add("error", f"{s['name']}: {s[key]} {key.replace('_', ' ')}")
        if not s["requests"]:
            add("error", f"{s['name']}: no response at all")
        budget = s["p99_budget_ms"]
        if budget is not None and s["latency_ms"]["p99"] >= budget:
            add("budget", f"{s['name']}: p99 {s['latency_ms']['p99']} ms, budget under {budget} ms")
    if report["server_errors"]:
        add("error", "the server logged errors:\n" + report["server_errors"][-2000:])
    return problems


def print_table(report: dict[str, Any]) -> None:
    print(
        f"{'scenario':<18} {'kind':<9} {'requests':>8} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'budget':>6} "
        f"{'max ms':>7} {'errors':>6} {'timeouts':>8} {'unexpected':>10}  statuses"
    )
    for s in report["scenarios"]:
        budget = f"<{s['p99_budget_ms']}" if s["p99_budget_ms"] else "-"
        probe = s.get("probe")
        probe_note = f"  checked: {probe['status']} in {probe['ms']} ms, {probe['problem'] or 'ok'}" if probe else ""
        if "requests" not in s:
            print(f"{s['name']:<18} {s['kind']:<9} {s.get('skipped', 'one request, not loaded')}{probe_note}")
            continue
        print(
            f"{s['name']:<18} {s['kind']:<9} {s['requests']:>8} {s['requests_per_s']:>9.1f} "
            f"{s['latency_ms']['p50']:>7} {s['latency_ms']['p99']:>7} {budget:>6} {s['latency_ms']['max']:>7} "
            f"{s['errors']:>6} {s['timeouts']:>8} {s['unexpected_status']:>10}  "
            + ", ".join(f"{code}: {count}" for code, count in sorted(s["statuses"].items()))
            + probe_note
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one in a temporary directory)")
    parser.add_argument("--requests", type=int, default=REQUESTS, help=f"requests per scenario (default: {REQUESTS})")
    parser.add_argument(
        "--connections", type=int, default=CONNECTIONS, help=f"concurrent connections (default: {CONNECTIONS})"
    )
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
        check_bounds(args.host, args.requests, args.connections)
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
                results = run_all(base_url, scenarios, args.requests, args.connections)
                alive = server.process.poll() is None
            errors.seek(0)
            server_errors = errors.read().strip()
        report: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "server": "python -m playground.server (uvicorn, one process)",
            "target": base_url,
            "requests_per_scenario": args.requests,
            "connections": args.connections,
            "scenarios": results,
            "server_alive_after_load": alive,
            "server_errors": server_errors,
        }
    if not alive:
        report["server_errors"] += "\nthe server exited during the load test"
    report["problems"] = failures(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"report: {args.output}")
    for problem in report["problems"]:
        print(f"FAIL {problem['kind']}: {problem['message']}", file=sys.stderr)
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
