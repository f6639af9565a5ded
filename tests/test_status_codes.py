"""The status codes pages, one per API: a section per documented code, anchored by the code in every
language, with its meaning, causes, what to do and its body; Reproduce wherever the sandbox gives the
documented answer; what the sources say about 429; and the response view's links landing there."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes
from playground import EXAMPLES, PROFILES, browser, get_example
from playground._examples import strip_jsonc_comments

ROOT = Path(__file__).resolve().parents[1]

PAGES = {"maiagent": "maiagent/status-codes/", "aigne-hub": "aigne-hub/status-codes/"}
# The labels of a code's parts, as each language's pages word them.
PARTS = {
    "en": ("Meaning", "Typical causes", "What to do"),
    "ja": ("意味", "主な原因", "対処方法"),
    "zh-TW": ("意義", "常見原因", "處理方式"),
}
# Each code's Reproduce buttons, in page order: wherever the sandbox gives the documented answer.
REPRODUCED = {
    "maiagent": {
        200: ["maiagent/200-chatbots-page"],
        201: ["maiagent/201-chatbot-created"],
        400: ["maiagent/400-required-fields"],
        401: ["maiagent/401-missing-key", "maiagent/401-invalid-format"],
        403: ["maiagent/403-permission-denied"],
        404: ["maiagent/404-not-found"],
        500: ["maiagent/500-server-error"],
    },
    "aigne-hub": {
        200: ["aigne-hub/200-chat-completion", "aigne-hub/200-chat-v2"],
        400: ["aigne-hub/400-messages-required", "aigne-hub/400-stream-not-boolean"],
        401: ["aigne-hub/401-not-authenticated"],
        404: ["aigne-hub/404-agent-not-found"],
        415: ["aigne-hub/415-not-an-object"],
    },
}
# What each page says about 429, which neither API's documentation lists (issue 22).
NO_429 = {
    "en": re.compile(r"no429TooManyRequests.*ratelimit", re.S),
    "ja": re.compile(r"429TooManyRequests.*レート制限.*記載[はが]ありません", re.S),
    "zh-TW": re.compile(r"沒有(?:列出|記載)429TooManyRequests.*沒有(?:提到|記載)(?:任何)?速率限制", re.S),
}
SOURCE = re.compile(r"RFC (9110|6585)")


def page(site_dir: Path, lang: str, api: str) -> BeautifulSoup:
    text = (site_dir / LANGUAGES[lang] / PAGES[api] / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def heading_text(heading: Tag) -> str:
    return heading.get_text().removesuffix("¶").strip()


def section(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    """The elements under the heading with this id, up to the next heading of its level or higher."""
    heading = soup.find(id=anchor)
    assert heading is not None and re.fullmatch(r"h[23]", heading.name), anchor
    stop = {f"h{level}" for level in range(1, int(heading.name[1]) + 1)}
    nodes = []
    for node in heading.find_next_siblings():
        if node.name in stop:
            break
        nodes.append(node)
    return nodes


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def documented(block: Tag, api: str) -> list[str]:
    """The ids of the documented examples whose file this code block shows."""
    text = squash(strip_jsonc_comments(block.get_text()))
    return [e.id for e in EXAMPLES.values() if e.api == api and squash(strip_jsonc_comments(e.text())) == text]


# --- the sections --------------------------------------------------------------------------------


@pytest.mark.parametrize("api", PAGES)
def test_the_profile_links_each_status_to_its_status_codes_page(api: str) -> None:
    for code, status in PROFILES[api].statuses.items():
        assert (status.page, status.anchor) == (PAGES[api], str(code))


@pytest.mark.parametrize("api", PAGES)
def test_each_code_has_the_same_anchor_in_both_languages(api: str) -> None:
    # Read from the Markdown: `## 401 … { #401 }`, in each language, in the same order.
    source = f"{PAGES[api].rstrip('/')}.md"
    anchors = [
        re.findall(r"^#{2,3} .+ \{ #(\d{3}) \}$", (ROOT / "docs" / lang / source).read_text(encoding="utf-8"), re.M)
        for lang in LANGUAGES
    ]
    assert anchors[0] == anchors[1]
    assert set(anchors[0]) == {str(code) for code in PROFILES[api].statuses} | {"429"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("api", PAGES)
def test_each_code_is_headed_by_its_meaning_and_listed_in_a_table(site_dir: Path, lang: str, api: str) -> None:
    soup = page(site_dir, lang, api)
    for code, status in PROFILES[api].statuses.items():
        meaning = status.meaning.get(lang)
        assert heading_text(soup.find(id=status.anchor)) == f"{code} {meaning}"
        # The table row links to the section, in the page's words (MaiAgent's: the documentation's).
        cells = soup.select_one(f'article table a[href="#{code}"]').find_parent("tr").find_all("td")
        assert cells[1].get_text(" ", strip=True) == meaning


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("api", PAGES)
def test_each_code_gives_its_meaning_causes_what_to_do_and_body(site_dir: Path, lang: str, api: str) -> None:
    soup = page(site_dir, lang, api)
    for code in PROFILES[api].statuses:
        nodes = section(soup, str(code))
        labels = {strong.get_text(strip=True) for node in nodes for strong in node.select("li > strong")}
        assert set(PARTS[lang]) <= labels, (code, labels)
        text = " ".join(node.get_text(" ") for node in nodes)
        assert SOURCE.search(text), f"{code}: the meaning names no source"
        shown = [e for node in nodes for block in node.select("pre code") for e in documented(block, api)]
        bodies = [c for node in nodes for c in node.select("code") if c.get_text().lstrip().startswith("{")]
        if api == "maiagent":
            # Each MaiAgent code shows a documented body, included from its file.
            assert any(get_example(e).status == code for e in shown), (code, shown)
        else:
            # AIGNE Hub's, where the sandbox cannot give it, as its source writes it.
            assert any(get_example(e).status == code for e in shown) or bodies, code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_aigne_hub_section_names_the_source_files_of_its_facts(site_dir: Path, lang: str) -> None:
    # The AIGNE Hub guide documents no status: every section's facts come from the Hub's public source.
    soup = page(site_dir, lang, "aigne-hub")
    for code in [*PROFILES["aigne-hub"].statuses, 429]:
        paths = [c.text for node in section(soup, str(code)) for c in node.select("code") if "/" in c.text]
        assert any(re.search(r"\.(ts|js|md)$", path) for path in paths), f"{code}: no source file named"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("api", PAGES)
def test_the_page_says_what_its_sources_establish_about_429(site_dir: Path, lang: str, api: str) -> None:
    text = squash(" ".join(node.get_text(" ") for node in section(page(site_dir, lang, api), "429")))
    assert NO_429[lang].search(text), text[:300]
    assert "RFC6585" in text  # what a 429 means, from the standard, not from the APIs' documentation


# --- Reproduce -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("api", PAGES)
def test_reproduce_buttons_sit_under_the_body_they_reproduce(site_dir: Path, lang: str, api: str) -> None:
    soup = page(site_dir, lang, api)
    for code in PROFILES[api].statuses:
        nodes = section(soup, str(code))
        blocks = [n for n in nodes if "playground-reproduce" in n.get("class", [])]
        blocks += [b for n in nodes for b in n.select(".playground-reproduce")]  # inside an admonition
        blocks.sort(key=lambda b: b.sourceline)
        ids = [b["data-example"] for b in blocks]
        assert ids == REPRODUCED[api].get(code, []), code
        for block in blocks:
            example = get_example(block["data-example"])
            assert example.status == code
            assert example.id in documented(block.find_previous("pre").code, api), example.id


REPRODUCED_IDS = sorted(e for codes in REPRODUCED.values() for ids in codes.values() for e in ids)


@pytest.mark.parametrize("example_id", REPRODUCED_IDS)
def test_reproduce_gives_the_documented_body_and_links_its_section(example_id: str) -> None:
    example = get_example(example_id)
    result = asyncio.run(browser.reproduce(example_id))
    assert result["equal"] is True
    assert (result["status"], json.loads(result["body"])) == (example.status, example.json())
    assert result["status_info"]["page"] == PAGES[example.api]
    assert result["status_info"]["anchor"] == str(example.status)


# --- the response view's links ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_documented_answer_links_to_a_section_that_exists(site_dir: Path, lang: str) -> None:
    # Every documented example, reproduced as the response view shows it: its status links to the
    # section of its API's status codes page, which exists in this language's build.
    for example in EXAMPLES.values():
        info = asyncio.run(browser.reproduce(example.id))["status_info"]
        assert info is not None, example.id
        target = BeautifulSoup(
            (site_dir / LANGUAGES[lang] / info["page"] / "index.html").read_text(encoding="utf-8"), "html.parser"
        ).find(id=info["anchor"])
        assert target is not None and heading_text(target).startswith(str(example.status)), example.id
