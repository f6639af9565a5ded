"""Build the exact `Authorization` header from pasted text, and explain what was wrong with it.

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
            "The pasted text contains a line break. HTTP clients refuse header values with line breaks, "
            "so the request would not be sent.",
            "貼り付けたテキストに改行が含まれています。HTTP クライアントは改行を含むヘッダー値を拒否するため、"
            "リクエストは送信されません。",
        ),
        _L("Copy the key again as a single line.", "キーを 1 行でコピーし直してください。"),
    ),
    "control_character": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains invisible control characters (for example a tab).",
            "貼り付けたテキストに目に見えない制御文字（タブなど）が含まれています。",
        ),
        _L(
            "Remove them; the header that will be sent leaves them out.",
            "取り除いてください。送信されるヘッダーでは除去済みです。",
        ),
    ),
    "zero_width_character": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains invisible zero-width characters.",
            "貼り付けたテキストに目に見えないゼロ幅文字が含まれています。",
        ),
        _L(
            "Remove them; the header that will be sent leaves them out.",
            "取り除いてください。送信されるヘッダーでは除去済みです。",
        ),
    ),
    "fullwidth_space": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains a full-width space (U+3000), often typed by a Japanese input method.",
            "貼り付けたテキストに全角スペース（U+3000）が含まれています。日本語入力で入りやすい文字です。",
        ),
        _L(
            "Use a half-width space between `{expected}` and the key.",
            "`{expected}` とキーの間は半角スペースにしてください。",
        ),
    ),
    "non_ascii_space": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains a non-breaking or other special space.",
            "貼り付けたテキストにノーブレークスペースなどの特殊なスペースが含まれています。",
        ),
        _L("Use a normal half-width space.", "通常の半角スペースにしてください。"),
    ),
    "fullwidth_colon": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains a full-width colon (U+FF1A) instead of `:`.",
            "貼り付けたテキストに `:` ではなく全角コロン（U+FF1A）が含まれています。",
        ),
        _L("Use a half-width colon `:`.", "半角コロン `:` を使ってください。"),
    ),
    "fullwidth_character": _Spec(
        "invalid_format",
        _L(
            "The pasted text contains full-width letters, digits or symbols.",
            "貼り付けたテキストに全角の英数字または記号が含まれています。",
        ),
        _L(
            "Type them as half-width characters; the header that will be sent converts them.",
            "半角で入力してください。送信されるヘッダーでは半角に変換済みです。",
        ),
    ),
    "leading_trailing_space": _Spec(
        "invalid_format",
        _L("The pasted text starts or ends with spaces.", "貼り付けたテキストの前後にスペースがあります。"),
        _L("Remove the spaces around the key.", "キーの前後のスペースを取り除いてください。"),
    ),
    "authorization_prefix_pasted": _Spec(
        "invalid_format",
        _L(
            "The pasted text includes the header name `Authorization:`; only the value goes here.",
            "貼り付けたテキストにヘッダー名 `Authorization:` が含まれています。ここには値だけを入力します。",
        ),
        _L(
            "Paste only `{expected} <key>`, or just the key.",
            "`{expected} <キー>` またはキーだけを貼り付けてください。",
        ),
    ),
    "assignment_pasted": _Spec(
        "invalid_format",
        _L(
            "The pasted text is an assignment to `{found}` (from a `.env` file, a shell or a JSON line); "
            "only its value is the key.",
            "貼り付けたテキストは `{found}` への代入です（`.env` ファイル、シェル、JSON の行など）。"
            "キーとして使うのは値の部分だけです。",
        ),
        _L("Paste only the key.", "キーだけを貼り付けてください。"),
    ),
    "quoted_key": _Spec(
        "invalid_format",
        _L(
            "The key is wrapped in quotation marks (perhaps followed by the `,` of a JSON line); "
            "they would be sent as part of the key.",
            "キーが引用符で囲まれています（JSON の行の `,` が続いていることもあります）。"
            "引用符もキーの一部として送信されてしまいます。",
        ),
        _L(
            "Remove the quotation marks, and any `,` or `;` after them.",
            "引用符と、その後ろの `,` や `;` を取り除いてください。",
        ),
    ),
    "angle_brackets": _Spec(
        "invalid_format",
        _L(
            "The key is wrapped in `< >`; in the documentation they only mark where the key goes.",
            "キーが `< >` で囲まれています。ドキュメントの `< >` はキーを入れる場所を示すだけです。",
        ),
        _L("Remove the angle brackets.", "`< >` を取り除いてください。"),
    ),
    "scheme_case": _Spec(
        None,
        _L(
            "The scheme is written `{found}`; the documented spelling is `{expected}`.",
            "スキームが `{found}` と書かれています。ドキュメントの表記は `{expected}` です。",
        ),
        _L("Write it as `{expected}`.", "`{expected}` と書いてください。"),
    ),
    "scheme_spelling": _Spec(
        "invalid_format",
        _L(
            "`{found}` is not a scheme {api} accepts; it expects `{expected}`.",
            "`{found}` は {api} が受け付けるスキームではありません。`{expected}` を使います。",
        ),
        _L(
            "Write `{expected}` followed by a space and the key.",
            "`{expected}`、半角スペース、キーの順に書いてください。",
        ),
    ),
    "unknown_scheme": _Spec(
        "invalid_format",
        _L(
            "`{found}` is not a scheme {api} accepts, or the key contains a space.",
            "`{found}` は {api} が受け付けるスキームではないか、キーにスペースが含まれています。",
        ),
        _L(
            "Use `{expected} <key>`, with no space inside the key.",
            "`{expected} <キー>` の形式にし、キーの中にスペースを入れないでください。",
        ),
    ),
    "missing_scheme": _Spec(
        "invalid_format",
        _L(
            "The key was pasted without a scheme; the header that will be sent puts `{expected}` and a space "
            "in front of it. "
            "A header that carries the key alone is rejected.",
            "キーがスキームなしで貼り付けられたため、"
            "送信されるヘッダーではキーの前に `{expected}` と半角スペースを付けています。"
            "キーだけのヘッダーは拒否されます。",
        ),
        _L(
            "In your own code, send `Authorization: {expected} <key>`.",
            "ご自身のコードでは `Authorization: {expected} <キー>` を送信してください。",
        ),
    ),
    "duplicate_scheme": _Spec(
        "invalid_format",
        _L("The scheme appears twice.", "スキームが 2 回書かれています。"),
        _L("Write the scheme once: `{expected} <key>`.", "スキームは 1 回だけ書いてください：`{expected} <キー>`。"),
    ),
    "double_space": _Spec(
        "invalid_format",
        _L(
            "There is more than one space between `{expected}` and the key.",
            "`{expected}` とキーの間にスペースが複数あります。",
        ),
        _L("Use exactly one half-width space.", "半角スペースを 1 つだけにしてください。"),
    ),
    "space_in_key": _Spec(
        "invalid_format",
        _L("The key itself contains a space.", "キーそのものにスペースが含まれています。"),
        _L(
            "Copy the key again; a key never contains spaces.",
            "キーをコピーし直してください。キーにスペースは含まれません。",
        ),
    ),
    "non_ascii": _Spec(
        "invalid_format",
        _L(
            "The key contains characters that are not ASCII (an emoji, an accented or look-alike letter); "
            "they cannot be part of a key and are left out of the header that will be sent.",
            "キーに ASCII 以外の文字（絵文字、アクセント付きの文字や形の似た文字）が含まれています。"
            "キーには使われない文字のため、送信されるヘッダーでは除外しています。",
        ),
        _L(
            "Remove them. If the key is still rejected, a look-alike letter replaced one of the key's own: "
            "copy the key again from the API key page.",
            "取り除いてください。それでも拒否される場合は、形の似た文字がキー本来の文字と入れ替わっている可能性があります。"
            "API キーのページからキーをコピーし直してください。",
        ),
    ),
    "invalid_key_characters": _Spec(
        "invalid_format",
        _L(
            "The key contains characters a {api} key does not have (a key is letters and digits only).",
            "{api} の API キーには使われない文字が含まれています（キーは英数字のみです）。",
        ),
        _L("Copy the key again, without extra characters.", "余分な文字を含めずにキーをコピーし直してください。"),
    ),
    "key_too_long": _Spec(
        "too_long",
        _L(
            "The key is {found} characters long: API keys are far shorter, so something else was probably "
            "pasted. Servers refuse header values this long.",
            "キーが {found} 文字あります。API キーはもっと短いため、別のものを貼り付けた可能性があります。"
            "これほど長いヘッダー値はサーバーに拒否されます。",
        ),
        _L("Copy only the key from the API key page.", "API キーのページからキーだけをコピーしてください。"),
    ),
    "empty_key": _Spec(
        "missing",
        _L(
            "There is no key, so no `Authorization` header would be sent.",
            "キーがないため、`Authorization` ヘッダーは送信されません。",
        ),
        _L("Paste your API key.", "API キーを貼り付けてください。"),
    ),
    "placeholder_key": _Spec(
        "invalid_format",
        _L(
            "`{found}` is the documentation's placeholder, not a real key.",
            "`{found}` はドキュメントのプレースホルダーで、実際のキーではありません。",
        ),
        _L("Replace it with your own API key.", "ご自身の API キーに置き換えてください。"),
    ),
    "sandbox_demo_key": _Spec(
        "missing",
        _L(
            "This is the public demo key: it works in the sandbox only; the real {api} API rejects it.",
            "これは公開デモキーです。サンドボックスでのみ使え、実際の {api} API では拒否されます。",
        ),
        _L("Use your own key for the real API.", "実際の API にはご自身のキーを使ってください。"),
    ),
}

for _scheme in AUTH_SCHEMES:
    # Adding a scheme to the profiles adds its "wrong scheme" diagnosis: no code to write.
    _SPECS[f"wrong_scheme_{_scheme.slug}"] = _Spec(
        "invalid_format",
        _L(
            "The key starts with `" + _scheme.name + "`, but {api} expects `{expected}`.",
            "キーが `" + _scheme.name + "` で始まっていますが、{api} では `{expected}` が必要です。",
        ),
        _L("Use `Authorization: {expected} <key>`.", "`Authorization: {expected} <キー>` の形式にしてください。"),
    )

DIAGNOSIS_CODES: tuple[str, ...] = tuple(_SPECS)
"""Every `Finding.code` the diagnosis can give, e.g. `wrong_scheme_bearer` or `fullwidth_space`."""

_INFO_CODES = frozenset({"missing_scheme", "scheme_case", "sandbox_demo_key"})


@dataclass(frozen=True)
class Finding:
    """One thing wrong (or worth knowing) about a pasted key.

    Parameters:
        code: A stable identifier, one of [`DIAGNOSIS_CODES`][playground.DIAGNOSIS_CODES].
        severity: `"error"` (the built header will still fail), `"warning"` (corrected in the built
            header, but it would have failed as pasted) or `"info"` (worth knowing, e.g. a key pasted
            without its scheme, which is how the playground expects it).
        corrected: Whether the built header already contains the fix.
        message: What is wrong, in English and Japanese.
        fix: What to do, in English and Japanese.
        example_id: The documented response the real API gives for this mistake (an id of
            [`EXAMPLES`][playground.EXAMPLES]), or `None` when no request would be sent or the API accepts it.
    """

    code: str
    severity: str
    corrected: bool
    message: LocalizedText
    fix: LocalizedText
    example_id: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the playground's Web Worker)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "corrected": self.corrected,
            "message": self.message.to_dict(),
            "fix": self.fix.to_dict(),
            "example_id": self.example_id,
        }


@dataclass(frozen=True)
class AuthHeader:
    """The `Authorization` header built from pasted text.

    Parameters:
        api: The API's id.
        value: The exact header value that will be sent; empty when no header will be sent.
            Always printable ASCII: never a line break or control character.
        key: The key as it appears in `value`.
        findings: What was corrected or is still wrong, in the order found.
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
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in order."""
        return tuple(f.code for f in self.findings)

    def headers(self) -> dict[str, str]:
        """Return `{"Authorization": value}`, or `{}` when there is no key to send."""
        return {self.name: self.value} if self.value else {}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the playground's Web Worker)."""
        return {
            "api": self.api,
            "name": self.name,
            "value": self.value,
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
        }


