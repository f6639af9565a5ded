"""Try it and the documented requests for the page, without a browser (tests/test_browser_tryit.py uses them).

- `info()["examples"][id]["request"]` is what the form holds so that its Send sends the documented
  request: the form sends `Authorization: <scheme> <key field>`, or no header for an empty field.
- The build puts one Try it link under each tab set of snippets that shows a documented request, in
  every language, pointing at the page's own playground or else at the playground page, with the
  request in its fragment and never a key in it; the Markdown copies have none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import playground
from build import LANGUAGES  # scripts/build.py: the site's languages and their prefixes
from playground import ExampleRequest, browser, handle

ROOT = Path(__file__).resolve().parent.parent

LABELS = {"en": "Try it in the playground", "ja": "プレイグラウンドで試す", "zh-TW": "在試用區試試看"}
SNIPPET_INCLUDE = re.compile(r'--8<-- "docs/snippets/([\w-]+/[\w-]+)\.\w+"')


def header_sent(api: str, key: str) -> tuple[tuple[str, str], ...]:
    # What the form sends for a key field (contract §1): the scheme, a space, the field as typed.
    return (("Authorization", f"{playground.get_profile(api).scheme.name} {key}"),) if key else ()


@pytest.mark.parametrize("example_id", sorted(playground.EXAMPLES))
def test_each_example_request_is_what_the_form_sends(example_id: str) -> None:
    example = playground.get_example(example_id)
    request = browser.info()["examples"][example_id]["request"]
    assert set(request) == {"method", "path", "body", "key"}
    assert (request["method"], request["path"]) == (example.request.method, example.request.path)
    body = json.loads(request["body"]) if request["body"] else None
    assert body == example.request.body
    sent = ExampleRequest(request["method"], request["path"], header_sent(example.api, request["key"]), body)
    if request["key"].startswith(("Bearer ", "Api-Key ")):  # another scheme: sent after the API's own
        assert sent.headers != example.request.headers
    else:
        assert sent.headers == example.request.headers
    # Either way the sandbox answers what the form sends with the documented status (and body).
    response = handle(sent.to_request(example.api))
    assert response.status_code == example.status
    if not example.shape:
        assert response.json() == example.json()


def test_a_wrong_scheme_example_keeps_its_scheme_in_the_key_field() -> None:
    examples = browser.info()["examples"]
    assert examples["maiagent/401-invalid-format"]["request"]["key"] == f"Bearer {playground.MAIAGENT_DEMO_KEY}"
    assert examples["maiagent/401-missing-key"]["request"]["key"] == ""
    assert examples["aigne-hub/200-chat-completion"]["request"]["key"] == playground.AIGNE_HUB_DEMO_KEY
    assert examples["maiagent/200-chatbots-page"]["request"]["path"] == "/api/v1/chatbots/?page=1&pageSize=2"


def test_each_snippet_case_names_one_example_and_its_files() -> None:
    cases = [e.snippet for e in playground.EXAMPLES.values() if e.snippet]
    assert len(cases) == len(set(cases)) == 6
    for case in cases:
        assert list((ROOT / "docs" / "snippets").glob(case + ".*")), case
    assert browser.info()["examples"]["maiagent/200-paginated-shape"]["snippet"] == "maiagent/list_chatbots"


def page_sources(lang: str) -> dict[str, str]:
    base = ROOT / "docs" / lang
    pages = {p.relative_to(base).with_suffix("").as_posix(): p.read_text(encoding="utf-8") for p in base.rglob("*.md")}
    return {("" if name == "index" else name + "/"): text for name, text in pages.items()}


def documented_tab_sets(source: str) -> list[str]:
    """The example ids of a page's tab sets that show a documented request, in page order."""
    by_case = {e.snippet: e.id for e in playground.EXAMPLES.values() if e.snippet}
    found: list[str] = []
    for case in SNIPPET_INCLUDE.findall(source):
        if case in by_case and (not found or found[-1] != by_case[case]):
            found.append(by_case[case])
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_documented_tab_set_has_one_try_it_link_with_its_request(site_dir: Path, lang: str) -> None:
    total = 0
    for page, source in page_sources(lang).items():
        page_dir = site_dir / LANGUAGES[lang] / page
        doc = BeautifulSoup((page_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = doc.select("a.playground-tryit")
        assert [a["data-example"] for a in links] == documented_tab_sets(source), page
        has_playground = bool(doc.select(".playground[data-api]"))
        for link in links:
            total += 1
            example = playground.get_example(link["data-example"])
            # Right under its tab set, named in the page's language with the example's title.
            assert "tabbed-set" in link.find_parent("p").find_previous_sibling()["class"], page
            assert link.get_text() == LABELS[lang]
            assert link["aria-label"].startswith(LABELS[lang]) and example.title.to_dict()[lang] in link["aria-label"]
            url = urlsplit(link["href"])
            target = urljoin(f"http://site/{LANGUAGES[lang]}{page}", link["href"]).split("#")[0]
            assert target == f"http://site/{LANGUAGES[lang]}{page if has_playground else 'playground/'}", link["href"]
            assert url.fragment.startswith("request?")
            params = dict(parse_qsl(url.fragment.removeprefix("request?"), keep_blank_values=True))
            request = example.request.form_fields(example.api)
            body = {"body": request["body"]} if request["body"] else {}
            expected = {"api": example.api, "method": request["method"], "path": request["path"], **body}
            assert params == {**expected, "example": example.id}
            assert "key" not in params and playground.MAIAGENT_DEMO_KEY not in unquote(link["href"])
    assert total == 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_markdown_copies_have_no_try_it_link(site_dir: Path, lang: str) -> None:
    for copy in (site_dir / LANGUAGES[lang]).glob("**/*.md"):
        if "pyodide" not in copy.parts:
            assert "playground-tryit" not in copy.read_text(encoding="utf-8"), copy
