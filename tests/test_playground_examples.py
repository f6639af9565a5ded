"""The documented examples: one source for the pages, the sandbox and the OpenAPI document."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from localized import assert_in_every_language  # tests/localized.py

from playground import EXAMPLES, PROFILES, UnknownExampleError, get_example, handle, openapi_document
from playground._examples import strip_jsonc_comments

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = ROOT / "playground" / "documented_examples"
TYPE_NAMES = {"integer": int, "string": str, "null": type(None)}


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_the_sandbox_answers_each_example_for_its_request(example_id: str) -> None:
    example = EXAMPLES[example_id]
    response = handle(example.request.to_request(example.api))
    assert response.status_code == example.status
    if example.shape:
        # A shape file gives type names instead of values: the answer must have exactly that shape.
        shape, body = example.json(), response.json()
        assert list(body) == list(shape)
        for key, expected in shape.items():
            if isinstance(expected, str):
                assert isinstance(body[key], tuple(TYPE_NAMES[t] for t in expected.split("|"))), key
            else:
                assert isinstance(body[key], type(expected)), key
    else:
        assert response.json() == example.json()


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_each_example_also_reproduces_through_the_sandbox_mount(example_id: str) -> None:
    example = EXAMPLES[example_id]
    mount = "http://127.0.0.1:8000" + PROFILES[example.api].sandbox_mount
    assert handle(example.request.to_request(example.api, origin=mount)).status_code == example.status


def test_every_file_is_in_the_catalogue_and_every_entry_has_a_file() -> None:
    on_disk = {p.relative_to(EXAMPLE_DIR).as_posix() for p in EXAMPLE_DIR.rglob("*") if p.is_file()}
    listed = {e.resource_path.removeprefix("documented_examples/") for e in EXAMPLES.values()}
    assert on_disk == listed


def test_files_are_read_as_package_data_exactly_as_on_disk() -> None:
    for example in EXAMPLES.values():
        packaged = resources.files("playground").joinpath(example.resource_path).read_text(encoding="utf-8")
        assert packaged == example.text() == (ROOT / "playground" / example.resource_path).read_text(encoding="utf-8")
        assert example.id == f"{PROFILES[example.api].examples_dir}/{Path(example.file).stem}"


def test_the_seed_examples_are_unchanged() -> None:
    assert get_example("maiagent/401-missing-key").json() == {"detail": "Authentication credentials were not provided."}
    assert get_example("maiagent/401-invalid-format").json() == {"detail": "Invalid API key format."}
    assert get_example("maiagent/400-required-fields").json() == {
        "files": ["This field is required."],
        "filename": ["This field is required."],
        "file": ["This field is required."],
    }
    assert get_example("aigne-hub/401-not-authenticated").json() == {"error": "User not authenticated"}
    assert get_example("maiagent/200-paginated-shape").json() == {
        "count": "integer",
        "next": "string|null",
        "previous": "string|null",
        "results": [],
    }


def test_titles_are_in_every_language() -> None:
    for example in EXAMPLES.values():
        assert_in_every_language(example.title)


def test_unknown_example() -> None:
    with pytest.raises(UnknownExampleError):
        get_example("maiagent/999-nope")


def test_jsonc_comments_are_removed_but_strings_are_kept() -> None:
    text = '{"a": "// not a comment", /* block */ "b": "x\\"//y" // tail\n}'
    assert json.loads(strip_jsonc_comments(text)) == {"a": "// not a comment", "b": 'x"//y'}


def test_examples_appear_in_the_openapi_document() -> None:
    text = json.dumps(openapi_document())
    for example in EXAMPLES.values():
        if not example.shape:
            assert json.dumps(example.id) in text, example.id
