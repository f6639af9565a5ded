"""The search index each build writes, as docs/hooks.py shapes it: a table is read row by row with
its cells apart, the API reference without its signatures, and the reader's pages are unchanged."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
hooks = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # docs/hooks.py, as MkDocs loads it
_spec.loader.exec_module(hooks)

_KEPT_BLOCK = re.compile(r"<(p|li|pre)\b[^>]*>(.*?)</\1>", re.S)  # what a preview shows as a line
_TAG = re.compile(r"<[^>]+>")


def builds(site: Path) -> dict[str, Path]:
    """Every build in the site (each has its own search index), by its language (scripts/build.py)."""
    found = {lang: site / prefix for lang, prefix in build_languages().items()}
    assert all((root / "search" / "search_index.json").is_file() for root in found.values()), found
    return found


def build_languages() -> dict[str, str]:
    import build

    return build.LANGUAGES


def search_index(build: Path) -> dict:
    return json.loads((build / "search" / "search_index.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Text with no white space, as a reader's eye joins it: a preview's "認証失敗 403" is "認証失敗403",
    and the zh-TW index's 身分\u200b驗證 (jieba's word breaks, which no reader sees) is 身分驗證."""
    return re.sub(r"[\s\u200b]+", "", unicodedata.normalize("NFKC", html.unescape(text)))


def indexed_blocks(build: Path) -> dict[str, list[str]]:
    """Each page's indexed text, as the lines its previews can show (squashed), by page path."""
    pages: dict[str, list[str]] = {}
    for doc in search_index(build)["docs"]:
        blocks = pages.setdefault(doc["location"].split("#")[0], [])
        text = doc["text"]
        blocks += [squash(_TAG.sub("", block[2])) for block in _KEPT_BLOCK.finditer(text)]
        blocks.append(squash(_TAG.sub("", _KEPT_BLOCK.sub("\n", text))))  # the text between them
    return pages


def page_html(build: Path, page: str) -> BeautifulSoup:
    # <wbr> (where a table's code may wrap) is no text.
    text = (build / page / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")
    return BeautifulSoup(text, "html.parser")


def table_rows(build: Path, page: str) -> list[list[list[str]]]:
    """The page's Markdown tables (Material styles table:not([class])), as rows of squashed cells."""
    tables = page_html(build, page).select("article table:not([class])")
    return [
        [[squash(cell.get_text()) for cell in row.find_all(["th", "td"])] for row in t.find_all("tr")] for t in tables
    ]


def test_the_site_has_every_build(site_dir: Path) -> None:
    assert set(builds(site_dir)) == {"en", "ja", "zh-TW"}


def test_every_builds_search_splits_words_at_the_cell_separator(site_dir: Path) -> None:
    for lang, build in builds(site_dir).items():
        separator = search_index(build)["config"]["separator"]
        words = [w for w in re.split(separator, f"401{hooks.SEARCH_CELL_SEPARATOR}Unauthorized") if w]
        assert words == ["401", "Unauthorized"], lang


def test_each_table_row_is_one_line_of_the_index_with_its_cells_apart(site_dir: Path) -> None:
    """The defect this fixes: 「認証失敗 403」, a preview pairing 401's meaning with the next row's code."""
    separator = squash(hooks.SEARCH_CELL_SEPARATOR)
    rows_seen = 0
    for lang, build in builds(site_dir).items():
        for page, blocks in indexed_blocks(build).items():
            for table in table_rows(build, page):
                for row in table:
                    cells = [cell for cell in row if cell]
                    assert separator.join(cells) in blocks, f"{lang} {page}: row {cells} is not a line of the index"
                    rows_seen += 1
    assert rows_seen > 50  # the status codes, the demo keys, the sandbox's routes, the reference's parameters


def test_no_line_of_the_index_runs_two_table_cells_together(site_dir: Path) -> None:
    """No preview can read one cell's end and the next cell's start (in a row, or across rows) as one phrase."""
    runs = []
    for lang, build in builds(site_dir).items():
        for page, blocks in indexed_blocks(build).items():
            text = "\n".join(blocks)
            for table in table_rows(build, page):
                cells = [cell for row in table for cell in row if cell]
                runs += [
                    f"{lang} {page}: {a!r} + {b!r}" for a, b in zip(cells, cells[1:], strict=False) if a + b in text
                ]
    assert not runs, "\n".join(runs)


@pytest.mark.parametrize("lang", build_languages())
def test_the_reference_is_indexed_without_its_signatures(site_dir: Path, lang: str) -> None:
    """mkdocstrings' signatures repeat the headings and parameter tables as code; a module attribute's
    is its whole value. The page shows them; the index leaves them out."""
    build = builds(site_dir)[lang]
    signatures = [squash(div.get_text()) for div in page_html(build, "reference").select("div.doc-signature")]
    assert len(signatures) > 50
    text = "\n".join(indexed_blocks(build)["reference/"])
    assert [s for s in signatures if s in text] == []
    assert "ApiProfile(" in "".join(signatures) and "ApiProfile" in text  # the value is gone, the class is not


@pytest.mark.parametrize("lang", build_languages())
def test_pages_are_rendered_from_their_own_html(site_dir: Path, lang: str) -> None:
    """The index's version of a page is the search's only: the reader's page keeps its tables, its
    signatures, and no search marker. (The reference's sections are lists, not tables.)"""
    build = builds(site_dir)[lang]
    for page in ["maiagent/status-codes", "playground", "reference"]:
        source = (build / page / "index.html").read_text(encoding="utf-8")
        assert "<table>" in source or page == "reference", page
        assert "data-search-" not in source, page
    assert page_html(build, "reference").select("div.doc-signature")
