"""Lint the site's Japanese and Traditional Chinese with textlint, each language with its own rules.

Japanese: .textlintrc.json (the technical-writing preset, terms in textlint/prh.ja.yml). Traditional
Chinese (zh-TW): .textlintrc.zh-TW.json (Taiwan terms in textlint/prh.zh-TW.yml, sentence length).
What each lints: its pages (docs/<language>), and the texts of its language that live in code, written
out as Markdown for the run, one text a paragraph: the page script's strings (playground/web/strings.mjs),
every string of the Python package in that language (the diagnosis, the error messages, the sandbox's
descriptions) and the code comments' translations (docs/code-comments.<language>.json). A problem in
an extracted text is reported at the file and line it comes from.

Run: .venv/bin/python scripts/textlint_docs.py [LANGUAGE ...]   (exit 1 on any problem;
tests/test_textlint.py runs it)
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
PAGE_STRINGS = ROOT / "playground" / "web" / "strings.mjs"
PACKAGE = ROOT / "playground"

# Each linted language: its textlint configuration. Its pages are docs/<language>, its code comments
# docs/code-comments.<language>.json, its page-script strings STRINGS[<language>].
CONFIGS = {"ja": ROOT / ".textlintrc.json", "zh-TW": ROOT / ".textlintrc.zh-TW.json"}
# A LocalizedText's texts by position and by keyword (playground/_models.py: en, ja, zh_tw).
_LOCALIZED_CALLS = {"LocalizedText", "_L"}
_POSITIONS = {1: "ja", 2: "zh-TW"}
_KEYWORDS = {"ja": "ja", "zh_tw": "zh-TW", "detail_ja": "ja", "detail_zh_tw": "zh-TW"}

KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u3400-\u9fff]")
# Where a Python text has a value filled in at run time (an f-string's field, a concatenated name).
FIELD = "{…}"

# The page script's strings in one language, flattened to "key.subkey" paths (the module is pure: no DOM).
_DUMP_STRINGS = """
import { STRINGS } from %s;
const flat = (value, path) => typeof value === "string" ? [[path, value]]
  : Object.entries(value).flatMap(([key, inner]) => flat(inner, path ? `${path}.${key}` : key));
