"""Benchmark the playground's start-up, page weight and build against bare Pyodide and a peer.

One command, everything measured side by side in the same browser run (Debian's Chromium, headless,
driven by Playwright):

    .venv/bin/python scripts/bench.py [--runs N] [--json PATH] [--site-dir DIR] [--server python|nginx]

- main-thread floor: a minimal page that runs bare ``loadPyodide()`` from the site's own vendored
  files (``/pyodide/``) on its own main thread; Chromium keeps its compiled WebAssembly between
  visits (a worker's, it does not), and every start-up figure is compared with it, per round.
- worker floor (a reference): the same in a module worker, as our playground runs it.
- floor on our page: ``/playground/``'s own HTML, Material and all, with bare ``loadPyodide()`` in
  place of our playground: splits ours ÷ floor into what the page costs and what our playground adds.
- shipped: the same page on Pyodide's npm files as shipped, without our compile cache
  (scripts/precompile.mjs): what start-up cost before it, measured in the same run.
- ours: MaiAgent's authentication page in every language and ``/playground/`` in English and
  Japanese, navigation to ``data-ready="true"`` (Python, our package and the first answer from it),
  cold (fresh profile) and warm (persistent profile). Python comes from the build's start-up
  snapshot (scripts/snapshot.mjs); the floors boot it.
- main-thread long tasks (> 50 ms) during start-up, Send to the painted response (sandbox target),
  the code panel's code for one request in every language (``codegen``, CPython, budget 20 ms),
  bytes per page with and without a playground (and of a plain Material page), the full site build.
- the peer: markdown-exec's ``pyodide`` fence on a tiny MkDocs site, its CDN URLs redirected by a
  Playwright route to a local mirror: the same Pyodide files, npm copies of its editor and highlighter.

Start-up figures are the median of ``--runs`` (default 7); times are ``performance.now()`` marks
taken inside the page, so they start at navigation and carry no Playwright round trip. The pages
are served by ``playground.server`` or, with ``--server nginx``, by Debian's nginx with the
configuration the build writes (scripts/site_server.py). The table is printed as Markdown, then
issue 23's bars, each pass or FAIL (a report: the exit status is 0 either way); the full results go
to JSON, and the "latest run" section of maintainers/performance.md is rewritten from this run
(``--no-write-doc`` leaves it alone).

The parts live in scripts/benchkit/ (harness, pages, peer, figures, report); this is the command.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit.budget import declare_budgets, evaluate_budgets, render_budgets  # noqa: E402  (scripts/benchkit/)
from benchkit.figures import Bench, declare_figures  # noqa: E402
from benchkit.harness import ROOT, Browser, require_chromium, say  # noqa: E402
from benchkit.pages import (  # noqa: E402
    add_floor_pages,
    add_page_floor,
    add_plain_page,
    build_site_timed,
    copy_site,
    is_built_site,
)
from benchkit.peer import build_peer_site, peer_prerequisites, peer_server  # noqa: E402
from benchkit.report import (  # noqa: E402
    DEFAULT_DOC,
    DEFAULT_JSON,
    headline,
    latest_section,
    load_average,
    machine_meta,
    render_table,
    results_document,
    run_notes,
    write_latest_section,
)
from site_server import SERVERS, serve_site  # noqa: E402  (scripts/site_server.py)

__all__ = ["main", "parse_args"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per start-up figure (default: 7)")
    parser.add_argument(
        "--server",
        choices=SERVERS,
        default="python",
        help="python: playground.server (the default); nginx: Debian's nginx, as the build configures it",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write the results (default: {DEFAULT_JSON.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--site-dir",
        type=Path,
        help="a site built by scripts/build.py; the benchmark then skips (and does not time) the build",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip markdown-exec's pyodide fence")
    parser.add_argument(
        "--no-write-doc",
        dest="write_doc",
        action="store_false",
        help=f"leave the latest-run section of {DEFAULT_DOC.relative_to(ROOT)} as it is",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    require_chromium()
    missing = [] if args.no_peer else peer_prerequisites()
    if missing:
        raise SystemExit(f"the peer needs {', '.join(missing)}: run scripts/setup.sh (npm ci), or pass --no-peer")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        site_dir = scratch / "site"
        build_times = None
        if args.site_dir:
            prebuilt = args.site_dir.resolve()
            if not is_built_site(prebuilt):
                raise SystemExit(f"{prebuilt} is not a built site (no pyodide/pyodide.mjs): run scripts/build.py")
            copy_site(prebuilt, site_dir)
        else:
            say("building the site (every language) and vendoring Pyodide, timed once")
            build_times = build_site_timed(site_dir)
            add_floor_pages(site_dir)
        add_page_floor(site_dir)
        add_plain_page(site_dir)
        meta = machine_meta(args.runs, build_times, SERVERS[args.server])
        peer_site = None if args.no_peer else build_peer_site(scratch / "peer")
        figures = declare_figures(with_build=build_times is not None, with_peer=peer_site is not None)

        with (
            serve_site(args.server, site_dir) as site,
            peer_server(peer_site, site_dir / "pyodide") if peer_site else contextlib.nullcontext() as peer_url,
            sync_playwright() as playwright,
        ):
            bench = Bench(figures, site.url, peer_url, site_dir / "pyodide")
            if build_times:
                bench.add("build.total", build_times["total"])
                bench.add("build.docs", build_times["docs"])
            browser = Browser(playwright, scratch)
            try:
                say("priming the warm profiles")
                bench.prime_warm_profiles(browser)
                for run in range(1, args.runs + 1):
                    say(f"run {run}/{args.runs}")
                    bench.run_once(browser)
            finally:
                browser.close()

    meta["load_average_1min_at_end"] = load_average()
    notes = run_notes(bench, build_times is not None, meta)
    budgets = evaluate_budgets(declare_budgets(), bench.figures)
    document = results_document(figures, meta, notes)
    document["peer_routes"] = bench.peer_routes
    document["loads"] = bench.loads
    document["budgets"] = [
        {
            "bar": result.budget.bar,
            "figure": result.budget.figure,
            "per": result.budget.per,
            "statistic": result.budget.statistic,
            "value": result.value,
            "limit": result.budget.limit,
            "result": result.verdict,
        }
        for result in budgets
    ]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"Benchmark, {headline(meta)}\n")
    print(render_table(figures))
    print("\nIssue 23's bars, from this run's figures:\n")
    print(render_budgets(budgets))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"\nJSON: {args.json}")
    if args.write_doc:
        write_latest_section(DEFAULT_DOC, latest_section(figures, meta, notes, render_budgets(budgets)))
        print(f"Latest run written to {DEFAULT_DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
