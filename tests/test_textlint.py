"""textlint over the site's Japanese and Traditional Chinese: the pages (docs/ja, docs/zh-TW), the page
script's strings, the diagnosis and error texts of the Python package, and the code comments
(scripts/textlint_docs.py, with .textlintrc.json and textlint/prh.ja.yml for Japanese,
.textlintrc.zh-TW.json and textlint/prh.zh-TW.yml for Traditional Chinese)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import textlint_docs  # scripts/textlint_docs.py (tests/conftest.py puts scripts/ on the path)
from playground._auth import _SPECS
from playground._codegen._comments import COMMENTS
from playground._messages import MESSAGES

# Each linted language and the name of its text on a LocalizedText (playground/_models.py).
FIELDS = {"ja": "ja", "zh-TW": "zh_tw"}


def test_every_language_but_english_is_linted() -> None:
    import build

    assert set(textlint_docs.CONFIGS) == set(FIELDS) == set(build.LANGUAGES) - {"en"}


@pytest.mark.parametrize("lang", sorted(textlint_docs.CONFIGS))
def test_the_translations_have_no_textlint_problem(lang: str) -> None:
    problems = textlint_docs.lint(lang)
    assert not problems, f"{len(problems)} textlint problem(s):\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize("lang", sorted(textlint_docs.CONFIGS))
def test_every_translated_text_in_code_is_linted(lang: str) -> None:
    """What the run lints is what a reader sees: each Python text, as the package builds it, is an
    extracted text with its run-time values in place of the fields; the page script's strings and
    the code comments are all there, nested keys included."""
    extracted = textlint_docs.extracted_texts(lang)
    patterns = [
        re.compile(".+".join(map(re.escape, text.text.split(textlint_docs.FIELD))), re.S)
        for text in extracted["python-package-texts.md"]
    ]
    field = FIELDS[lang]
    shown = [getattr(text, field) for text in MESSAGES.values()]
    shown += [getattr(text, field) for spec in _SPECS.values() for text in (spec.message, spec.fix) if text.en]
    shown += [getattr(text, field) for text in COMMENTS.values()]
    assert len(shown) > 50
    for text in shown:
        assert any(pattern.fullmatch(text) for pattern in patterns), text

    keys = {text.origin.rsplit(" ", 1)[1] for text in extracted["page-script-strings.md"]}
    assert {
        f"{lang}.{key}" for key in ("loadFailed", "severity.error", "linkProblem.long", "valueProblem.empty")
    } <= keys
    table = textlint_docs.code_comments_file(lang).read_text(encoding="utf-8")
    assert len(extracted["code-comments.md"]) == len(textlint_docs.json.loads(table)) > 10


def test_the_japanese_configuration_reads_material_markup_and_enforces_the_terms(tmp_path: Path) -> None:
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
    (report,) = textlint_docs.textlint([page], "ja")
    found = sorted((m["line"], m["ruleId"], m["message"].split("\n")[0]) for m in report["messages"])
    assert found == [
        (1, "prh", "プレフィックス => スキーム"),
        (2, "prh", "APIキー => API キー"),
        (2, "prh", "cURL => curl"),
        (4, "prh", "ブラウザ => ブラウザー"),
        (11, "ja-technical-writing/no-exclamation-question-mark", 'Disallow to use "！".'),
    ], found


def test_the_chinese_configuration_enforces_taiwan_terms(tmp_path: Path) -> None:
    """Taiwan's words (金鑰, 傳回, 身分驗證), no Simplified character, and Material's markup is no text."""
    page = tmp_path / "sample.md"
    page.write_text(
        '!!! warning "注意前綴"\n'
        "    在標頭加入 API Key，認證失敗時返回 401。\n\n"
        '=== "瀏覽器"\n\n'
        "    ```bash\n    curl\n    ```\n\n"
        "這是程式碼示例，请复制。\n",
        encoding="utf-8",
    )
    (report,) = textlint_docs.textlint([page], "zh-TW")
    found = sorted((m["line"], m["ruleId"], m["message"].split("\n")[0]) for m in report["messages"])
    assert found == [
        (1, "prh", "前綴 => 驗證配置"),
        (2, "prh", "API Key => API 金鑰"),
        (2, "prh", "認證 => 身分驗證"),
        (2, "prh", "返回 => 傳回"),
        (10, "prh", "复 => 複"),
        (10, "prh", "示例 => 範例"),
        (10, "prh", "请 => 請"),
    ], found
