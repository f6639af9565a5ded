"""Lighthouse scores of every page, as readers on phones get them (mobile defaults, simulated throttling).

    .venv/bin/python scripts/lighthouse.py --site-dir DIR | --url BASE [--pages /a/ /ja/a/] [--json PATH]
                                           [--server python|nginx] [--no-write-doc]

- ``--site-dir``: a site built by scripts/build.py, served for the run by playground.server or,
  with ``--server nginx``, by Debian's nginx with the build's ``_nginx.conf`` (scripts/site_server.py);
  ``--url``: a site already served at BASE.
- ``--pages``: URL paths under the base (default: every page of every language, from the site's
  index.html files; with ``--url`` they are required unless ``--site-dir`` names the build too).
- Prints one Markdown row per page (the four category scores, FCP, LCP, TBT, CLS, Speed Index,
  the byte weight and the failing audits' ids) and writes the rows to ``--json``; ``--reports DIR``
  keeps each page's full Lighthouse report there. A page whose run fails is a row saying why.
- Prints issue 23's bars (performance ≥ 95 and SEO 100 on every page) and, unless
  ``--no-write-doc``, writes the table and the verdict into maintainers/performance.md, between its
  Lighthouse markers. It exits 1 only when a page gave no result: the bars are a report.

The Lighthouse CLI is the pinned npm package (package.json); Chromium is Debian's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit.harness import ROOT, require_chromium, say  # noqa: E402  (scripts/benchkit/)
from benchkit.lighthouse import (  # noqa: E402
    DOC_MARKERS,
    LIGHTHOUSE,
    LighthouseRow,
    failed_bars,
    lighthouse_row,
    lighthouse_section,
    render_lighthouse_table,
    run_lighthouse,
    site_pages,
)
from benchkit.report import DEFAULT_DOC, write_latest_section  # noqa: E402
from site_server import SERVERS, serve_site  # noqa: E402  (scripts/site_server.py)

__all__ = ["main", "parse_args"]

DEFAULT_JSON = ROOT / ".cache" / "bench" / "lighthouse.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_argument_group("the site (one at least)")
    target.add_argument("--site-dir", type=Path, help="a site built by scripts/build.py, served for the run")
    target.add_argument("--url", help="the base URL of a site already served (pages are relative to it)")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="URL paths (default: every page of the site)")
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write the rows (default: {DEFAULT_JSON.relative_to(ROOT)})",
    )
    parser.add_argument("--reports", type=Path, help="a directory to keep each page's full Lighthouse report in")
    parser.add_argument(
        "--server",
        choices=SERVERS,
        default="python",
        help="python: playground.server (the default); nginx: Debian's nginx with the build's _nginx.conf",
    )
    parser.add_argument(
        "--no-write-doc",
        action="store_true",
        help="leave the Lighthouse section of maintainers/performance.md as it is",
    )
    args = parser.parse_args(argv)
    if args.site_dir is None and args.url is None:
        parser.error("give --site-dir or --url")
    if args.site_dir is not None and not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} is not a built site (no index.html): run scripts/build.py")
    if args.pages is None and args.site_dir is None:
        parser.error("with --url alone, name the pages (--pages)")
    return args


def _report_name(page: str) -> str:
    return (page.strip("/").replace("/", "_") or "index") + ".json"


def measure(base: str, pages: Sequence[str], reports: Path) -> list[LighthouseRow]:
    rows = []
    for number, page in enumerate(pages, 1):
        url = base.rstrip("/") + "/" + page.lstrip("/")
        say(f"Lighthouse {number}/{len(pages)}: {url}")
        try:
            report = run_lighthouse(url, reports / _report_name(page))
            rows.append(lighthouse_row(page, report))
        except (RuntimeError, KeyError, TypeError) as error:  # a report without the fields a row reads
            rows.append(LighthouseRow(page, error=str(error) or type(error).__name__))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    require_chromium()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run scripts/setup.sh (npm ci)")
    pages = args.pages or site_pages(args.site_dir)
    with contextlib.ExitStack() as stack:
        reports = args.reports or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lighthouse-")))
        reports.mkdir(parents=True, exist_ok=True)
        base = args.url or stack.enter_context(serve_site(args.server, args.site_dir.resolve())).url
        rows = measure(base, pages, reports)
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))["version"]
    server = "a server at " + base if args.url else SERVERS[args.server]
    failures = failed_bars(rows)
    document = {
        "lighthouse": version,
        "base": base,
        "server": server,
        "rows": [row.as_json() for row in rows],
        "failed_bars": failures,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    headline = f"Lighthouse {version}, mobile defaults (simulated throttling), {when}, served by {server}."
    print(headline + "\n")
    print(render_lighthouse_table(rows))
    print("\nbars: " + ("pass" if not failures else "FAIL\n  " + "\n  ".join(failures)))
    print(f"\nJSON: {args.json}")
    if not args.no_write_doc:
        write_latest_section(DEFAULT_DOC, lighthouse_section(rows, headline), DOC_MARKERS)
    if any(row.error for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
