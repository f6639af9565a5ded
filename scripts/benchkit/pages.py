"""The site under test: built and timed, or copied from a prebuilt site, the pages measured on it,
and the pages the benchmark adds to it (the two floors, the floor on Pyodide as shipped, the floor
on our own page, a plain Material page).

Every page it adds lives on the site's own origin, beside ``/pyodide/``, like ours: under ``bench/``,
except the plain Material page, which sits beside the home page whose HTML it reuses.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import build  # scripts/build.py: the languages the site is built in
import vendor_pyodide  # scripts/vendor_pyodide.py: where Pyodide's npm files are

__all__ = [
    "FLOOR_PAGE",
    "MAIN_FLOOR_PAGE",
    "OUR_PAGES",
    "PAGES_WITHOUT_PLAYGROUND",
    "PAGE_FLOOR",
    "PLAIN_PAGE",
    "SHIPPED_PAGE",
    "WARM_PAGES",
    "add_floor_pages",
    "add_page_floor",
    "add_plain_page",
    "build_site_timed",
    "copy_site",
    "is_built_site",
    "our_pages",
    "plain_material_html",
]

FLOOR_PAGE = "bench/floor.html"
FLOOR_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Benchmark floor: bare loadPyodide()</title>
<script src="floor.js"></script>
</html>
"""
# An external script, not an inline one: the server's Content Security Policy allows 'self' only.
FLOOR_JS = """const worker = new Worker(new URL("floor-worker.mjs", document.currentScript.src), { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "ready") document.documentElement.dataset.ready = "true";
  else document.documentElement.dataset.failed = String(event.data);
};
"""
FLOOR_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";

loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href })
  .then(() => postMessage("ready"), (error) => postMessage("failed: " + error));
"""
# The main-thread floor: the same bare loadPyodide(), on the page's own main thread. Chromium keeps
# the compiled WebAssembly of a page (its code cache) between visits, and not that of a worker: warm,
# this is the faster floor, and the one the bars are read against.
MAIN_FLOOR_PAGE = "bench/main-floor.html"
MAIN_FLOOR_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Benchmark floor: bare loadPyodide() on the main thread</title>
<script type="module" src="main-floor.mjs"></script>
</html>
"""
MAIN_FLOOR_MODULE = """import { loadPyodide } from "../pyodide/pyodide.mjs";

loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href }).then(
  () => { document.documentElement.dataset.ready = "true"; },
  (error) => { document.documentElement.dataset.failed = "failed: " + error; },
);
"""
SHIPPED_PAGE = "bench/shipped.html"
SHIPPED_PYODIDE = "bench/pyodide-shipped/"
# The floor on our own page: /playground/'s HTML (Material's stylesheets, bundle, search and all)
# with the two scripts that start our playground (docs/overrides/main.html) replaced by the floor's.
# Ours ÷ this is what our worker and package add; this ÷ the floor is what the page itself costs.
PAGE_FLOOR = "bench/"
# The worker-starting inline script and the playground script, then the build's copy of info()
# (docs/overrides/main.html).
OUR_PLAYGROUND_SCRIPTS = re.compile(
    r'<script data-worker="[^"]*" data-pyodide="[^"]*">.*?</script>'
    r'\s*<script src="[^"]*/playground\.js"[^>]*></script>'
    r'(?:\s*<script type="application/json" id="playground-info">.*?</script>)?',
    re.DOTALL,
)

# A plain Material page: the home page's HTML without the stylesheets and scripts the site adds to
# Material's own (extra_css, extra_javascript, plugins'). At the home page's depth, so that its
# relative URLs resolve alike; what a page without a playground weighs is compared with it.
PLAIN_PAGE = "bench-plain-material.html"
# A stylesheet link or an external script: Material's own are its hashed, minified files.
_ASSET_TAG = re.compile(r'<link rel="stylesheet" href="([^"]*)">|<script src="([^"]*)"[^>]*></script>')
_MATERIAL_ASSET = re.compile(
    r"(?:^|/)assets/(?:stylesheets|javascripts)/(?:main|palette|bundle)\.[0-9a-f]{8}\.min\.(?:css|js)$"
)


def our_pages(languages: dict[str, str] = build.LANGUAGES) -> dict[str, str]:
    """The playground pages timed to "ready", by figure id: /playground/ (``ours``, in English and
    Japanese) and MaiAgent's authentication page, where most readers meet the playground (``auth``),
    in every language the site is built in. English keeps the bare id (``ours``, ``auth``)."""
    pages = {}
    for page, path, langs in (("ours", "playground/", ("en", "ja")), ("auth", "maiagent/authentication/", languages)):
        for lang in langs:
            pages[page if lang == "en" else f"{page}.{lang}"] = languages[lang] + path
    return pages


