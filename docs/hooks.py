"""MkDocs hooks shared by the English and the Japanese build.

- Shared assets: ``docs/assets/`` holds CSS/JS used by every language; each build has its own
  ``docs_dir``, so the files are added to each build here instead of being copied twice. The
  playground's JS/CSS lives with its Python package (``playground/web/``) and is added the same
  way, as ``assets/playground/``. The site's scripts reach a page as a few minified bundles, each
  of the scripts ``extra.scripts`` names for it (``script_bundles``); its stylesheets, minified.
- Stylesheets a page does not use stay out of it: the playground's (``meta.playground_css``) and
  mkdocstrings' (``meta.mkdocstrings_css``) are linked by ``overrides/main.html`` where used.
- ``toc_depth`` in a page's front matter keeps its table of contents to that heading level (the
  API reference lists the package's names, not each one's members: see ``_toc_to_depth``).
- Playground pages: a page whose HTML has a playground or a Reproduce element gets
  ``meta.playground``; ``overrides/main.html`` then loads the playground's script in its head, with
  where this build's Pyodide is (``extra.playground.pyodide``: the Japanese build sits one level
  down). The script is the entry module ``playground/web/playground.js`` and every module it imports,
  bundled into one file by esbuild (``playground_bundle``). A page with the full playground also
  gets Python's ``info()`` as JSON (``meta.playground_info``): the form shows the APIs and methods
  before Python is ready, from the same facts Python answers with.
- The sandbox's OpenAPI document is written into each build as ``openapi.json`` from the same
  data the sandbox uses, so it is there on a static host too.
- Heading permalinks are titled in the build's language (``extra.permalink_title``).
- Content tabs' labels are separate words for search, and code in a table wraps only after "/" or
  "-" (see ``on_page_content``).
- Code comments are shown in the build's language (``code-comments.<language>.json``).
- "Try it": each tab set of code snippets that shows a documented request (the catalogue's
  ``snippet``) gets a link under it that loads that request into a playground: the page's own, or
  the playground page's (``_with_try_it``). The request is in the link's fragment, as the
  playground's "Copy link" writes it (``playground/web/share-link.mjs``).
- Machine-readable copies: every page is also written as Markdown next to its HTML
  (``maiagent/authentication/`` -> ``maiagent/authentication.md``, snippets expanded), and
  ``llms.txt`` indexes them, so tools and language models can read the docs without scraping HTML.
  The reference page's copy holds the API reference itself, as Markdown (``_reference_markdown``).
  Each page links to its copy (``overrides/partials/actions.html``).
- The search index reads a page as a reader scans it: a table row by row, with its cells apart, and
  the API reference without its signatures (see ``_search_html``).
- Each build's ``sitemap.xml`` names every page in every language (hreflang alternates, full URLs),
  and no head carries Material's relative, home-page ones (see ``language_alternates``).
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, urljoin

import griffe
import markdown
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from playground import EXAMPLES, DocumentedExample, openapi_document
from playground.browser import info as playground_info

ROOT = Path(__file__).parent.parent
SHARED_ASSETS = Path(__file__).parent / "assets"
PLAYGROUND_WEB = ROOT / "playground" / "web"
# Each folder's files are served under this prefix in both builds.
ASSET_DIRS = {SHARED_ASSETS: "assets/", PLAYGROUND_WEB: "assets/playground/"}


@dataclass
class _IndexedPage:
    section: str
    title: str
    markdown_path: str
    description: str


_pages: list[_IndexedPage] = []

# The page's playground script: an ES module that imports the others beside it.
PLAYGROUND_ENTRY = "playground.js"
ESBUILD = Path(__file__).parent.parent / "node_modules" / ".bin" / "esbuild"


def playground_bundle(entry: str = PLAYGROUND_ENTRY) -> tuple[str, set[Path]]:
    """The page's playground script as one ES module: the entry and every module it imports.

    Loaded as separate modules (13 requests, preloaded), cold starts measured 6-13 % slower with
    ``scripts/bench_ab.py`` than the one classic script before; bundled, they are one request again.

    Returns:
        The bundle's text, and the source files it holds (they are not copied into the site).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out, meta = Path(tmp) / "bundle.js", Path(tmp) / "meta.json"
        command = [
            str(ESBUILD),
            str(PLAYGROUND_WEB / entry),
            "--bundle",
            "--format=esm",
            "--charset=utf8",
            "--log-level=warning",
            f"--outfile={out}",
            f"--metafile={meta}",
        ]
        try:
            subprocess.run(command, cwd=PLAYGROUND_WEB, check=True, capture_output=True, text=True)
        except FileNotFoundError:
            raise PluginError(f"{ESBUILD} is missing: run scripts/setup.sh (npm ci) first") from None
        except subprocess.CalledProcessError as error:
            raise PluginError(f"esbuild could not bundle the playground script:\n{error.stderr}") from None
        inputs = {(PLAYGROUND_WEB / name).resolve() for name in json.loads(meta.read_text(encoding="utf-8"))["inputs"]}
        return out.read_text(encoding="utf-8"), inputs


