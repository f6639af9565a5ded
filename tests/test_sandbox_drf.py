"""The JSON Schema the OpenAPI document gives a DRF CharField accepts exactly what the sandbox does."""

from __future__ import annotations

import sys

import jsonschema_rs
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from playground._sandbox.drf import _SPACE, drf_string, drf_string_schema

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
# Text made mostly of what matters here: white space at the ends, NUL, and the length limit.
TEXT = st.text(st.sampled_from([*SPACES, "\x00", "a", "é", "語", "😀"]) | st.characters(exclude_categories=["Cs"]))
VALUES = (
    TEXT
    | st.integers(-(10**200), 10**200)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
    | st.lists(st.integers(), max_size=2)
    | st.builds(lambda pad, n: pad + "x" * n + pad, st.sampled_from(["", " ", "\u3000\t"]), st.integers(20, 260))
)


def test_a_limit_shorter_than_a_floats_text_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 25"):
        drf_string_schema(24)
    assert drf_string(-1.2345678901234567e-308, 25) == ("-1.2345678901234567e-308", [])


def test_the_space_class_is_what_str_strip_removes() -> None:
    assert [c for c in SPACES if not jsonschema_rs.is_valid({"pattern": f"^[{_SPACE}]$"}, c)] == []
    assert jsonschema_rs.is_valid({"pattern": f"^[^{_SPACE}]$"}, "\u200b")  # zero-width space: not white space
    assert "".join(SPACES).strip() == ""


@pytest.mark.parametrize("max_length", [255, None, 25])
@settings(max_examples=300, deadline=None, database=None)
@given(value=VALUES)
@example(value=" " + "x" * 255 + " ")
@example(value="x" * 256)
@example(value="\x1cx\x1c")
@example(value="a\x00")
@example(value=0)
@example(value=True)
def test_the_schema_accepts_exactly_what_the_field_accepts(max_length: int | None, value: object) -> None:
    # An integer longer than the limit is the one case the schema cannot tell (see drf_string_schema).
    assume(not (type(value) is int and max_length is not None and len(str(value)) > max_length))
    # jsonschema-rs, as schemathesis validates: Rust regular expressions, not Python's.
    valid = jsonschema_rs.is_valid(drf_string_schema(max_length), value)
    assert valid == (drf_string(value, max_length)[1] == []), (value, drf_string(value, max_length))
