"""Search engines learn where each page's translations are from its build's sitemap.xml: for every
page, one hreflang alternate per language, the full URL of this same page in that language. No head
carries Material's own alternates, relative links to each language's home page, which Lighthouse's
hreflang audit fails and beside which Material's bundle fetches a sitemap (docs/hooks.py)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

import build  # scripts/build.py: the site's languages

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def built_pages(site: Path, prefix: str) -> set[str]:
    """The pages of one language's build, as paths under its root ("maiagent/authentication/")."""
    pages = set()
    for index in (site / prefix).rglob("index.html"):
        path = "".join(f"{part}/" for part in index.relative_to(site / prefix).parent.parts)
        other_languages = [p for p in build.LANGUAGES.values() if p and p != prefix]
        if not path.startswith(("pyodide/", *other_languages)):
            pages.add(path)
    return pages


def sitemap_alternates(sitemap: bytes) -> dict[str, dict[str, str]]:
    alternates = {}
    for url in ET.fromstring(sitemap).iter(f"{SITEMAP}url"):
        links = url.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        alternates[url.findtext(f"{SITEMAP}loc")] = {link.get("hreflang"): link.get("href") for link in links}
        assert len(alternates[url.findtext(f"{SITEMAP}loc")]) == len(links), "a language named twice"
    return alternates


def test_the_sitemaps_name_every_page_in_every_language(site_dir: Path) -> None:
    everywhere = {}
    for prefix in build.LANGUAGES.values():
        pages = built_pages(site_dir, prefix)
        assert len(pages) >= 8, pages
        sitemap = (site_dir / prefix / "sitemap.xml").read_bytes()
        assert gzip.decompress((site_dir / prefix / "sitemap.xml.gz").read_bytes()) == sitemap
        alternates = sitemap_alternates(sitemap)
        assert set(alternates) == {f"{SITE_URL}{prefix}{page}" for page in pages}
        for page in pages:
            expected = {lang: f"{SITE_URL}{other}{page}" for lang, other in build.LANGUAGES.items()}
            assert alternates[f"{SITE_URL}{prefix}{page}"] == expected, f"{prefix}{page}"
        everywhere.update(alternates)
    # Each alternate is a page of the site: the same page is built in every language.
    named = {url for links in everywhere.values() for url in links.values()}
    assert named == set(everywhere)


def test_no_head_has_relative_alternates(site_dir: Path) -> None:
    pages = [p for p in [*site_dir.rglob("index.html"), *site_dir.rglob("404.html")] if "pyodide" not in p.parts]
    assert len(pages) >= 9 * len(build.LANGUAGES)
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        assert head.find_all("link", hreflang=True) == [], page