OUR_PAGES = our_pages()
# The pages timed to "ready", by the name of their warm profile: the floors, then ours.
WARM_PAGES = {"floor.main": MAIN_FLOOR_PAGE, "floor": FLOOR_PAGE, "shipped": SHIPPED_PAGE, **OUR_PAGES}
# Pages that must not load any Pyodide byte (their bytes figures are named after them).
PAGES_WITHOUT_PLAYGROUND = {"home": "", "reference": "reference/"}


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_site_timed(site_dir: Path) -> dict[str, float]:
    """Run scripts/build.py's build_site once, timing it whole and its MkDocs part (build_docs)."""
    import build

    times: dict[str, float] = {}
    build_docs = build.build_docs

    def timed_build_docs(target: Path) -> None:
        times["docs"] = _timed(lambda: build_docs(target))

    # build_site looks build_docs up at call time: wrapping it times the docs part of the one real build.
    build.build_docs = timed_build_docs
    try:
        times["total"] = _timed(lambda: build.build_site(site_dir))
    finally:
        build.build_docs = build_docs
    return times


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site built by scripts/build.py (its vendored Pyodide is there)."""
    return (folder / "pyodide" / "pyodide.mjs").exists()


def copy_site(prebuilt: Path, site_dir: Path) -> None:
    """Copy a built site (about 20 MB) and add the floor pages to the copy: the given site stays untouched."""
    shutil.copytree(prebuilt, site_dir)
    add_floor_pages(site_dir)


def add_floor_pages(site_dir: Path) -> None:
    """Write the floor pages into the site (same origin as /pyodide/, like our pages): the worker
    floor, its twin on a copy of Pyodide's npm files as shipped, and the main-thread floor."""
    folder = (site_dir / FLOOR_PAGE).parent
    folder.mkdir()
    (site_dir / MAIN_FLOOR_PAGE).write_text(MAIN_FLOOR_HTML, encoding="utf-8")
    (folder / "main-floor.mjs").write_text(MAIN_FLOOR_MODULE, encoding="utf-8")
    for name, pyodide in (("floor", "../pyodide/"), ("shipped", "./" + SHIPPED_PYODIDE.removeprefix("bench/"))):
        (folder / f"{name}.html").write_text(FLOOR_HTML.replace("floor.js", f"{name}.js"), encoding="utf-8")
        (folder / f"{name}.js").write_text(FLOOR_JS.replace("floor-worker.mjs", f"{name}-worker.mjs"), encoding="utf-8")
        (folder / f"{name}-worker.mjs").write_text(FLOOR_WORKER.replace("../pyodide/", pyodide), encoding="utf-8")
    shipped = site_dir / SHIPPED_PYODIDE
    shipped.mkdir()
    for name in (*vendor_pyodide.CORE_FILES, "pyodide-lock.json"):
        shutil.copy2(vendor_pyodide.NPM_PYODIDE / name, shipped / name)


def add_page_floor(site_dir: Path) -> None:
    """Write the floor on our page as bench/index.html: the same depth as playground/index.html, so
    its relative URLs resolve alike. Call after add_floor_pages (it loads bench/floor.js)."""
    html = (site_dir / WARM_PAGES["ours"] / "index.html").read_text(encoding="utf-8")
    html, found = OUR_PLAYGROUND_SCRIPTS.subn('<script src="floor.js"></script>', html)
    if found != 1:
        raise RuntimeError(f"expected the playground's two start-up scripts once in /playground/, found {found}")
    (site_dir / PAGE_FLOOR / "index.html").write_text(html, encoding="utf-8")


def plain_material_html(html: str) -> str:
    """``html`` without the stylesheets and external scripts that are not Material's own files."""

    def keep_material(match: re.Match[str]) -> str:
        return match[0] if _MATERIAL_ASSET.search(match[1] or match[2]) else ""

    plain, found = _ASSET_TAG.subn(keep_material, html)
    if not found:
        raise RuntimeError("expected Material's stylesheets and scripts in the page")
    return plain


def add_plain_page(site_dir: Path) -> None:
    """Write the plain Material page beside the home page, from the home page's HTML."""
    html = (site_dir / PAGES_WITHOUT_PLAYGROUND["home"] / "index.html").read_text(encoding="utf-8")
    (site_dir / PLAIN_PAGE).write_text(plain_material_html(html), encoding="utf-8")