SITE_SCRIPTS = SHARED_ASSETS / "javascripts"


def script_bundles(config: MkDocsConfig) -> dict[str, str]:
    """The site's scripts as extra_javascript loads them: for each bundle ``extra.scripts`` names
    (``search.js: [search-ja.js, search-rank.js]``), its scripts from ``docs/assets/javascripts/``
    run in that order, minified, in one classic script (an IIFE: each script keeps its own scope).

    Each response carries the site's headers (its Content-Security-Policy is over 700 bytes): five
    scripts of a few hundred bytes each, compressed, weighed more in headers than in code.

    Returns:
        Each bundle's text, by its path in the site (``assets/javascripts/search.js``).
    """
    bundles = {}
    for name, scripts in (config.extra.get("scripts") or {}).items():
        entry = "".join(f"import {json.dumps((SITE_SCRIPTS / script).as_posix())};\n" for script in scripts)
        bundles["assets/javascripts/" + name] = _minified(entry, name, "--bundle", "--format=iife")
    return bundles


def _minified(source: str, name: str, *options: str) -> str:
    command = [str(ESBUILD), "--minify", "--charset=utf8", "--log-level=warning", *options]
    try:
        done = subprocess.run(command, input=source, cwd=SITE_SCRIPTS, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise PluginError(f"{ESBUILD} is missing: run scripts/setup.sh (npm ci) first") from None
    except subprocess.CalledProcessError as error:
        raise PluginError(f"esbuild could not minify {name}:\n{error.stderr}") from None
    return done.stdout


SITE_STYLESHEETS = SHARED_ASSETS / "stylesheets"


def minified_stylesheets() -> dict[str, str]:
    """The site's stylesheets (``docs/assets/stylesheets/``) as served: minified, their comments
    (more than half of site.css) left in the sources."""
    return {
        f"assets/stylesheets/{path.name}": _minified(path.read_text(encoding="utf-8"), path.name, "--loader=css")
        for path in sorted(SITE_STYLESHEETS.glob("*.css"))
    }


def _playground_info_json() -> str:
    # In a <script type="application/json"> block: "<" escaped, so no "</script>" or "<!--" ends it early.
    return json.dumps(playground_info(), ensure_ascii=False).replace("<", "\\u003c")


# Code comments in the build's language. Each snippet and documented example is one file, shared by
# both languages and run by the tests as it is; a build whose language has a table
# (docs/code-comments.<language>.json: English comment -> translation) shows each comment translated,
# in the page (and so in what its copy button copies) and in the page's Markdown copy.
_comments: dict[str, str] = {}


def _translate_comments(text: str, *, escaped: bool) -> str:
    for english, translated in _comments.items():
        pairs = [(english, translated)]
        if escaped:  # highlighted code escapes <, > and &, and quotes only sometimes: both spellings
            pairs = [
                (escape(english, quote=False), escape(translated, quote=False)),
                (escape(english), escape(translated)),
            ]
        for old, new in pairs:
            for marker in ("# ", "// "):  # only where a comment starts: the prose never changes
                text = text.replace(marker + old, marker + new)
    return text


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _pages.clear()
    _comments.clear()
    table = Path(__file__).parent / f"code-comments.{config.theme['language']}.json"
    if table.is_file():
        _comments.update(json.loads(table.read_text(encoding="utf-8")))
    # Each heading's permalink is titled in the build's language (extra.permalink_title). It is set
    # here because INHERIT replaces lists: mkdocs.ja.yml would have to repeat all markdown_extensions.
    title = config.extra.get("permalink_title")
    if title:
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = title
    _segment_chinese_only_in_chinese(config)
    return config


def _segment_chinese_only_in_chinese(config: MkDocsConfig) -> None:
    """Material's search cuts every run of Han characters with jieba whenever jieba is installed
    (it is, for the zh-TW build), and has no option to say which builds: in the Japanese build it
    cut 取得方法 into 取得 U+200B 方法, a character lunr.ja's tokenizer keeps inside its words. Each
    language is its own build process (scripts/build.py), so turning it off here touches no other."""
    import material.plugins.search.plugin as search_plugin

    if not str(config.theme["language"]).lower().startswith("zh"):
        search_plugin.jieba = None
    elif search_plugin.jieba:
        search_plugin.jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" is no build warning
        # jieba's dictionary is Simplified Chinese first: it cut 金鑰 into 金 and 鑰 in some sentences,
        # and a query for 金鑰 then matched every 金. The site's own terms (the terminology file
        # textlint checks the pages against) become words of its dictionary, but not a compound of
        # other words (身分驗證 is 身分 + 驗證): kept apart, 驗證 alone still finds it.
        search_plugin.jieba.initialize()  # loads the dictionary (FREQ) it is checked against
        terms = _terms(ROOT / "textlint" / "prh.zh-TW.yml")
        known = {word for word in search_plugin.jieba.dt.FREQ if len(word) > 1} | set(terms)
        for term in terms:
            if not _compound(term, known - {term}):
                search_plugin.jieba.add_word(term)


def _compound(word: str, words: set[str]) -> bool:
    """Whether `word` is two or more of `words` written together."""
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in words for start in range(end)):
            ends.add(end)
    return len(word) in ends


