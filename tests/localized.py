"""What a text in every language must be: the checks the tests share, and the one list of the
Simplified Chinese characters a Traditional Chinese (Taiwan) text must never hold."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import string
from collections.abc import Iterator, Mapping
from types import ModuleType

import playground
from playground import LocalizedText

KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Common characters that exist only in Simplified Chinese (their Traditional forms: 這們個為說對時會發
# 請碼鍵鑰務應證頭據數認戶網絡設樣麼沒還過): a zh-TW text holding one was converted badly or not at all.
SIMPLIFIED_ONLY = "这们个为说对时会发请码键钥务应证头据数认户网络设样么没还过"


def simplified_in(text: str) -> list[str]:
    """The Simplified-only characters of `SIMPLIFIED_ONLY` that `text` holds, in order."""
    return [c for c in text if c in SIMPLIFIED_ONLY]


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a text that `str.format` fills."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def by_language(text: LocalizedText | Mapping[str, str]) -> dict[str, str]:
    """`{"en", "ja", "zh-TW"}` for a `LocalizedText` or a dict the page receives."""
    return text.to_dict() if isinstance(text, LocalizedText) else dict(text)


def assert_traditional_chinese(text: str) -> None:
    """A zh-TW text: no kana (not Japanese left untranslated) and no Simplified-only character."""
    assert not KANA.search(text), f"kana in the zh-TW text: {text!r}"
    assert not simplified_in(text), f"Simplified characters {simplified_in(text)} in the zh-TW text: {text!r}"


def assert_in_every_language(text: LocalizedText | Mapping[str, str], *, fields: bool = True) -> None:
    """Prose a reader sees, translated: each language present and different from the others,
    Japanese in Japanese and Chinese in Traditional Chinese, and the same `{placeholders}` in each
    (with `fields=False`: none left at all)."""
    texts = by_language(text)
    en, ja, zh = texts["en"], texts["ja"], texts["zh-TW"]
    assert set(texts) == {"en", "ja", "zh-TW"}, texts
    assert en and ja and zh, texts
    assert not HAN.search(en) and not KANA.search(en), texts
    assert HAN.search(ja) or KANA.search(ja), texts
    assert HAN.search(zh), texts
    assert len({en, ja, zh}) == 3, texts
    assert_traditional_chinese(zh)
    if fields:
        assert placeholders(en) == placeholders(ja) == placeholders(zh), texts
    else:
        assert "{" not in en + ja + zh, texts


def assert_translated(text: LocalizedText) -> None:
    """Any text of the package, names and labels included: the Chinese is there wherever the
    Japanese is, differs from the English wherever the Japanese does (a name such as `MaiAgent` is
    the same in all three), is no copy of the Japanese prose, and fills the same placeholders."""
    en, ja, zh = text.en, text.ja, text.zh_tw
    assert bool(zh) is bool(ja), text
    assert (zh == en) is (ja == en), text
    assert not KANA.search(ja) or zh != ja, text
    assert_traditional_chinese(zh)
    assert placeholders(en) == placeholders(ja) == placeholders(zh), text


def package_modules() -> list[ModuleType]:
    """Every module of the package, imported."""
    names = [info.name for info in pkgutil.walk_packages(playground.__path__, "playground.")]
    return [playground, *map(importlib.import_module, names)]


def package_texts() -> Iterator[tuple[str, LocalizedText]]:
    """Every `LocalizedText` the package's modules hold, however deep (in a dict of specs, a
    route's operations, a profile's statuses), with where it was found; each once."""
    seen: set[int] = set()

    def visit(value: object, where: str) -> Iterator[tuple[str, LocalizedText]]:
        if id(value) in seen or isinstance(value, (str, bytes, int, float, type, ModuleType)) or callable(value):
            return
        seen.add(id(value))
        if isinstance(value, LocalizedText):
            yield where, value
            return
        if isinstance(value, Mapping):
            items = [(repr(key), item) for key, item in value.items()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = [(str(index), item) for index, item in enumerate(value)]
        elif dataclasses.is_dataclass(value):
            items = [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
        elif type(value).__module__.startswith("playground") and hasattr(value, "__dict__"):
            items = list(vars(value).items())
        else:
            return
        for key, item in items:
            yield from visit(item, f"{where}[{key}]")

    for module in package_modules():
        for name, value in vars(module).items():
            yield from visit(value, f"{module.__name__}.{name}")
