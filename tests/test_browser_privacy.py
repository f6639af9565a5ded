"""Privacy, in Chromium: a reader types a key and uses every feature of the page; afterwards the key
is found in one place only, the Authorization header of the requests sent to the target the reader
chose. Not in storage, cookies, the URL, history, the console, other requests, or the page's HTML."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

KEY = "privacyCanary0123456789"  # shell/Python/JS-safe, so "show my key in the examples" accepts it
READY = 60_000


def test_the_key_reaches_only_the_chosen_target(site_server: str, browser) -> None:
    live_target = site_server + "sandbox/maiagent/"
    ctx = browser.new_context()
    requests, console = [], []
    try:
        tab = ctx.new_page()
        # Requests and console messages of the page and of its Web Worker (where Python runs).
        tab.on("request", lambda request: requests.append(request))
        tab.on("console", lambda message: console.append(message.text))
        tab.on("worker", lambda worker: worker.on("console", lambda message: console.append(message.text)))
        tab.on("dialog", lambda dialog: pytest.fail(f"unexpected dialog: {dialog.message}"))
        tab.goto(urljoin(site_server, "maiagent/authentication/"))
        tab.wait_for_selector(".playground[data-ready=true]", state="attached", timeout=READY)

        # The key field, shown and hidden again, diagnosed, remembered and forgotten, typed again.
        tab.fill(".playground__key", KEY)
        tab.click(".playground__toggle")
        tab.click(".playground__toggle")
        tab.check(".playground__remember")
        tab.click(".playground__forget")
        tab.fill(".playground__key", "Bearer " + KEY)  # a mistake, diagnosed
        tab.locator("li[data-code=wrong_scheme_bearer]").wait_for()
        tab.fill(".playground__key", KEY)
        tab.select_option(".playground__api", "aigne-hub")
        tab.select_option(".playground__api", "maiagent")
        tab.fill(".playground__key", KEY)

        def send() -> None:
            tab.locator(".playground__response").evaluate("node => node.replaceChildren()")
            tab.click(".playground__send")
            tab.wait_for_selector(
                ".playground__response [data-status], .playground__response .playground__error", timeout=30_000
            )

        # The in-browser sandbox, then the chosen live target.
        send()
        tab.check(".playground__target-live")
        tab.fill(".playground__url", live_target)
        send()
        assert tab.locator(".playground__response [data-status]").get_attribute("data-status") == "401"
        # The code, with the key put in it, run (to the live target too).
        tab.check(".playground__usekey")
        tab.wait_for_function(f"() => document.querySelector('.playground__code').value.includes('{KEY}')")
        tab.locator(".playground__output").evaluate("node => delete node.dataset.ok")
        tab.click(".playground__run")
        tab.wait_for_function(
            "() => document.querySelector('.playground__output').dataset.ok !== undefined", timeout=30_000
        )
        tab.uncheck(".playground__usekey")
        # The key shown in the page's examples, then taken out again.
        tab.check(".playground__pagekey")
        tab.wait_for_function(f"() => document.querySelector('.tabbed-set pre > code').textContent.includes('{KEY}')")
        tab.uncheck(".playground__pagekey")
        # The Reproduce buttons, and the copy button of an example.
        for button in tab.locator(".playground-reproduce__button").all():
            button.click()
        tab.wait_for_selector(".playground-reproduce__verdict", timeout=READY)
        tab.check(".playground__target-sandbox")
        send()
        tab.wait_for_timeout(500)  # let late requests and console messages arrive

        # Where the key may be: the field itself, and the Authorization header sent to the live target.
        assert tab.locator(".playground__key").input_value() == KEY
        leaks = []
        for request in requests:
            headers = request.all_headers()
            for name, value in headers.items():
                if KEY in value and not (name == "authorization" and request.url.startswith(live_target)):
                    leaks.append(f"header {name} of {request.method} {request.url}")
            if KEY in request.url:
                leaks.append(f"URL {request.url}")
            if KEY in (request.post_data or ""):
                leaks.append(f"body of {request.method} {request.url}")
        assert not leaks, leaks
        sent = [r for r in requests if r.url.startswith(live_target) and r.method != "OPTIONS"]
        assert sent and all(r.all_headers().get("authorization") == f"Api-Key {KEY}" for r in sent)
        assert any("/pyodide/" in r.url for r in requests), "the worker's requests were not observed"

        assert not [m for m in console if KEY in m], "the key was written to the console"
        assert not ctx.cookies()
        stored = tab.evaluate("""async () => JSON.stringify({
            local: Object.entries(localStorage), session: Object.entries(sessionStorage),
            cookie: document.cookie, url: location.href, referrer: document.referrer,
            history: [history.length, history.state],
            databases: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
            caches: await caches.keys(),
        })""")
        assert KEY not in stored
        # The page's HTML (every example, every message) no longer holds it either.
        assert KEY not in tab.content()
    finally:
        ctx.close()