def _terms(terminology: Path) -> list[str]:
    """The Chinese words a textlint-rule-prh file expects: each rule's `expected`, cut at anything
    that is not a Han character (API 金鑰 gives 金鑰)."""
    rules = yaml.safe_load(terminology.read_text(encoding="utf-8"))["rules"]
    words = (re.findall(r"[\u3400-\u9fff]{2,}", str(rule["expected"])) for rule in rules)
    return sorted({word for found in words for word in found})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    bundle, bundled = playground_bundle()
    files.append(File.generated(config, ASSET_DIRS[PLAYGROUND_WEB] + PLAYGROUND_ENTRY, content=bundle))
    for src_uri, content in {**script_bundles(config), **minified_stylesheets()}.items():
        files.append(File.generated(config, src_uri, content=content))
    # A site script reaches the pages in a bundle only (extra.scripts), every one of them; a
    # stylesheet, minified.
    bundled |= {path.resolve() for path in [*SITE_SCRIPTS.glob("*.js"), *SITE_STYLESHEETS.glob("*.css")]}
    for folder, prefix in ASSET_DIRS.items():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.resolve() not in bundled:
                src_uri = prefix + path.relative_to(folder).as_posix()
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    files.append(File.generated(config, "openapi.json", content=json.dumps(openapi_document(), indent=2)))
    return files


def _markdown_copy_path(page: Page) -> str:
    return (page.url.rstrip("/") or "index") + ".md"


