"""Run in Chromium: the reader's plain requests program, run in the page's Pyodide (en and ja, 1280 and 390 px).

requests and its dependencies load on the first Run only; the sandbox target answers the documented
APIs' origins in the page, and a live target sends them over the network from the worker.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import playground

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ja": "ja/"}
WIDTHS = [1280, 390]
READY = 60_000
RUN_WHEELS = ("requests", "urllib3", "idna", "certifi", "charset-normalizer")
LOADING = {"en": "Loading requests", "ja": "requests を読み込み中"}
REFUSED = {"en": 'choose "A live base URL" under "Send to"', "ja": "「送信先」で「実際のベース URL」を選んで"}


def program(url: str) -> str:
    return (
        "import os\n"
        "import requests\n"
        f'response = requests.get("{url}", headers={{"Authorization": '
        "f\"Api-Key {os.environ['MAIAGENT_API_KEY']}\"}, timeout=30)\n"
        "print(response.status_code)\n"
        "print(response.text)\n"
    )


@pytest.fixture(scope="module")
def wheel_files(site_dir: Path) -> set[str]:
    """The file names of Run's wheels and of its bytecode, as the vendored pyodide-lock.json registers them."""
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    bytecode = lock["tool"]["api-auth-playground"]["run_bytecode"]["file_name"]
    return {lock["packages"][name]["file_name"] for name in RUN_WHEELS} | {bytecode}


@pytest.fixture(params=[(lang, width) for lang in PREFIX for width in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, browser, site_server: str):
    lang, width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.urls = []
    context.on("request", lambda sent: page.urls.append(sent.url))
    page.goto(urljoin(site_server, PREFIX[lang] + "maiagent/authentication/"))
    page.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)
    page.lang = lang
    # Every text the output shows, in order: the first Run's "Loading requests…" comes and goes.
    page.evaluate(
        "() => { window.__outputs = []; const output = document.querySelector('.playground__output');"
        " new MutationObserver(() => window.__outputs.push(output.textContent))"
        ".observe(output, { childList: true, subtree: true, characterData: true }); }"
    )
    yield page
    context.close()


def run(tab, source: str) -> str:
    tab.fill(".playground__code", source)
    tab.locator(".playground__output").evaluate("node => delete node.dataset.ok")
    tab.click(".playground__run")
    tab.wait_for_function(
        "() => document.querySelector('.playground__output').dataset.ok !== undefined", timeout=30_000
    )
    return tab.locator(".playground__output > code").text_content()


def fetched(tab, files: set[str]) -> list[str]:
    return [url for url in tab.urls if urlsplit(url).path.rsplit("/", 1)[-1] in files]


def test_run_answers_the_requests_program_from_the_sandbox(tab, site_server: str, wheel_files: set[str]) -> None:
    tab.wait_for_load_state("networkidle")
    assert not fetched(tab, wheel_files), "Run's wheels were fetched before any Run"
    tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    tab.check(".playground__target-sandbox")

    output = run(tab, program("https://api.maiagent.ai/api/v1/chatbots/"))
    status, body = output.split("\n", 1)
    assert status == "200", output
    assert json.loads(body)["results"][0]["name"] == "LLM test"
    assert tab.locator(".playground__output").get_attribute("data-ok") == "true"
    assert any(LOADING[tab.lang] in text for text in tab.evaluate("() => window.__outputs"))
    # Each wheel once, from this site; nothing left it, and the key is in no URL.
    assert sorted(urlsplit(url).path.rsplit("/", 1)[-1] for url in fetched(tab, wheel_files)) == sorted(wheel_files)
    assert all(url.startswith(site_server) for url in tab.urls if url.startswith("http"))
    assert not [url for url in tab.urls if playground.MAIAGENT_DEMO_KEY in url]

    # Later Runs load nothing again; without a key the program gets the documented 401.
    tab.evaluate("() => { window.__outputs = []; }")
    tab.fill(".playground__key", "")
    status, body = run(tab, program("https://api.maiagent.ai/api/v1/chatbots/")).split("\n", 1)
    assert (status, json.loads(body)) == ("401", playground.get_example("maiagent/401-missing-key").json())
    assert not any(LOADING[tab.lang] in text for text in tab.evaluate("() => window.__outputs"))
    assert len(fetched(tab, wheel_files)) == len(wheel_files)


def test_a_page_where_nobody_runs_code_downloads_none_of_the_wheels(tab, wheel_files: set[str]) -> None:
    tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    tab.click(".playground__send")
    tab.wait_for_selector(".playground__response [data-status]", timeout=30_000)
    tab.wait_for_load_state("networkidle")
    assert [url for url in tab.urls if "/pyodide/" in url], "the page loaded no Pyodide at all"
    assert not fetched(tab, wheel_files)


def test_another_url_is_refused_in_the_readers_language(tab) -> None:
    output = run(tab, program("https://example.com/api/v1/chatbots/"))
    assert REFUSED[tab.lang] in output and "https://example.com" in output
    assert tab.locator(".playground__output").get_attribute("data-ok") == "false"
    assert not [url for url in tab.urls if "example.com" in url]


def test_a_live_target_sends_the_program_over_the_network(tab, site_server: str) -> None:
    # urllib3's Pyodide backend, in the page's module worker, calls the local server's sandbox.
    live = site_server + "sandbox/maiagent/"
    tab.fill(".playground__key", playground.MAIAGENT_DEMO_KEY)
    tab.check(".playground__target-live")
    tab.fill(".playground__url", live)
    url = live + "api/v1/chatbots/?pageSize=1"
    output = run(tab, program(url))
    status, body = output.split("\n", 1)
    assert status == "200", output
    assert json.loads(body)["count"] == 3 and len(json.loads(body)["results"]) == 1
    assert url in tab.urls
    assert not [sent for sent in tab.urls if playground.MAIAGENT_DEMO_KEY in sent]
