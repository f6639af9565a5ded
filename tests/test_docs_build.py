"""The built site: every language complete, in parity, and faithful to the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import build  # scripts/build.py: the site's languages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEEDS = ROOT.parent / "shared" / "seeds"
LANGUAGES = build.LANGUAGES
TRANSLATIONS = [lang for lang in LANGUAGES if lang != "en"]
PAGES = [
    "",
    "maiagent/authentication/",
    "maiagent/status-codes/",
    "aigne-hub/authentication/",
    "aigne-hub/status-codes/",
    "playground/",
    "test-against-the-sandbox/",
    "reference/",
]

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.MULTILINE)
ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9_-]+)\s*\}\s*$")
INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
FENCE = re.compile(r"^```(\w*)", re.MULTILINE)
HTML_BLOCK = re.compile(r"^\s*(<[a-z][^>]*>)", re.MULTILINE)


def markdown_pages(lang: str) -> dict[str, str]:
    base = DOCS / lang
    return {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8") for p in sorted(base.rglob("*.md"))}


def html(site: Path, lang: str, page: str) -> BeautifulSoup:
    # <wbr> (where a table's code may wrap) is no text: get_text(" ") would put a space there.
    text = (site / LANGUAGES[lang] / page / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")
    return BeautifulSoup(text, "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- build ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_in_every_language(site_dir: Path, lang: str, page: str) -> None:
    soup = html(site_dir, lang, page)
    assert soup.html["lang"] == lang
    assert soup.find("h1") is not None


def test_no_page_is_where_the_server_answers_with_the_sandbox(site_dir: Path) -> None:
    # The server sends every path under the sandbox's prefix to the sandbox API: a page there is unreachable.
    from playground import PROFILES

    prefixes = {Path(profile.sandbox_mount).parent.name for profile in PROFILES.values()}
    assert prefixes == {"sandbox"}
    assert not (site_dir / "sandbox").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site_dir: Path, lang: str) -> None:
    index = json.loads((site_dir / LANGUAGES[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    # lunr's own language where it has one for the browser; Chinese is cut at build time (jieba) and
    # searched with no language pipeline (mkdocs.zh-TW.yml).
    assert index["config"]["lang"] == ([lang] if lang != "zh-TW" else ["en"])
    assert (index["config"]["pipeline"] == []) == (lang == "zh-TW")
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {p for p in PAGES} <= locations
    others = tuple(prefix for prefix in LANGUAGES.values() if prefix)
    assert not any(loc.startswith(others) for loc in locations), "an index must hold one language only"
    chinese = any("\u200b" in doc["text"] for doc in index["docs"])
    assert chinese == (lang == "zh-TW"), "jieba's word breaks belong to the Chinese index only"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_content_tab_labels_are_separate_words_in_the_search_index(site_dir: Path, lang: str) -> None:
    """Each tab set's labels (curl, Python, JavaScript, Node.js) are indexed as words, not run
    together into one ("curlPythonJavaScriptNode.js") that no query finds (docs/hooks.py)."""
    index = json.loads((site_dir / LANGUAGES[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "curl Python JavaScript Node.js" in texts["maiagent/authentication/#invalid-or-missing-api-key"]
    assert not [location for location, text in texts.items() if "curlPython" in text]


def test_missing_include_fails_the_strict_build(tmp_path: Path) -> None:
    import build

    broken = tmp_path / "docs" / "en"
    broken.mkdir(parents=True)
    (broken / "index.md").write_text('# x\n\n```json\n--8<-- "playground/documented_examples/nope.json"\n```\n')
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {broken}\nnav:\n  - index.md\n"
        f"hooks: []\ntheme:\n  name: material\n  custom_dir: {ROOT / 'docs/overrides'}\n"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "nope.json" in result.stderr
    assert [build.config_file(lang).name for lang in LANGUAGES] == ["mkdocs.yml", "mkdocs.ja.yml", "mkdocs.zh-TW.yml"]


# --- parity --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_pages_in_every_language(lang: str) -> None:
    assert markdown_pages("en").keys() == markdown_pages(lang).keys()


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("page", sorted(markdown_pages("en")))
def test_same_anchors_includes_and_code_blocks(page: str, lang: str) -> None:
    en, ja = markdown_pages("en")[page], markdown_pages(lang)[page]
    for text in (en, ja):
        for _level, heading in HEADING.findall(text):
            assert ANCHOR.search(heading), f"{page}: heading without an explicit anchor: {heading!r}"
    anchors = [[ANCHOR.search(h).group(1) for _, h in HEADING.findall(t)] for t in (en, ja)]
    assert anchors[0] == anchors[1]
    assert INCLUDE.findall(en) == INCLUDE.findall(ja)
    assert FENCE.findall(en) == FENCE.findall(ja)
    # Raw HTML (the playground's mount points) must be identical: the script reads its attributes.
    assert HTML_BLOCK.findall(en) == HTML_BLOCK.findall(ja)


@pytest.mark.parametrize("page", PAGES)
def test_built_heading_ids_match(site_dir: Path, page: str) -> None:
    ids = [
        [h["id"] for h in html(site_dir, lang, page).select("article h1[id], article h2[id], article h3[id]")]
        for lang in LANGUAGES
    ]
    assert all(each == ids[0] for each in ids)


@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_links_to_the_same_page(site_dir: Path, page: str) -> None:
    for lang, prefix in LANGUAGES.items():
        links = {a["hreflang"]: a["href"] for a in html(site_dir, lang, page).select("a[data-language-switch]")}
        page_dir = Path("/") / prefix / page
        for target_lang, target_prefix in LANGUAGES.items():
            resolved = (page_dir / links[target_lang]).resolve()
            assert resolved == (Path("/") / target_prefix / page).resolve(), (lang, target_lang)


# --- fidelity to the seeds -----------------------------------------------------------------------

ROOT = Path(__file__).parent.parent
# Each translated build's code comments: docs/code-comments.<language>.json, English comment -> translation.
CODE_COMMENTS = {
    lang: json.loads((ROOT / "docs" / f"code-comments.{lang}.json").read_text(encoding="utf-8"))
    for lang in TRANSLATIONS
}
SHARED_CODE = sorted((ROOT / "docs" / "snippets").rglob("*.*")) + sorted(
    (ROOT / "playground" / "documented_examples").rglob("*.jsonc")
)


def in_language(code: str, lang: str) -> str:
    """`code` as the `lang` pages show it: their comments translated (docs/code-comments.<lang>.json)."""
    for english, translated in CODE_COMMENTS.get(lang, {}).items():
        code = code.replace("// " + english, "// " + translated).replace("# " + english, "# " + translated)
    return code


def seed_json_bodies() -> list[str]:
    """Every JSON body published in the seeds (fenced blocks that start with '{')."""
    bodies = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in re.findall(r"```[^\n]*\n(.*?)```", seed.read_text(encoding="utf-8"), re.DOTALL):
            if block.lstrip().startswith("{") and '"' in block and "headers" not in block:
                bodies.append(block)
    return bodies


def seed_header_formats() -> list[str]:
    found = set()
    for seed in SEEDS.glob("*.txt"):
        found |= set(re.findall(r"Authorization: (?:Api-Key|Bearer) [<A-Z_>]+", seed.read_text(encoding="utf-8")))
    return sorted(found)


def test_seed_facts_were_found() -> None:
    # The two 401 bodies in both MaiAgent seeds, the paginated shape and the 400 example.
    assert len(seed_json_bodies()) == 6
    assert "Authorization: Api-Key YOUR_API_KEY" in seed_header_formats()
    assert "Authorization: Bearer <YOUR_API_KEY>" in seed_header_formats()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_seed_json_body_is_on_the_site(site_dir: Path, lang: str) -> None:
    code = "".join(
        squash(block.get_text()) for page in PAGES for block in html(site_dir, lang, page).select("pre code")
    )
    for body in seed_json_bodies():
        assert squash(in_language(body, lang)) in code, f"missing in {lang}: {body}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_seed_header_format_is_on_the_site(site_dir: Path, lang: str) -> None:
    text = " ".join(html(site_dir, lang, page).get_text(" ") for page in PAGES)
    for header in seed_header_formats() + ["Api-Key YOUR_API_KEY_HERE", "Bearer YOUR_API_KEY"]:
        assert header in text, f"missing in {lang}: {header}"


SEED_FACTS = {
    "en": [
        "401 Unauthorized",
        "Request successful",
        "Resource created successfully",
        "Bad Request",
        "Authentication failed",
        "Permission denied",
        "Resource not found",
        "Server error",
        "alphanumeric",
        "/api/v1/chat/completions",
        "aignehub/gpt-3.5-turbo",
        "@aigne/aigne-hub",
        "dev-server-integration",
        "analytics-script-key",
        "Generate New Key",
    ],
    "ja": [
        "401 Unauthorized",
        "英数字",
        "/api/v1/chat/completions",
        "aignehub/gpt-3.5-turbo",
        "@aigne/aigne-hub",
        "dev-server-integration",
        "analytics-script-key",
        "Generate New Key",
        "最小権限の原則",
        "ローテーション",
    ],
    "zh-TW": [
        "401 Unauthorized",
        "英文字母與數字",
        "/api/v1/chat/completions",
        "aignehub/gpt-3.5-turbo",
        "@aigne/aigne-hub",
        "dev-server-integration",
        "analytics-script-key",
        "Generate New Key",
        "最小權限",
        "輪替",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_seed_wording_is_on_the_site(site_dir: Path, lang: str) -> None:
    text = " ".join(html(site_dir, lang, page).get_text(" ") for page in PAGES)
    for code in ("200", "201", "400", "401", "403", "404", "500"):
        assert code in text
    for fact in SEED_FACTS[lang]:
        assert fact in text, f"missing in {lang}: {fact}"


# Bodies that neither the seeds nor the real-world facts of their README give: the sandbox's own,
# so that each status can be reproduced. A reader must not take them for the real API's.
SANDBOX_OWN_BODIES = [
    "maiagent/200-chatbots-page",
    "maiagent/201-chatbot-created",
    "maiagent/500-server-error",
    "aigne-hub/200-chat-completion",
    "aigne-hub/400-messages-required",
]
SAYS_SANDBOX_OWN = {
    "en": re.compile(r"sandbox.*(own|no body)", re.S),
    "ja": re.compile(r"サンドボックス.*(独自|記載されていません)", re.S),
    "zh-TW": re.compile(r"沙箱.*(自己|自訂|未記載|沒有記載)", re.S),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bodies_of_the_sandbox_own_are_said_to_be_so(site_dir: Path, lang: str) -> None:
    import playground

    bodies = {squash(playground.get_example(example).text()): example for example in SANDBOX_OWN_BODIES}
    shown = 0
    for page in PAGES:
        for block in html(site_dir, lang, page).select("article pre code"):
            example = bodies.get(squash(block.get_text()))
            if not example:
                continue
            shown += 1
            # The text between the block's heading and the block.
            before = []
            for node in block.find_previous(re.compile("^h[1-4]$")).next_elements:
                if node is block:
                    break
                if isinstance(node, str) and node.find_parent("pre") is None:
                    before.append(node)
            before = "".join(before)
            assert SAYS_SANDBOX_OWN[lang].search(before), f"{lang} {page}: {example} is not said to be the sandbox's"
    assert shown >= 3


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_cjk_sentences_are_not_broken_by_source_line_breaks(site_dir: Path, page: str, lang: str) -> None:
    # A line break inside a Japanese or Chinese paragraph of the Markdown source is shown as a space.
    for paragraph in html(site_dir, lang, page).select("article p, article li"):
        assert not re.search(
            r"[\u3000-\u30ff\u4e00-\u9fff）。、]\n[\u3000-\u30ff\u4e00-\u9fff（]", paragraph.get_text()
        ), paragraph.get_text()[:120]


# --- code comments in the page's language -------------------------------------------------------


@pytest.mark.parametrize("lang", CODE_COMMENTS)
def test_every_shared_code_comment_has_a_translation(lang: str) -> None:
    table = CODE_COMMENTS[lang]
    comments = set()
    for path in SHARED_CODE:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.search(r"(?:^|\s)(?:#|//) (.+)$", line)
            if found and not line.startswith("#!"):
                comments.add(found[1].strip())
    assert comments, "no comment found: the pattern is wrong"
    assert sorted(comments - set(table)) == []
    assert sorted(set(table) - comments) == [], "a translation of a comment that no longer exists"
    # Translated: not the English, and the Chinese no copy of the Japanese.
    assert all(translated and translated != english for english, translated in table.items())
    if lang != "ja":
        assert all(table[english] != CODE_COMMENTS["ja"][english] for english in table)


@pytest.mark.parametrize(
    "page",
    ["maiagent/authentication/", "maiagent/status-codes/", "aigne-hub/authentication/", "test-against-the-sandbox/"],
)
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_code_comments_are_in_the_pages_language(site_dir: Path, page: str, lang: str) -> None:
    english = html(site_dir, "en", page).select_one("article").get_text()
    translated = html(site_dir, lang, page).select_one("article").get_text()
    copy = (site_dir / LANGUAGES[lang] / (page.rstrip("/") + ".md")).read_text(encoding="utf-8")
    shown = [comment for comment in CODE_COMMENTS[lang] if comment in english]
    assert shown
    for comment in shown:
        assert comment not in translated and CODE_COMMENTS[lang][comment] in translated
        assert comment not in copy and CODE_COMMENTS[lang][comment] in copy


# --- machine-readable copies ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_llms_txt_indexes_markdown_copies(site_dir: Path, lang: str) -> None:
    root = site_dir / LANGUAGES[lang]
    index = (root / "llms.txt").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+\.md)\)", index)
    assert html(site_dir, lang, "").select_one('article a[href="llms.txt"]'), "the home page tells readers of llms.txt"
    assert sorted(links) == sorted((p.rstrip("/") or "index") + ".md" for p in PAGES)
    for link in links:
        copy = (root / link).read_text(encoding="utf-8")
        assert "--8<--" not in copy, "snippets must be expanded in the Markdown copy"
        assert copy.startswith("# ")
        # What only the HTML page uses stays out: authors' comments, the playground's empty elements.
        assert "<!--" not in copy and "<div" not in copy, link
        assert not re.search(r"\n[ \t]*\n[ \t]*```\n", copy), "an empty last line in a code block"
        page = link.removesuffix(".md").removesuffix("index")
        html_page = html(site_dir, lang, page + "/" if page else "")
        if html_page.select(".playground[data-api]"):
            # Where the playground was, the copy links to the page that has it.
            targets = {
                (root / link).parent.joinpath(target, "index.html").resolve()
                for target in re.findall(r"\]\(([^)#]*/)\)", copy)
            }
            assert (root / page / "index.html").resolve() in targets, link


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reference_pages_copy_holds_the_reference(site_dir: Path, lang: str) -> None:
    """The page's `::: playground` becomes the reference in HTML; the copy gets it too, as Markdown
    (it once ended with the bare directive, and llms.txt pointed tools at an empty reference)."""
    import playground

    copy = (site_dir / LANGUAGES[lang] / "reference.md").read_text(encoding="utf-8")
    assert not re.search(r"^:::", copy, re.M)
    headings = set(re.findall(r"^### `([\w.]+)`$", copy, re.M))
    assert headings == set(playground.__all__)
    assert "class Client(api: str | ApiProfile, key: str | None, transport: " in copy
    assert "#### `Client.request`" in copy and "async def arequest(" in copy
    assert "MAIAGENT = ApiProfile(...)" in copy and "MAX_BODY_BYTES = 1024 * 1024" in copy
    assert playground.Client.__doc__.splitlines()[0] in copy
    assert "][playground." not in copy  # cross-references keep their text only


# --- the playground ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_playground_page_documents_the_sandbox_demo_keys(site_dir: Path, lang: str) -> None:
    import playground

    text = html(site_dir, lang, "playground/").get_text(" ")
    for key in (playground.MAIAGENT_DEMO_KEY, playground.MAIAGENT_READONLY_KEY, playground.AIGNE_HUB_DEMO_KEY):
        assert key in text
    assert playground.SERVER_ERROR_PATH in text


# The page's playground script imports these, as `import ... from "./name.mjs"` (playground/web/).
MODULE_IMPORT = re.compile(r'^(?:import|export)\b[^"\';]*?\bfrom\s*"\./([\w.-]+)"', re.MULTILINE)


def imported_modules(folder: Path, entry: str) -> set[str]:
    found: set[str] = set()
    waiting = [entry]
    while waiting:
        for name in MODULE_IMPORT.findall((folder / waiting.pop()).read_text(encoding="utf-8")):
            if name not in found:
                found.add(name)
                waiting.append(name)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_the_playground_script_is_one_request_where_used(site_dir: Path, lang: str, page: str) -> None:
    from playground import browser

    doc = html(site_dir, lang, page)
    entry = doc.select('script[type="module"][src$="assets/playground/playground.js"]')
    data = doc.select("script#playground-info")
    if not doc.select(".playground[data-api], .playground-reproduce[data-example]"):
        assert not entry and not data
        return
    assert len(entry) == 1 and entry[0].has_attr("async")
    assert not doc.select('link[rel="modulepreload"]')
    if doc.select(".playground[data-api]"):
        # Python's facts, as data for the form before Python is ready: not a script the policy must allow.
        assert data[0]["type"] == "application/json"
        assert json.loads(data[0].string) == browser.info()
    else:
        assert not data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_playground_script_bundles_every_module_it_imports(site_dir: Path, lang: str) -> None:
    # One file, so a cold load makes one request for it (docs/hooks.py, playground_bundle).
    web, built = ROOT / "playground" / "web", site_dir / LANGUAGES[lang] / "assets" / "playground"
    bundle = (built / "playground.js").read_text(encoding="utf-8")
    assert not MODULE_IMPORT.search(bundle) and "import(" not in bundle
    for name in imported_modules(web, "playground.js"):
        assert not (built / name).exists(), name
        for exported in re.findall(
            r"^export (?:async )?(?:function|class|const) (\w+)", (web / name).read_text(), re.M
        ):
            assert re.search(rf"\b{exported}\b", bundle), (name, exported)
    # The worker's own modules stay files of their own: the worker imports them.
    assert (built / "worker.mjs").is_file() and (built / "pyodide-boot.mjs").is_file()
    # Japanese and Chinese text stays as written (esbuild --charset=utf8), not escaped to twice its size.
    assert "Python を読み込み中…" in bundle


def test_no_api_or_method_is_written_into_the_page_script() -> None:
    # They come from Python's info(): the build's copy in the page, then the worker's answer.
    from playground import browser

    web = ROOT / "playground" / "web"
    info = browser.info()
    for module in [web / "playground.js", *(web / name for name in imported_modules(web, "playground.js"))]:
        text = module.read_text(encoding="utf-8")
        for word in [*info["apis"], *(api["name"] for api in info["apis"].values()), *info["methods"]]:
            assert f'"{word}"' not in text, (module.name, word)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reproduce_buttons_name_documented_examples(site_dir: Path, lang: str) -> None:
    import playground

    for page in PAGES:
        for block in html(site_dir, lang, page).select(".playground-reproduce"):
            assert block["data-example"] in playground.EXAMPLES


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_fence_or_include_line_is_shown_as_code(site_dir: Path, lang: str, page: str) -> None:
    # A fence indented one level too deep renders as an indented code block that shows "```".
    for block in html(site_dir, lang, page).select("pre code"):
        assert "```" not in block.get_text() and "--8<--" not in block.get_text(), block.get_text()[:200]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reference_cross_references_resolve(site_dir: Path, lang: str) -> None:
    # An unresolved [title][playground.X] stays on the page as its Markdown source.
    text = html(site_dir, lang, "reference/").select_one("article").get_text()
    assert not re.findall(r"\]\[playground\.[\w.]+\]", text)


def test_the_reference_contents_list_the_packages_names_and_each_member_keeps_its_permalink(
    site_dir: Path,
) -> None:
    """toc_depth: 2 (reference.md): the table of contents links the names the package exports, not
    their members, whose headings keep their ids and ¶ links (docs/hooks.py, _toc_to_depth)."""
    for lang in LANGUAGES:
        page = html(site_dir, lang, "reference/")
        listed = [link["href"] for link in page.select(".md-sidebar--secondary .md-nav__link")]
        names = [f"#{heading['id']}" for heading in page.select("article h2.doc-heading[id]")]
        # The package's own entry (mkdocstrings lists it, without a heading), then its names.
        assert listed == ["#package-contents", "#playground", *names], lang
        assert len(names) > 40
        members = page.select("article h3.doc-heading[id]")
        assert len(members) > 40
        assert all(heading.select_one(f'a.headerlink[href="#{heading["id"]}"]') for heading in members)


def test_the_japanese_reference_labels_use_the_sites_words(site_dir: Path) -> None:
    """mkdocstrings' own Japanese labels said デスクリプション, タイプ and 発生; the rest of the site
    says 説明, 型 and 例外 (docs/mkdocstrings-templates). A class's bases said "Bases:", in English.
    (The sections are lists, docstring_section_style: list: no 説明 or 型 column to label.)"""
    page = html(site_dir, "ja", "reference/")
    labels = [cell.get_text(strip=True) for cell in page.select("article th, article .doc-section-title")]
    assert {"例外：", "引数：", "戻り値："} <= set(labels), sorted(set(labels))
    assert not {"デスクリプション", "タイプ", "発生："} & set(labels)
    bases = [line.get_text(strip=True) for line in page.select("article .doc-class-bases")]
    assert bases and all(line.startswith("基底クラス：") for line in bases), bases


def test_the_chinese_reference_labels_are_traditional_chinese(site_dir: Path) -> None:
    """mkdocstrings has Simplified Chinese labels only (描述, 类型); the zh-TW build has its own
    (docs/mkdocstrings-templates/zh-TW), in the site's words, and "Bases:" as 基底類別."""
    page = html(site_dir, "zh-TW", "reference/")
    labels = [cell.get_text(strip=True) for cell in page.select("article th, article .doc-section-title")]
    assert {"參數：", "傳回：", "例外："} <= set(labels), sorted(set(labels))
    assert not {"描述", "类型", "参数：", "DESCRIPTION", "TYPE:", "Parameters:"} & set(labels)
    # A parameter's default, in its line of the list (docstring_section_style: list).
    items = [item.get_text() for item in page.select("article li.doc-section-item")]
    assert any("預設：" in item for item in items) and not any("default:" in item for item in items)
    bases = [line.get_text(strip=True) for line in page.select("article .doc-class-bases")]
    assert bases and all(line.startswith("基底類別：") for line in bases), bases


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "404 - Not found"), ("ja", "404 - ページが見つかりません"), ("zh-TW", "404 - 找不到頁面")],
)
def test_the_404_page_is_in_its_language_with_a_way_back(site_dir: Path, lang: str, heading: str) -> None:
    page = BeautifulSoup((site_dir / LANGUAGES[lang] / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == lang
    assert page.select_one("article h1").get_text(strip=True) == heading
    assert page.select_one("article p a")["href"] == "/" + LANGUAGES[lang]
    assert page.title.get_text(strip=True).startswith(heading + " - ")  # the tab and the history say so too


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_own_title(site_dir: Path, lang: str) -> None:
    """The title is the browser tab's, the history's and the footer's Previous/Next: two pages
    called "Authentication" (MaiAgent's and AIGNE Hub's) could not be told apart there."""
    titles = {page: html(site_dir, lang, page).title.get_text(strip=True) for page in PAGES}
    assert len(set(titles.values())) == len(titles), titles
    footer = [
        a.get_text(" ", strip=True) for a in html(site_dir, lang, "maiagent/status-codes/").select(".md-footer__link")
    ]
    assert len(set(footer)) == len(footer) == 2, footer


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Permanent link"), ("ja", "この見出しへのリンク"), ("zh-TW", "連結到這個標題")]
)
@pytest.mark.parametrize("page", PAGES)
def test_heading_permalinks_are_titled_in_the_pages_language(site_dir: Path, lang: str, title: str, page: str) -> None:
    links = html(site_dir, lang, page).select("article a.headerlink")
    assert links, "no heading permalinks"
    assert {link["title"] for link in links} == {title}


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "View this page as Markdown"),
        ("ja", "このページを Markdown で表示"),
        ("zh-TW", "以 Markdown 檢視這個頁面"),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_each_page_links_to_its_markdown_copy(site_dir: Path, lang: str, title: str, page: str) -> None:
    link = html(site_dir, lang, page).select_one("article a[data-markdown-copy]")
    assert link is not None and link["title"] == title and link["aria-label"] == title
    copy = (site_dir / LANGUAGES[lang] / page / link["href"]).resolve()
    assert copy == (site_dir / LANGUAGES[lang] / ((page.rstrip("/") or "index") + ".md")).resolve()
    assert copy.read_text(encoding="utf-8").startswith("# ")