def _expand_snippets(text: str, config: MkDocsConfig) -> str:
    # Reuse pymdownx.snippets with the site's own settings so the copy shows exactly what the page shows.
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": config.mdx_configs.get("pymdownx.snippets", {})},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


# A page's `::: identifier` line is where mkdocstrings renders that module's reference. The copy
# gets the same reference as Markdown, read with griffe (what mkdocstrings reads): each public name
# (the module's __all__) with its signature and docstring, and each class's public methods.
_AUTODOC = re.compile(r"^::: *([\w.]+) *$", re.M)
_HEADING = re.compile(r"^(#{1,6}) ", re.M)
_CROSS_REFERENCE = re.compile(r"\[([^\]]+)\]\[[\w.]*\]")  # [text][playground.Name]: the copy keeps the text
_LONGEST_VALUE = 80  # a longer value is shortened: ApiProfile(...), or left to the source


def _reference_text(reference: re.Match[str]) -> str:
    text = reference[1]
    return text if text.startswith("`") else f"`{text}`"


def _parameters(cls: griffe.Class) -> str:
    # griffe's Class.signature() is empty when __init__ is inherited (every exception here);
    # Class.parameters follows the inheritance.
    parts: list[str] = []
    star = False
    for parameter in cls.parameters:
        if parameter.name in ("self", "cls"):
            continue
        kind = parameter.kind
        if kind is griffe.ParameterKind.keyword_only and not star:
            parts.append("*")
        star = star or kind in (griffe.ParameterKind.keyword_only, griffe.ParameterKind.var_positional)
        prefix = {griffe.ParameterKind.var_positional: "*", griffe.ParameterKind.var_keyword: "**"}.get(kind, "")
        text = prefix + parameter.name
        if parameter.annotation is not None:
            text += f": {parameter.annotation}"
        if parameter.default is not None:
            text += f" = {parameter.default}"
        parts.append(text)
    return ", ".join(parts)


def _declaration(obj: griffe.Object, name: str) -> str:
    if obj.is_function:
        return ("async def " if "async" in obj.labels else "def ") + obj.signature()
    if obj.is_class:
        return f"class {name}({_parameters(obj)})"
    text = name + (f": {obj.annotation}" if obj.annotation else "")
    value = str(obj.value) if obj.value is not None else ""
    if len(value) > _LONGEST_VALUE:
        called = re.match(r"[\w.]+\(", value)  # ApiProfile(id="maiagent", ...) -> ApiProfile(...)
        value = called[0] + "...)" if called else ""
    return text + (f" = {value}" if value else "")


def _object_markdown(obj: griffe.Object, name: str, level: int) -> list[str]:
    lines = ["#" * level + f" `{name}`", "", "```python", _declaration(obj, name.rsplit(".", 1)[-1]), "```", ""]
    if obj.docstring:
        lines += [_CROSS_REFERENCE.sub(_reference_text, obj.docstring.value), ""]
    return lines


def _reference_markdown(identifier: str, level: int, config: MkDocsConfig) -> str:
    module = griffe.load(identifier, search_paths=[str(Path(config.config_file_path).parent)])
    lines: list[str] = []
    for name in module.exports or [n for n in module.members if not n.startswith("_")]:
        member = module[name]
        obj = member.final_target if member.is_alias else member
        lines += _object_markdown(obj, name, level)
        if obj.is_class:
            for method_name, method in obj.members.items():
                if not method_name.startswith("_") and (method.is_function or "property" in method.labels):
                    lines += _object_markdown(method, f"{name}.{method_name}", min(level + 1, 6))
    return "\n".join(lines).rstrip() + "\n"


def _expand_references(text: str, config: MkDocsConfig) -> str:
    def expand(match: re.Match[str]) -> str:
        headings = _HEADING.findall(text, 0, match.start())
        return _reference_markdown(match[1], min(len(headings[-1]) + 1 if headings else 2, 6), config)

    return _AUTODOC.sub(expand, text)


