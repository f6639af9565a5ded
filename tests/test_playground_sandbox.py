"""The sandbox: every route, every documented failure, and no 5xx on any input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground import (
    AIGNE_HUB_DEMO_KEY,
    EXAMPLES,
    MAIAGENT_DEMO_KEY,
    MAIAGENT_READONLY_KEY,
    MAX_BODY_BYTES,
    SERVER_ERROR_PATH,
    Request,
    Response,
    handle,
)
from playground._examples import DEMO_KNOWLEDGE_BASE_ID, FOREIGN_CHATBOT_ID, UNKNOWN_CHATBOT_ID
from playground._sandbox import CHATBOTS

MAI = "https://api.maiagent.ai"
HUB = "https://your-aigne-hub-url"
RW = {"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}"}
RO = {"Authorization": f"Api-Key {MAIAGENT_READONLY_KEY}"}
HUB_KEY = {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"}
HELLO = {"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}
KB_FILES = f"{MAI}/api/v1/knowledge-bases/{DEMO_KNOWLEDGE_BASE_ID}/files/"


def body_of(example_id: str) -> object:
    return EXAMPLES[example_id].json()


def get(url: str, headers: dict[str, str] | None = None) -> Response:
    return handle(Request("GET", url, headers))


def post(url: str, data: object, headers: dict[str, str] | None = None) -> Response:
    return handle(Request.with_json("POST", url, data, headers))


# --- MaiAgent authentication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authorization", "example_id"),
    [
        (None, "maiagent/401-missing-key"),
        ("", "maiagent/401-missing-key"),
        ("Api-Key", "maiagent/401-missing-key"),
        ("Api-Key unknownkey123", "maiagent/401-missing-key"),
        (f"Bearer {MAIAGENT_DEMO_KEY}", "maiagent/401-invalid-format"),
        (MAIAGENT_DEMO_KEY, "maiagent/401-invalid-format"),
        (f"Api-Key  {MAIAGENT_DEMO_KEY}", "maiagent/401-invalid-format"),
        (f"Api-Key {MAIAGENT_DEMO_KEY} x", "maiagent/401-invalid-format"),
        (f"Api-Key {MAIAGENT_DEMO_KEY}!", "maiagent/401-invalid-format"),
        (f'Api-Key "{MAIAGENT_DEMO_KEY}"', "maiagent/401-invalid-format"),
        ("Api-Key YOUR_API_KEY_HERE", "maiagent/401-invalid-format"),
        (f"Api-Key\u3000{MAIAGENT_DEMO_KEY}", "maiagent/401-invalid-format"),
        (f"Token {MAIAGENT_DEMO_KEY}", "maiagent/401-invalid-format"),
    ],
)
def test_maiagent_auth_failures_answer_the_documented_401(authorization: str | None, example_id: str) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = get(f"{MAI}/api/v1/chatbots/", headers)
    assert response.status_code == 401
    assert response.json() == body_of(example_id)
    assert response.headers["WWW-Authenticate"] == "Api-Key"
    assert response.headers["Content-Type"] == "application/json"


def test_maiagent_auth_accepts_scheme_in_any_case_and_surrounding_whitespace() -> None:
    assert get(f"{MAI}/api/v1/chatbots/", {"Authorization": f"api-key {MAIAGENT_DEMO_KEY}"}).status_code == 200
    assert get(f"{MAI}/api/v1/chatbots/", {"Authorization": f" Api-Key {MAIAGENT_DEMO_KEY}\t"}).status_code == 200


# --- MaiAgent: GET /api/v1/chatbots/ -------------------------------------------------------------


def test_list_defaults_to_one_page_of_everything() -> None:
    data = get(f"{MAI}/api/v1/chatbots/", RW).json()
    assert data == {"count": 3, "next": None, "previous": None, "results": [dict(c) for c in CHATBOTS]}


def test_list_paginates_with_links_like_django_rest_framework() -> None:
    first = get(f"{MAI}/api/v1/chatbots/?pageSize=2", RW).json()
    assert first["next"] == f"{MAI}/api/v1/chatbots/?page=2&pageSize=2" and first["previous"] is None
    second = get(first["next"], RW).json()
    assert second["next"] is None and second["previous"] == f"{MAI}/api/v1/chatbots/?pageSize=2"
    assert [c["id"] for c in first["results"] + second["results"]] == [c["id"] for c in CHATBOTS]
    third = get(f"{MAI}/api/v1/chatbots/?page=3&pageSize=1&q=x", RW).json()
    assert third["previous"] == f"{MAI}/api/v1/chatbots/?page=2&pageSize=1&q=x" and third["next"] is None
    assert get(f"{MAI}/api/v1/chatbots/?page=last&pageSize=2", RW).json()["results"] == [dict(CHATBOTS[2])]


def test_list_links_keep_the_sandbox_mount() -> None:
    url = "http://127.0.0.1:8000/sandbox/maiagent/api/v1/chatbots/?page=1&pageSize=1"
    assert get(url, RW).json()["next"] == "http://127.0.0.1:8000/sandbox/maiagent/api/v1/chatbots/?page=2&pageSize=1"


@pytest.mark.parametrize("query", ["page=0", "page=4", "page=abc", "page=-1", "page=%20", "page=1.5"])
def test_list_invalid_page_is_404(query: str) -> None:
    response = get(f"{MAI}/api/v1/chatbots/?{query}", RW)
    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


def test_list_empty_page_is_the_first_like_drf() -> None:
    # PageNumberPagination.get_page_number: `request.query_params.get("page") or 1`.
    assert get(f"{MAI}/api/v1/chatbots/?page=&pageSize=1", RW).json()["results"] == [dict(CHATBOTS[0])]


@pytest.mark.parametrize(
    ("query", "size"), [("pageSize=0", 3), ("pageSize=x", 3), ("pageSize=1000", 3), ("pageSize=1", 1)]
)
def test_list_page_size_falls_back_or_caps(query: str, size: int) -> None:
    assert len(get(f"{MAI}/api/v1/chatbots/?{query}", RW).json()["results"]) == size


def test_list_works_for_the_read_only_key() -> None:
    # Without its trailing slash the path gets Django's redirect: tests/test_sandbox_append_slash.py.
    assert get(f"{MAI}/api/v1/chatbots/", RO).status_code == 200


# --- MaiAgent: POST /api/v1/chatbots/ ------------------------------------------------------------


def test_create_returns_201_with_a_deterministic_id() -> None:
    one = post(f"{MAI}/api/v1/chatbots/", {"name": "Bot", "replyMode": "agent"}, RW)
    two = post(f"{MAI}/api/v1/chatbots/", {"name": "Bot", "replyMode": "agent"}, RW)
    assert one.status_code == 201 and one.json() == two.json()
    assert one.json()["name"] == "Bot" and one.json()["replyMode"] == "agent"


def test_create_with_the_read_only_key_is_403() -> None:
    response = post(f"{MAI}/api/v1/chatbots/", {"name": "Bot"}, RO)
    assert (response.status_code, response.json()) == (403, body_of("maiagent/403-permission-denied"))


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"name": ["This field is required."]}),
        ({"name": None}, {"name": ["This field may not be null."]}),
        ({"name": "  "}, {"name": ["This field may not be blank."]}),
        ({"name": ["x"]}, {"name": ["Not a valid string."]}),
        ({"name": True}, {"name": ["Not a valid string."]}),
        ({"name": "x" * 256}, {"name": ["Ensure this field has no more than 255 characters."]}),
        ({"name": "a\x00b"}, {"name": ["Null characters are not allowed."]}),
        ({"name": "\ud800"}, {"name": ["Surrogate characters are not allowed: U+D800."]}),
        ({"name": "ok", "replyMode": "fast"}, {"replyMode": ['"fast" is not a valid choice.']}),
        ({"name": "ok", "largeLanguageModel": 5.5, "replyMode": 1}, {"replyMode": ['"1" is not a valid choice.']}),
        # DRF's ChoiceField: null first; any other value is shown as Python's str() of it.
        ({"name": "ok", "replyMode": None}, {"replyMode": ["This field may not be null."]}),
        (
            {"name": "ok", "replyMode": [True, {"a": None}]},
            {"replyMode": ["\"[True, {'a': None}]\" is not a valid choice."]},
        ),
        # Every validator's message, in DRF's order: length, NUL, surrogates.
        (
            {"name": "x" * 255 + "\x00\ud800"},
            {
                "name": [
                    "Ensure this field has no more than 255 characters.",
                    "Null characters are not allowed.",
                    "Surrogate characters are not allowed: U+D800.",
                ]
            },
        ),
        ([], {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}),
        ("x", {"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}),
        (None, {"non_field_errors": ["No data provided"]}),
    ],
)
def test_create_validation_errors_map_each_field_to_its_messages(data: object, errors: object) -> None:
    response = post(f"{MAI}/api/v1/chatbots/", data, RW)
    assert (response.status_code, response.json()) == (400, errors)


def test_create_accepts_a_number_as_name_like_drf() -> None:
    assert post(f"{MAI}/api/v1/chatbots/", {"name": 42}, RW).json()["name"] == "42"


def test_create_bodies_that_are_not_json() -> None:
    url = f"{MAI}/api/v1/chatbots/"
    bad = handle(Request("POST", url, {**RW, "Content-Type": "application/json"}, b"{nope"))
    assert bad.status_code == 400 and bad.json()["detail"].startswith("JSON parse error - ")
    assert handle(Request("POST", url, RW, b"[" * 100_000)).status_code == 400
    assert handle(Request("POST", url, RW, b'{"name": NaN}')).status_code == 400
    assert handle(Request("POST", url, RW, b"\xff\xfe")).status_code == 400
    form = handle(Request("POST", url, {**RW, "Content-Type": "application/x-www-form-urlencoded"}, b"name=Form+bot"))
    assert form.status_code == 201 and form.json()["name"] == "Form bot"
    other = handle(Request("POST", url, {**RW, "Content-Type": "text/plain"}, b"hi"))
    assert (other.status_code, other.json()) == (415, {"detail": 'Unsupported media type "text/plain" in request.'})
    empty = handle(Request("POST", url, RW))
    assert (empty.status_code, empty.json()) == (400, {"name": ["This field is required."]})


# --- MaiAgent: GET /api/v1/chatbots/{id}/ --------------------------------------------------------


def test_detail_returns_the_chatbot() -> None:
    chatbot = dict(CHATBOTS[1])
    assert get(f"{MAI}/api/v1/chatbots/{chatbot['id']}/", RW).json() == chatbot
    assert get(f"{MAI}/api/v1/chatbots/{chatbot['id'].upper()}/", RO).json() == chatbot


def test_detail_of_another_workspace_is_403_and_unknown_is_404() -> None:
    foreign = get(f"{MAI}/api/v1/chatbots/{FOREIGN_CHATBOT_ID}/", RW)
    assert (foreign.status_code, foreign.json()) == (403, body_of("maiagent/403-permission-denied"))
    for chatbot_id in (UNKNOWN_CHATBOT_ID, "not-a-uuid", "%2F"):
        missing = get(f"{MAI}/api/v1/chatbots/{chatbot_id}/", RW)
        assert (missing.status_code, missing.json()) == (404, body_of("maiagent/404-not-found"))


# --- MaiAgent: POST /api/v1/knowledge-bases/{id}/files/ -----------------------------------------


def test_knowledge_base_file_created() -> None:
    response = post(KB_FILES, {"files": ["a.pdf"], "filename": "a.pdf", "file": "uploads/a.pdf"}, RW)
    assert response.status_code == 201
    assert response.json()["knowledgeBase"] == DEMO_KNOWLEDGE_BASE_ID and response.json()["status"] == "processing"


def test_knowledge_base_file_missing_fields_is_the_documented_400() -> None:
    response = post(KB_FILES, {}, RW)
    assert (response.status_code, response.json()) == (400, body_of("maiagent/400-required-fields"))
    assert list(response.json()) == ["files", "filename", "file"]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"files": "a", "filename": "a", "file": "a"}, {"files": ['Expected a list of items but got type "str".']}),
        ({"files": [], "filename": "a", "file": "a"}, {"files": ["This list may not be empty."]}),
        ({"files": None, "filename": "a", "file": "a"}, {"files": ["This field may not be null."]}),
        (
            # DRF's ListField: each bad item's messages under its index.
            {"files": [{}, "ok", " ", "a\x00"], "filename": "a", "file": ""},
            {
                "files": {"0": ["Not a valid string."], "2": ["This field may not be blank."]}
                | {"3": ["Null characters are not allowed."]},
                "file": ["This field may not be blank."],
            },
        ),
    ],
)
def test_knowledge_base_file_type_errors(data: object, errors: object) -> None:
    response = post(KB_FILES, data, RW)
    assert (response.status_code, response.json()) == (400, errors)


def test_knowledge_base_file_unknown_base_and_read_only_key() -> None:
    unknown = post(f"{MAI}/api/v1/knowledge-bases/{UNKNOWN_CHATBOT_ID}/files/", {}, RW)
    assert (unknown.status_code, unknown.json()) == (404, body_of("maiagent/404-not-found"))
    assert post(KB_FILES, {}, RO).status_code == 403


# --- MaiAgent: the documented 500, 404, 405, 413, HEAD, OPTIONS ---------------------------------


def test_server_error_route_is_the_only_500_and_needs_a_key() -> None:
    response = get(MAI + SERVER_ERROR_PATH, RO)
    assert (response.status_code, response.json()) == (500, body_of("maiagent/500-server-error"))
    assert get(MAI + SERVER_ERROR_PATH).status_code == 401


def test_unknown_paths_are_the_documented_404_even_without_a_key() -> None:
    for path in ("/", "/api/v1/", "/api/v1/nothing/", "/api/v2/chatbots/", "/api/v1/chatbots/a/b/"):
        response = get(MAI + path)
        assert (response.status_code, response.json()) == (404, body_of("maiagent/404-not-found")), path


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "TRACE", "BREW", "GET IT"])
def test_unsupported_methods_are_405_with_allow(method: str) -> None:
    response = handle(Request(method, f"{MAI}/api/v1/chatbots/", RW))
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert response.json() == {"detail": f'Method "{method}" not allowed.'}


def test_head_and_options() -> None:
    head = handle(Request("HEAD", f"{MAI}/api/v1/chatbots/", RW))
    assert head.status_code == 200 and head.body == b""
    assert handle(Request("HEAD", f"{MAI}/api/v1/chatbots/")).body == b""
    options = handle(Request("OPTIONS", f"{MAI}/api/v1/chatbots/{UNKNOWN_CHATBOT_ID}/"))
    assert options.status_code == 204 and options.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_huge_bodies_are_413_in_each_apis_shape() -> None:
    huge = b"x" * (MAX_BODY_BYTES + 1)
    mai = handle(Request("POST", f"{MAI}/api/v1/chatbots/", RW, huge))
    assert mai.status_code == 413 and "too large" in mai.json()["detail"]
    hub = handle(Request("POST", f"{HUB}/api/v1/chat/completions", HUB_KEY, huge))
    assert hub.status_code == 413 and "too large" in hub.json()["error"]


def test_urls_outside_any_api_and_malformed_urls() -> None:
    nowhere = get("https://example.com/api/v1/chatbots/")
    assert nowhere.status_code == 404 and nowhere.json()["apis"] == ["/sandbox/maiagent/", "/sandbox/aigne-hub/"]
    assert get("http://[::1/sandbox/maiagent/").status_code == 400
    assert get("/sandbox/aigne-hub/api/v1/chat/completions").status_code == 401  # auth comes before 405


# --- AIGNE Hub -----------------------------------------------------------------------------------


def test_chat_completion_is_deterministic() -> None:
    one = post(f"{HUB}/api/v1/chat/completions", HELLO, HUB_KEY)
    assert one.status_code == 200 and one.json() == post(f"{HUB}/api/v1/chat/completions", HELLO, HUB_KEY).json()
    assert one.json()["choices"][0]["message"]["content"] == "Hello from the AIGNE Hub sandbox! You said: Hello!"
    parts = {
        "model": "m",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "Hi there"}]},
        ],
    }
    reply = post(f"{HUB}/api/v1/chat/completions", parts, HUB_KEY).json()
    assert reply["choices"][0]["message"]["content"].endswith("You said: Hi there")
    assert reply["usage"] == {"prompt_tokens": 4, "completion_tokens": 10, "total_tokens": 14}


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong",
        f"Api-Key {AIGNE_HUB_DEMO_KEY}",
        AIGNE_HUB_DEMO_KEY,
        f"Bearer  {AIGNE_HUB_DEMO_KEY}",
    ],
)
def test_chat_completion_bad_keys_are_the_documented_401(authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = post(f"{HUB}/api/v1/chat/completions", HELLO, headers)
    assert (response.status_code, response.json()) == (401, body_of("aigne-hub/401-not-authenticated"))
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ([], '"value" must be of type object'),
        ({"model": 1, "messages": HELLO["messages"]}, '"model" must be a string'),
        ({"model": "m"}, '"value" must contain at least one of [prompt, messages]'),
        (
            {"model": "m", "prompt": "hi", "messages": HELLO["messages"]},
            '"value" contains a conflict between exclusive peers [prompt, messages]',
        ),
        ({"model": "m", "prompt": ""}, '"prompt" is not allowed to be empty'),
        ({"model": "m", "prompt": 1}, '"prompt" must be a string'),
        (
            {"model": "m", "messages": [{"role": "user", "content": [None]}]},
            '"messages[0].content[0]" must be of type object',
        ),
        ({"model": "m", "messages": "hi"}, '"messages" must be an array'),
        ({"model": "m", "messages": []}, '"messages" must contain at least 1 items'),
        ({"model": "m", "messages": ["hi"]}, '"messages[0]" must be of type object'),
        ({"model": "m", "messages": [{"content": "hi"}]}, '"messages[0].role" is required'),
        (
            {"model": "m", "messages": [{"role": "bot", "content": "hi"}]},
            '"messages[0].role" must be one of [system, user, assistant, tool]',
        ),
        (
            {"model": "m", "messages": [{"role": "user", "content": 3}]},
            '"messages[0].content" must be one of [string, array]',
        ),
        ({**HELLO, "stream": 1}, '"stream" must be a boolean'),
        ({**HELLO, "stream": "yes"}, '"stream" must be a boolean'),
        ({**HELLO, "stream": True, "stream_options": None}, '"stream_options" must be of type object'),
        (
            {**HELLO, "stream": True, "stream_options": {"include_usage": 1}},
            '"stream_options.include_usage" must be a boolean',
        ),
    ],
)
def test_chat_completion_validation(data: object, error: str) -> None:
    response = post(f"{HUB}/api/v1/chat/completions", data, HUB_KEY)
    assert (response.status_code, response.json()) == (400, {"error": error})


def test_chat_completion_transport_level_errors() -> None:
    url = f"{HUB}/api/v1/chat/completions"
    assert handle(Request("POST", url, HUB_KEY, b"{")).json() == {"error": "Request body is not valid JSON"}
    other = handle(Request("POST", url, {**HUB_KEY, "Content-Type": "text/plain"}, b"{}"))
    assert (other.status_code, other.json()) == (415, {"error": "Content-Type must be application/json"})
    wrong_method = handle(Request("GET", url, HUB_KEY))
    assert wrong_method.status_code == 405 and wrong_method.headers["Allow"] == "POST, OPTIONS"
    assert get(f"{HUB}/api/v1/models", HUB_KEY).json() == {"error": "Not found"}
    assert post("http://localhost/sandbox/aigne-hub/api/v1/chat/completions/", HELLO, HUB_KEY).status_code == 200


# --- properties: no 5xx on any input, never an exception ---------------------------------------

_ORIGINS = st.sampled_from(
    [MAI, HUB, "http://127.0.0.1:8000/sandbox/maiagent", "http://h/sandbox/aigne-hub", "http://h/sandbox", "http://h"]
)
_PATHS = st.one_of(
    st.sampled_from(
        [
            "/api/v1/chatbots/",
            "/api/v1/chatbots",
            f"/api/v1/chatbots/{CHATBOTS[0]['id']}/",
            f"/api/v1/chatbots/{FOREIGN_CHATBOT_ID}/",
            f"/api/v1/knowledge-bases/{DEMO_KNOWLEDGE_BASE_ID}/files/",
            "/api/v1/chat/completions",
            "/api/v2/chat",
            "/api/ai/models",
            "/api/v2/status",
            "/__blocklet__.js",
            "/",
            "",
        ]
    ),
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="?#"), max_size=8), max_size=4).map(
        lambda parts: "/" + "/".join(parts)
    ),
)
_QUERY = st.one_of(
    st.just(""),
    st.dictionaries(st.sampled_from(["page", "pageSize", "q", "type"]), st.text(max_size=6)).map(
        lambda d: "?" + "&".join(f"{k}={v}" for k, v in d.items())
    ),
)
_AUTH = st.one_of(
    st.sampled_from(
        [
            f"Api-Key {MAIAGENT_DEMO_KEY}",
            f"Api-Key {MAIAGENT_READONLY_KEY}",
            f"Bearer {AIGNE_HUB_DEMO_KEY}",
            "Bearer x",
            "",
        ]
    ),
    st.text(max_size=20),
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "name": _JSON,
        "replyMode": _JSON,
        "files": _JSON,
        "filename": _JSON,
        "file": _JSON,
        "model": _JSON,
        "messages": st.one_of(
            _JSON,
            st.lists(
                st.fixed_dictionaries(
                    {}, optional={"role": st.sampled_from(["user", "system", "assistant", "x"]), "content": _JSON}
                ),
                max_size=3,
            ),
        ),
        "stream": st.one_of(st.booleans(), _JSON),
        "stream_options": st.one_of(st.fixed_dictionaries({}, optional={"include_usage": _JSON}), _JSON),
    },
)
# AIGNE Hub's v2 envelope, with any value where the SDK puts one.
_ENVELOPE = st.fixed_dictionaries(
    {},
    optional={
        "input": st.one_of(_FIELDS, st.fixed_dictionaries({"messages": _JSON, "modelOptions": _JSON}), _JSON),
        "agent": st.one_of(st.just("$CHAT_MODEL"), _JSON),
        "options": st.one_of(st.fixed_dictionaries({}, optional={"streaming": _JSON, "memories": _JSON}), _JSON),
    },
)
_BODY = st.one_of(
    st.binary(max_size=64),
    *(strategy.map(lambda v: json.dumps(v).encode()) for strategy in (_JSON, _FIELDS, _ENVELOPE)),
)


@settings(max_examples=500, deadline=None, database=None)
@given(
    method=st.one_of(st.sampled_from(["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE"]), st.text(max_size=8)),
    origin=_ORIGINS,
    path=_PATHS,
    query=_QUERY,
    authorization=_AUTH,
    content_type=st.sampled_from([None, "application/json", "application/x-www-form-urlencoded", "text/plain", ""]),
    body=_BODY,
)
def test_the_sandbox_never_answers_5xx(
    method: str, origin: str, path: str, query: str, authorization: str, content_type: str | None, body: bytes
) -> None:
    headers = {"Authorization": authorization}
    if content_type is not None:
        headers["Content-Type"] = content_type
    request = Request(method, origin + path + query, headers, body)
    response = handle(request)
    assert 200 <= response.status_code < 500, (response.status_code, response.text)
    if response.status_code == 301:
        # Django's redirect of a path without its trailing slash: relative, no body.
        assert response.headers["Location"].startswith("/") and not response.headers["Location"].startswith("//")
        assert response.body == b""
        return
    if request.method == "HEAD" or response.status_code == 204:
        return
    if response.headers.get("content-type") == "text/event-stream":
        events = response.text.split("\n\n")
        assert events[-1] == "" and all(e.startswith("data: ") for e in events[:-1])
        [json.loads(e[len("data: ") :]) for e in events[:-1] if e != "data: [DONE]"]
    else:
        response.json()


def test_json_nesting_is_bounded_before_parsing() -> None:
    # Under Pyodide a deeply nested body overflowed the JavaScript stack and killed the interpreter
    # (found by tests/test_pyodide_unit.py); the depth is now checked before the C parser runs.
    from playground._models import MAX_JSON_DEPTH, loads_json

    assert loads_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) is not None
    with pytest.raises(ValueError, match="nested deeper"):
        loads_json("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))
    brackets_in_strings = '{"a": "' + "[{" * 5000 + '"}'
    assert loads_json(brackets_in_strings) == {"a": "[{" * 5000}
    too_deep = handle(Request("POST", f"{MAI}/api/v1/chatbots/", RW, b'{"a":' * 10_000 + b"1" + b"}" * 10_000))
    assert too_deep.status_code == 400 and "nested deeper" in too_deep.json()["detail"]


@pytest.mark.parametrize("model", [None, ""])
def test_a_chat_completion_without_a_model_uses_the_hubs_default(model: str | None) -> None:
    # AIGNE Hub's validator: `model: Joi.string().empty(['', null]).default('gpt-3.5-turbo')`.
    data = {"messages": HELLO["messages"]} if model is None else {**HELLO, "model": model}
    response = post(f"{HUB}/api/v1/chat/completions", data, {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"})
    assert response.status_code == 200 and response.json()["model"] == "gpt-3.5-turbo"


def test_a_prompt_is_one_user_message() -> None:
    headers = {"Authorization": f"Bearer {AIGNE_HUB_DEMO_KEY}"}
    by_prompt = post(f"{HUB}/api/v1/chat/completions", {"model": "m", "prompt": "Hello!"}, headers).json()
    by_messages = post(
        f"{HUB}/api/v1/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "Hello!"}]}, headers
    ).json()
    assert by_prompt == by_messages