process.stdout.write(JSON.stringify(flat(STRINGS[%s] || {}, "")));
"""


def pages_dir(lang: str) -> Path:
    return ROOT / "docs" / lang


def code_comments_file(lang: str) -> Path:
    return ROOT / "docs" / f"code-comments.{lang}.json"


# Kanji that Japanese writes and Traditional Chinese does not (shinjitai: 証 for 證, 権 for 權, ...).
SHINJITAI = re.compile(
    "[証発変応権効続読図処総関験済転売価帰検経軽対単断択独届脳覧労録児辞実写従触寝尽専戦銭争装層増蔵"
    "体帯滞担弾遅昼庁聴鉄伝灯闘徳廃拝髪抜払仏辺弁豊毎満訳薬与様来頼乱両緑励霊齢歴恋湾気広国学会区楽"
    "号県営栄円覚観歓勧旧拠挙郷駆径恵掲継蛍鶏撃剣険圏献顕厳鉱黒穀砕剤雑参惨賛残歯湿釈寿収獣縦粛叙奨"
    "将渉焼称乗剰浄状畳条嬢譲醸嘱粋酔随髄枢数瀬声静斉摂窃浅潜践壮捜挿巣窓荘騒臓堕沢胆団痴鋳逓転点党"
    "盗稲縄弐悩覇麦晩浜塀餅舗歩穂宝没翻万黙誉謡欄竜虜猟涙塁礼戻炉楼]"
)


def guess_language(text: str) -> str | None:
    """The language of a text whose place does not say it (see `_languages_in`): Japanese if it has
    kana or a kanji only Japanese writes (認証失敗), else Traditional Chinese if it has Han characters."""
    if KANA.search(text) or SHINJITAI.search(text):
        return "ja"
    return "zh-TW" if HAN.search(text) else None


@dataclass(frozen=True)
class Text:
    """One text found in code, and where it is written."""

    origin: str
    text: str


@dataclass(frozen=True)
class Problem:
    """One textlint report, at the place a reader of the repository would fix it."""

    where: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} ({self.rule})"


def page_script_texts(lang: str) -> list[Text]:
    """The page script's strings in `lang` (`STRINGS[lang]` of playground/web/strings.mjs)."""
    script = _DUMP_STRINGS % (json.dumps(PAGE_STRINGS.as_uri()), json.dumps(lang))
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    origin = PAGE_STRINGS.relative_to(ROOT).as_posix()
    return [
        Text(f"{origin} {lang}.{key}", value)
        for key, value in json.loads(out)
        if HAN.search(value) or KANA.search(value)
    ]


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _render(node: ast.AST) -> str:
    """The text an expression builds, with FIELD for each part known only at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_render(part) if isinstance(part, ast.Constant) else FIELD for part in node.values)
    if isinstance(node, ast.BinOp) and _is_text(node):
        return _render(node.left) + _render(node.right)
    return FIELD


def _languages_in(tree: ast.AST) -> dict[int, str]:
    """The language of each text node whose place says it: a LocalizedText's argument, a keyword
    named for a language, or what a function named for one (`json_error_ja`) returns."""
    known: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in _LOCALIZED_CALLS:
                for position, arg in enumerate(node.args):
                    if position in _POSITIONS:
                        known[id(arg)] = _POSITIONS[position]
            for keyword in node.keywords:
                if keyword.arg in _KEYWORDS:
                    known[id(keyword.value)] = _KEYWORDS[keyword.arg]
        elif isinstance(node, ast.FunctionDef):
            lang = next(
                (code for suffix, code in (("_ja", "ja"), ("_zh_tw", "zh-TW")) if node.name.endswith(suffix)), None
            )
            if lang:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        known[id(inner.value)] = lang
    return known


def _texts_in(tree: ast.AST) -> list[tuple[int, str, str | None]]:
    """Each whole text expression (a literal, an f-string, a + of them), its line, and its language
    where its place says it."""
    known = _languages_in(tree)
    found: list[tuple[int, str, str | None]] = []
    waiting = [tree]
    while waiting:
        node = waiting.pop()
        if _is_text(node):
            found.append((node.lineno, _render(node), known.get(id(node))))
            continue
        waiting.extend(ast.iter_child_nodes(node))
    return sorted(found, key=lambda item: item[:2])


def python_texts(lang: str) -> list[Text]:
    """Every string of the Python package in `lang`: the diagnosis, the messages, the descriptions."""
    texts = []
    for path in sorted(PACKAGE.rglob("*.py")):
        origin = path.relative_to(ROOT).as_posix()
        for line, text, known in _texts_in(ast.parse(path.read_text(encoding="utf-8"))):
            # A description may hold several languages, a paragraph each: each is linted as its own.
            for part in text.split("\n\n"):
                if (known or guess_language(part)) == lang and (HAN.search(part) or KANA.search(part)):
                    texts.append(Text(f"{origin}:{line}", part))
    return texts


def code_comment_texts(lang: str) -> list[Text]:
    """The translation into `lang` of each code comment the pages translate."""
    table_file = code_comments_file(lang)
    origin = table_file.relative_to(ROOT).as_posix()
    table = json.loads(table_file.read_text(encoding="utf-8")) if table_file.is_file() else {}
    return [Text(f"{origin} {english!r}", translated) for english, translated in table.items()]


def extracted_texts(lang: str) -> dict[str, list[Text]]:
    """The texts in code in `lang`, by the name of the file they are linted as."""
    return {
        "page-script-strings.md": page_script_texts(lang),
        "python-package-texts.md": python_texts(lang),
        "code-comments.md": code_comment_texts(lang),
    }


def _write(folder: Path, name: str, texts: list[Text]) -> dict[int, str]:
    """Write `texts` to `folder/name`, one paragraph each; return each line's origin.

    A text with no 。 is a label, a title or a fragment (a button, a table cell, a code comment):
    it is written as a list item, which textlint, like a reader, does not expect to end with 。.
    """
    lines: list[str] = []
    origins: dict[int, str] = {}
    for text in texts:
        marker = "" if "。" in text.text else "- "  # the full stop of Japanese and of Chinese
        for line in text.text.splitlines() or [""]:
            lines.append(marker + line)
            origins[len(lines)] = text.origin
        lines.append("")
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return origins


def textlint(paths: list[Path], lang: str = "ja") -> list[dict]:
    """textlint's JSON report on `paths`, with `lang`'s configuration."""
    result = subprocess.run(
        [str(TEXTLINT), "--config", str(CONFIGS[lang]), "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode not in (0, 1) or not result.stdout.startswith("["):
        raise RuntimeError(f"textlint failed ({result.returncode}):\n{result.stderr or result.stdout}")
    return json.loads(result.stdout)


def lint(lang: str, pages: list[Path] | None = None) -> list[Problem]:
    """Run textlint over `pages` (every page under docs/<lang> by default) and `lang`'s extracted texts."""
    folder_of_pages = pages_dir(lang)
    pages = sorted(folder_of_pages.rglob("*.md")) if pages is None else pages
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        origins = {name: _write(folder, name, texts) for name, texts in extracted_texts(lang).items()}
        reports = textlint([*pages, *(folder / name for name in origins)], lang)
    problems = []
    for report in reports:
        path = Path(report["filePath"])
        for message in report["messages"]:
            line = message["line"]
            if path.name in origins and path.parent == folder:
                where = f"{origins[path.name][line]} (extracted)"
            else:
                where = f"{path.relative_to(ROOT).as_posix()}:{line}:{message['column']}"
            text = re.sub(r"^Line \d+ ", "", " ".join(message["message"].split()))  # the extract's line: no use
            problems.append(Problem(where, message["ruleId"], text))
    return problems


def main() -> int:
    languages = sys.argv[1:] or list(CONFIGS)
    problems = [problem for lang in languages for problem in lint(lang)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
