"""Shared pytest fixtures, grouped by the part of the project they serve."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402  (scripts/build.py: the one way the site is built)
from site_server import running_server  # noqa: E402  (scripts/site_server.py: the one way the server is started)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that starts Chromium says so with the `browser` marker, which
    `scripts/test.sh --fast` leaves out: a test reaching the `browser` fixture without it is refused.

    Browser tests run last: fast feedback first."""
    unmarked = [
        item.nodeid
        for item in items
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests use the browser fixture but are not marked browser "
            "(add @pytest.mark.browser, or pytestmark = pytest.mark.browser to the module):\n  " + "\n  ".join(unmarked)
        )
    browser_items = collections.Counter(item.path for item in items if item.get_closest_marker("browser"))
    # The largest browser files first among them: with scripts/test.sh's two workers taking a file
    # at a time, a long file picked last would leave the other worker idle until it ends.
    items.sort(key=lambda item: (1, -browser_items[item.path]) if item.get_closest_marker("browser") else (0, 0))


# --- servers -----------------------------------------------------------------------------------


@contextlib.contextmanager
def run_server(site_dir: Path) -> Iterator[str]:
    """Run `python -m playground.server` on a free port; yield its base URL (ending in `/`)."""
    with running_server(site_dir) as server:
        yield server.url


# --- playground: the sandbox server ------------------------------------------------------------


@pytest.fixture(scope="session")
def playground_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny stand-in for the built site: an index page, a wasm file and an ES module."""
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<!doctype html><title>home</title>", encoding="utf-8")
    (site / "guide").mkdir()
    (site / "guide" / "index.html").write_text("<!doctype html><title>guide</title>", encoding="utf-8")
    (site / "pyodide.asm.wasm").write_bytes(b"\0asm\x01\0\0\0")
    (site / "worker.mjs").write_text("export {};\n", encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def sandbox_server(playground_site_dir: Path) -> Iterator[str]:
    with run_server(playground_site_dir) as url:
        yield url


# --- the built site ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Every language built strictly (broken links or missing includes fail the build), with Pyodide.

    Built once per run: pytest-xdist's workers share one build under their common temporary
    directory, the first one there building it while the others wait on the lock."""
    prebuilt = os.environ.get("DOCS_SITE_DIR")
    if prebuilt:
        return Path(prebuilt)
    # Without xdist ("master") the run's own temporary directory; with it, the one its workers share.
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    site, done = shared / "built-site", shared / "built-site.done"
    with (shared / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build.build_site(site)
            done.touch()
    return site


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[str]:
    """The project's own server (static site + sandbox API on one origin), as readers run it."""
    with run_server(site_dir) as url:
        yield url


# --- the real client SDKs (tests/clients/) -----------------------------------------------------

CLIENTS = ROOT / "tests" / "clients"


@pytest.fixture(scope="session")
def client_sdks() -> Path:
    """tests/clients/, with the Node SDKs its package-lock.json pins installed (its node_modules)."""
    for package in ("openai", "@aigne/aigne-hub"):
        if not (CLIENTS / "node_modules" / package / "package.json").is_file():
            pytest.fail(f"{package} is missing from tests/clients/node_modules: run scripts/setup.sh --clients")
    return CLIENTS


# --- browser -----------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download cannot work offline).

    One per test module: Playwright's sync API keeps an event loop running in the main thread while
    it is open, and a worker of scripts/test.sh's `pytest -n 2` may go on to a module that calls
    asyncio.run (which refuses to start inside a running loop)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh --browser (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
