"""Search as a reader types it into Material's search box, in each build: the guides before the API
reference, a word typed whole found whole first, and previews that read a table row by row.
tests/test_search_ranking.py checks the same queries on the index, without a browser."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from test_browser_site import FIRST_SCREEN, open_search, page_path, ranked_pages
from test_search_index import builds, hooks, indexed_blocks, squash, table_rows
from test_search_ranking import GUIDE_QUERIES, REFERENCE, WHOLE_WORDS, pages_holding

pytestmark = pytest.mark.browser

# Queries whose results show table rows in every build (the status codes, the demo keys, the
# sandbox's routes and errors), and the row each build's previews must read as one line.
TABLE_QUERIES = {"en": ["403", "401"], "ja": ["403", "401", "認証失敗"], "zh-TW": ["403", "401", "身分驗證失敗"]}


def open_build(page, site_server: str, site_dir: Path, lang: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(urljoin(site_server, builds(site_dir)[lang].relative_to(site_dir).as_posix() + "/"))
    open_search(page)


def preview_lines(page) -> list[tuple[str, str]]:
    """Every line of every result's preview, with the page it previews: Material shows the indexed
    paragraphs and list items inside each result's link."""
    found = page.eval_on_selector_all(
        ".md-search-result__link",
        """links => links.flatMap(a =>
             [...a.querySelectorAll(".md-search-result__article :is(p, li):not(.md-search-result__terms)")]
               .map(l => [a.href, l.textContent]))""",
    )
    return [(page_path(urlsplit(href).path.lstrip("/")).split("#")[0], line) for href, line in found]


def test_every_build_has_table_queries(site_dir: Path) -> None:
    assert set(builds(site_dir)) == set(TABLE_QUERIES)


@pytest.mark.parametrize("lang", sorted(GUIDE_QUERIES))
def test_search_lists_the_guides_before_the_api_reference(site_server: str, site_dir: Path, page, lang: str) -> None:
    open_build(page, site_server, site_dir, lang)
    misses = []
    for query, guides in GUIDE_QUERIES[lang]:
        listed = ranked_pages(page, query)
        after = listed[listed.index(REFERENCE) + 1 :] if REFERENCE in listed else []
        if not listed or listed[0] not in guides or REFERENCE in listed[:FIRST_SCREEN] or guides & set(after):
            misses.append(f"{query!r}: want {sorted(guides)} first and the reference after them, got {listed}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("lang", sorted(WHOLE_WORDS))
def test_a_word_typed_whole_is_found_whole_first(site_server: str, site_dir: Path, page, lang: str) -> None:
    """「ページ分割」 first lists a page that says ページ分割, not one titled with ページ alone."""
    build = builds(site_dir)[lang]
    open_build(page, site_server, site_dir, lang)
    misses = []
    for word in WHOLE_WORDS[lang]:
        listed = ranked_pages(page, word)
        if not listed or listed[0] not in pages_holding(build, word):
            misses.append(f"{word!r}: want one of {sorted(pages_holding(build, word))} first, got {listed}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("lang", sorted(TABLE_QUERIES))
def test_previews_read_a_table_row_by_row(site_server: str, site_dir: Path, page, lang: str) -> None:
    """A preview shows a table row as one line, and never one cell's end with the next cell's start
    (「認証失敗 403」: 401's meaning run into the next row's code)."""
    build = builds(site_dir)[lang]
    separator = squash(hooks.SEARCH_CELL_SEPARATOR)
    rows, runs = set(), {}
    for path in indexed_blocks(build):
        # A run is two cells that follow each other in one of the page's tables: short cells
        # (說明, 沙箱) may meet in another page's prose by chance, so each page is read against its own.
        for table in table_rows(build, path):
            rows |= {separator.join(cell for cell in row if cell) for row in table}
            cells = [cell for row in table for cell in row if cell]
            runs.setdefault(path, set()).update(a + b for a, b in zip(cells, cells[1:], strict=False))
    open_build(page, site_server, site_dir, lang)
    for query in TABLE_QUERIES[lang]:
        ranked_pages(page, query)
        lines = [(path, squash(line)) for path, line in preview_lines(page)]
        assert rows & {line for _, line in lines}, f"{query!r}: no preview line is a table row: {lines}"
        flattened = [(path, line) for path, line in lines if any(run in line for run in runs.get(path, ()))]
        assert not flattened, f"{query!r}: {flattened}"
