"""Compare two builds of the site, paired: the same pages, loaded in the same rounds.

    .venv/bin/python scripts/bench_ab.py BEFORE_DIR AFTER_DIR [--rounds N] [--warm] [--pages en,auth.ja]
                                         [--server python|nginx] [--json PATH]

BEFORE_DIR and AFTER_DIR are sites built by scripts/build.py, for instance from two commits
checked out in two worktrees. Runs of scripts/bench.py minutes apart differ by more than most
single changes do (on a shared VM the floor alone took 1.5 s in one run and 2.0 s in the next), so
one change is judged here: each round loads the two floors (bare ``loadPyodide()`` on the main
thread, and in a worker) and each page from both builds, in shuffled order, each after the machine
is quiet and (cold) in a fresh profile, then divides each round's "after" by its "before", and each
page by the main-thread floor. The loads are scripts/bench.py's own (scripts/benchkit/): the same
browser, flags, floor pages, marks and servers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit.harness import ROOT, Browser, load_page, prime_profile, require_chromium, say, wait_for_quiet  # noqa: E402
from benchkit.pages import FLOOR_PAGE, MAIN_FLOOR_PAGE, OUR_PAGES, copy_site, is_built_site  # noqa: E402
from benchkit.report import format_value  # noqa: E402
from site_server import SERVERS, serve_site  # noqa: E402  (scripts/site_server.py)

__all__ = ["main", "parse_args", "per_round", "render_table"]

# /playground/ by its language (en, ja), the authentication pages by their figure id (auth, auth.ja, …).
PAGES = {
    "en": OUR_PAGES["ours"],
    "ja": OUR_PAGES["ours.ja"],
    **{key: path for key, path in OUR_PAGES.items() if key.startswith("auth")},
}
DEFAULT_PAGES = ("en", "ja")
FLOORS = {"floor.main": MAIN_FLOOR_PAGE, "floor": FLOOR_PAGE}
BUILDS = ("before", "after")
DEFAULT_JSON = ROOT / ".cache" / "bench" / "ab.json"


def per_round(numerators: Sequence[float], denominators: Sequence[float]) -> dict[str, float]:
    """Median, min and max of each round's numerator ÷ denominator."""
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError("one sample of each per round, and at least one round")
    ratios = [n / d for n, d in zip(numerators, denominators, strict=True)]
    return {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)}


def render_table(samples: dict[str, list[float]], pages: Sequence[str]) -> str:
    """A Markdown table: each page's medians before and after, and the paired ratios: after ÷ before,
    and each build ÷ the main-thread floor (after ÷ the worker floor as a reference)."""

    def shown(summary: dict[str, float]) -> str:
        return f"{summary['median']:.3f}× ({summary['min']:.2f}× – {summary['max']:.2f}×)"

    rows = [
        "| page | before | after | after ÷ before, per round | before ÷ main-thread floor"
        " | after ÷ main-thread floor | after ÷ worker floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    main, worker = samples["floor.main"], samples["floor"]
    for page in pages:
        before, after = samples[f"before.{page}"], samples[f"after.{page}"]
        rows.append(
            f"| {page} (/{PAGES[page]}) | {format_value(statistics.median(before), 'ms')}"
            f" | {format_value(statistics.median(after), 'ms')}"
            f" | {shown(per_round(after, before))} | {shown(per_round(before, main))}"
            f" | {shown(per_round(after, main))} | {shown(per_round(after, worker))} |"
        )
    rows.append(f"| main-thread floor | {format_value(statistics.median(main), 'ms')} | | | | | |")
    rows.append(f"| worker floor | {format_value(statistics.median(worker), 'ms')} | | | | | |")
    return "\n".join(rows)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the site built before the change (scripts/build.py)")
    parser.add_argument("after", type=Path, help="the site built after it")
    parser.add_argument("--rounds", type=int, default=12, help="rounds (default: 12)")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="kept profiles (one per build and page, primed by one uncounted load) instead of fresh ones",
    )
    parser.add_argument(
        "--pages",
        default=",".join(DEFAULT_PAGES),
        help=f"which of {', '.join(PAGES)} (default: {','.join(DEFAULT_PAGES)})",
    )
    parser.add_argument(
        "--server", choices=SERVERS, default="python", help="python: playground.server (the default); nginx"
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write every sample (default: {DEFAULT_JSON.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    if not args.pages or set(args.pages) - set(PAGES):
        parser.error(f"--pages: choose among {', '.join(PAGES)}")
    for build in (args.before, args.after):
        if not is_built_site(build):
            parser.error(
                f"{build} is not a built site (no pyodide/pyodide.mjs): run scripts/build.py --site-dir {build}"
            )
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    require_chromium()
    from playwright.sync_api import sync_playwright

    loads = [*FLOORS] + [f"{build}.{page}" for build in BUILDS for page in args.pages]
    samples: dict[str, list[float]] = {name: [] for name in loads}
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp, contextlib.ExitStack() as stack:
        scratch = Path(tmp)
        base: dict[str, str] = {}
        for build in BUILDS:
            site = scratch / build
            copy_site(getattr(args, build).resolve(), site)
            base[build] = stack.enter_context(serve_site(args.server, site)).url
        urls = {f"{build}.{page}": base[build] + PAGES[page] for build in BUILDS for page in args.pages}
        urls.update({name: base["after"] + path for name, path in FLOORS.items()})
        playwright = stack.enter_context(sync_playwright())
        browser = Browser(playwright, scratch)
        stack.callback(browser.close)
        if args.warm:
            say("priming the warm profiles")
            for name in loads:
                prime_profile(browser.warm_context(name), urls[name])
        for number in range(1, args.rounds + 1):
            say(f"round {number}/{args.rounds}")
            order = list(loads)
            random.shuffle(order)  # no build always goes first, or always follows the other
            for name in order:
                wait_for_quiet()
                with contextlib.nullcontext(browser.warm_context(name)) if args.warm else browser.cold() as context:
                    load, _ = load_page(context, urls[name])
                samples[name].append(load.marks["ready"])
    table = render_table(samples, args.pages)
    print(
        f"{'Warm' if args.warm else 'Cold'} loads, {args.rounds} paired round(s), served by {SERVERS[args.server]}: "
        f"{args.before} → {args.after}\n"
    )
    print(table)
    result = {
        "before": str(args.before),
        "after": str(args.after),
        "warm": args.warm,
        "server": SERVERS[args.server],
        "rounds": args.rounds,
        "samples": samples,
        "table": table,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
