"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site from the same configuration.

Material for MkDocs reached end of life on 2026-11-05. ProperDocs reads mkdocs.yml, the other
languages' configurations, docs/hooks.py and the Material theme as they are, so switching is one word
in scripts/build.py. Both generators build every language the way the site is built, and the
builds must agree file for file; the pages may differ in their generator meta tag only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import build  # scripts/build.py (tests/conftest.py puts scripts/ on the path)

# Six documentation builds (two generators, three languages): about 15 s.
pytestmark = pytest.mark.slow

GENERATORS = ("mkdocs", "properdocs")
GENERATOR_TAG = re.compile(r'<meta name="generator" content="([^"]*)">')


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        # Both generators date the sitemaps from it: builds either side of midnight still agree.
        patch.setenv("SOURCE_DATE_EPOCH", "1785000000")
        for generator in GENERATORS:
            built[generator] = tmp_path_factory.mktemp(generator)
            build.build_docs(built[generator], generator)
    return built


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def pages(site: Path) -> list[str]:
    return sorted(name for name in files(site) if name.endswith(".html"))


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def main_content(html: str) -> str:
    """Material's `<article>`: the page's own content, without the theme's header, navigation and footer."""
    article = BeautifulSoup(html, "html.parser").find("article")
    assert article is not None
    return str(article)


def test_both_build_the_same_files_in_every_language(sites: dict[str, Path]) -> None:
    built = files(sites["mkdocs"])
    assert {
        f"{prefix}{page}" for prefix in build.LANGUAGES.values() for page in ("index.html", "reference/index.html")
    } <= built
    assert files(sites["properdocs"]) == built


def test_each_page_has_the_same_main_content(sites: dict[str, Path]) -> None:
    different = [
        name
        for name in pages(sites["mkdocs"])
        if main_content(read(sites["mkdocs"], name)) != main_content(read(sites["properdocs"], name))
    ]
    assert not different


def test_pages_differ_in_the_generator_tag_only(sites: dict[str, Path]) -> None:
    for name in pages(sites["mkdocs"]):
        mkdocs, properdocs = read(sites["mkdocs"], name), read(sites["properdocs"], name)
        # The tag shows which generator built each page: this compares two different builds.
        assert "ProperDocs" not in GENERATOR_TAG.search(mkdocs)[1], name
        assert "ProperDocs" in GENERATOR_TAG.search(properdocs)[1], name
        assert GENERATOR_TAG.sub("", mkdocs) == GENERATOR_TAG.sub("", properdocs), name


def test_every_other_file_is_identical(sites: dict[str, Path]) -> None:
    others = sorted(files(sites["mkdocs"]) - set(pages(sites["mkdocs"])))
    assert {
        f"{prefix}{name}" for prefix in build.LANGUAGES.values() for name in ("search/search_index.json", "llms.txt")
    } <= set(others)
    different = [
        name for name in others if (sites["mkdocs"] / name).read_bytes() != (sites["properdocs"] / name).read_bytes()
    ]
    assert not different