class _Findings:
    def __init__(self, profile: ApiProfile) -> None:
        self.profile = profile
        self.items: dict[str, Finding] = {}

    def add(self, code: str, corrected: bool, found: str = "") -> None:
        if code in self.items:
            return
        spec = _SPECS[code]
        values = {
            "api": self.profile.name,
            "expected": self.profile.scheme.name,
            "found": found,
            "placeholder": self.profile.key_placeholder,
        }
        severity = "info" if code in _INFO_CODES else ("warning" if corrected else "error")
        example = self.profile.failure_examples.get(spec.kind) if spec.kind else None
        self.items[code] = Finding(
            code, severity, corrected, spec.message.format(**values), spec.fix.format(**values), example
        )


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
        if space != -1 and _match_scheme(key[start:space])[0] is not None:
            found.add("duplicate_scheme", True)
            if key.startswith(" ", space + 1, end):
                found.add("double_space", True)
            start = _strip_spaces(key, space + 1, end)[0]
        if (start, end) == before:
            return key[start:end]


def _normalize_characters(text: str, found: _Findings) -> str:
    if any(c in _LINE_BREAKS for c in text):
        lines = text.splitlines()
        non_empty = [line for line in lines if line.strip()]
        auth_lines = [line for line in non_empty if _PREFIX.match(line.strip())]
        if len(non_empty) <= 1:
            text, corrected = (non_empty[0] if non_empty else ""), True
        elif len(auth_lines) == 1:
            # A pasted block of headers: keep the Authorization line, drop the others.
            text, corrected = auth_lines[0], True
        else:
            text, corrected = "".join(non_empty), False
        found.add("line_break", corrected)
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
        # `Api-Key =…` and `Api-Key :"…` are what build_auth_header makes of a key that begins with
        # "=" or ':"' (the scheme as it is spelled, one space, the key). Read again as an
        # assignment, such a header would not build the same.
        return False
    # "Api-Key: …" is a scheme with a colon, not an assignment: the scheme steps below say so.
    return assignment["sign"] == "=" or bool(assignment["quote"]) or assignment["value"][:1] in _QUOTES


