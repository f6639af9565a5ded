"""AIGNE Hub's sandbox on the real wire: OpenAI's completion and stream on v1, the SDK's v2 chat, the
model list, the status, the discovery file, and the documents that list them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from localized import assert_in_every_language  # tests/localized.py

from playground import AIGNE_HUB_DEMO_KEY, EXAMPLES, Request, browser, handle, openapi_document
from playground._sandbox import SANDBOX_ROUTES, SandboxRoute, register_route
from playground._sandbox.aigne_hub import BLOCKLET_DID, CREATED, MODELS
from playground._sandbox.responses import SANDBOX_NOW

HUB = "https://your-aigne-hub-url"
SERVER = "http://127.0.0.1:8000"
KEY = {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"}
HELLO = {"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}
SDK_BODY = EXAMPLES["aigne-hub/200-chat-v2"].request.body
REPLY = "Hello from the AIGNE Hub sandbox! You said: Hello!"


def post(url: str, data: Any, headers: dict[str, str] | None = None) -> Any:
    return handle(Request.with_json("POST", url, data, KEY if headers is None else headers))


def events(response: Any) -> list[str]:
    """The `data` of each Server-Sent Event, checking the framing."""
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/event-stream"
    frames = response.text.split("\n\n")
    assert frames[-1] == "" and all(f.startswith("data: ") and "\n" not in f for f in frames[:-1])
    return [f[len("data: ") :] for f in frames[:-1]]


# --- v1: OpenAI's format -------------------------------------------------------------------------


def test_created_is_the_frozen_clock() -> None:
    assert int(datetime.fromisoformat(SANDBOX_NOW).timestamp()) == CREATED


def test_the_completion_has_what_openai_requires() -> None:
    body = post(f"{HUB}/api/v1/chat/completions", HELLO).json()
    assert body["created"] == CREATED
    assert body["choices"] == [
        {
            "index": 0,
            "message": {"role": "assistant", "content": REPLY, "refusal": None},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ]
    assert post(f"{HUB}/api/v1/chat/completions", {**HELLO, "stream": False}).json() == body


def test_the_hubs_json_has_no_spaces_as_express_writes_it() -> None:
    assert post(f"{HUB}/api/v1/chat/completions", HELLO, {}).body == b'{"error":"User not authenticated"}'
    assert post(f"{HUB}/api/v1/chat/completions", HELLO).body.startswith(b'{"id":"chatcmpl-sandbox-')


def test_a_stream_is_openai_chunks_then_done() -> None:
    completion = post(f"{HUB}/api/v1/chat/completions", HELLO).json()
    data = events(post(f"{HUB}/api/v1/chat/completions", {**HELLO, "stream": True}))
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    for chunk in chunks:
        assert {k: chunk[k] for k in ("id", "object", "created", "model")} == {
            **{k: completion[k] for k in ("id", "created", "model")},
            "object": "chat.completion.chunk",
        }
        assert "usage" not in chunk
    deltas = [c["choices"][0]["delta"] for c in chunks]
    assert deltas[0] == {"role": "assistant", "content": "", "refusal": None}
    assert "".join(d.get("content", "") for d in deltas) == REPLY
    assert len(deltas) > 3 and all(set(d) == {"content"} for d in deltas[1:-1])
    assert [c["choices"][0]["finish_reason"] for c in chunks] == [None] * (len(chunks) - 1) + ["stop"]


def test_stream_is_read_as_the_hubs_validator_reads_it() -> None:
    # Joi's `boolean().empty([null, ''])`: null and "" are not given, "true"/"false" are booleans.
    url = f"{HUB}/api/v1/chat/completions"
    completion = post(url, HELLO).json()
    for value in (None, "", False, "false", "FALSE"):
        assert post(url, {**HELLO, "stream": value}).json() == completion, value
    streamed = post(url, {**HELLO, "stream": True}).body
    for value in ("true", "True"):
        assert post(url, {**HELLO, "stream": value}).body == streamed, value
    for value in (1, "yes", [], {}):
        response = post(url, {**HELLO, "stream": value})
        assert (response.status_code, response.json()) == (400, {"error": '"stream" must be a boolean'}), value


def test_include_usage_adds_a_last_chunk_with_the_usage() -> None:
    usage = post(f"{HUB}/api/v1/chat/completions", HELLO).json()["usage"]
    body = {**HELLO, "stream": True, "stream_options": {"include_usage": True}}
    chunks = [json.loads(d) for d in events(post(f"{HUB}/api/v1/chat/completions", body))[:-1]]
    assert [c["usage"] for c in chunks] == [None] * (len(chunks) - 1) + [usage]
    assert chunks[-1]["choices"] == [] and chunks[-2]["choices"][0]["finish_reason"] == "stop"
    without = {**body, "stream_options": {"include_usage": False}}
    assert all("usage" not in json.loads(d) for d in events(post(f"{HUB}/api/v1/chat/completions", without))[:-1])


# --- v2: the SDK's chat --------------------------------------------------------------------------


def test_v2_answers_the_sdks_request_as_documented() -> None:
    response = post(f"{HUB}/api/v2/chat", SDK_BODY)
    assert response.status_code == 200 and response.json() == EXAMPLES["aigne-hub/200-chat-v2"].json()
    assert list(response.json()) == ["modelOptions", "model", "text", "usage", "modelWithProvider"]


def test_v2_streams_chunks_to_merge_and_no_done() -> None:
    output = post(f"{HUB}/api/v2/chat", SDK_BODY).json()
    data = [json.loads(d) for d in events(post(f"{HUB}/api/v2/chat", {**SDK_BODY, "options": {"streaming": True}}))]
    assert data[:2] == [{"delta": {"json": {"modelOptions": {}}}}, {"delta": {"json": {"model": output["model"]}}}]
    texts = [d["delta"]["text"]["text"] for d in data if "text" in d["delta"]]
    assert "".join(texts) == output["text"] and len(texts) > 3
    assert data[-2:] == [
        {"delta": {"json": {"usage": output["usage"]}}},
        {"delta": {"json": {"text": output["text"], "modelWithProvider": output["modelWithProvider"]}}},
    ]
    # Merged as the SDK merges them (text appended, json assigned), they give the whole answer.
    merged: dict[str, Any] = {}
    for chunk in data:
        merged.update(chunk["delta"].get("json", {}))
        for key, text in chunk["delta"].get("text", {}).items():
            merged[key] = merged.get(key, "") + text
    assert merged == output


def test_v2_models_and_their_providers() -> None:
    def answer(**changes: Any) -> tuple[str, str]:
        body = {**SDK_BODY, "input": {**SDK_BODY["input"], "modelOptions": changes}}
        data = post(f"{HUB}/api/v2/chat", body).json()
        return data["model"], data["modelWithProvider"]

    assert answer(model="gpt-3.5-turbo") == ("gpt-3.5-turbo", "openai/gpt-3.5-turbo")
    assert answer(model="Anthropic/claude-x") == ("claude-x", "anthropic/claude-x")
    assert answer(model="aignehub/gpt-3.5-turbo") == ("aignehub/gpt-3.5-turbo", "openai/aignehub/gpt-3.5-turbo")
    assert answer() == ("gpt-5-mini", "openai/gpt-5-mini")  # the Hub's default model
    assert answer(model="") == ("gpt-5-mini", "openai/gpt-5-mini")


def invoke_error(message: str) -> dict[str, Any]:
    return {"error": {"message": message}}


MODEL_CHECK = "Agent OpenAIChatModel input check arguments error: "


def test_v2_errors_in_each_checks_words() -> None:
    cases = [
        # The Hub's Joi check: a string error, the first failure only.
        ({**SDK_BODY, "agent": 5}, 400, {"error": 'Validation error: "agent" must be a string'}),
        ({**SDK_BODY, "agent": ""}, 400, {"error": 'Validation error: "agent" is not allowed to be empty'}),
        ({**SDK_BODY, "options": None}, 400, {"error": 'Validation error: "options" must be of type object'}),
        (
            {**SDK_BODY, "options": {"streaming": None, "memories": 1}},
            400,
            {"error": 'Validation error: "options.memories" must be an array'},
        ),
        (
            {**SDK_BODY, "input": {"messages": [], "modelOptions": {"model": 5}}},
            400,
            {"error": 'Validation error: "input.modelOptions.model" must be a string'},
        ),
        # The framework's envelope check: every issue, in an object.
        ({}, 400, invoke_error("Invoke agent undefined check arguments error: agent: Required, input: Required")),
        (
            {**SDK_BODY, "input": [1], "options": {"streaming": "true", "memories": [3]}},
            400,
            invoke_error(
                "Invoke agent $CHAT_MODEL check arguments error: input: Expected object, received array, "
                "options,streaming: Expected boolean, received string, "
                "options,memories,0: Expected object, received number"
            ),
        ),
        ({**SDK_BODY, "agent": "writer"}, 404, invoke_error("Agent writer not found")),
        # The chat model's input check.
        ({**SDK_BODY, "input": {}}, 400, invoke_error(MODEL_CHECK + "messages: Required")),
        (
            {
                **SDK_BODY,
                "input": {
                    "messages": [
                        "hi",
                        {"role": "assistant", "content": 5},
                        {"role": "user", "content": [{"type": "text"}], "name": 1},
                        {"role": "user", "content": [{"type": "image_url"}]},
                        {"role": "user", "content": ["hi"]},
                    ],
                    "modelOptions": "x",
                },
            },
            400,
            invoke_error(
                MODEL_CHECK + "messages,0: Expected object, received string, "
                "messages,1,role: Invalid input expect system,user,agent,tool got undefined, "
                "messages,1,content: Invalid input expect string,array got undefined, "
                "messages,2,content: Invalid input expect string,string got undefined, "
                "messages,2,name: Expected string, received number, "
                "messages,3,content: Invalid input expect string got undefined, "
                "messages,4,content: Invalid input expect string,object got undefined, "
                "modelOptions: Expected object, received string"
            ),
        ),
    ]
    for body, status, expected in cases:
        response = post(f"{HUB}/api/v2/chat", body)
        assert (response.status_code, response.json()) == (status, expected), body


def test_v2_body_and_key_errors() -> None:
    url = f"{HUB}/api/v2/chat"
    unsupported = invoke_error("Unsupported Media Type: Content-Type must be application/json")
    for body in (b"[]", b'"hi"'):
        response = handle(Request("POST", url, {**KEY, "Content-Type": "application/json"}, body))
        assert (response.status_code, response.json()) == (415, unsupported)
    text = handle(Request("POST", url, {**KEY, "Content-Type": "text/plain"}, b"{}"))
    assert (text.status_code, text.json()) == (415, unsupported)
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = post(url, SDK_BODY, headers)
        assert (response.status_code, response.body) == (401, b'{"error":"User not authenticated"}')


@settings(max_examples=300, deadline=None, database=None)
@given(
    body=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.sampled_from(["$CHAT_MODEL", "user"]),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    ["input", "agent", "options", "messages", "role", "content", "type", "text", "streaming"]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_v2_never_answers_5xx(body: Any) -> None:
    response = post(f"{HUB}/api/v2/chat", body)
    assert response.status_code in (200, 400, 404, 415), response.text


# --- the public GETs -----------------------------------------------------------------------------


def test_the_model_list_is_public_and_what_the_sdk_parses() -> None:
    models = handle(Request("GET", f"{HUB}/api/ai/models?type=chat")).json()
    assert [m["model"] for m in models] == list(MODELS)
    for model in models:
        assert model["key"] == f"{model['provider']}/{model['model']}" and model["type"] == "chat"
        # The SDK's zod schema: these are strings, and status an object or null.
        assert isinstance(model["input_credits_per_token"], str) and isinstance(model["output_credits_per_token"], str)
        assert model["status"] is None and model["modelMetadata"] is None
    assert handle(Request("GET", f"{HUB}/api/ai/models")).json() == models
    assert handle(Request("GET", f"{HUB}/api/ai/models?type=chatCompletion")).json() == models
    assert handle(Request("GET", f"{HUB}/api/ai/models?type=image")).json() == []


def test_the_status_is_public_and_always_available() -> None:
    for headers in ({}, KEY, {"Authorization": "Bearer wrong"}):
        response = handle(Request("GET", f"{HUB}/api/v2/status", headers))
        assert (response.status_code, response.json()) == (200, {"available": True})


def test_discovery_names_the_mount_the_answer_came_through() -> None:
    def mount_point(url: str) -> str:
        response = handle(Request("GET", url))
        assert response.status_code == 200
        (entry,) = response.json()["componentMountPoints"]
        assert entry == {**entry, "did": BLOCKLET_DID, "name": "ai-kit", "title": "AIGNE Hub"}
        return entry["mountPoint"]

    assert mount_point(f"{HUB}/__blocklet__.js?type=json") == "/"
    assert mount_point(f"{SERVER}/__blocklet__.js?type=json") == "/sandbox/aigne-hub"
    assert mount_point(f"{SERVER}/sandbox/aigne-hub/__blocklet__.js?type=json") == "/sandbox/aigne-hub"
    missing = handle(Request("GET", f"{SERVER}/__blocklet__.js"))
    assert missing.status_code == 400 and "type=json" in missing.json()["error"]
    # Elsewhere at the root, and on MaiAgent's host, nothing changes.
    assert handle(Request("GET", f"{SERVER}/__blocklet__.jsx")).json()["detail"] == "No sandbox API at this URL."
    assert handle(Request("GET", "https://api.maiagent.ai/__blocklet__.js?type=json")).status_code == 404


def test_only_one_api_may_answer_a_path_at_the_origin_root() -> None:
    (discovery,) = [route for route in SANDBOX_ROUTES if route.origin_root]
    twin = SandboxRoute(
        "maiagent", discovery.path, discovery.summary, discovery.operations, discovery.error_schema, True
    )
    with pytest.raises(ValueError, match="at the origin's root"):
        register_route(twin)


def test_a_public_route_refuses_other_methods_without_asking_for_a_key() -> None:
    response = handle(Request("POST", f"{HUB}/api/v2/status"))
    assert response.status_code == 405 and response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert handle(Request("GET", f"{HUB}/api/v2/chat")).status_code == 401  # a keyed route: the key first


# --- the documents -------------------------------------------------------------------------------


def test_the_openapi_document_lists_the_new_operations() -> None:
    paths = openapi_document()["paths"]
    for path in (
        "/sandbox/aigne-hub/api/v2/chat",
        "/sandbox/aigne-hub/api/ai/models",
        "/sandbox/aigne-hub/api/v2/status",
    ):
        assert path in paths
    assert "/__blocklet__.js" in paths and "/sandbox/aigne-hub/__blocklet__.js" not in paths
    for path, method in (("/sandbox/aigne-hub/api/ai/models", "get"), ("/__blocklet__.js", "get")):
        operation = paths[path][method]
        assert operation["security"] == [] and "401" not in operation["responses"]
    chat = paths["/sandbox/aigne-hub/api/v2/chat"]["post"]
    assert chat["security"] == [{"AigneHubBearer": []}] and "401" in chat["responses"]
    stream = paths["/sandbox/aigne-hub/api/v1/chat/completions"]["post"]["responses"]["200"]["content"]
    data = stream["text/event-stream"]["schema"]["properties"]["data"]
    assert data["anyOf"][0] == {"const": "[DONE]"}
    assert data["anyOf"][1]["contentSchema"] == {"$ref": "#/components/schemas/ChatCompletionChunk"}


def test_the_playground_offers_the_new_operations_in_every_language() -> None:
    operations = browser.info()["apis"]["aigne-hub"]["operations"]
    listed = {(op["method"], op["template"]): op for op in operations}
    for key in (("POST", "/api/v2/chat"), ("GET", "/api/ai/models"), ("GET", "/api/v2/status")):
        summary = listed[key]["summary"]
        assert_in_every_language(summary)
    assert json.loads(listed[("POST", "/api/v2/chat")]["body"]) == SDK_BODY
    discovery = listed[("GET", "/__blocklet__.js")]
    assert discovery["parameters"] == [{"name": "type", "in": "query", "example": "json", "required": True}]
