"""Lint the site's Japanese with textlint (.textlintrc.json, terms in textlint/prh.ja.yml).

What it lints: the pages (docs/ja), and the Japanese that lives in code, written out as Markdown
for the run, one text a paragraph: the page script's strings (playground/web/strings.mjs), every
Japanese string of the Python package (the diagnosis, the error messages, the sandbox's
descriptions) and the code comments' translations (docs/code-comments.ja.json). A problem in an
extracted text is reported at the file and line it comes from.

Run: .venv/bin/python scripts/textlint_ja.py   (exit 1 on any problem; tests/test_textlint.py runs it)
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
PAGES = ROOT / "docs" / "ja"
PAGE_STRINGS = ROOT / "playground" / "web" / "strings.mjs"
PACKAGE = ROOT / "playground"
CODE_COMMENTS = ROOT / "docs" / "code-comments.ja.json"

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Where a Python text has a value filled in at run time (an f-string's field, a concatenated name).
FIELD = "{…}"

# The page script's Japanese strings, flattened to "key.subkey" paths (the module is pure: no DOM).
_DUMP_STRINGS = """
import { STRINGS } from %s;
const flat = (value, path) => typeof value === "string" ? [[path, value]]
  : Object.entries(value).flatMap(([key, inner]) => flat(inner, path ? `${path}.${key}` : key));
process.stdout.write(JSON.stringify(flat(STRINGS.ja, "")));
"""


@dataclass(frozen=True)
class Text:
    """One Japanese text found in code, and where it is written."""

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


def page_script_texts() -> list[Text]:
    """The Japanese strings of the page script (`STRINGS.ja` of playground/web/strings.mjs)."""
    script = _DUMP_STRINGS % json.dumps(PAGE_STRINGS.as_uri())
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    origin = PAGE_STRINGS.relative_to(ROOT).as_posix()
    return [Text(f"{origin} ja.{key}", value) for key, value in json.loads(out) if JAPANESE.search(value)]


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


def _texts_in(tree: ast.AST) -> list[tuple[int, str]]:
    """Each whole text expression (a literal, an f-string, a + of them) and its line."""
    found: list[tuple[int, str]] = []
    waiting = [tree]
    while waiting:
        node = waiting.pop()
        if _is_text(node):
            found.append((node.lineno, _render(node)))
            continue
        waiting.extend(ast.iter_child_nodes(node))
    return sorted(found)


def python_texts() -> list[Text]:
    """Every Japanese string of the Python package: the diagnosis, the messages, the descriptions."""
    texts = []
    for path in sorted(PACKAGE.rglob("*.py")):
        origin = path.relative_to(ROOT).as_posix()
        for line, text in _texts_in(ast.parse(path.read_text(encoding="utf-8"))):
            # A description may hold both languages, a paragraph each: only the Japanese is linted.
            texts.extend(Text(f"{origin}:{line}", part) for part in text.split("\n\n") if JAPANESE.search(part))
    return texts


def code_comment_texts() -> list[Text]:
    """The Japanese of each code comment the pages translate."""
    origin = CODE_COMMENTS.relative_to(ROOT).as_posix()
    table = json.loads(CODE_COMMENTS.read_text(encoding="utf-8"))
    return [Text(f"{origin} {english!r}", japanese) for english, japanese in table.items()]


def extracted_texts() -> dict[str, list[Text]]:
    """The texts in code, by the name of the file they are linted as."""
    return {
        "page-script-strings.md": page_script_texts(),
        "python-package-texts.md": python_texts(),
        "code-comments.md": code_comment_texts(),
    }


def _write(folder: Path, name: str, texts: list[Text]) -> dict[int, str]:
    """Write `texts` to `folder/name`, one paragraph each; return each line's origin.

    A text with no 。 is a label, a title or a fragment (a button, a table cell, a code comment):
    it is written as a list item, which textlint, like a reader, does not expect to end with 。.
    """
    lines: list[str] = []
    origins: dict[int, str] = {}
    for text in texts:
        marker = "" if "。" in text.text else "- "
        for line in text.text.splitlines() or [""]:
            lines.append(marker + line)
            origins[len(lines)] = text.origin
        lines.append("")
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return origins


def textlint(paths: list[Path]) -> list[dict]:
    """textlint's JSON report on `paths`, with the project's configuration."""
    result = subprocess.run(
        [str(TEXTLINT), "--format", "json", *map(str, paths)], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode not in (0, 1) or not result.stdout.startswith("["):
        raise RuntimeError(f"textlint failed ({result.returncode}):\n{result.stderr or result.stdout}")
    return json.loads(result.stdout)


def lint(pages: list[Path] | None = None) -> list[Problem]:
    """Run textlint over `pages` (every page under docs/ja by default) and the extracted texts."""
    pages = sorted(PAGES.rglob("*.md")) if pages is None else pages
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        origins = {name: _write(folder, name, texts) for name, texts in extracted_texts().items()}
        reports = textlint([*pages, *(folder / name for name in origins)])
    problems = []
    for report in reports:
        path = Path(report["filePath"])
        for message in report["messages"]:
            line = message["line"]
            if path.name in origins and path.parent != PAGES:
                where = f"{origins[path.name][line]} (extracted)"
            else:
                where = f"{path.relative_to(ROOT).as_posix()}:{line}:{message['column']}"
            text = re.sub(r"^Line \d+ ", "", " ".join(message["message"].split()))  # the extract's line: no use
            problems.append(Problem(where, message["ruleId"], text))
    return problems


def main() -> int:
    problems = lint()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
