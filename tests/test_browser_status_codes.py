"""The status codes pages in Chromium: search finds what they say about 429, and a status in the
response view links to its own section, for each API, in every language."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from test_browser_site import open_search
from test_status_codes import LANGUAGES as PREFIX
from test_status_codes import PAGES

pytestmark = pytest.mark.browser

READY = 60_000
# What readers type when they hit a rate limit, and the sections that must answer it: on each
# status codes page, what its sources do and do not establish about 429.
RATE_LIMIT_QUERIES = {
    "en": [("429", set(PAGES.values())), ("rate limit", set(PAGES.values()))],
    "ja": [("429", set(PAGES.values())), ("レート制限", set(PAGES.values())), ("rate limit", set(PAGES.values()))],
    "zh-TW": [("429", set(PAGES.values())), ("速率限制", set(PAGES.values())), ("rate limit", set(PAGES.values()))],
}


def result_links(page, query: str) -> list[str]:
    """Search for `query`, typed at once, in the open search box; return every result link."""
    box, meta = page.locator("input.md-search__input"), page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length")
    idle = meta.text_content()
    box.fill(query)
    box.press("End")
    page.wait_for_function("idle => document.querySelector('.md-search-result__meta').textContent !== idle", arg=idle)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", PREFIX)
def test_search_finds_what_each_page_says_about_429(site_server: str, page, lang: str) -> None:
    page.goto(urljoin(site_server, PREFIX[lang]))
    open_search(page)
    for query, pages in RATE_LIMIT_QUERIES[lang]:
        found = {urlsplit(url).path.lstrip("/") for url in result_links(page, query) if urlsplit(url).fragment == "429"}
        assert found == {PREFIX[lang] + path for path in pages}, (query, found)


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("api", PAGES)
def test_the_reproduced_status_links_to_its_section(site_server: str, browser, lang: str, api: str) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(urljoin(site_server, PREFIX[lang] + PAGES[api] + "#401"))
        block = tab.locator('[id="401"] ~ .playground-reproduce').first
        block.locator(".playground-reproduce__button").click()
        link = block.locator(".playground__status-link")
        link.wait_for(timeout=READY)
        link.click()
        tab.wait_for_url(urljoin(site_server, PREFIX[lang] + PAGES[api] + "#401"))
        assert tab.evaluate("() => document.getElementById(location.hash.slice(1)).tagName") in ("H2", "H3")
    finally:
        context.close()
