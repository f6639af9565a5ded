"""textlint over the site's Japanese: the pages (docs/ja), the page script's strings, the diagnosis
and error texts of the Python package, and the code comments (scripts/textlint_ja.py, with
.textlintrc.json and the terms of textlint/prh.ja.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import textlint_ja  # scripts/textlint_ja.py (tests/conftest.py puts scripts/ on the path)
from playground._auth import _SPECS
from playground._codegen._comments import COMMENTS
from playground._messages import MESSAGES


def test_the_japanese_has_no_textlint_problem() -> None:
    problems = textlint_ja.lint()
    assert not problems, f"{len(problems)} textlint problem(s):\n" + "\n".join(map(str, problems))


def test_every_japanese_text_in_code_is_linted() -> None:
    """What the run lints is what a reader sees: each Python text, as the package builds it, is an
    extracted text with its run-time values in place of the fields; the page script's strings and
    the code comments are all there, nested keys included."""
    extracted = textlint_ja.extracted_texts()
    patterns = [
        re.compile(".+".join(map(re.escape, text.text.split(textlint_ja.FIELD))), re.S)
        for text in extracted["python-package-texts.md"]
    ]
    shown = [text.ja for text in MESSAGES.values()]
    shown += [text.ja for spec in _SPECS.values() for text in (spec.message, spec.fix) if text.ja]
    shown += [text.ja for text in COMMENTS.values()]
    assert len(shown) > 50
    for text in shown:
        assert any(pattern.fullmatch(text) for pattern in patterns), text

    keys = {text.origin.rsplit(" ", 1)[1] for text in extracted["page-script-strings.md"]}
    assert {"ja.loadFailed", "ja.severity.error", "ja.linkProblem.long", "ja.valueProblem.empty"} <= keys
    assert len(extracted["code-comments.md"]) == len(textlint_ja.json.loads(textlint_ja.CODE_COMMENTS.read_text()))


def test_the_configuration_reads_material_markup_and_enforces_the_terms(tmp_path: Path) -> None:
    """Material's "!!!" and "=== " markers are markup, not text; the title of an admonition, the
    label of a tab and the prose still obey every rule, the terms included."""
    page = tmp_path / "sample.md"
    page.write_text(
        '!!! warning "プレフィックスに注意"\n'
        "    APIキーは cURL で送ります。\n\n"
        '=== "ブラウザ"\n\n'
        "    ```bash\n    curl\n    ```\n\n"
        '??? note "補足"\n'
        "    送信しました！\n",
        encoding="utf-8",
    )
    (report,) = textlint_ja.textlint([page])
    found = sorted((m["line"], m["ruleId"], m["message"].split("\n")[0]) for m in report["messages"])
    assert found == [
        (1, "prh", "プレフィックス => スキーム"),
        (2, "prh", "APIキー => API キー"),
        (2, "prh", "cURL => curl"),
        (4, "prh", "ブラウザ => ブラウザー"),
        (11, "ja-technical-writing/no-exclamation-question-mark", 'Disallow to use "！".'),
    ], found
