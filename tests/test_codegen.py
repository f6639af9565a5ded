"""The code generator's own facts: its comments match the pages' translation table, and the
OpenAI SDK program names only parameters the SDK's `create` has."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from playground._codegen import TABS, generate
from playground._codegen._comments import COMMENTS
from playground._codegen._openai import CREATE_PARAMETERS

ROOT = Path(__file__).resolve().parent.parent
TABLE = json.loads((ROOT / "docs" / "code-comments.ja.json").read_text(encoding="utf-8"))


def test_every_fixed_comment_is_translated_as_the_japanese_build_translates_it() -> None:
    for name, text in COMMENTS.items():
        if "{" not in text.en:
            assert TABLE.get(text.en) == text.ja, name


def test_the_japanese_code_is_the_english_code_translated_by_the_table() -> None:
    spec = {"api": "aigne-hub", "key": "k", "method": "POST", "path": "/api/v1/chat/completions"}
    for body in ('{"model": "m", "messages": [], "x": 1}', ""):
        for use_my_key in (False, True):
            en = generate(dict(spec, body=body), use_my_key=use_my_key, lang="en")["tabs"]
            ja = generate(dict(spec, body=body), use_my_key=use_my_key, lang="ja")["tabs"]
            for english, japanese in zip(en, ja, strict=True):
                translated = english["code"]
                for old, new in TABLE.items():
                    translated = translated.replace("# " + old, "# " + new).replace("// " + old, "// " + new)
                assert translated == japanese["code"]


def test_the_sdk_has_every_parameter_the_program_names() -> None:
    from openai.resources.chat.completions import Completions

    assert set(inspect.signature(Completions.create).parameters) >= CREATE_PARAMETERS


def test_tab_order_is_the_contracts() -> None:
    assert [tab.id for tab in TABS] == ["curl", "python", "javascript", "node", "openai"]