def build_auth_header(api: str | ApiProfile, pasted_text: str | None) -> AuthHeader:
    """Build the `Authorization` header for `api` from whatever the reader pasted.

    Where the fix is unambiguous (wrong scheme, missing scheme, stray spaces, quotes, a pasted
    `Authorization:` prefix, full-width characters, characters no key has, line breaks around the
    key) the built header is the corrected one, and the finding says so (`corrected=True`).
    Otherwise the finding is an error and names the documented response the real API would give.

    Parameters:
        api: The API, as a profile or its id (`"maiagent"`, `"aigne-hub"`).
        pasted_text: The key or header exactly as pasted; `None` is treated as empty.

    Returns:
        The header value that will be sent, and the findings.

    Raises:
        UnknownApiError: `api` names no known API.

    Examples:
        >>> build_auth_header("maiagent", "Bearer abc123").value
        'Api-Key abc123'
    """
    profile = get_profile(api)
    expected = profile.scheme
    found = _Findings(profile)
    text = pasted_text if isinstance(pasted_text, str) else ("" if pasted_text is None else str(pasted_text))

    text = _normalize_characters(text, found)
    if text != text.strip(" "):
        found.add("leading_trailing_space", True)
        text = text.strip(" ")
    text = _peel_authorization_prefixes(text, found)
    assignment = _ASSIGNMENT.fullmatch(text)
    if _is_assignment(assignment):
        found.add("assignment_pasted", True, assignment["name"])
        # `API_KEY="Authorization: Api-Key …"`: the value may carry the prefix too.
        text = _peel_authorization_prefixes(assignment["value"].strip(" "), found)
    text, quoted = _strip_quotes(text)
    if quoted:
        found.add("quoted_key", True)
        if text != text.strip(" "):
            found.add("leading_trailing_space", True)
            text = text.strip(" ")
        text = _peel_authorization_prefixes(text, found)  # `"Authorization: Api-Key …"`

    head, sep, rest = text.partition(" ")
    scheme, how = _match_scheme(head)
    scheme_name = expected.name
    if scheme is not None:
        if scheme != expected:
            # "api-key" sent to AIGNE Hub: the scheme is wrong, however it is spelled; one finding.
            found.add(f"wrong_scheme_{scheme.slug}", True)
        elif how == "case":
            found.add("scheme_case", True, head)
        elif how == "alias":
            found.add("scheme_spelling", True, head)
        key = rest
        if key.startswith(" "):
            found.add("double_space", True)
            key = key.lstrip(" ")
    elif not sep:
        key = head
        if key:
            found.add("missing_scheme", True)
    else:
        # "Token abc" or "ab cd": replacing the first word would be a guess, so send it as pasted.
        found.add("unknown_scheme", False, head)
        scheme_name, key = head, rest

    key = _clean_key(key, found, strip_schemes=scheme is not None)

    if not key:
        found.add("empty_key", False)
        return AuthHeader(profile.id, "", "", tuple(found.items.values()))

    normalized = key.strip("<>{}[] ").upper().replace("-", "_").replace(" ", "_")
    if normalized in _PLACEHOLDERS or normalized == profile.key_placeholder.upper():
        found.add("placeholder_key", False, key)
    if " " in key and (scheme is not None or not sep):
        found.add("space_in_key", False)
    value = f"{scheme_name} {key}"
    if any(not (" " <= c <= "~") for c in value):
        # Only typographic quotes inside the key can be left here; whatever the path above,
        # nothing but printable ASCII may reach a header value.
        found.add("non_ascii", True)
        value = "".join(c for c in value if " " <= c <= "~")
        key = "".join(c for c in key if " " <= c <= "~")
    if key and " " not in key and "placeholder_key" not in found.items and not re.fullmatch(profile.key_pattern, key):
        found.add("invalid_key_characters", False)
    if len(key) > _MAX_KEY_LENGTH:
        found.add("key_too_long", False, str(len(key)))
    if key in profile.demo_keys:
        found.add("sandbox_demo_key", False)
    if not key:
        found.add("empty_key", False)
        value = ""
    return AuthHeader(profile.id, value, key, tuple(found.items.values()))