# What only the HTML page uses: authors' comments and the elements playground.js mounts. The copy
# drops them; where the playground itself was, it says where to find it (extra.markdown_copy_playground).
# Each takes the blank line after it along (code blocks keep theirs: nothing else is collapsed).
_HTML_COMMENT = re.compile(r"^[ \t]*<!--.*?-->[ \t]*\n(?:[ \t]*\n)?", re.M | re.S)
_REPRODUCE_ELEMENT = re.compile(
    r'^[ \t]*<div class="playground-reproduce" data-example="[^"]*"></div>[ \t]*\n(?:[ \t]*\n)?', re.M
)
_PLAYGROUND_ELEMENT_LINE = re.compile(r'^<div class="playground" data-api="[^"]*"></div>$', re.M)


def _without_blank_line_before_closing_fences(text: str) -> str:
    # An included file ends with a newline, which left an empty last line in every code block.
    lines: list[str] = []
    fence = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            if fence is None:
                fence = line[: len(line) - len(line.lstrip())]
            elif line.startswith(fence) and stripped == "```":
                fence = None
                while lines and not lines[-1].strip():
                    lines.pop()
        lines.append(line)
    return "\n".join(lines)


def _markdown_copy_text(text: str, page: Page, config: MkDocsConfig) -> str:
    copy = _HTML_COMMENT.sub("", _REPRODUCE_ELEMENT.sub("", text))
    html_page = (page.url.rstrip("/").rpartition("/")[2] + "/") if page.url else "./"
    note = config.extra["markdown_copy_playground"].format(url=html_page)
    return _without_blank_line_before_closing_fences(_PLAYGROUND_ELEMENT_LINE.sub(lambda _: note, copy))


# "Try it" under a tab set of snippets. The link's fragment is the playground's request link
# (share-link.mjs reads it): the API, method, path and body, and the documented example, whose key
# (a demo key, or none) the playground takes from the catalogue. Never a key in a URL.
TRY_IT_FRAGMENT = "request?"
PLAYGROUND_PAGE = "playground.md"  # the page with the playground that every API's request can go to
_TAB = re.compile(r'^(?P<indent>[ \t]*)===[+!]? "')
_SNIPPET_INCLUDE = re.compile(r'--8<-- "docs/snippets/(?P<case>[\w-]+/[\w-]+)\.\w+"')
_SNIPPET_EXAMPLES = {e.snippet: e for e in EXAMPLES.values() if e.snippet}


def try_it_fragment(example: DocumentedExample) -> str:
    """The fragment (without "#") that loads `example`'s request into a playground."""
    fields = example.request.form_fields(example.api)
    params = [("api", example.api), ("method", fields["method"]), ("path", fields["path"])]
    params += [("body", fields["body"])] if fields["body"] else []
    params.append(("example", example.id))
    # As share-link.mjs writes it: "/" stays readable, everything else is %-encoded (never "+").
    return TRY_IT_FRAGMENT + "&".join(f"{name}={quote(value, safe='/')}" for name, value in params)


def _try_it_link(example: DocumentedExample, page_href: str, config: MkDocsConfig) -> str:
    words = config.extra["try_it"]
    title = example.title.get(config.theme["language"])
    href = escape(page_href + "#" + try_it_fragment(example))
    label = escape(words["label"].format(title=title))
    # An inline element, so Markdown gives it a paragraph of its own, inside an admonition too.
    return (
        f'<a class="md-button playground-tryit" href="{href}" data-example="{escape(example.id)}" '
        f'aria-label="{label}">{escape(words["text"])}</a>'
    )


