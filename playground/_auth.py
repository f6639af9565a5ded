"""The `Authorization` header the key field sends (the scheme, then the text exactly as typed), and
the diagnosis of what was typed: each mistake once, its fix, and the cleaned key that Apply fix writes.

Everything here is pure string work. The scheme each API expects comes from its
[`ApiProfile`][playground.ApiProfile]; this module only knows the *mistakes* readers make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ._models import LocalizedText
from ._profiles import AUTH_SCHEMES, ApiProfile, AuthScheme, get_profile

__all__ = ["DIAGNOSIS_CODES", "AuthHeader", "Finding", "build_auth_header"]

# Every character str.splitlines() breaks on: any of them would end or split a header line.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Zero-width and bidirectional-control characters (U+202E turns text around): invisible, never part of a key.
_ZERO_WIDTH = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)
_OTHER_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_QUOTE_PAIRS = {
    '"': '"',
    "'": "'",
    "`": "`",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\u00ab": "\u00bb",
    "\u201e": "\u201c",
}
_QUOTES = "".join(set(_QUOTE_PAIRS) | set(_QUOTE_PAIRS.values()))
# No `^`: `match` anchors at its start position, which the prefix loop advances.
_PREFIX = re.compile(
    r"[\"'`\u201c\u201d\u2018\u2019]?\s*authorization\s*[\"'`\u201c\u201d\u2018\u2019]?\s*:\s*", re.IGNORECASE
)
# `MAIAGENT_API_KEY=…` from a .env file or a shell, `"apiKey": "…",` from JSON or JavaScript: a
# name that says key, token or secret, then `=` or `:`, then a value with a letter or digit in it
# (a base64 key's trailing `=` is no assignment).
_ASSIGNMENT = re.compile(
    r"(?:export\s+|set\s+|\$env:)?(?P<quote>[\"'`]?)(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)(?P=quote)"
    r"(?P<gap>\s*)(?P<sign>[=:])\s*(?P<value>.*[A-Za-z0-9].*)",
    re.S,
)
_SECRET_NAME = re.compile(r"key|token|secret", re.IGNORECASE)
# Far longer than any API key, and near the header sizes servers refuse (often 8 KB per line).
_MAX_KEY_LENGTH = 4096
# The documentation's placeholders, compared upper-cased with "-" and " " read as "_".
_PLACEHOLDERS = frozenset({"YOUR_API_KEY_HERE", "YOUR_API_KEY", "YOUR_KEY", "API_KEY", "YOUR_TOKEN", "YOURAPIKEY"})
_LONGEST_PLACEHOLDER = max(map(len, _PLACEHOLDERS))


@dataclass(frozen=True)
class _Spec:
    """How one auth failure is told: its documented kind, the message and the fix."""

    # kind: which documented failure the real API gives ("missing", "invalid_format"),
    # "not_sent" when clients refuse to send it, "too_long" when servers refuse it, None when the API accepts it.
    kind: str | None
    message: LocalizedText
    fix: LocalizedText


_L = LocalizedText

_SPECS: dict[str, _Spec] = {
    "line_break": _Spec(
        "not_sent",
        _L(
            "The pasted text contains a line break.",
            "貼り付けたテキストに改行が含まれています。",
            "貼上的文字包含換行。",
        ),
        _L("Copy the key again as a single line.", "キーを 1 行でコピーし直してください。", "請將金鑰重新複製成一行。"),
    ),
    "control_character": _Spec(
        "not_sent",
        _L(
            "The pasted text contains invisible control characters (for example a tab).",
            "貼り付けたテキストに不可視の制御文字（タブなど）が含まれています。",
            "貼上的文字包含看不見的控制字元（例如 Tab）。",
        ),
        _L("Remove them.", "取り除いてください。", "請將它們移除。"),
    ),
    "zero_width_character": _Spec(
        "not_sent",
        _L(
            "The pasted text contains invisible zero-width or text-direction characters.",
            "貼り付けたテキストに不可視のゼロ幅文字、または文字方向の制御文字が含まれています。",
            "貼上的文字包含看不見的零寬度字元或文字方向控制字元。",
        ),
        _L("Remove them.", "取り除いてください。", "請將它們移除。"),
    ),
    "fullwidth_space": _Spec(
        "not_sent",
        _L(
            "The pasted text contains a full-width space (U+3000), often typed by a Japanese input method.",
            "貼り付けたテキストに全角スペース（U+3000）が含まれています。日本語入力で入りやすい文字です。",
            "貼上的文字包含全形空格（U+3000），常由中文或日文輸入法輸入。",
        ),
        _L(
            "Remove it: a key has no spaces.",
            "取り除いてください。キーにスペースは含まれません。",
            "請將它移除：金鑰不含空格。",
        ),
    ),
    "non_ascii_space": _Spec(
        "not_sent",
        _L(
            "The pasted text contains a non-breaking or other special space.",
            "貼り付けたテキストにノーブレークスペースなどの特殊なスペースが含まれています。",
            "貼上的文字包含不分行空格或其他特殊空格。",
        ),
        _L(
            "Remove it: a key has no spaces.",
            "取り除いてください。キーにスペースは含まれません。",
            "請將它移除：金鑰不含空格。",
        ),
    ),
    "fullwidth_colon": _Spec(
        "not_sent",
        _L(
            "The pasted text contains a full-width colon (U+FF1A) instead of `:`.",
            "貼り付けたテキストに `:` ではなく全角コロン（U+FF1A）が含まれています。",
            "貼上的文字包含全形冒號（U+FF1A），而不是 `:`。",
        ),
        _L("Paste only the key.", "キーだけを貼り付けてください。", "請只貼上金鑰。"),
    ),
    "fullwidth_character": _Spec(
        "not_sent",
        _L(
            "The pasted text contains full-width letters, digits or symbols.",
            "貼り付けたテキストに全角の英数字または記号が含まれています。",
            "貼上的文字包含全形的英文字母、數字或符號。",
        ),
        _L("Type them as half-width characters.", "半角で入力してください。", "請改以半形輸入。"),
    ),
    "non_ascii": _Spec(
        "not_sent",
        _L(
            "The key contains characters that are not ASCII (an emoji, an accented or look-alike letter); "
            "a key never has them.",
            "キーに ASCII 以外の文字（絵文字、アクセント付きの文字や形の似た文字）が含まれています。"
            "キーには使われない文字です。",
            "金鑰包含非 ASCII 字元（表情符號、帶重音符號的字母或外形相似的字母）；金鑰絕不會包含這些字元。",
        ),
        _L(
            "Remove them. If the key is still rejected, a look-alike letter replaced one of the key's own: "
            "copy the key again from the API key page.",
            "取り除いてください。それでも拒否される場合は、形の似た文字がキー本来の文字と入れ替わっている可能性があります。"
            "API キーのページからキーをコピーし直してください。",
            "請將它們移除。如果金鑰仍遭拒絕，表示可能有外形相似的字母取代了金鑰原本的字元："
            "請從 API 金鑰頁面重新複製金鑰。",
        ),
    ),
    # Spaces before the key make the header invalid; after it, servers drop them (the kind is set per paste).
    "leading_trailing_space": _Spec(
        "invalid_format",
        _L(
            "The pasted text starts or ends with spaces.",
            "貼り付けたテキストの前後にスペースがあります。",
            "貼上的文字開頭或結尾有空格。",
        ),
        _L("Remove the spaces around the key.", "キーの前後のスペースを取り除いてください。", "請移除金鑰前後的空格。"),
    ),
    "authorization_prefix_pasted": _Spec(
        "invalid_format",
        _L(
            "The pasted text includes the header name `Authorization:`; the key field holds the key alone.",
            "貼り付けたテキストにヘッダー名 `Authorization:` が含まれています。キーの欄にはキーだけを入力します。",
            "貼上的文字包含標頭名稱 `Authorization:`；金鑰欄位只需填入金鑰本身。",
        ),
        _L(
            "Paste only the key: the form sends `Authorization: {expected} <key>` itself.",
            "キーだけを貼り付けてください。`Authorization: {expected} <キー>` はフォームが付けて送信します。",
            "請只貼上金鑰：表單會自行傳送 `Authorization: {expected} <金鑰>`。",
        ),
    ),
    "assignment_pasted": _Spec(
        "invalid_format",
        _L(
            "The pasted text is an assignment to `{found}` (a line from a `.env` file, a shell or JSON); "
            "only its value is the key.",
            "貼り付けたテキストは `{found}` への代入です（`.env` ファイル、シェル、JSON の行など）。"
            "キーとして使うのは値の部分だけです。",
            "貼上的文字是對 `{found}` 的指派（來自 `.env` 檔案、Shell 或 JSON 的一行）；只有其中的值才是金鑰。",
        ),
        _L("Paste only the key.", "キーだけを貼り付けてください。", "請只貼上金鑰。"),
    ),
    "quoted_key": _Spec(
        "invalid_format",
        _L(
            "The key is wrapped in quotation marks (perhaps followed by the `,` of a JSON line); "
            "they would be sent as part of the key.",
            "キーが引用符で囲まれています（JSON の行の `,` が続いていることもあります）。"
            "引用符もキーの一部として送信されてしまいます。",
            "金鑰被引號括住（後面可能還跟著 JSON 行的 `,`）；引號會被當成金鑰的一部分傳送。",
        ),
        _L(
            "Remove the quotation marks, and any `,` or `;` after them.",
            "引用符と、その後ろの `,` や `;` を取り除いてください。",
            "請移除引號，以及引號後面的 `,` 或 `;`。",
        ),
    ),
    "angle_brackets": _Spec(
        "invalid_format",
        _L(
            "The key is wrapped in `< >`; in the documentation they only mark where the key goes.",
            "キーが `< >` で囲まれています。ドキュメントの `< >` はキーを入れる場所を示すだけです。",
            "金鑰被 `< >` 括住；文件中的 `< >` 只是標示金鑰應放的位置。",
        ),
        _L("Remove the angle brackets.", "`< >` を取り除いてください。", "請移除 `< >`。"),
    ),
    "duplicate_scheme": _Spec(
        "invalid_format",
        _L(
            "The pasted text starts with the scheme `{found}`, but the form puts `{expected}` in front of the key "
            "itself: the header would carry the scheme twice.",
            "貼り付けたテキストがスキーム `{found}` で始まっています。`{expected}` はフォームがキーの前に付けるため、"
            "ヘッダーにスキームが 2 回入ってしまいます。",
            "貼上的文字以驗證配置 `{found}` 開頭，但表單本身就會在金鑰前加上 `{expected}`：標頭中會出現兩次驗證配置。",
        ),
        _L(
            "Paste only the key, without `{found}`.",
            "`{found}` を付けずに、キーだけを貼り付けてください。",
            "請只貼上金鑰，不要加上 `{found}`。",
        ),
    ),
    "unknown_scheme": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains a space: `{found}` is not a scheme {api} accepts, and a key has no spaces.",
            "貼り付けたテキストにスペースが含まれています。`{found}` は {api} が受け付けるスキームではなく、"
            "キーにもスペースは含まれません。",
            "貼上的文字包含空格：`{found}` 不是 {api} 接受的驗證配置，而金鑰也不含空格。",
        ),
        _L(
            "Paste only the key: the form sends `Authorization: {expected} <key>` itself.",
            "キーだけを貼り付けてください。`Authorization: {expected} <キー>` はフォームが付けて送信します。",
            "請只貼上金鑰：表單會自行傳送 `Authorization: {expected} <金鑰>`。",
        ),
    ),
    "space_in_key": _Spec(
        "invalid_format",
        _L("The key itself contains a space.", "キーそのものにスペースが含まれています。", "金鑰本身包含空格。"),
        _L(
            "Copy the key again; a key never contains spaces.",
            "キーをコピーし直してください。キーにスペースは含まれません。",
            "請重新複製金鑰；金鑰絕不含空格。",
        ),
    ),
    "invalid_key_characters": _Spec(
        "invalid_format",
        _L(
            "The key contains characters a {api} key does not have (a key is letters and digits only).",
            "{api} の API キーには使われない文字が含まれています（キーは英数字のみです）。",
            "金鑰包含 {api} 金鑰不會有的字元（金鑰只由英文字母和數字組成）。",
        ),
        _L(
            "Copy the key again, without extra characters.",
            "余分な文字を含めずにキーをコピーし直してください。",
            "請重新複製金鑰，不要包含多餘的字元。",
        ),
    ),
    "key_too_long": _Spec(
        "too_long",
        _L(
            "The key is {found} characters long: API keys are far shorter, so something else was probably "
            "pasted. Servers refuse header values this long.",
            "キーが {found} 文字あります。API キーはもっと短いため、別のものを貼り付けた可能性があります。"
            "これほど長いヘッダー値はサーバーに拒否されます。",
            "金鑰長達 {found} 個字元：API 金鑰遠比這短，因此可能貼上了其他內容。伺服器會拒絕這麼長的標頭值。",
        ),
        _L(
            "Copy only the key from the API key page.",
            "API キーのページからキーだけをコピーしてください。",
            "請從 API 金鑰頁面只複製金鑰。",
        ),
    ),
    "empty_key": _Spec(
        "missing",
        _L(
            "There is no key, so the request carries no credentials.",
            "キーがないため、リクエストに認証情報が含まれません。",
            "沒有金鑰，因此請求不含任何憑證。",
        ),
        _L("Paste your API key.", "API キーを貼り付けてください。", "請貼上您的 API 金鑰。"),
    ),
    "placeholder_key": _Spec(
        "invalid_format",
        _L(
            "`{found}` is the documentation's placeholder, not a real key.",
            "`{found}` はドキュメントのプレースホルダーで、実際のキーではありません。",
            "`{found}` 是文件中的預留位置，不是真正的金鑰。",
        ),
        _L("Replace it with your own API key.", "ご自身の API キーに置き換えてください。", "請換成您自己的 API 金鑰。"),
    ),
    "sandbox_demo_key": _Spec(
        "missing",
        _L(
            "This is the sandbox's public demo key: it works in the sandbox only; the real {api} API rejects it.",
            "これはサンドボックスの公開デモキーです。サンドボックスでのみ使え、実際の {api} API では拒否されます。",
            "這是沙箱的公開示範金鑰：只能在沙箱中使用，實際的 {api} API 會拒絕它。",
        ),
        _L("", "", ""),
    ),
    "key_ok": _Spec(
        None,
        _L(
            "The key has the documented format; Send sends `Authorization: {expected} <key>`.",
            "キーはドキュメントどおりの形式です。「送信」は `Authorization: {expected} <キー>` を送信します。",
            "金鑰符合文件記載的格式；「傳送」會送出 `Authorization: {expected} <金鑰>`。",
        ),
        _L("", "", ""),
    ),
}

for _scheme in AUTH_SCHEMES:
    # Adding a scheme to the profiles adds its "wrong scheme" diagnosis: no code to write.
    _SPECS[f"wrong_scheme_{_scheme.slug}"] = _Spec(
        "invalid_format",
        _L(
            "The key starts with `" + _scheme.name + "`, but {api} expects `{expected}`, which the form puts "
            "in front of the key itself.",
            "キーが `" + _scheme.name + "` で始まっていますが、{api} では `{expected}` が必要です。"
            "`{expected}` はフォームがキーの前に付けます。",
            "金鑰以 `" + _scheme.name + "` 開頭，但 {api} 需要的是 `{expected}`，而表單本身就會在金鑰前加上它。",
        ),
        _L(
            "Paste only the key; in your own code, send `Authorization: {expected} <key>`.",
            "キーだけを貼り付けてください。ご自身のコードでは `Authorization: {expected} <キー>` を送信してください。",
            "請只貼上金鑰；在您自己的程式碼中，請傳送 `Authorization: {expected} <金鑰>`。",
        ),
    )

DIAGNOSIS_CODES: tuple[str, ...] = tuple(_SPECS)
"""Every `Finding.code` the diagnosis can give, e.g. `wrong_scheme_bearer` or `fullwidth_space`."""

# Appended to the message of every finding whose header no HTTP client sends.
_NOT_SENT = _L(
    "HTTP clients refuse a header with such characters, so Send does not send the request.",
    "HTTP クライアントはこのような文字を含むヘッダーを送信できないため、「送信」でもリクエストは送られません。",
    "HTTP 客戶端會拒絕含有這類字元的標頭，因此「傳送」不會送出此請求。",
)
# The one line a key with nothing wrong gets, and its severity.
_QUIET = {"key_ok": "ok", "sandbox_demo_key": "info"}
_FROM_SPEC = "from_spec"


@dataclass(frozen=True)
class Finding:
    """One root cause of a problem with the typed key, or the one line that says the key is right.

    Parameters:
        code: A stable identifier, one of [`DIAGNOSIS_CODES`][playground.DIAGNOSIS_CODES].
        severity: `"error"` (the header as typed fails: the real API answers 401, or no HTTP client
            sends it), `"warning"` (the real API accepts it, but it is not as documented), `"info"`
            (the sandbox's demo key) or `"ok"` (the key has the documented format).
        apply: Whether **Apply fix** (writing [`AuthHeader.key`][playground.AuthHeader] into the key
            field) removes this problem.
        message: What is wrong, in every language.
        fix: What to do, in every language (empty for `info` and `ok`).
        example_id: The documented response the real API gives for this mistake (an id of
            [`EXAMPLES`][playground.EXAMPLES]), or `None` when no request would be sent or the API accepts it.
    """

    code: str
    severity: str
    apply: bool
    message: LocalizedText
    fix: LocalizedText
    example_id: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the playground's Web Worker)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message.to_dict(),
            "fix": self.fix.to_dict(),
            "apply": self.apply,
            "example_id": self.example_id,
        }


@dataclass(frozen=True)
class AuthHeader:
    """The `Authorization` header for a typed key, and the diagnosis of what was typed.

    Parameters:
        api: The API's id.
        value: The exact header value that is sent: the API's scheme, one space and the text exactly
            as typed; empty when nothing was typed (no header is sent). A value with a character outside
            printable ASCII (a line break, a full-width space) is never sent: a finding says why.
        key: The cleaned key: what the typed text would be with every fixable mistake removed
            (what **Apply fix** writes into the key field).
        findings: One per root cause, in the order found; or, when nothing is wrong, one `ok` or
            `info` finding.
    """

    api: str
    value: str
    key: str
    findings: tuple[Finding, ...]
    name: str = "Authorization"

    @property
    def ok(self) -> bool:
        """Whether a header will be sent and no finding says it will fail."""
        return bool(self.value) and not any(f.severity == "error" for f in self.findings)

    @property
    def sendable(self) -> bool:
        """Whether an HTTP client can send `value`: printable ASCII only."""
        return all(" " <= c <= "~" for c in self.value)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in order."""
        return tuple(f.code for f in self.findings)

    def headers(self) -> dict[str, str]:
        """Return `{"Authorization": value}`, or `{}` when nothing was typed."""
        return {self.name: self.value} if self.value else {}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the playground's Web Worker)."""
        return {
            "api": self.api,
            "name": self.name,
            "value": self.value,
            "key": self.key,
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
        }


class _Findings:
    """The root causes found so far, one per code: (fixed by the cleaned key?, `{found}`, kind)."""

    def __init__(self, profile: ApiProfile) -> None:
        self.profile = profile
        self.items: dict[str, tuple[bool, str, str | None]] = {}

    def __contains__(self, code: str) -> bool:
        return code in self.items

    def add(self, code: str, apply: bool, found: str = "", kind: str | None = _FROM_SPEC) -> None:
        if code not in self.items:
            self.items[code] = (apply, found, _SPECS[code].kind if kind == _FROM_SPEC else kind)

    def set_kind(self, code: str, kind: str) -> None:
        apply, found, _ = self.items[code]
        self.items[code] = (apply, found, kind)

    def kinds(self) -> set[str | None]:
        return {kind for _, _, kind in self.items.values()}

    def finish(self, typed: str, key: str) -> tuple[Finding, ...]:
        values = {"api": self.profile.name, "expected": self.profile.scheme.name}
        # Writing an empty key, or the text as typed, into the field would fix nothing.
        fixable = bool(key) and key != typed
        findings = []
        for code, (apply, found, kind) in self.items.items():
            spec = _SPECS[code]
            message = spec.message.format(**values, found=found)
            if kind == "not_sent":
                message = _L(f"{message.en} {_NOT_SENT.en}", message.ja + _NOT_SENT.ja, message.zh_tw + _NOT_SENT.zh_tw)
            severity = _QUIET.get(code) or ("error" if kind else "warning")
            example = self.profile.failure_examples.get(kind) if kind else None
            findings.append(
                Finding(code, severity, apply and fixable, message, spec.fix.format(**values, found=found), example)
            )
        return tuple(findings)


_LONGEST_SCHEME = max(len(name) for scheme in AUTH_SCHEMES for name in (scheme.name, *scheme.aliases))


def _match_scheme(word: str) -> tuple[AuthScheme | None, str]:
    lowered = word.lower()
    for scheme in AUTH_SCHEMES:
        if word == scheme.name:
            return scheme, "exact"
        if lowered == scheme.name.lower():
            return scheme, "case"
        if lowered in scheme.aliases:
            return scheme, "alias"
    return None, ""


# The peeling below moves the indices `start` and `end` of `text[start:end]` and slices once at the end:
# slicing off each layer would copy the text once per layer, quadratic in how deep wrappers nest.
def _strip_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    while start < end and text[end - 1] == " ":
        end -= 1
    return start, end


def _inside_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    if end - start >= 3 and text[end - 1] in ",;":
        # `"key",` copied from a JSON or JavaScript line: the key is what is inside the quotes.
        body_end = _strip_spaces(text, start, end - 1)[1]
        if body_end - start >= 2 and _QUOTE_PAIRS.get(text[start]) == text[body_end - 1]:
            end = body_end
    while True:
        before = start, end
        while end - start >= 2 and _QUOTE_PAIRS.get(text[start]) == text[end - 1]:
            start, end = start + 1, end - 1
        # A lone quote at either end is never part of a key: a half-copied string literal.
        while start < end and text[start] in _QUOTES:
            start += 1
        while start < end and text[end - 1] in _QUOTES:
            end -= 1
        if (start, end) == before:
            return start, end
        start, end = _strip_spaces(text, start, end)


def _strip_quotes(text: str) -> tuple[str, bool]:
    start, end = _inside_quotes(text, 0, len(text))
    return text[start:end], (start, end) != (0, len(text))


def _scheme_pasted(found: _Findings, scheme: AuthScheme, word: str) -> None:
    # The form puts the API's scheme in front of the key: a scheme typed in the field is one too many.
    if scheme == found.profile.scheme:
        # After a pasted `Authorization:`, the scheme belongs to that header line: the same mistake.
        if "authorization_prefix_pasted" not in found:
            found.add("duplicate_scheme", True, word)
    else:
        # "api-key" sent to AIGNE Hub: the scheme is wrong, however it is spelled; one finding.
        found.add(f"wrong_scheme_{scheme.slug}", True)


def _clean_key(key: str, found: _Findings, strip_schemes: bool) -> str:
    # Quotes, brackets and a repeated scheme can nest in any order: peel until nothing changes.
    start, end = 0, len(key)
    while True:
        before = start, end
        start, end = _inside_quotes(key, start, end)
        if (start, end) != before:
            found.add("quoted_key", True)
        if end - start >= 2 and key[start] == "<" and key[end - 1] == ">":
            inner_start, inner_end = _strip_spaces(key, start + 1, end - 1)
            # Only text short enough to be a placeholder is copied and compared: not every layer.
            inner = key[inner_start:inner_end] if inner_end - inner_start <= _LONGEST_PLACEHOLDER else ""
            if inner.upper().replace("-", "_").replace(" ", "_") not in _PLACEHOLDERS:
                found.add("angle_brackets", True)
                start, end = inner_start, inner_end
        # Only the first word can be a repeated scheme: look for its space no further than a scheme is long.
        space = key.find(" ", start, min(end, start + _LONGEST_SCHEME + 1)) if strip_schemes else -1
        scheme = _match_scheme(key[start:space])[0] if space != -1 else None
        if scheme is not None:
            _scheme_pasted(found, scheme, key[start:space])
            start = _strip_spaces(key, space + 1, end)[0]
        if (start, end) == before:
            return key[start:end]


def _normalize_characters(text: str, found: _Findings) -> str:
    if any(c in _LINE_BREAKS for c in text):
        lines = text.splitlines()
        non_empty = [line for line in lines if line.strip()]
        auth_lines = [line for line in non_empty if _PREFIX.match(line.strip())]
        if len(non_empty) <= 1:
            text, fixed = (non_empty[0] if non_empty else ""), True
        elif len(auth_lines) == 1:
            # A pasted block of headers: keep the Authorization line, drop the others.
            text, fixed = auth_lines[0], True
        else:
            text, fixed = "".join(non_empty), False
        found.add("line_break", fixed)
    if text.isascii() and text.isprintable():
        # The loop below leaves printable ASCII as it is: skip it for long pastes.
        return text
    out = []
    for c in text:
        code = ord(c)
        if c == "\t":
            found.add("control_character", True)
            out.append(" ")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            found.add("control_character", True)
        elif c in _ZERO_WIDTH:
            found.add("zero_width_character", True)
        elif c == "\u3000":
            found.add("fullwidth_space", True)
            out.append(" ")
        elif c in _OTHER_SPACES:
            found.add("non_ascii_space", True)
            out.append(" ")
        elif c == "\uff1a":
            found.add("fullwidth_colon", True)
            out.append(":")
        elif 0xFF01 <= code <= 0xFF5E:
            found.add("fullwidth_character", True)
            out.append(chr(code - 0xFEE0))
        elif code > 0x7E and c not in _QUOTES:
            # Keys are ASCII; typographic quotes are kept for the quote step to recognise.
            found.add("non_ascii", True)
        else:
            out.append(c)
    return "".join(out)


def _peel_authorization_prefixes(text: str, found: _Findings) -> str:
    # A loop: some readers paste the prefix twice ("Authorization: Authorization: ...").
    start, end = 0, len(text)
    while match := _PREFIX.match(text, start, end):
        found.add("authorization_prefix_pasted", True)
        quoted_form = text[start] in _QUOTES
        start, end = _strip_spaces(text, match.end(), end)
        if quoted_form and end > start and text[end - 1] in ",;":
            # `"Authorization": "Api-Key ...",` copied from a JavaScript or JSON example.
            start, end = _strip_spaces(text, start, end - 1)
    return text[start:end]


def _is_assignment(assignment: re.Match[str] | None) -> bool:
    if not (assignment and _SECRET_NAME.search(assignment["name"])):
        return False
    scheme = _match_scheme(assignment["name"])[0]
    if scheme is None:
        return True
    if assignment["gap"] and assignment["name"] == scheme.name:
        # `Api-Key =…` and `Api-Key :"…` are the scheme typed before a key that begins with "=" or
        # ':"' (the scheme as it is spelled, one space, the key), not an assignment to `Api-Key`.
        return False
    # "Api-Key: …" is a scheme with a colon, not an assignment: the scheme steps below say so.
    return assignment["sign"] == "=" or bool(assignment["quote"]) or assignment["value"][:1] in _QUOTES


def _clean(typed: str, found: _Findings, *, first: bool = True) -> str:
    """The key in `typed`: every wrapper, scheme and stray character that the findings name, peeled."""
    text = _normalize_characters(typed, found)
    # Spaces as typed: a full-width space or a tab made half-width is its own finding.
    if text.strip(" ") and (typed.startswith(" ") or typed.endswith(" ")):
        # After the key, servers drop the spaces (RFC 9110, section 5.5); before it, they split the header.
        found.add("leading_trailing_space", True, kind="invalid_format" if typed.startswith(" ") else None)
    text = text.strip(" ")
    text = _peel_authorization_prefixes(text, found)
    assignment = _ASSIGNMENT.fullmatch(text)
    if _is_assignment(assignment):
        found.add("assignment_pasted", True, assignment["name"])
        # `API_KEY="Authorization: Api-Key …"`: the value may carry the prefix too.
        text = _peel_authorization_prefixes(assignment["value"].strip(" "), found)
    text, quoted = _strip_quotes(text)
    if quoted:
        if "assignment_pasted" not in found and "authorization_prefix_pasted" not in found:
            # The quotes of `NAME="…"` or `"Authorization": "…"` belong to the line that was pasted.
            found.add("quoted_key", True)
        if text != text.strip(" "):
            found.add("leading_trailing_space", True)
            text = text.strip(" ")
        text = _peel_authorization_prefixes(text, found)  # `"Authorization: Api-Key …"`

    head, sep, rest = text.partition(" ")
    scheme = _match_scheme(head)[0]
    if scheme is not None:
        _scheme_pasted(found, scheme, head)
        key = _clean_key(rest.lstrip(" "), found, strip_schemes=True)
    else:
        if sep and first:
            # "Token abc" or "ab cd": which word is the key would be a guess, so Apply fix leaves it.
            # (Another pass sees a key left with a space: the first pass said why.)
            found.add("unknown_scheme", False, head)
        key = _clean_key(text, found, strip_schemes=False)
    if any(not (" " <= c <= "~") for c in key):
        # Only typographic quotes inside the key can be left here: no key has them.
        found.add("non_ascii", True)
        key = "".join(c for c in key if " " <= c <= "~")
    return key


def build_auth_header(api: str | ApiProfile, pasted_text: str | None) -> AuthHeader:
    """Build the `Authorization` header that the key field sends, and diagnose what was typed.

    The header is the API's scheme, one space and the text exactly as typed: nothing is corrected
    before sending, so the answer is the one the reader's own code gets. The diagnosis names each
    root cause once (a pasted `.env` line is one finding), says what the real API answers, and
    gives the cleaned key (`key`), which **Apply fix** writes into the field for every finding
    with `apply`. A key with nothing wrong gets one `ok` finding (one `info` finding for a demo key).

    Parameters:
        api: The API, as a profile or its id (`"maiagent"`, `"aigne-hub"`).
        pasted_text: The key field's text exactly as typed or pasted; `None` is treated as empty.

    Returns:
        The header value that is sent, the cleaned key, and the findings.

    Raises:
        UnknownApiError: `api` names no known API.

    Examples:
        >>> header = build_auth_header("maiagent", "Bearer abc123")
        >>> header.value, header.key, header.codes
        ('Api-Key Bearer abc123', 'abc123', ('wrong_scheme_bearer',))
    """
    profile = get_profile(api)
    found = _Findings(profile)
    typed = pasted_text if isinstance(pasted_text, str) else ("" if pasted_text is None else str(pasted_text))
    value = f"{profile.scheme.name} {typed}" if typed else ""
    key = _clean(typed, found)
    # A peeled layer can uncover another (`"KEY: 0` without its quote is an assignment): peel until
    # nothing changes, so that one Apply fix is enough. Each pass that changes the key shortens it.
    while (again := _clean(key, found, first=False)) != key:
        key = again

    if key:
        normalized = key.strip("<>{}[] ").upper().replace("-", "_").replace(" ", "_")
        if normalized in _PLACEHOLDERS or normalized == profile.key_placeholder.upper():
            found.add("placeholder_key", False, key)
        if " " in key and "unknown_scheme" not in found:
            found.add("space_in_key", False)
        if " " not in key and "placeholder_key" not in found and not re.fullmatch(profile.key_pattern, key):
            found.add("invalid_key_characters", False)
        if len(key) > _MAX_KEY_LENGTH:
            found.add("key_too_long", False, str(len(key)))
    if not key:
        found.add("empty_key", False)
    if any(not (" " <= c <= "~") for c in value) and "not_sent" not in found.kinds():
        # Typographic quotes peeled with their wrapper: that wrapper is why the header is not sent.
        wrapper = next(
            (c for c in ("quoted_key", "assignment_pasted", "authorization_prefix_pasted") if c in found), None
        )
        if wrapper is None:
            found.add("non_ascii", True)
        else:
            found.set_kind(wrapper, "not_sent")
    if not found.items:
        found.add("sandbox_demo_key" if key in profile.demo_keys else "key_ok", False)
    return AuthHeader(profile.id, value, key, found.finish(typed, key))
