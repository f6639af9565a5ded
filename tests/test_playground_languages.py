"""Every text of the package in every language the site is written in: English, Japanese and
Traditional Chinese (Taiwan, `zh-TW`), the Chinese in Traditional characters only."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from localized import (  # tests/localized.py
    HAN,
    KANA,
    SIMPLIFIED_ONLY,
    assert_traditional_chinese,
    assert_translated,
    package_texts,
    simplified_in,
)

import playground
from playground import LocalizedText, openapi_document
from playground._messages import json_error
from playground._models import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(playground.__file__).parent
TEXTS = dict(package_texts())


def test_the_walk_finds_the_package_texts() -> None:
    # The catalogue, the diagnosis, the comments, the titles, the statuses, the routes: a walk that
    # missed a kind of holder would check far fewer.
    assert len(TEXTS) > 150
    places = " ".join(TEXTS)
    for holder in ("_messages.MESSAGES", "_auth._SPECS", "_comments.COMMENTS", "EXAMPLES", "statuses", "ROUTES"):
        assert holder in places, holder


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_every_text_of_the_package_is_translated(where: str) -> None:
    assert_translated(TEXTS[where])


def test_the_languages_and_their_codes() -> None:
    text = LocalizedText("Send", "送信", "傳送")
    assert LANGUAGES == ("en", "ja", "zh-TW")
    assert text.to_dict() == {"en": "Send", "ja": "送信", "zh-TW": "傳送"}
    assert list(text.to_dict()) == list(LANGUAGES)
    # Any Chinese reads the Traditional text; a region or a script is ignored; anything else is English.
    for lang, expected in {
        "en": "Send",
        "en-US": "Send",
        "ja": "送信",
        "ja-JP": "送信",
        "zh-TW": "傳送",
        "zh-tw": "傳送",
        "zh": "傳送",
        "zh-Hant": "傳送",
        "fr": "Send",
        "": "Send",
    }.items():
        assert text.get(lang) == expected, lang


def test_format_fills_every_language() -> None:
    text = LocalizedText("Send {what}.", "{what} を送信。", "傳送 {what}。").format(what="x")
    assert text == LocalizedText("Send x.", "x を送信。", "傳送 x。")


def test_a_json_parse_error_is_told_in_each_language() -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads('{"a": 1,}')
    assert json_error(caught.value) == LocalizedText(
        "Illegal trailing comma before end of object: line 1 column 8 (char 7)",
        "1 行目、8 列目：オブジェクトの最後に余分な `,` があります",
        "第 1 行，第 8 欄：物件的結尾有多餘的 `,`",
    )
    # A message the table does not know stays as the parser wrote it.
    unknown = json.JSONDecodeError("Something new", "[1, 2", 4)
    assert json_error(unknown).zh_tw == "第 1 行，第 5 欄：Something new"


def chinese_texts() -> dict[str, str]:
    """Every zh-TW text the package or the pages' code comments show, by where it is."""
    texts = {where: text.zh_tw for where, text in TEXTS.items()}
    table = json.loads((ROOT / "docs" / "code-comments.zh-TW.json").read_text(encoding="utf-8"))
    texts |= {f"code-comments.zh-TW.json {english!r}": chinese for english, chinese in table.items()}
    # The OpenAPI document's descriptions: a paragraph per language, the Chinese last.
    stack: list[object] = [openapi_document()]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
            description = value.get("description")
            if isinstance(description, str) and description.count("\n\n") == len(LANGUAGES) - 1:
                texts[f"openapi {description[:40]!r}"] = description.rsplit("\n\n", 1)[1]
        elif isinstance(value, list):
            stack.extend(value)
    return texts


def test_no_chinese_text_has_a_simplified_or_a_japanese_character() -> None:
    texts = chinese_texts()
    assert sum(where.startswith("openapi") for where in texts) >= 10
    for where, text in texts.items():
        assert not KANA.search(text), where
        assert not simplified_in(text), f"{where}: {simplified_in(text)}"


def test_the_check_finds_a_simplified_character() -> None:
    # The check itself: the Simplified spelling of a real message fails it, and each listed character is caught.
    assert simplified_in("请求在收到回应之前就失败了") == ["请", "应"]
    assert simplified_in(SIMPLIFIED_ONLY) == list(SIMPLIFIED_ONLY)
    with pytest.raises(AssertionError):
        assert_traditional_chinese("API 密钥")
    with pytest.raises(AssertionError):
        assert_traditional_chinese("キーを送信")
    assert_traditional_chinese("API 金鑰")


def test_every_translated_text_of_the_package_is_written_in_its_languages_place() -> None:
    """Each Japanese or Chinese literal of the package is an argument of `LocalizedText` (or `_L`):
    the second is Japanese, the third Chinese (what scripts that lint one language read), and
    English holds neither."""
    found = {0: 0, 1: 0, 2: 0}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        placed = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_L", "LocalizedText"):
                placed |= {id(argument): index for index, argument in enumerate(node.args)}
        for node in ast.walk(tree):
            literal = [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []
            if not any(KANA.search(text) or HAN.search(text) for text in literal):
                continue
            owner = next((p for p in ast.walk(tree) if id(p) in placed and node in list(ast.walk(p))), None)
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            assert owner is not None, f"{where}: a translated text outside LocalizedText"
            index = placed[id(owner)]
            found[index] += 1
            assert index in (1, 2), f"{where}: Japanese or Chinese in the English text"
            if index == 2:
                assert not KANA.search(node.value), f"{where}: kana in the Chinese text"
    assert found[1] > 100 and found[2] > 100, found
