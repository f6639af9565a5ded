"""The code generator's own facts: its comments match the pages' translation table, and the
OpenAI SDK program names only parameters the SDK's `create` has."""

from __future__ import annotations

import inspect

import pytest
from test_docs_build import CODE_COMMENTS, in_language

from playground import EXAMPLES
from playground._codegen import TABS, generate
from playground._codegen._comments import COMMENTS
from playground._codegen._openai import CREATE_PARAMETERS
from snippets import HAND_WRITTEN, spec_of  # scripts/snippets.py


@pytest.mark.parametrize("lang", CODE_COMMENTS)
def test_every_comment_the_pages_translate_is_translated_as_the_generator_writes_it(lang: str) -> None:
    # The table holds only the comments of the pages' files (tests/test_docs_build.py).
    table = CODE_COMMENTS[lang]
    translated = [text for text in COMMENTS.values() if text.en in table]
    assert len(translated) >= 2
    for text in translated:
        assert table[text.en] == text.get(lang)


@pytest.mark.parametrize("lang", CODE_COMMENTS)
@pytest.mark.parametrize("example", [e for e in EXAMPLES.values() if e.snippet and e.snippet not in HAND_WRITTEN])
@pytest.mark.parametrize("use_my_key", [False, True])
def test_the_translated_code_is_the_english_code_as_the_translated_build_shows_it(
    example, use_my_key: bool, lang: str
) -> None:
    spec = spec_of(example)
    en = generate(spec, use_my_key=use_my_key, lang="en")["tabs"]
    other = generate(spec, use_my_key=use_my_key, lang=lang)["tabs"]
    for english, theirs in zip(en, other, strict=True):
        translated = english["code"]
        for old, new in {text.en: text.get(lang) for text in COMMENTS.values() if "{" not in text.en}.items():
            translated = translated.replace("# " + old, "# " + new).replace("// " + old, "// " + new)
        assert translated == theirs["code"]
        if not use_my_key:
            assert in_language(english["code"], lang) == theirs["code"]  # the pages' files, translated


def test_the_sdk_has_every_parameter_the_program_names() -> None:
    from openai.resources.chat.completions import Completions

    assert set(inspect.signature(Completions.create).parameters) >= CREATE_PARAMETERS


def test_tab_order_is_the_contracts() -> None:
    assert [tab.id for tab in TABS] == ["curl", "python", "javascript", "node", "openai"]
