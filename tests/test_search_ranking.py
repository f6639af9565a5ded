"""What each build's search lists, in the order a reader sees it: Material's own search worker (lunr)
run by scripts/search_rank.mjs on the built index, with the page's search scripts (search-ja.js,
search-rank.js) on both sides of it. tests/test_browser_search.py types the same queries in Chromium."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_search_index import builds, search_index, squash

ROOT = Path(__file__).resolve().parent.parent
AUTH, AIGNE, STATUS = "maiagent/authentication/", "aigne-hub/authentication/", "maiagent/status-codes/"
AIGNE_STATUS = "aigne-hub/status-codes/"
REFERENCE = "reference/"
OVERVIEW = ""
FIRST_SCREEN = 3  # result pages a reader sees without scrolling (1280 x 720)

# What readers of each build type (issue 22), and the guide pages that answer it: one of them comes
# first, and the Python API reference after every one of them listed, off the first screen.
# The overview ("") counts as a guide for "Api-Key": its first section names both schemes, so it holds
# the word as typed (after the Japanese rewrite, ja lists it first).
GUIDE_QUERIES = {
    "en": [
        ("Api-Key", {AUTH, OVERVIEW}),
        ("401", {AUTH, STATUS, AIGNE_STATUS}),
        ("API key", {AUTH, AIGNE}),
        ("authentication", {AUTH, AIGNE}),
    ],
    "ja": [
        ("Api-Key", {AUTH, OVERVIEW}),
        ("401", {AUTH, STATUS, AIGNE_STATUS}),
        ("APIキー", {AUTH, AIGNE}),
        ("認証", {AUTH, AIGNE}),
    ],
    # As a reader in Taiwan types them: no space between Latin and Chinese, none between words.
    "zh-TW": [
        ("Api-Key", {AUTH, OVERVIEW}),
        ("401", {AUTH, STATUS, AIGNE_STATUS}),
        ("API金鑰", {AUTH, AIGNE, AIGNE_STATUS}),
        ("身分驗證", {AUTH, AIGNE}),
        ("狀態碼", {STATUS, AIGNE_STATUS}),
        ("分頁", {STATUS}),
    ],
}
# Words typed whole that the search splits into parts (ページ + 分割, api + key): the pages that hold
# every part come first (search-rank.js), and the first holds the word itself.
WHOLE_WORDS = {
    "en": ["Api-Key", "Node.js"],
    "ja": ["ページ分割", "認証失敗", "APIキー", "ベアラー認証"],
    "zh-TW": ["API金鑰", "身分驗證失敗", "ＡＰＩ金鑰", "取得API金鑰"],
}
# Queries of several words keep Material's own order.
SEVERAL_WORDS = {
    "en": ["generate api key", "authentication failed", "401 Unauthorized"],
    "ja": ["ページ 分割", "API キー"],
    "zh-TW": ["API 金鑰", "身分 驗證"],
}


def ranked(build: Path, queries: list[str], *, material_only: bool = False) -> dict[str, list[dict]]:
    """Each query's result pages, in order: {"page", "score", "sections": [{"location", "terms", ...}]}."""
    command = ["node", str(ROOT / "scripts" / "search_rank.mjs"), *(["--material-only"] * material_only), str(build)]
    result = subprocess.run([*command, *queries], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def pages(results: list[dict]) -> list[str]:
    return [result["page"] for result in results]


def test_every_build_has_queries(site_dir: Path) -> None:
    """A new build (a language) comes with its readers' queries, here and in the browser tests."""
    assert set(builds(site_dir)) == set(GUIDE_QUERIES) == set(WHOLE_WORDS) == set(SEVERAL_WORDS)


@pytest.mark.parametrize("lang", sorted(GUIDE_QUERIES))
def test_the_guides_come_before_the_api_reference(site_dir: Path, lang: str) -> None:
    results = ranked(builds(site_dir)[lang], [query for query, _ in GUIDE_QUERIES[lang]])
    misses = []
    for query, guides in GUIDE_QUERIES[lang]:
        listed = pages(results[query])
        after = listed[listed.index(REFERENCE) + 1 :] if REFERENCE in listed else []
        if not listed or listed[0] not in guides or REFERENCE in listed[:FIRST_SCREEN] or guides & set(after):
            misses.append(f"{query!r}: want {sorted(guides)} first and the reference after them, got {listed}")
    assert not misses, "\n".join(misses)


def holds_every_part(result: dict) -> bool:
    terms = result["sections"][0]["terms"]  # the page's first section: the one that matched most
    return bool(terms) and all(terms.values())


def pages_holding(build: Path, word: str) -> set[str]:
    """The pages whose indexed text holds `word` as written (white space aside: "API キー" holds APIキー)."""
    text: dict[str, str] = {}
    for doc in search_index(build)["docs"]:
        page = doc["location"].split("#")[0]
        text[page] = text.get(page, "") + squash(doc["title"] + doc["text"]).casefold()
    return {page for page, words in text.items() if squash(word).casefold() in words}


@pytest.mark.parametrize("lang", sorted(WHOLE_WORDS))
def test_a_word_typed_whole_lists_the_pages_holding_all_of_it_first(site_dir: Path, lang: str) -> None:
    build = builds(site_dir)[lang]
    results = ranked(build, WHOLE_WORDS[lang])
    for word in WHOLE_WORDS[lang]:
        listed = results[word]
        complete = [holds_every_part(result) for result in listed]
        assert len(listed) > 1 and complete[0], f"{word!r}: {pages(listed)}"
        order = list(zip(pages(listed), complete, strict=True))
        assert complete == sorted(complete, reverse=True), f"{word!r}: {order}"
        assert listed[0]["page"] in pages_holding(build, word), f"{word!r}: {pages(listed)}"


@pytest.mark.parametrize("lang", sorted(SEVERAL_WORDS))
def test_queries_of_several_words_keep_materials_order(site_dir: Path, lang: str) -> None:
    build = builds(site_dir)[lang]
    ours, materials = ranked(build, SEVERAL_WORDS[lang]), ranked(build, SEVERAL_WORDS[lang], material_only=True)
    for query in SEVERAL_WORDS[lang]:
        assert pages(ours[query]) == pages(materials[query]), query
