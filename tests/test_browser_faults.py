"""Faults in Chromium: Pyodide's files missing or corrupt, Python dying under a request, the server
stopped. Each time the page says what happened and recovers without a reload, keeping what the
reader typed."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hostile_target import serving

import playground
from site_server import running_server  # scripts/ (tests/conftest.py puts it on the path)

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ja": "ja/"}
READY = 60_000
PAGE = "maiagent/authentication/"
WORDS = {
    "en": {
        "failed": "could not be loaded",
        "retry": "Try again",
        "crashed": "stopped unexpectedly",
        "cancelled": "Cancelled: the request was stopped.",
        "kept": "what you typed is kept",
        "network": "CORS",
    },
    "ja": {
        "failed": "読み込めませんでした",
        "retry": "再試行",
        "crashed": "予期せず停止",
        "kept": "入力内容はそのまま残っています",
        "network": "CORS",
    },
}
CRASH = "import os\nos._exit(3)\n"  # ends the interpreter itself: Pyodide cannot be used again


def open_playground(context, url: str):
    tab = context.new_page()
    tab.on("dialog", lambda dialog: pytest.fail(f"unexpected dialog: {dialog.message}"))
    tab.goto(url)
    # A reload would lose this marker: recovering must not reload the page.
    tab.evaluate("() => { window.__sameDocument = true; }")
    return tab


def wait_ready(tab) -> None:
    tab.wait_for_selector(".playground[data-python=ready][data-ready=true]", state="attached", timeout=READY)


def send_and_wait(tab) -> None:
    tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
    tab.click(".playground__send")
    tab.wait_for_selector(
        ".playground__response [data-status], .playground__response .playground__error", timeout=30_000
    )


def assert_same_document(tab) -> None:
    assert tab.evaluate("() => window.__sameDocument === true"), "the page was reloaded"


# --- Pyodide's files missing or corrupt -------------------------------------------------------------

FAULTS = {
    "missing wasm": ("**/pyodide/pyodide.asm.wasm", {"status": 404, "body": "missing"}),
    "corrupt wasm": (
        "**/pyodide/pyodide.asm.wasm",
        {"status": 200, "body": b"\x00asm\x01\x00\x00\x00garbage" * 64, "content_type": "application/wasm"},
    ),
    "corrupt stdlib": ("**/pyodide/python_stdlib.zip", {"status": 200, "body": b"PK\x03\x04 not a zip" * 64}),
    "missing package": ("**/pyodide/api_auth_playground-*.whl", {"status": 404, "body": "missing"}),
}


@pytest.mark.parametrize(
    ("lang", "fault"),
    [("en", "missing wasm"), ("ja", "corrupt wasm"), ("en", "corrupt stdlib"), ("ja", "missing package")],
)
def test_a_broken_pyodide_is_explained_and_try_again_recovers(site_server: str, browser, lang: str, fault: str) -> None:
    words = WORDS[lang]
    pattern, answer = FAULTS[fault]
    ctx = browser.new_context()
    try:
        ctx.route(pattern, lambda route: route.fulfill(**answer))
        tab = open_playground(ctx, urljoin(site_server, PREFIX[lang] + PAGE))
        tab.fill(".playground__key", "typed-before-the-failure")
        failed = tab.locator(".playground .playground__loading--failed")
        failed.wait_for(timeout=READY)
        assert words["failed"] in failed.text_content()
        retry = failed.locator(".playground__retry")
        assert retry.is_visible() and retry.text_content() == words["retry"]

        ctx.unroute(pattern)  # the files are back (the reader's network recovered, the host was fixed)
        retry.click()
        wait_ready(tab)
        assert tab.locator(".playground__key").input_value() == "typed-before-the-failure"
        tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        send_and_wait(tab)
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
        assert_same_document(tab)
    finally:
        ctx.close()


# --- Python dies under a request ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_server() -> Iterator[str]:
    # The hostile target's "slow8" route answers after 8 s: the crash always lands mid-request.
    with serving() as url:
        yield url + "slow8/"


@pytest.mark.parametrize("lang", PREFIX)
def test_python_dying_mid_request_is_explained_and_restarted(
    site_server: str, browser, slow_server: str, lang: str
) -> None:
    words = WORDS[lang]
    ctx = browser.new_context()
    try:
        tab = open_playground(ctx, urljoin(site_server, PREFIX[lang] + PAGE))
        wait_ready(tab)
        tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        tab.check(".playground__target-live")
        tab.fill(".playground__url", slow_server)
        tab.fill(".playground__path", "/api/v1/chatbots/")
        # A request is under way (the target takes 8 s) when Python dies.
        tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
        tab.click(".playground__send")
        tab.wait_for_selector(".playground__cancel:visible")
        tab.fill(".playground__code", CRASH)
        tab.click(".playground__run")

        response = tab.locator(".playground__response")
        tab.wait_for_function(
            "() => document.querySelector("
            "'.playground__response [data-status], .playground__response .playground__error')",
            timeout=30_000,
        )
        error = response.locator(".playground__error")
        assert error.count() == 1, response.text_content()
        assert words["crashed"] in error.text_content() and words["kept"] in error.text_content()
        tab.wait_for_function("() => document.querySelector('.playground__output').dataset.ok === 'false'")
        assert words["crashed"] in tab.locator(".playground__output").text_content()

        # A fresh Python answers again; nothing the reader typed was lost.
        wait_ready(tab)
        assert tab.locator(".playground__key").input_value() == playground.MAIAGENT_DEMO_KEY
        assert tab.locator(".playground__code").input_value() == CRASH
        assert tab.locator(".playground__url").input_value() == slow_server
        tab.check(".playground__target-sandbox")
        send_and_wait(tab)
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
        assert_same_document(tab)
    finally:
        ctx.close()


# --- the server stops, and comes back -----------------------------------------------------------------


def test_cancel_from_the_other_apis_view_answers_in_the_sent_apis_box(
    site_server: str, browser, slow_server: str
) -> None:
    # The reader sends to MaiAgent, looks at AIGNE Hub and cancels there: "Cancelled" went to AIGNE
    # Hub's box, and MaiAgent's kept "Sending…" for good.
    ctx = browser.new_context()
    try:
        tab = open_playground(ctx, urljoin(site_server, PAGE))
        wait_ready(tab)
        tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        tab.check(".playground__target-live")
        tab.fill(".playground__url", slow_server)
        tab.click(".playground__send")
        tab.wait_for_selector(".playground__cancel:visible")
        tab.select_option(".playground__api", "aigne-hub")
        tab.click(".playground__cancel")
        assert tab.locator(".playground__response").text_content() == ""
        tab.select_option(".playground__api", "maiagent")
        assert tab.locator(".playground__response").text_content() == WORDS["en"]["cancelled"]
    finally:
        ctx.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _server_on(site: Path, port: int) -> Iterator[str]:
    with running_server(site, port=port) as server:
        yield server.url


def test_the_server_stopping_is_explained_and_survived(site_dir: Path, browser) -> None:
    words = WORDS["en"]
    port = _free_port()
    ctx = browser.new_context()
    try:
        with _server_on(site_dir, port) as base:
            tab = open_playground(ctx, urljoin(base, PAGE))
            wait_ready(tab)
            # A first Run while the server is up: it loads Run's packages (requests and the rest),
            # so the Run below, with the server gone, gets as far as running the code.
            tab.fill(".playground__code", "print('ok')")
            tab.click(".playground__run")
            tab.wait_for_function("() => document.querySelector('.playground__output').dataset.ok === 'true'")
        # The server is gone. The in-browser sandbox needs no server: it still answers.
        tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
        send_and_wait(tab)
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
        # The stopped server as a live target: explained, not a hang.
        tab.check(".playground__target-live")
        tab.fill(".playground__url", base + "sandbox/maiagent/")
        send_and_wait(tab)
        assert words["network"] in tab.locator(".playground__response .playground__error").text_content()
        # Python dies while the server is down: the restart cannot load Python, and says so. The
        # browser's HTTP cache may hold all of Pyodide (sent compressed, its files fit in it): refused
        # here, as by a browser that has not kept them.
        tab.route("**/pyodide/**", lambda route: route.abort())
        tab.fill(".playground__code", CRASH)
        tab.click(".playground__run")
        failed = tab.locator(".playground .playground__loading--failed")
        failed.wait_for(timeout=READY)
        assert words["failed"] in failed.text_content()
        tab.unroute("**/pyodide/**")
        with _server_on(site_dir, port):
            failed.locator(".playground__retry").click()
            wait_ready(tab)
            send_and_wait(tab)
            assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "200"
        assert tab.locator(".playground__key").input_value() == playground.MAIAGENT_DEMO_KEY
        assert_same_document(tab)
    finally:
        ctx.close()
