"""The message catalogue: every code has its text in every language, and every exception has a code."""

from __future__ import annotations

import ast
import asyncio
import inspect
from pathlib import Path

import pytest
from localized import assert_in_every_language, placeholders  # tests/localized.py

import playground
from playground import _exceptions, _messages

PACKAGE = Path(playground.__file__).parent
EXCEPTIONS = [getattr(_exceptions, name) for name in _exceptions.__all__]


def codes_raised_in_the_package() -> set[str]:
    """Every `code="..."` an exception is raised with, anywhere in the package."""
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant):
                codes.add(node.value.value)
    return codes


@pytest.mark.parametrize("code", sorted(_messages.MESSAGES))
def test_every_code_has_its_text_in_every_language(code: str) -> None:
    text = _messages.MESSAGES[code]
    assert_in_every_language(text)
    assert placeholders(text.en) <= {"detail", "example"}


@pytest.mark.parametrize("name", ["UNMODELLED", "SANDBOX_KEYS_ONLY", "SLASH_REDIRECT", "RUN_NOT_IN_SANDBOX"])
def test_every_note_of_the_catalogue_is_in_every_language(name: str) -> None:
    assert_in_every_language(getattr(_messages, name))


@pytest.mark.parametrize("code", sorted(_messages.MESSAGES))
def test_every_placeholder_is_filled_in_every_language(code: str) -> None:
    answer = _messages.error_dict(code, "DETAIL", detail_ja="DETAIL", detail_zh_tw="DETAIL", example="EXAMPLE")
    assert_in_every_language(answer["error"]["message"], fields=False)


@pytest.mark.parametrize("error", EXCEPTIONS, ids=lambda error: error.__name__)
def test_every_exception_maps_to_a_code_of_the_catalogue(error: type[Exception]) -> None:
    assert error.code in _messages.MESSAGES
    instance = error("what happened")
    assert instance.hint == _messages.message_for(instance)
    assert instance.hint.en.startswith(_messages.MESSAGES[error.code].en.partition("{")[0])


def test_every_code_is_raised_and_every_raised_code_has_a_text() -> None:
    raised = codes_raised_in_the_package()
    assert raised <= set(_messages.MESSAGES), raised - set(_messages.MESSAGES)
    # "cancelled" is what a cancelled task becomes (asyncio's own exception, not the package's).
    reachable = raised | {error.code for error in EXCEPTIONS} | {"cancelled"}
    assert set(_messages.MESSAGES) == reachable, set(_messages.MESSAGES) ^ reachable
    assert set(_messages.MESSAGES) >= _messages.SENT_CODES


def test_an_exception_raised_without_a_message_says_its_text() -> None:
    error = _exceptions.InvalidPathError(code="empty_path")
    assert str(error) == _messages.MESSAGES["empty_path"].en
    timeout = _exceptions.TimeoutException("timed out", timeout=1.5).hint
    assert timeout.ja.startswith("サーバーが 1.5 秒以内に") and timeout.zh_tw.startswith("伺服器未在 1.5 秒內")


def test_an_answer_names_the_request_that_failed() -> None:
    request = playground.Request("GET", "https://api.maiagent.ai/api/v1/chatbots/")
    answer = _messages.error_answer(playground.RedirectError("redirected", request=request))
    assert answer == {
        "ok": False,
        "error": {
            "code": "redirect",
            "message": _messages.MESSAGES["redirect"].to_dict(),
            "detail": "redirected",
            "sent": True,
            "method": "GET",
            "url": request.url,
        },
    }
    refused = _messages.error_answer(_exceptions.InvalidURLError(code="empty_url", example="https://x/"))["error"]
    assert refused["sent"] is False and "method" not in refused and "https://x/" in refused["message"]["ja"]
    assert "https://x/" in refused["message"]["zh-TW"]


def test_a_detail_in_another_language_fills_that_language_only() -> None:
    text = _messages.message("invalid_json", "Expecting value", detail_ja="値が必要", detail_zh_tw="需要值")
    assert text.en.endswith(": Expecting value")
    assert text.ja.endswith("：値が必要") and text.zh_tw.endswith("：需要值")
    error = _exceptions.InvalidBodyError(detail="Expecting value", detail_ja="値が必要", detail_zh_tw="需要值")
    assert error.hint == text
    assert _messages.error_answer(error)["error"]["message"] == text.to_dict()
    # Without one, the detail as it is: a value, the same in every language.
    assert _messages.message("invalid_json", "X").zh_tw.endswith("：X")


def test_any_other_exception_becomes_internal_or_cancelled() -> None:
    internal = _messages.error_answer(KeyError("op"))["error"]
    assert internal["code"] == "internal" and internal["detail"] == "KeyError: 'op'"
    cancelled = _messages.error_answer(asyncio.CancelledError())["error"]
    assert cancelled["code"] == "cancelled" and cancelled["sent"] is True


def test_hint_is_read_from_the_catalogue_not_written_beside_it() -> None:
    source = inspect.getsource(_exceptions)
    assert "LocalizedText(" not in source
    for text in _messages.MESSAGES.values():
        assert text.en[:40] not in source
