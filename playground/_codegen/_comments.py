"""The generated code's comments, in each language.

The pages' snippet files are the generator's English output; the Japanese and the Chinese builds
translate their comments with `docs/code-comments.ja.json` and `docs/code-comments.zh-TW.json`,
whose entries for these texts must equal the translations here (a test checks it).
"""

from __future__ import annotations

from .._models import LocalizedText

__all__ = ["COMMENTS"]

_L = LocalizedText

COMMENTS = {
    "never_commit": _L("never commit a real key", "実際のキーはコミットしないでください", "切勿提交真正的金鑰"),
    "key_in_code": _L(
        "Your key is written in this code: do not share it or commit it.",
        "キーがそのままコードに入っています。共有やコミットはしないでください。",
        "您的金鑰直接寫在這段程式碼中：請勿分享或提交。",
    ),
    "no_key": _L(
        "No key: this request sends no Authorization header.",
        "キーなし：このリクエストは Authorization ヘッダーを送信しません。",
        "沒有金鑰：此請求不會傳送 Authorization 標頭。",
    ),
    "body_left_out": _L("The body is left out: {reason}", "本文は付けていません：{reason}", "未附上本文：{reason}"),
    "parse": _L(
        "On success, response.parse() gives the ChatCompletion object.",
        "成功したときは、response.parse() で ChatCompletion オブジェクトが得られます。",
        "成功時，response.parse() 會傳回 ChatCompletion 物件。",
    ),
    "extra_body": _L(
        "Fields the SDK has no parameter for go in extra_body.",
        "SDK に引数のないフィールドは extra_body で送ります。",
        "SDK 沒有對應參數的欄位，請放在 extra_body 中傳送。",
    ),
    "openai_other": _L(
        "The OpenAI SDK sends chat completions (POST /api/v1/chat/completions) only.",
        "OpenAI SDK で送信できるのはチャット補完（POST /api/v1/chat/completions）だけです。",
        "OpenAI SDK 只能傳送聊天完成（POST /api/v1/chat/completions）。",
    ),
    "openai_no_key": _L(
        "The OpenAI SDK always sends a key (Authorization: Bearer ...); this request sends none.",
        "OpenAI SDK は常にキーを送信します（Authorization: Bearer ...）。このリクエストはキーを送信しません。",
        "OpenAI SDK 一律會傳送金鑰（Authorization: Bearer ...）；此請求則不傳送金鑰。",
    ),
    "openai_fields": _L(
        'The OpenAI SDK needs a JSON object with "model" and "messages" as the body.',
        'OpenAI SDK には、"model" と "messages" を持つ JSON オブジェクトの本文が必要です。',
        'OpenAI SDK 需要以含有 "model" 與 "messages" 的 JSON 物件作為本文。',
    ),
    "openai_surrogate": _L(
        "The OpenAI SDK cannot send this body: it holds a lone surrogate (\\ud800-\\udfff), which UTF-8 cannot encode.",
        "OpenAI SDK ではこの本文を送信できません。UTF-8 で表せない単独のサロゲート（\\ud800-\\udfff）を含んでいます。",
        "OpenAI SDK 無法傳送此本文：其中含有 UTF-8 無法編碼的單獨代理字元（\\ud800-\\udfff）。",
    ),
    "use_python_tab": _L(
        "Send this request with the Python (requests) tab's code.",
        "このリクエストは Python（requests）タブのコードで送信してください。",
        "請使用 Python（requests）索引標籤中的程式碼傳送此請求。",
    ),
}
"""Each comment by name: `{reason}` is filled with the localized reason."""
