"""The official OpenAI SDKs, unchanged, against the sandbox server's AIGNE Hub (`base_url`
`.../sandbox/aigne-hub/api/v1`): Python (openai 3.60.0, requirements.lock) and Node.js (openai
6.49.0, tests/clients/package-lock.json). A completion passes strict validation, `stream=True` and
`.stream()` yield the text (and the usage when asked), a wrong key raises AuthenticationError with
the reason, and a browser may send their headers."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from openai import OpenAI
from openai.types.chat import ChatCompletion

from playground import AIGNE_HUB_DEMO_KEY, EXAMPLES

MODEL = "aignehub/gpt-3.5-turbo"
MESSAGES = [{"role": "user", "content": "Hello!"}]
DOCUMENTED = EXAMPLES["aigne-hub/200-chat-completion"]
REPLY = DOCUMENTED.json()["choices"][0]["message"]["content"]
USAGE = DOCUMENTED.json()["usage"]


def without_proxies() -> dict[str, str]:
    # The clients talk to the local server directly, whatever proxy the machine has.
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


@pytest.fixture(scope="module")
def base_url(sandbox_server: str) -> str:
    return sandbox_server + "sandbox/aigne-hub/api/v1"


@pytest.fixture
def client(base_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAI]:
    for name in os.environ.keys() - without_proxies().keys():
        monkeypatch.delenv(name)
    with OpenAI(base_url=base_url, api_key=AIGNE_HUB_DEMO_KEY, max_retries=0) as sdk:
        yield sdk


# --- Python --------------------------------------------------------------------------------------


def test_python_the_completion_passes_strict_validation(client: OpenAI) -> None:
    raw = client.chat.completions.with_raw_response.create(model=MODEL, messages=MESSAGES)
    body = json.loads(raw.text)
    assert body == DOCUMENTED.json()
    completion = ChatCompletion.model_validate(body, strict=True)
    assert completion.choices[0].message.content == REPLY and completion.created == body["created"]


def test_python_stream_true_yields_the_text_then_the_usage(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model=MODEL, messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == REPLY
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.model_dump(exclude_none=True) == USAGE


def test_python_the_stream_helper_yields_the_text(client: OpenAI) -> None:
    with client.chat.completions.stream(model=MODEL, messages=MESSAGES) as stream:
        deltas = [event.delta for event in stream if event.type == "content.delta"]
        final = stream.get_final_completion()
    assert len(deltas) > 1 and "".join(deltas) == REPLY
    assert final.choices[0].message.content == REPLY and final.choices[0].finish_reason == "stop"


def test_python_a_wrong_key_raises_authentication_error_with_the_reason(client: OpenAI) -> None:
    with pytest.raises(openai.AuthenticationError) as raised:
        client.with_options(api_key="not-a-demo-key").chat.completions.create(model=MODEL, messages=MESSAGES)
    # The SDK puts a string error body in `body`, not in the message (its message is "Error code: 401").
    assert raised.value.status_code == 401 and raised.value.body == "User not authenticated"


# --- Node.js -------------------------------------------------------------------------------------


def test_node_sdk_completion_streams_and_wrong_key(client_sdks: Path, base_url: str) -> None:
    env = {**without_proxies(), "SANDBOX_OPENAI_BASE_URL": base_url, "AIGNE_HUB_API_KEY": AIGNE_HUB_DEMO_KEY}
    result = subprocess.run(
        ["node", str(client_sdks / "openai_node.mjs")], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["completion"] == DOCUMENTED.json()
    assert out["streamed"] == REPLY and out["usage"] == USAGE and out["helperText"] == REPLY
    wrong = out["wrongKey"]
    assert wrong["isAuthenticationError"] and wrong["status"] == 401
    assert "User not authenticated" in wrong["message"]


# --- a browser ---------------------------------------------------------------------------------


def test_a_browser_preflight_for_the_sdks_headers_succeeds(sandbox_server: str) -> None:
    request = urllib.request.Request(
        sandbox_server + "sandbox/aigne-hub/api/v1/chat/completions",
        method="OPTIONS",
        headers={
            "Origin": "https://docs.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-stainless-os, x-aigne-hub-client-did, authorization, content-type",
        },
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        assert response.status == 200
        headers = response.headers
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert {"x-stainless-os", "x-aigne-hub-client-did", "authorization", "content-type"} <= allowed
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert headers["Access-Control-Allow-Credentials"] is None