# --- what a page loads ---------------------------------------------------------------------------

# The site's own scripts: two bundles (docs/hooks.py, script_bundles), and the Japanese build's
# TinySegmenter, the file its search worker imports too.
SITE_SCRIPTS = {
    "en": ["assets/javascripts/site.js", "assets/javascripts/search.js"],
    "ja": ["assets/javascripts/site.js", "assets/javascripts/search.js", "assets/javascripts/lunr/tinyseg.js"],
    "zh-TW": ["assets/javascripts/site.js", "assets/javascripts/search.js"],
}


def _site_relative(src: str) -> str:
    return re.sub(r"^(?:\.\./)+", "", src)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_links_only_the_stylesheets_it_uses(site_dir: Path, lang: str, page: str) -> None:
    doc = html(site_dir, lang, page)
    sheets = [_site_relative(link["href"]) for link in doc.select('link[rel="stylesheet"]')]
    uses_playground = bool(doc.select("article [class*=playground]"))
    assert ("assets/playground/playground.css" in sheets) == uses_playground, sheets
    assert ("assets/_mkdocstrings.css" in sheets) == (page == "reference/"), sheets
    assert "assets/stylesheets/site.css" in sheets
    for sheet in sheets:
        assert (site_dir / LANGUAGES[lang] / sheet).is_file(), sheet


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_the_sites_scripts_reach_a_page_as_its_builds_bundles(site_dir: Path, lang: str, page: str) -> None:
    scripts = [_site_relative(script["src"]) for script in html(site_dir, lang, page).select("script[src]")]
    ours = [src for src in scripts if not re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$|/playground\.js$", src)]
    assert ours == SITE_SCRIPTS[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_bundle_holds_its_scripts_minified(site_dir: Path, lang: str) -> None:
    import yaml

    javascripts = site_dir / LANGUAGES[lang] / "assets" / "javascripts"
    config = yaml.safe_load(build.config_file("en").read_text(encoding="utf-8"))["extra"]["scripts"]
    if lang != "en":
        # INHERIT merges extra: a build names the bundles whose scripts differ.
        text = build.config_file(lang).read_text(encoding="utf-8")
        config |= yaml.safe_load(re.sub(r"^INHERIT:.*$", "", text, flags=re.M))["extra"].get("scripts", {})
    for name, sources in config.items():
        bundle = (javascripts / name).read_text(encoding="utf-8")
        assert "\n//" not in bundle  # comments gone
        text = "".join((DOCS / "assets" / "javascripts" / source).read_text(encoding="utf-8") for source in sources)
        assert len(bundle) < len(text) / 2, name
        for source in sources:  # the sources are not served on their own
            assert not (javascripts / source).exists(), source
        # Minifying keeps property names: each script's Worker patch is there, as often as in its source.
        assert bundle.count("Worker.prototype.postMessage") == text.count("Worker.prototype.postMessage")
    assert "data-language-switch" in (javascripts / "site.js").read_text(encoding="utf-8")
    # The stylesheets too: their comments stay in the sources.
    for source in (DOCS / "assets" / "stylesheets").glob("*.css"):
        served = (site_dir / LANGUAGES[lang] / "assets" / "stylesheets" / source.name).read_text(encoding="utf-8")
        assert "/*" not in served and len(served) < len(source.read_text(encoding="utf-8")) / 2, source.name
