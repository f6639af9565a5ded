"""An API added from outside: a profile and one route registered, and nothing else changed.

`info()`, the OpenAPI document and the sandbox find it; unregistered, it is gone from all three.
Also: one id spelling (`aigne-hub`), with the old one (`aigne_hub`) still found.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import MappingProxyType

import pytest
from localized import assert_in_every_language, assert_traditional_chinese  # tests/localized.py

from playground import (
    AIGNE_HUB,
    EXAMPLES,
    PROFILES,
    SANDBOX_ROUTES,
    ApiProfile,
    Headers,
    LocalizedText,
    Request,
    SandboxRoute,
    UnknownApiError,
    browser,
    get_example,
    get_profile,
    handle,
    openapi_document,
)
from playground._profiles import register_profile, unregister_profile
from playground._sandbox import (
    Context,
    DocumentedResponse,
    Operation,
    Parameter,
    Schema,
    json_response,
    register_route,
    unregister_route,
)

ECHO_KEY = "echo-demo-key"
ECHO = ApiProfile(
    id="echo",
    names=LocalizedText("Echo", "エコー", "回音"),
    scheme=AIGNE_HUB.scheme,
    origin="https://echo.example",
    base_path="/v1/",
    examples_dir="echo",
    key_pattern=r"[a-z-]+",
    key_placeholder="YOUR_ECHO_KEY",
    demo_keys=MappingProxyType({ECHO_KEY: "read-write"}),
    # No documented examples of its own: it answers a missing key as AIGNE Hub does.
    failure_examples=AIGNE_HUB.failure_examples,
    error_field="error",
    env_var="ECHO_API_KEY",
    security_scheme_name="EchoBearer",
    default_request=("GET", "/v1/echo/{word}"),
)
ECHO_ERROR = Schema("EchoError", {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}})
ECHOED = Schema(
    "Echoed",
    {
        "type": "object",
        "required": ["echo", "times"],
        "properties": {"echo": {"type": "string"}, "times": {"type": "string"}},
    },
)


def _echo(ctx: Context) -> object:
    return json_response(200, {"echo": ctx.params["word"], "times": ctx.request.query.get("times", ["1"])[-1]})


ECHO_ROUTE = SandboxRoute(
    "echo",
    "/v1/echo/{word}",
    LocalizedText("Echo a word.", "単語をそのまま返す。", "原樣傳回一個單字。"),
    {
        "GET": Operation(
            _echo,
            (DocumentedResponse(200, ECHOED, "The word, echoed."),),
            parameters=(
                Parameter("word", "path", "hello"),
                Parameter("times", "query", "2", {"type": "integer", "minimum": 1}),
            ),
        )
    },
    ECHO_ERROR,
)
OPERATION = {
    "method": "GET",
    "path": "/v1/echo/hello",
    "template": "/v1/echo/{word}",
    "append_slash": False,
    "summary": {"en": "Echo a word.", "ja": "単語をそのまま返す。", "zh-TW": "原樣傳回一個單字。"},
    "parameters": [
        {"name": "word", "in": "path", "example": "hello", "required": True},
        {"name": "times", "in": "query", "example": "2", "required": False},
    ],
    "body": "",
}


@pytest.fixture
def echo() -> Iterator[ApiProfile]:
    register_profile(ECHO)
    try:
        register_route(ECHO_ROUTE)
        try:
            yield ECHO
        finally:
            unregister_route(ECHO_ROUTE)
    finally:
        unregister_profile(ECHO)


def echo_request(url: str, key: str | None = ECHO_KEY, method: str = "GET") -> Request:
    return Request(method, url, Headers({"Authorization": f"Bearer {key}"} if key else {}))


def test_info_offers_it_with_its_operations(echo: ApiProfile) -> None:
    api = browser.info()["apis"]["echo"]
    assert api["name"] == "Echo" and api["names"] == {"en": "Echo", "ja": "エコー", "zh-TW": "回音"}
    assert (api["scheme"], api["demo_key"], api["env_var"]) == ("Bearer", ECHO_KEY, "ECHO_API_KEY")
    assert api["operations"] == [OPERATION]
    assert api["endpoints"] == [{"path": "/v1/echo/hello", "methods": ["GET"], "summary": OPERATION["summary"]}]
    assert api["default_request"] == {"method": "GET", "path": "/v1/echo/hello", "body": ""}
    assert api["live_base_url"] == "https://echo.example/"


def test_the_openapi_document_describes_it(echo: ApiProfile) -> None:
    document = openapi_document()
    operation = document["paths"]["/sandbox/echo/v1/echo/{word}"]["get"]
    assert operation["operationId"] == "echo_get_echo_word"
    assert operation["security"] == [{"EchoBearer": []}] and operation["tags"] == ["Echo"]
    # Its summary in every language, a paragraph each, as every operation's.
    assert operation["description"] == "Echo a word.\n\n単語をそのまま返す。\n\n原樣傳回一個單字。"
    assert [p["name"] for p in operation["parameters"]] == ["word", "times"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Echoed"
    }
    assert set(operation["responses"]) == {"200", "401", "414"}  # 414: the server's target limit
    assert document["components"]["securitySchemes"]["EchoBearer"]["scheme"] == "bearer"
    assert {"Echoed", "EchoError"} <= set(document["components"]["schemas"])
    assert "Echo" in [tag["name"] for tag in document["tags"]]
    assert document["info"]["title"] == "MaiAgent, AIGNE Hub and Echo sandbox"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/sandbox/echo/v1/echo/hi?times=3", "https://echo.example/v1/echo/hi?times=3"]
)
def test_the_sandbox_answers_it(echo: ApiProfile, url: str) -> None:
    response = handle(echo_request(url))
    assert (response.status_code, response.json()) == (200, {"echo": "hi", "times": "3"})


def test_its_failures_take_the_shared_paths(echo: ApiProfile) -> None:
    base = "http://127.0.0.1:8000/sandbox/echo"
    missing = handle(echo_request(base + "/v1/echo/hi", key=None))
    assert (missing.status_code, missing.headers.get("www-authenticate")) == (401, "Bearer")
    assert missing.json() == EXAMPLES[AIGNE_HUB.failure_examples["missing"]].json()
    assert handle(echo_request(base + "/v1/echo/hi", method="POST")).status_code == 405
    assert handle(echo_request(base + "/v1/elsewhere")).json() == {"error": "Not found"}
    assert handle(echo_request(base + "/v1/echo/hi", method="OPTIONS")).headers.get("allow") == "GET, HEAD, OPTIONS"


def test_registration_refuses_what_would_break_later(echo: ApiProfile) -> None:
    with pytest.raises(ValueError):
        register_profile(ECHO)
    with pytest.raises(ValueError):
        register_route(ECHO_ROUTE)
    with pytest.raises(ValueError):
        register_profile(ApiProfile(**{**ECHO.__dict__, "id": "Echo_Two"}))
    with pytest.raises(UnknownApiError):
        register_route(SandboxRoute("nowhere", "/x", ECHO_ROUTE.summary, {"GET": Operation(_echo, ())}, ECHO_ERROR))
    with pytest.raises(ValueError):
        SandboxRoute("echo", "/v1/{word}", ECHO_ROUTE.summary, {"GET": Operation(_echo, ())}, ECHO_ERROR)
    with pytest.raises(ValueError):
        SandboxRoute("echo", "/v1/none", ECHO_ROUTE.summary, {}, ECHO_ERROR)


def test_unregistered_it_is_gone_everywhere() -> None:
    # Runs after the tests above: their fixture removed what it added.
    assert "echo" not in PROFILES and all(route.api != "echo" for route in SANDBOX_ROUTES)
    assert "echo" not in browser.info()["apis"]
    assert not any(path.startswith("/sandbox/echo/") for path in openapi_document()["paths"])
    response = handle(echo_request("http://127.0.0.1:8000/sandbox/echo/v1/echo/hi"))
    assert (response.status_code, response.json()["detail"]) == (404, "No sandbox API at this URL.")


# --- the documented APIs' own texts ------------------------------------------------------------------


@pytest.mark.parametrize("api", ["maiagent", "aigne-hub"])
def test_each_profile_names_its_statuses_and_itself_in_every_language(api: str) -> None:
    profile = PROFILES[api]
    assert profile.statuses
    for status in profile.statuses.values():
        assert_in_every_language(status.meaning)
    # A product name is the same in every language; the Chinese one is still written out.
    assert profile.names.zh_tw and profile.names.get("zh-TW") == profile.names.zh_tw
    assert_traditional_chinese(profile.names.zh_tw)


# --- one id spelling --------------------------------------------------------------------------------


def test_every_id_is_spelled_with_a_hyphen() -> None:
    assert set(PROFILES) == {"maiagent", "aigne-hub"}
    for example in EXAMPLES.values():
        assert example.id.split("/")[0] == example.api == get_profile(example.api).examples_dir


def test_the_old_spelling_still_finds_the_example() -> None:
    assert get_example("aigne_hub/401-not-authenticated") is EXAMPLES["aigne-hub/401-not-authenticated"]
    assert get_profile("aigne_hub") is AIGNE_HUB
    result = asyncio.run(browser.reproduce("aigne_hub/400-messages-required"))
    assert result["equal"] and result["example_id"] == "aigne-hub/400-messages-required"
