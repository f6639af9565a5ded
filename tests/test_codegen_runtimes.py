"""The generated code does what Send does, in every runtime it is written for.

For Hypothesis-drawn requests (methods, paths of both APIs with query strings, bodies with quotes,
backslashes, `$`, backticks, line breaks, non-ASCII text and lone surrogates), every program of the
`code` operation runs against the local sandbox server (real curl, CPython with requests, Node's
fetch for the browser and the Node.js programs, CPython with the OpenAI SDK) and must get the same
status and body as the playground's own Send (`playground._send.send`, in-process sandbox).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground import AIGNE_HUB_DEMO_KEY, MAIAGENT_DEMO_KEY, get_profile
from playground._codegen import generate
from playground._send import send

pytestmark = pytest.mark.slow

RUNNERS = {"curl": ["bash"], "python": [sys.executable], "javascript": ["node"], "node": ["node"]}
RUNNERS["openai"] = [sys.executable]
FILE_NAMES = {"curl": "code.sh", "python": "code.py", "javascript": "code.mjs", "node": "node.mjs", "openai": "sdk.py"}
BROWSER_KEY_PLACEHOLDER = '"YOUR_API_KEY"'

# Keys Send sends as typed today and after issue 20 alike: the demo keys, none, and a well-formed
# key the sandbox does not know (its documented 401).
KEYS = {"maiagent": [MAIAGENT_DEMO_KEY, "", "wrongKey123"], "aigne-hub": [AIGNE_HUB_DEMO_KEY, "", "wrong-key"]}

# Text that is hard to quote: every language's quotes and escapes, line breaks, non-ASCII, and a
# lone surrogate (valid JSON, which no UTF-8 source file can hold as it is).
HARD_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 '\"\\$`{}[]%&?#!\n\t") + ["é", "日", "😀", "\u2028", "\ud800", "\x00"]),
    max_size=12,
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | HARD_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(HARD_TEXT, children, max_size=3),
    max_leaves=8,
)
QUERY_TEXT = st.text(alphabet=st.sampled_from(list("aZ09-._~") + ["é", "日", " ", "&", "="]), max_size=6).map(
    lambda text: quote(text, safe="")
)
QUERIES = st.one_of(
    st.just(""),
    st.just("?page=1&pageSize=2"),
    st.lists(st.tuples(QUERY_TEXT, QUERY_TEXT), min_size=1, max_size=3).map(
        lambda pairs: "?" + "&".join(f"{k}={v}" for k, v in pairs)
    ),
)


def paths(api: str) -> st.SearchStrategy[str]:
    known = [route.concrete_path(route.methods[0]) for route in get_profile(api).routes]
    return st.sampled_from([*known, "/api/v1/not-modelled/"])


MESSAGES = st.lists(
    st.fixed_dictionaries({"role": st.sampled_from(["user", "system"]), "content": HARD_TEXT}), max_size=2
)


@st.composite
def any_request(draw: st.DrawFn) -> dict[str, Any]:
    api = draw(st.sampled_from(["maiagent", "aigne-hub"]))
    method = draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]))
    body = None if method in ("GET", "HEAD") else draw(st.none() | JSON_VALUES)
    return {"api": api, "method": method, "path": draw(paths(api)) + draw(QUERIES), "body": body}


@st.composite
def chat_completion(draw: st.DrawFn) -> dict[str, Any]:
    # One the OpenAI SDK sends too: "model" and "messages", and fields it has a parameter for or not.
    body = {"model": draw(HARD_TEXT), "messages": draw(MESSAGES)}
    body.update(draw(st.dictionaries(st.sampled_from(["temperature", "user", "stream", "x-extra"]), JSON_VALUES)))
    return {"api": "aigne-hub", "method": "POST", "path": "/api/v1/chat/completions", "body": body}


@st.composite
def requests(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    spec = draw(st.one_of(any_request(), chat_completion()))
    spec["key"] = draw(st.sampled_from(KEYS[spec["api"]]))
    spec["body"] = "" if spec["body"] is None else json.dumps(spec["body"])
    return spec, draw(st.booleans())


def run_program(tab: dict[str, str], work: Path, env: dict[str, str], key: str) -> str:
    code = tab["code"]
    if tab["id"] == "javascript":
        code = code.replace(BROWSER_KEY_PLACEHOLDER, json.dumps(key))
    script = work / FILE_NAMES[tab["id"]]
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [*RUNNERS[tab["id"]], str(script)], capture_output=True, text=True, env=env, timeout=60, cwd=work
    )
    assert result.returncode == 0, f"{tab['id']}:\n{code}\n{result.stderr}"
    return result.stdout


def status_and_body(tab_id: str, method: str, stdout: str) -> tuple[int, str]:
    """Every program prints the status first and then the body, except curl: the body, then the status."""
    if tab_id == "curl":
        body, _, status = stdout.removesuffix("\n").rpartition("\n")
        return int(status), "" if method == "HEAD" else body  # `--head` prints the headers
    status, _, body = stdout.partition("\n")
    return int(status.split(" ")[0]), body.removesuffix("\n")  # the code, then its reason phrase


def same_body(actual: str, expected: str) -> bool:
    try:
        return json.loads(actual) == json.loads(expected)
    except ValueError:
        return actual == expected


@pytest.fixture(scope="module")
def program_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(NO_PROXY="127.0.0.1,localhost", PYTHONIOENCODING="utf-8")
    return env


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=requests())
def test_every_program_gets_what_send_gets(
    drawn: tuple[dict[str, Any], bool], sandbox_server: str, program_env: dict[str, str], tmp_path_factory
) -> None:
    spec, use_my_key = drawn
    profile = get_profile(spec["api"])
    expected = asyncio.run(send(spec, "sandbox"))
    assert expected["ok"], expected
    # The programs call the sandbox server as a live base URL: the same sandbox, over HTTP.
    served = sandbox_server + profile.sandbox_mount.lstrip("/")
    tabs = generate(spec, served + "/", use_my_key=use_my_key)["tabs"]
    # The OpenAI SDK tab is a program for a chat completion it can send, and says why not otherwise.
    # With an empty key the SDK refuses before sending anything ("Missing credentials"): its own
    # check, not an answer, so there is nothing to compare with Send's 401.
    runnable = [tab for tab in tabs if tab["id"] != "openai" or ("import" in tab["code"] and spec["key"])]
    env = dict(program_env, **{profile.env_var: spec["key"]})
    work = tmp_path_factory.mktemp("code")
    with ThreadPoolExecutor(max_workers=len(runnable)) as pool:
        outputs = list(pool.map(lambda tab: run_program(tab, work, env, spec["key"]), runnable))
    for tab, stdout in zip(runnable, outputs, strict=True):
        status, body = status_and_body(tab["id"], spec["method"], stdout.replace(served, profile.origin))
        assert status == expected["status"], (tab["id"], tab["code"], stdout, expected)
        if spec["method"] != "HEAD":
            assert same_body(body, expected["body"]), (tab["id"], tab["code"], body, expected["body"])