def _with_try_it(text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The link goes to this page's own playground when it has one, else to the playground page.
    if _FULL_PLAYGROUND_ELEMENT.search(text):
        page_href = ""
    else:
        target = files.get_file_from_path(PLAYGROUND_PAGE)
        if target is None:
            raise PluginError(f"Try it links need {PLAYGROUND_PAGE}, the page with the playground")
        page_href = get_relative_url(target.url, page.url)
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        tab = _TAB.match(lines[i])
        if not tab:
            out.append(lines[i])
            i += 1
            continue
        # The tab set: its tabs at this indentation, their indented content, and blank lines between.
        indent, last, j = tab["indent"], i, i + 1
        while j < len(lines):
            line, other = lines[j], _TAB.match(lines[j])
            inside = line.startswith((indent + "    ", indent + "\t")) or (other and other["indent"] == indent)
            if line.strip() and not inside:
                break
            if line.strip():
                last = j
            j += 1
        out += lines[i : last + 1]
        cases = {include["case"] for line in lines[i : last + 1] for include in _SNIPPET_INCLUDE.finditer(line)}
        for case in sorted(cases & _SNIPPET_EXAMPLES.keys()):
            out += ["", indent + _try_it_link(_SNIPPET_EXAMPLES[case], page_href, config), ""]
        i = last + 1
    return "\n".join(out)


def on_page_markdown(text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    title = page.title or ""
    copy = _translate_comments(_expand_references(_expand_snippets(text, config), config), escaped=False)
    copy = _markdown_copy_text(copy, page, config)
    if not copy.lstrip().startswith("# "):
        copy = f"# {title}\n\n{copy}"
    path = _markdown_copy_path(page)
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(copy, encoding="utf-8")
    page.meta["markdown_copy"] = path  # overrides/partials/actions.html links each page to its copy
    section = page.parent.title if page.parent else ""
    _pages.append(_IndexedPage(section, title, path, page.meta.get("description", "")))
    return _with_try_it(text, page, config, files)  # the page only: the copy has no playground to load into


# The elements playground.js mounts: <div class="playground" data-api=…> and
# <div class="playground-reproduce" data-example=…>.
_PLAYGROUND_ELEMENT = re.compile(r'<div class="playground(?:-reproduce)?" data-(?:api|example)=')
_FULL_PLAYGROUND_ELEMENT = re.compile(r'<div class="playground" data-api=')


# pymdownx.tabbed writes a tab set's labels with nothing between them, so the search index read
# them as one word ("curlPythonJavaScriptNode.js"): "Python" or "Node.js" found no example, and
# result snippets ran the labels together. A space between labels is invisible (a flex row).
_TAB_LABELS = re.compile(r'<div class="tabbed-labels">.*?</div>', re.S)


# In a table, Material lets inline code break between any two characters, so on a phone a narrow
# column split "demo1234abc|d5678", "Authorization|: Bearer" and "/api/v1/chat|bots/". site.css
# keeps a table's code whole, as Material does for a table's links, and the break points here
# (after "/", "-" and "&", in text only, never inside a tag) let paths, keys and ids wrap where a reader
# would split them, so the table still fits the screen.
_TABLE = re.compile(r"<table>.*?</table>", re.S)  # Markdown's tables: Material styles table:not([class])
_INLINE_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
_BREAK_AFTER = re.compile(r"(<[^>]*>)|([/-]|&amp;)")


def _code_break_points(table: re.Match[str]) -> str:
    def mark(code: re.Match[str]) -> str:
        text = _BREAK_AFTER.sub(lambda part: part[1] or part[2] + "<wbr>", code[2])
        return code[1] + text + code[3]

    return _INLINE_CODE.sub(mark, table[0])


# The stylesheets a page links only if it uses them (overrides/main.html): the playground's, on a page
# with a playground, a Reproduce button or a "Try it" link; mkdocstrings', on the API reference. Every
# other page loads neither (with its response headers, 4 KB and 2.6 KB compressed per first visit).
_PLAYGROUND_CLASS = re.compile(r'class="[^"]*\bplayground')
_MKDOCSTRINGS_CLASS = re.compile(r'class="doc doc-')
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"


def on_pre_build(config: MkDocsConfig) -> None:
    # mkdocstrings lists its stylesheet for every page (in its on_config, which has run by now).
    if MKDOCSTRINGS_CSS in config.extra_css:
        config.extra_css.remove(MKDOCSTRINGS_CSS)


def _stylesheets_used(html: str, page: Page) -> None:
    if _PLAYGROUND_CLASS.search(html):
        page.meta["playground_css"] = True
    if _MKDOCSTRINGS_CLASS.search(html):
        page.meta["mkdocstrings_css"] = MKDOCSTRINGS_CSS


# Material mounts a code block when it comes into view (content.lazy, mkdocs.yml), and only then
# makes it focusable if it scrolls sideways, so that a keyboard can scroll it: one not yet shown
# could not be reached by Tab (axe: scrollable-region-focusable). Each starts focusable; the mount
# takes it back from one that fits, as before.
_CODE_BLOCK = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code>")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _stylesheets_used(html, page)
    html = _CODE_BLOCK.sub(r'\1<code tabindex="0">', html)
    if _PLAYGROUND_ELEMENT.search(html):
        page.meta["playground"] = True
    if _FULL_PLAYGROUND_ELEMENT.search(html):
        page.meta["playground_info"] = _playground_info_json()
    html = _TAB_LABELS.sub(lambda labels: labels[0].replace("</label><label", "</label> <label"), html)
    html = _TABLE.sub(_code_break_points, html)
    return _translate_comments(html, escaped=True)


# The search index. Material's search plugin indexes each page's HTML (page.content, in
# on_page_context) and keeps only a few of its tags (p, code, pre, li, ...). A table lost its rows
# and cells, and a result's preview, which shows the text up to where a kept tag closes, ran one
# row's last cell into the next row's code: 「認証失敗 403」, 401's meaning beside 403. So just before
# the plugin reads a page, the page's HTML is swapped for the search's version of it, and just after,
# swapped back: the reader's page never changes. In the search's version each table row is a
# paragraph, its cells joined by SEARCH_CELL_SEPARATOR (a word separator in every build's
# search.separator): a row is found and previewed as one line, apart from its neighbours.
SEARCH_CELL_SEPARATOR = " · "  # not "|": the reference's types hold one ("str | None")
_TABLE_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_TABLE_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
_PARAGRAPH_TAG = re.compile(r"</?p\b[^>]*>")  # a cell's own paragraphs (mkdocstrings' tables) join its row's
_ANY_TAG = re.compile(r"<[^>]+>")
# mkdocstrings' signatures (separate_signature: true) repeat, as code, what the reference's headings
# and parameter tables say, and a module attribute's is its whole value: MAIAGENT = ApiProfile(...),
# with its names in both languages, was the reference's only match for 「認証」. Material's own
# marker leaves them out of the index; the page still shows them.
_SIGNATURE = re.compile(r'<div class="doc-signature\b')
_page_html: dict[str, str] = {}


def _squeezed(cell: str) -> str:
    # mkdocstrings indents its cells' text: the preview showed runs of spaces between the cells.
    return cell.strip() if "<pre" in cell else " ".join(cell.split())


def _table_rows(table: re.Match[str]) -> str:
    rows = []
    for row in _TABLE_ROW.finditer(table[0]):
        cells = [_squeezed(_PARAGRAPH_TAG.sub(" ", cell[1])) for cell in _TABLE_CELL.finditer(row[1])]
        cells = [cell for cell in cells if _ANY_TAG.sub("", cell).strip()]
        if cells:
            rows.append(f"<p>{SEARCH_CELL_SEPARATOR.join(cells)}</p>")
    return "\n".join(rows)


def _search_html(html: str) -> str:
    """A page's HTML as the search index should read it (see above)."""
    html = _SIGNATURE.sub(lambda div: div[0].replace("<div ", "<div data-search-exclude ", 1), html)
    return _TABLE.sub(_table_rows, html)


@event_priority(50)  # before Material's search plugin (priority 0) indexes page.content
def _show_search_its_html(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    _page_html[page.file.src_uri] = page.content
    page.content = _search_html(page.content)
    return context


@event_priority(-50)  # after it: the page is rendered from its own HTML
def _give_the_page_its_html_back(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    page.content = _page_html.pop(page.file.src_uri)
    return context


# A page's `toc_depth` (front matter) keeps its table of contents to that heading level. The API
# reference documents 44 names and, under them, 57 members: Material lays out and watches every
# heading its table of contents links to (both sidebars' copies; on a phone, the page's main-thread
# work at load grew with them), while a member stays one scroll away under its name, and its heading
# keeps its permalink. After the search index is built (it reads the page's headings, not this).
@event_priority(-100)
def _toc_to_depth(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    depth = page.meta.get("toc_depth")
    if depth:

        def trim(items: list) -> None:
            for item in items:
                if item.level >= depth:
                    item.children = []
                else:
                    trim(item.children)

        trim(page.toc.items)
    return context


on_page_context = CombinedEvent(_show_search_its_html, _give_the_page_its_html_back, _toc_to_depth)


# Search engines learn each page's translations from hreflang alternates, full URLs only (Lighthouse's
# hreflang audit fails a relative one). Material writes one <link rel="alternate" hreflang> per
# extra.alternate in every head, relative, naming each language's home page, and its bundle fetches
# the sitemap.xml beside each link: a full URL would send that fetch to site_url's host wherever the
# site is served from (a local port, a preview), and a link to the page itself to a sitemap.xml that
# is not there (mkdocs-material#6582). So the head has none, and each build's sitemap.xml names
# every page in every language (Google reads hreflang from a sitemap as from a head); the language
# switcher links to this page in each language by itself (overrides/partials/alternate.html).
_MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">')
_SITEMAP_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_SITEMAP_LOC = re.compile(r"<loc>([^<]*)</loc>")


def language_alternates(page_url: str, config: MkDocsConfig) -> dict[str, str]:
    """The full URL of the page at `page_url` (a build-relative path, "maiagent/authentication/")
    in each language of extra.alternate, by language code: extra.alternate's links are relative to
    this build's root, whose URL is site_url."""
    return {alt["lang"]: urljoin(config.site_url, alt["link"]) + page_url for alt in config.extra["alternate"]}


def _sitemap_with_alternates(sitemap: str, config: MkDocsConfig) -> str:
    if _SITEMAP_URLSET not in sitemap:
        raise PluginError("sitemap.xml: no <urlset> to add the pages' hreflang alternates to")

    def with_alternates(loc: re.Match[str]) -> str:
        page_url = loc[1].removeprefix(config.site_url)
        links = language_alternates(page_url, config).items()
        return loc[0] + "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(url)}"/>' for lang, url in links
        )

    sitemap = sitemap.replace(_SITEMAP_URLSET, _SITEMAP_URLSET[:-1] + ' xmlns:xhtml="http://www.w3.org/1999/xhtml">')
    return _SITEMAP_LOC.sub(with_alternates, sitemap)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _MATERIAL_ALTERNATE.sub("", output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "sitemap.xml":  # mkdocs gzips this very text into sitemap.xml.gz
        return _sitemap_with_alternates(output, config)
    return _MATERIAL_ALTERNATE.sub("", output)  # 404.html


def on_post_build(config: MkDocsConfig) -> None:
    lines = [f"# {config.site_name}", "", f"> {config.site_description}", ""]
    current_section = None
    for page in _pages:
        section = page.section or config.site_name
        if section != current_section:
            lines += [f"## {section}", ""] if current_section is None else ["", f"## {section}", ""]
            current_section = section
        entry = f"- [{page.title}]({page.markdown_path})"
        lines.append(f"{entry}: {page.description}" if page.description else entry)
    (Path(config.site_dir) / "llms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
