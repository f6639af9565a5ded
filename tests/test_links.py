"""Every internal link and anchor of the built site resolves, in every language.

What is checked, in the build that readers get (``scripts/build.py``: English at the root,
Japanese under ``ja/``):

- every ``href``/``src`` of every HTML page (relative, root-relative, or absolute on the site's own
  origin, ``site_url``) names a file of the build, a directory URL naming its ``index.html``;
- every ``#fragment`` names an element ``id`` (or ``<a name>``) in the page it points to, except a
  request for the playground (``#request?…``, the Try it links), which must point to a page with one;
- the same for the Markdown copies of the pages and ``llms.txt`` (code spans and code blocks left
  out), and for the URLs of ``sitemap.xml``;
- links to other sites are listed, and must be the ones below: none loads anything (an ``<a>``
  only), and none is an API base URL (those appear in code, which is not a link).

Why a short BeautifulSoup walk over the files rather than LinkChecker or linkinator: both would be
new dependencies (linkinator an npm one) that crawl the site over HTTP, and neither knows about the
Markdown copies or ``llms.txt``. This needs no server, takes about a second, and reports every
broken link at once. MkDocs' own ``--strict`` validation (which the build uses) catches broken
links written in the Markdown, but not those in templates, Material's markup, generated files, or
anchors of other pages.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from build import LANGUAGES as PREFIX  # scripts/build.py: the site's languages and their prefixes

ROOT = Path(__file__).resolve().parents[1]

# The site's own origin and path: absolute links to it (canonical URLs, the sitemap) are internal.
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "form": "action",
}
NOT_A_LOCATION = ("mailto:", "tel:", "data:", "javascript:")
# Links to other sites, by page: plain <a> links to a project the text names, never a resource.
EXTERNAL_LINKS = {
    "playground/": {"https://pyodide.org/"},  # the runtime the playground uses, credited where it is introduced
}
VENDORED = ("pyodide/", "assets/")  # Pyodide and Material's assets: not pages
OTHER_BUILDS = tuple(prefix for prefix in PREFIX.values() if prefix)  # under the English build's root
REQUEST_LINK = "request?"  # a fragment that holds a request for the playground (playground/web/share-link.mjs)


# --- the built site as files ----------------------------------------------------------------------


def html_pages(site_dir: Path, lang: str) -> list[Path]:
    root = site_dir / PREFIX[lang]
    return sorted(
        p
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith(VENDORED + (OTHER_BUILDS if lang == "en" else ()))
    )


def url_of(site_dir: Path, file: Path) -> str:
    relative = file.relative_to(site_dir).as_posix()
    return urljoin(SITE_URL, relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def file_of(site_dir: Path, url: str) -> Path | None:
    """The file the server would answer `url` with, or None."""
    parts, site = urlsplit(url), urlsplit(SITE_URL)
    path = unquote(parts.path)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc) or not path.startswith(site.path):
        return None
    candidate = site_dir / path[len(site.path) :]
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@cache
def parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@cache
def ids_of(file: Path) -> frozenset[str]:
    soup = parse(file)
    return frozenset(
        [el["id"] for el in soup.find_all(id=True)] + [a["name"] for a in soup.find_all("a", attrs={"name": True})]
    )


def is_internal(url: str) -> bool:
    return urlsplit(url).netloc == urlsplit(SITE_URL).netloc


def check(site_dir: Path, source: str, base: str, link: str, html_for=None) -> str | None:
    """The problem with `link` (found in `source`, relative to `base`), or None if it resolves."""
    target = urljoin(base, link)
    file = file_of(site_dir, target)
    if file is None:
        return f"{source}: {link!r} -> {target}: no such file in the build"
    fragment = unquote(urlsplit(target).fragment)
    if fragment.startswith(REQUEST_LINK):
        # A request for the playground to load (the Try it links), not an anchor: the page must have one.
        if file.suffix != ".html" or not parse(file).select(".playground[data-api]"):
            return f"{source}: {link!r}: a request link to {file.name}, which has no playground"
        return None
    if fragment:
        page = html_for(file) if html_for and file.suffix == ".md" else file
        if page is None or page.suffix != ".html":
            return f"{source}: {link!r}: #{fragment} points into {file.name}, which is not a page"
        if fragment not in ids_of(page):
            return f"{source}: {link!r}: no id {fragment!r} in {page.relative_to(site_dir)}"
    return None


def links_in_html(file: Path):
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in parse(file).find_all(tag, attrs={attribute: True}):
            yield element, element[attribute].strip()


# --- Markdown copies and llms.txt -----------------------------------------------------------------------

FENCE = re.compile(r"^(?P<fence>```+|~~~+).*?^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
MARKDOWN_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def markdown_links(text: str) -> list[str]:
    prose = CODE_SPAN.sub("", FENCE.sub("", text))
    return [m.group("url") for m in MARKDOWN_LINK.finditer(prose)]


def page_of_copy(copy: Path) -> Path | None:
    """`maiagent/authentication.md` -> `maiagent/authentication/index.html`; `index.md` -> `index.html`."""
    html = copy.with_suffix(".html") if copy.name == "index.md" else copy.with_suffix("") / "index.html"
    return html if html.is_file() else None


# --- the tests --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_every_internal_link_and_anchor_in_the_pages_resolves(site_dir: Path, lang: str) -> None:
    pages = html_pages(site_dir, lang)
    assert len(pages) >= 7, pages  # the six pages of the nav and 404.html
    problems, checked = [], 0
    for file in pages:
        base = url_of(site_dir, file)
        source = file.relative_to(site_dir).as_posix()
        for _, link in links_in_html(file):
            if link.lower().startswith(NOT_A_LOCATION) or not is_internal(urljoin(base, link)):
                continue
            checked += 1
            problem = check(site_dir, source, base, link)
            if problem:
                problems.append(problem)
    assert checked > 100
    problems = sorted(set(problems))
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", PREFIX)
def test_links_to_other_sites_are_only_the_known_ones(site_dir: Path, lang: str) -> None:
    found: dict[str, set[str]] = {}
    resources = []
    for file in html_pages(site_dir, lang):
        base = url_of(site_dir, file)
        page = base.removeprefix(urljoin(SITE_URL, PREFIX[lang]))
        for element, link in links_in_html(file):
            target = urljoin(base, link)
            if link.lower().startswith(NOT_A_LOCATION) or is_internal(target):
                continue
            found.setdefault(page, set()).add(target)
            if element.name != "a":
                resources.append(f"{page}: <{element.name}> loads {target}")
    assert not resources, "pages load from other sites:\n" + "\n".join(resources)
    assert found == EXTERNAL_LINKS, "links to other sites changed: review them and update EXTERNAL_LINKS"


@pytest.mark.parametrize("lang", PREFIX)
def test_links_in_the_markdown_copies_and_llms_txt_resolve(site_dir: Path, lang: str) -> None:
    root = site_dir / PREFIX[lang]
    copies = sorted(
        p for p in root.rglob("*.md") if not p.relative_to(root).as_posix().startswith(VENDORED + OTHER_BUILDS)
    )
    assert len(copies) == len([p for p in html_pages(site_dir, lang) if p.name != "404.html"])
    problems, checked = [], 0
    for file in [*copies, root / "llms.txt"]:
        base = url_of(site_dir, file)
        for link in markdown_links(file.read_text(encoding="utf-8")):
            if link.lower().startswith(NOT_A_LOCATION) or not is_internal(urljoin(base, link)):
                continue
            checked += 1
            problem = check(site_dir, file.relative_to(site_dir).as_posix(), base, link, html_for=page_of_copy)
            if problem:
                problems.append(problem)
    assert checked >= len(copies)  # llms.txt alone links every copy
    problems = sorted(set(problems))
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", PREFIX)
def test_every_sitemap_url_is_a_page(site_dir: Path, lang: str) -> None:
    sitemap = ElementTree.parse(site_dir / PREFIX[lang] / "sitemap.xml")
    urls = [loc.text.strip() for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert urls
    assert [u for u in urls if file_of(site_dir, u) is None] == []


def test_the_checker_finds_broken_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "guide" / "index.html").write_text('<a name="old">x</a>', encoding="utf-8")
    (tmp_path / "index.md").write_text("## Here { #here }", encoding="utf-8")
    (tmp_path / "guide.md").write_text("[a](index.md#here) `[b](gone.md)`\n```\n[c](gone.md)\n```\n", encoding="utf-8")
    base = url_of(tmp_path, tmp_path / "guide" / "index.html")
    ok = ["../", "../#here", "#old", "./", "/index.html#here", SITE_URL + "guide/"]
    assert [check(tmp_path, "guide", base, link) for link in ok] == [None] * len(ok)
    assert "no such file" in check(tmp_path, "guide", base, "../missing/")
    assert "no id 'there'" in check(tmp_path, "guide", base, "../#there")
    # A Try it link's request: fine to a page with a playground, not to one without.
    playground = '<h2 id="here">x</h2><div class="playground" data-api="a"></div>'
    (tmp_path / "index.html").write_text(playground, encoding="utf-8")
    parse.cache_clear()
    assert check(tmp_path, "guide", base, "../#request?api=a&method=GET&path=/x") is None
    assert "has no playground" in check(tmp_path, "guide", base, "#request?api=a&method=GET&path=/x")
    assert markdown_links((tmp_path / "guide.md").read_text(encoding="utf-8")) == ["index.md#here"]
    assert (
        check(tmp_path, "guide.md", url_of(tmp_path, tmp_path / "guide.md"), "index.md#here", html_for=page_of_copy)
        is None
    )
    assert "no id 'nope'" in check(
        tmp_path, "guide.md", url_of(tmp_path, tmp_path / "guide.md"), "guide.md#nope", html_for=page_of_copy
    )


@pytest.mark.parametrize("lang", PREFIX)
def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(site_dir: Path, lang: str) -> None:
    wrong = []
    for file in html_pages(site_dir, lang):
        relative = file.relative_to(site_dir / PREFIX[lang]).as_posix()
        for link in parse(file).select("a[data-language-switch][hreflang]"):
            other = link["hreflang"]
            # 404.html is not a page to switch to: it leads to the other language's home page.
            expected = site_dir / PREFIX[other] / ("index.html" if relative == "404.html" else relative)
            target = file_of(site_dir, urljoin(url_of(site_dir, file), link["href"]))
            if target != expected:
                wrong.append(f"{relative}: {other} -> {link['href']} ({target}), expected {expected}")
    assert not wrong, "\n".join(wrong)
