"""The generated code's comments, in each language.

The pages' snippet files are the generator's English output; the Japanese build translates their
comments with `docs/code-comments.ja.json`, whose entries for these texts must equal the Japanese
here (a test checks it).
"""

from __future__ import annotations

from .._models import LocalizedText

__all__ = ["COMMENTS"]

_L = LocalizedText

COMMENTS = {
    "never_commit": _L("never commit a real key", "実際のキーはコミットしないでください"),
    "key_in_code": _L(
        "Your key is written in this code: do not share it or commit it.",
        "キーがそのままコードに入っています。共有やコミットはしないでください。",
    ),
    "no_key": _L(
        "No key: this request sends no Authorization header.",
        "キーなし：このリクエストは Authorization ヘッダーを送信しません。",
    ),
    "body_left_out": _L("The body is left out: {reason}", "本文は付けていません：{reason}"),
    "parse": _L(
        "On success, response.parse() gives the ChatCompletion object.",
        "成功したときは、response.parse() で ChatCompletion オブジェクトが得られます。",
    ),
    "extra_body": _L(
        "Fields the SDK has no parameter for go in extra_body.",
        "SDK に引数のないフィールドは extra_body で送ります。",
    ),
    "openai_other": _L(
        "The OpenAI SDK sends chat completions (POST /api/v1/chat/completions) only.",
        "OpenAI SDK で送信できるのはチャット補完（POST /api/v1/chat/completions）だけです。",
    ),
    "openai_no_key": _L(
        "The OpenAI SDK always sends a key (Authorization: Bearer ...); this request sends none.",
        "OpenAI SDK は常にキーを送信します（Authorization: Bearer ...）。このリクエストはキーを送信しません。",
    ),
    "openai_fields": _L(
        'The OpenAI SDK needs a JSON object with "model" and "messages" as the body.',
        'OpenAI SDK には、"model" と "messages" を持つ JSON オブジェクトの本文が必要です。',
    ),
    "openai_surrogate": _L(
        "The OpenAI SDK cannot send this body: it holds a lone surrogate (\\ud800-\\udfff), which UTF-8 cannot encode.",
        "OpenAI SDK ではこの本文を送信できません。UTF-8 で表せない単独のサロゲート（\\ud800-\\udfff）を含んでいます。",
    ),
    "use_python_tab": _L(
        "Send this request with the Python (requests) tab's code.",
        "このリクエストは Python（requests）タブのコードで送信してください。",
    ),
}
"""Each comment by name: `{reason}` is filled with the localized reason."""
