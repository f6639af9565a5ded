"""The Web Worker's adapter (playground.browser), in CPython: JSON-ready dicts in and out, every language."""

from __future__ import annotations

import asyncio
import json

import pytest

import playground
from playground import browser


def run(coroutine):
    return asyncio.run(coroutine)


def test_info_describes_both_apis_from_the_package() -> None:
    info = browser.info()
    assert info["apis"]["maiagent"]["demo_key"] == playground.MAIAGENT_DEMO_KEY
    assert info["apis"]["aigne-hub"]["demo_key"] == playground.AIGNE_HUB_DEMO_KEY
    assert info["apis"]["maiagent"]["demo_keys"][playground.MAIAGENT_READONLY_KEY] == "read-only"
    paths = {e["path"] for e in info["apis"]["maiagent"]["endpoints"]}
    assert "/api/v1/chatbots/" in paths and playground.SERVER_ERROR_PATH in paths
    assert not any("{" in p for p in paths), "offered endpoints must be concrete"
    assert set(info["examples"]) == set(playground.EXAMPLES)
    json.dumps(info)


@pytest.mark.parametrize(
    ("api", "pasted", "code", "value", "key"),
    [
        (
            "maiagent",
            "Bearer demo1234abcd5678",
            "wrong_scheme_bearer",
            "Api-Key Bearer demo1234abcd5678",
            "demo1234abcd5678",
        ),
        (
            "aigne-hub",
            "Api-Key aigne-demo-key",
            "wrong_scheme_api_key",
            "Bearer Api-Key aigne-demo-key",
            "aigne-demo-key",
        ),
        (
            "maiagent",
            "Api-Key\u3000demo1234abcd5678",
            "fullwidth_space",
            "Api-Key Api-Key\u3000demo1234abcd5678",
            "demo1234abcd5678",
        ),
    ],
)
def test_diagnose_explains_in_both_languages(api: str, pasted: str, code: str, value: str, key: str) -> None:
    result = browser.diagnose(api, pasted)
    assert (result["value"], result["key"], result["ok"]) == (value, key, False)
    finding = next(f for f in result["findings"] if f["code"] == code)
    assert finding["message"]["en"] and finding["message"]["ja"] and finding["fix"]["ja"]
    assert finding["apply"] is True and finding["severity"] == "error"
    # A full-width space is never sent: no documented answer, the message says so.
    assert finding["example_id"] in playground.EXAMPLES or "Send does not send" in finding["message"]["en"]
    assert set(finding) == {"code", "severity", "message", "fix", "apply", "example_id"}
    json.dumps(result)


def test_diagnose_empty_key_sends_no_header() -> None:
    result = browser.diagnose("maiagent", "")
    assert result["value"] == "" and "empty_key" in [f["code"] for f in result["findings"]]


# --- Send sends what was typed; Apply fix; the answer's new fields ---------------------------------


@pytest.mark.parametrize(
    ("api", "typed", "body"),
    [
        ("maiagent", "Bearer demo1234abcd5678", {"detail": "Invalid API key format."}),
        ("maiagent", "MAIAGENT_API_KEY=demo1234abcd5678", {"detail": "Invalid API key format."}),
        ("aigne-hub", "Api-Key aigne-demo-key", {"error": "User not authenticated"}),
    ],
)
def test_send_gets_the_documented_401_and_apply_fix_then_200(api: str, typed: str, body: dict) -> None:
    request = browser.info()["apis"][api]["default_request"]
    spec = {"api": api, "key": typed, **request}
    sent = run(browser.send(spec))
    assert (sent["status"], json.loads(sent["body"])) == (401, body)
    diagnosis = browser.diagnose(api, typed)
    assert [f["apply"] for f in diagnosis["findings"]] == [True]
    fixed = run(browser.send(dict(spec, key=diagnosis["key"])))
    assert fixed["status"] == 200
    assert [f["severity"] for f in browser.diagnose(api, diagnosis["key"])["findings"]] == ["info"]


class Recorder(playground.SandboxTransport):
    def __init__(self) -> None:
        self.sent: list = []

    def handle_request(self, request):  # noqa: ANN001, ANN201
        self.sent.append(request)
        return super().handle_request(request)


@pytest.mark.parametrize(
    "typed", ["Api-Key\u3000demo1234abcd5678", "demo1234abcd5678\n", "\u201cdemo1234abcd5678\u201d"]
)
@pytest.mark.parametrize("target", ["sandbox", "http://127.0.0.1:9/sandbox/maiagent/"])
def test_a_key_no_header_can_carry_is_not_sent(typed: str, target: str) -> None:
    recorder = Recorder()
    spec = {"api": "maiagent", "key": typed, "method": "GET", "path": "/api/v1/chatbots/"}
    result = run(browser.send(spec, target, transport=recorder))
    assert result["ok"] is False and not recorder.sent
    error = result["error"]
    assert (error["code"], error["sent"]) == ("header_characters", False)
    assert "full-width space" in error["message"]["en"] and "全角スペース" in error["message"]["ja"]
    assert "Apply fix" in error["message"]["en"] and "修正を適用" in error["message"]["ja"]
    fixed = run(browser.send(dict(spec, key=browser.diagnose("maiagent", typed)["key"]), target, transport=recorder))
    assert fixed["status"] == 200 and len(recorder.sent) == 1


def test_the_answer_says_its_size_target_and_what_its_status_means() -> None:
    spec = {
        "api": "maiagent",
        "key": playground.MAIAGENT_DEMO_KEY,
        "method": "GET",
        "path": "/api/v1/chatbots/?page=1&pageSize=2",
    }
    result = run(browser.send(spec))
    assert result["size"] == len(result["body"].encode("utf-8"))
    assert result["target"] == "sandbox"
    assert result["answered_as"] == "https://api.maiagent.ai/api/v1/chatbots/?page=1&pageSize=2"
    assert result["status_info"] == {
        "meaning": {"en": "Request successful", "ja": "リクエスト成功", "zh-TW": "請求成功"},
        "page": "maiagent/status-codes/",
        "anchor": "200",
    }
    assert "unmodelled" not in result
    unauthorized = run(browser.send(dict(spec, key="")))
    assert unauthorized["status_info"]["anchor"] == "401"
    assert unauthorized["status_info"]["meaning"] == {
        "en": "Authentication failed",
        "ja": "認証失敗",
        "zh-TW": "身分驗證失敗",
    }
    live = run(browser.send(spec, "http://127.0.0.1:9/sandbox/maiagent/", transport=playground.SandboxTransport()))
    assert live["target"] == "live" and "answered_as" not in live and "unmodelled" not in live
    assert live["status_info"]["anchor"] == "200"


def test_aigne_hub_links_each_status_to_its_status_codes_page() -> None:
    spec = {"api": "aigne-hub", "key": "", **browser.info()["apis"]["aigne-hub"]["default_request"]}
    unauthorized = run(browser.send(spec))
    assert unauthorized["status_info"] == {
        "meaning": {
            "en": "Missing or invalid API key",
            "ja": "API キーがない、または無効",
            "zh-TW": "缺少 API 金鑰或金鑰無效",
        },
        "page": "aigne-hub/status-codes/",
        "anchor": "401",
    }
    assert unauthorized["answered_as"] == "https://your-aigne-hub-url/api/v1/chat/completions"
    ok = run(browser.send(dict(spec, key=playground.AIGNE_HUB_DEMO_KEY)))
    assert ok["status"] == 200 and ok["status_info"]["anchor"] == "200"
    assert ok["status_info"]["page"] == "aigne-hub/status-codes/"


@pytest.mark.parametrize(
    ("api", "path"),
    [("maiagent", "/api/v1/not-modelled/"), ("maiagent", "/api/v2/chatbots/"), ("aigne-hub", "/api/v1/models")],
)
def test_an_endpoint_the_sandbox_does_not_model_says_so(api: str, path: str) -> None:
    key = browser.info()["apis"][api]["demo_key"]
    result = run(browser.send({"api": api, "key": key, "method": "GET", "path": path}))
    assert result["status"] == 404
    assert "does not model this endpoint; the real API may" in result["unmodelled"]["en"]
    assert "再現していません" in result["unmodelled"]["ja"]
    assert "並未模擬這個端點" in result["unmodelled"]["zh-TW"]
    assert result["status_info"] is None  # not linked to what the real API's 404 means


def test_the_documented_404_is_modelled() -> None:
    example = playground.get_example("maiagent/404-not-found")
    spec = {"api": "maiagent", "key": playground.MAIAGENT_DEMO_KEY, "method": "GET", "path": example.request.path}
    result = run(browser.send(spec))
    assert (result["status"], json.loads(result["body"])) == (404, example.json())
    assert "unmodelled" not in result and result["status_info"]["anchor"] == "404"


def test_reproduce_answers_with_the_same_fields() -> None:
    result = run(browser.reproduce("maiagent/401-invalid-format"))
    assert result["target"] == "sandbox" and result["size"] == len(result["body"].encode())
    assert result["answered_as"] == "https://api.maiagent.ai/api/v1/chatbots/"
    assert result["status_info"]["anchor"] == "401" and "unmodelled" not in result


def test_send_to_the_sandbox() -> None:
    spec = {"api": "maiagent", "key": playground.MAIAGENT_DEMO_KEY, "method": "GET", "path": "/api/v1/chatbots/"}
    result = run(browser.send(spec))
    assert result["ok"] and result["status"] == 200 and result["reason"] == "OK"
    assert json.loads(result["pretty"])["count"] == 3
    assert result["elapsed_ms"] >= 0
    assert result["url"] == "https://api.maiagent.ai/api/v1/chatbots/"


def test_send_with_a_json_body() -> None:
    spec = {
        "api": "aigne-hub",
        "key": playground.AIGNE_HUB_DEMO_KEY,
        "method": "POST",
        "path": "/api/v1/chat/completions",
        "body": browser.info()["apis"]["aigne-hub"]["default_request"]["body"],
    }
    result = run(browser.send(spec))
    assert result["status"] == 200
    assert "Hello!" in json.loads(result["body"])["choices"][0]["message"]["content"]


@pytest.mark.parametrize(
    ("spec", "target", "code"),
    [
        ({"body": "{not json"}, "sandbox", "invalid_json"),
        ({"body": "x" * (playground.MAX_BODY_BYTES + 1)}, "sandbox", "body_too_large"),
        ({"path": "https://evil.example/api"}, "sandbox", "invalid_path"),
        ({"method": "BREW"}, "sandbox", "invalid_method"),
        ({}, "ftp://127.0.0.1/", "non_http_scheme"),
        ({}, "javascript:alert(1)", "non_http_scheme"),
        ({}, "not a url", "invalid_url"),
        ({}, "http://[::1", "invalid_url"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_sent(spec: dict, target: str, code: str) -> None:
    sent = []

    class Recorder(playground.BaseTransport):
        def handle_request(self, request):
            sent.append(request)
            return playground.Response(200)

    full = {"api": "maiagent", "key": "k", "method": "POST", "path": "/api/v1/chatbots/", **spec}
    result = run(browser.send(full, target, transport=Recorder()))
    assert result["ok"] is False and result["error"]["code"] == code
    assert result["error"]["message"]["en"] and result["error"]["message"]["ja"]
    assert not sent


@pytest.mark.parametrize(
    ("api", "root"), [("maiagent", "https://api.maiagent.ai/"), ("aigne-hub", "https://your-aigne-hub-url/")]
)
def test_a_bad_or_empty_base_url_is_explained_with_the_apis_own_root(api: str, root: str) -> None:
    assert browser.info()["apis"][api]["live_base_url"] == root
    spec = {"api": api, "key": "k", "method": "GET", "path": "/api/v1/chatbots/", "body": ""}
    for target, code in (("not a url", "invalid_url"), ("  ", "empty_url")):
        error = run(browser.send(spec, target))["error"]
        assert error["code"] == code
        assert root in error["message"]["en"] and root in error["message"]["ja"]
        assert "sandbox/maiagent" not in error["message"]["en"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('{"a": 1,', "1 行目、9 列目"),
        ("[1 2]", "1 行目、4 列目"),
        ('{"a" 1}', "1 行目、6 列目"),
        ('"abc', "1 行目、1 列目"),
        ('"a\tb"', "1 行目、3 列目"),
        ('"\\q"', "1 行目、2 列目"),
        ('"\\u12"', "1 行目、3 列目"),
        ("1 2", "1 行目、3 列目"),
        ("[1,]", "1 行目、3 列目"),
        ('{"a": 1,}', "1 行目、8 列目"),
        ("\n\n  tru", "3 行目、3 列目"),
    ],
)
def test_invalid_json_is_explained_in_japanese_with_where_it_went_wrong(body: str, where: str) -> None:
    spec = {"api": "maiagent", "key": "k", "method": "POST", "path": "/api/v1/chatbots/", "body": body}
    error = run(browser.send(spec))["error"]
    assert error["code"] == "invalid_json"
    en, ja = error["message"]["en"], error["message"]["ja"]
    assert error["detail"] in en
    assert ja.startswith("本文が正しい JSON ではないため") and where in ja
    assert not any(
        c.isascii() and c.isalpha() for c in ja.split("：", 2)[-1].replace("JSON", "").replace("uXXXX", "")
    ), ja


class FakeFetchResponse:
    def __init__(self, status: int, headers: dict, body: bytes) -> None:
        self.status, self.headers, self._body = status, headers, body

    async def bytes(self) -> bytes:
        return self._body


def test_send_to_a_live_target_goes_below_its_base_url() -> None:
    calls = []

    async def pyfetch(url, **options):
        calls.append((url, options))
        return FakeFetchResponse(401, {"content-type": "text/html"}, b"<script>alert(1)</script>")

    transport = playground.FetchTransport(pyfetch=pyfetch)
    spec = {"api": "maiagent", "key": "Bearer abc123", "method": "GET", "path": "/api/v1/chatbots/"}
    result = run(browser.send(spec, "http://127.0.0.1:9/sandbox/maiagent/", transport=transport))
    ((url, options),) = calls
    assert url == "http://127.0.0.1:9/sandbox/maiagent/api/v1/chatbots/"
    assert options["headers"]["Authorization"] == "Api-Key Bearer abc123"  # as typed: no correction
    assert options["credentials"] == "omit"
    assert result["status"] == 401 and result["pretty"] is None
    assert result["body"] == "<script>alert(1)</script>"  # returned as text: the page renders it with textContent


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (OSError("Failed to fetch"), "network"),
        (TimeoutError(), "timeout"),
    ],
)
def test_live_failures_are_explained(error: Exception, code: str) -> None:
    async def pyfetch(url, **options):
        raise error

    transport = playground.FetchTransport(pyfetch=pyfetch)
    spec = {"api": "maiagent", "key": "abc", "method": "GET", "path": "/api/v1/chatbots/"}
    result = run(browser.send(spec, "https://api.example.invalid/", transport=transport))
    assert result["error"]["code"] == code
    if code == "network":
        assert "CORS" in result["error"]["message"]["en"] and "CORS" in result["error"]["message"]["ja"]


def test_too_large_live_response_is_refused() -> None:
    async def pyfetch(url, **options):
        return FakeFetchResponse(200, {"content-length": "999999999"}, b"")

    transport = playground.FetchTransport(pyfetch=pyfetch, max_response_bytes=10)
    result = run(browser.send({"api": "maiagent", "path": "/"}, "http://127.0.0.1:9/", transport=transport))
    assert result["error"]["code"] == "too_large"


@pytest.mark.parametrize("example_id", [e.id for e in playground.EXAMPLES.values() if e.status in (400, 401, 500)])
def test_reproduce_matches_the_documented_example(example_id: str) -> None:
    result = run(browser.reproduce(example_id))
    assert result["equal"] is True
    assert result["status"] == result["documented_status"] == playground.get_example(example_id).status
    assert result["documented"] == playground.get_example(example_id).text()


def test_reproduce_unknown_example() -> None:
    assert run(browser.reproduce("nope"))["error"]["code"] == "unknown_example"


def tabs(answer: dict) -> dict[str, str]:
    return {tab["id"]: tab["code"] for tab in answer["tabs"]}


def test_code_reads_the_key_from_the_environment_by_default() -> None:
    spec = {
        "api": "maiagent",
        "key": "secretKey123",
        "method": "POST",
        "path": "/api/v1/chatbots/",
        "body": '{"name": "Docs assistant", "flag": true, "none": null}',
    }
    answer = browser.code(spec)
    assert answer["key_included"] is False and answer["env_var"] == "MAIAGENT_API_KEY"
    code = tabs(answer)
    assert list(code) == ["curl", "python", "javascript", "node"]
    assert not any("secretKey123" in text for text in code.values())
    assert 'os.environ["MAIAGENT_API_KEY"]' in code["python"] and "$MAIAGENT_API_KEY" in code["curl"]
    assert "process.env.MAIAGENT_API_KEY" in code["node"] and '"YOUR_API_KEY"' in code["javascript"]
    compile(code["python"], "<test>", "exec")
    with_key = browser.code(spec, use_my_key=True)
    assert with_key["key_included"] is True
    assert all("secretKey123" in text and "os.environ" not in text for text in tabs(with_key).values())
    aigne = browser.code({"api": "aigne-hub", "key": "k", "method": "POST", "path": "/api/v1/chat/completions"})
    assert [tab["id"] for tab in aigne["tabs"]][-1] == "openai"
    assert 'os.environ["AIGNE_HUB_API_KEY"]' in tabs(aigne)["python"]
    assert "キー" in tabs(browser.code(spec, use_my_key=True, lang="ja"))["python"]
    assert "# 您的金鑰直接寫在這段程式碼中" in tabs(browser.code(spec, use_my_key=True, lang="zh-TW"))["python"]


def test_code_for_a_request_without_a_key_sends_no_authorization_header() -> None:
    # A documented request without a key (the missing-key example): `key` is None.
    spec = {"api": "maiagent", "key": None, "method": "GET", "path": "/api/v1/chatbots/"}
    for lang, note in (("en", "No key"), ("ja", "キーなし"), ("zh-TW", "沒有金鑰")):
        for text in tabs(browser.code(spec, use_my_key=True, lang=lang)).values():
            assert note in text.splitlines()[0] or note in text.splitlines()[2]  # after the imports
            program = [line for line in text.splitlines() if not line.startswith(("#", "//"))]
            assert not any("Authorization" in line or "API_KEY" in line or "apiKey" in line for line in program)


def test_code_with_an_empty_key_field_reads_the_environment_variable() -> None:
    # The code is for the reader's project, where the variable holds their key; opting in with
    # nothing typed puts no key in the code either.
    spec = {"api": "maiagent", "key": "", "method": "GET", "path": "/api/v1/chatbots/"}
    for use_my_key in (False, True):
        answer = browser.code(spec, use_my_key=use_my_key)
        assert answer["key_included"] is False
        code = tabs(answer)
        assert 'os.environ["MAIAGENT_API_KEY"]' in code["python"] and "$MAIAGENT_API_KEY" in code["curl"]
        assert "No key" not in code["python"]


@pytest.mark.parametrize(
    "key", ["Token abc", "ab cd", "Bearer demo1234abcd5678", "Authorization: Api-Key demo1234abcd5678", "a'b\"c$`d"]
)
def test_code_with_my_key_writes_the_typed_text_verbatim(key: str) -> None:
    # Contract: the header is `<scheme> <typed text>`, as Send sends it; nothing is corrected.
    spec = {"api": "maiagent", "key": key, "method": "GET", "path": "/api/v1/chatbots/"}
    code = tabs(browser.code(spec, use_my_key=True))
    namespace: dict = {}
    exec(code["python"].split("response =")[0], namespace)  # the key's assignment only: nothing is sent
    assert namespace["API_KEY"] == key


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"name": "x",}', {"en": "Illegal trailing comma", "ja": "余分な `,`", "zh-TW": "多餘的 `,`"}),
        ('{"n": 1e999}', {"en": "1e999", "ja": "1e999", "zh-TW": "1e999"}),
        ("x" * (browser.MAX_BODY_BYTES + 1), {"en": "1 MiB", "ja": "1 MiB", "zh-TW": "1 MiB"}),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ja", "zh-TW"])
def test_generated_code_says_why_it_leaves_out_a_body_send_refuses(body: str, reason: dict, lang: str) -> None:
    spec = {"api": "maiagent", "key": "k", "method": "POST", "path": "/api/v1/chatbots/", "body": body}
    assert run(browser.send(spec))["ok"] is False  # Send refuses it ...
    code = tabs(browser.code(spec, lang=lang))
    assert "json=" not in code["python"] and "--data-raw" not in code["curl"] and "body:" not in code["node"]
    # ... and the code leaves it out, on one comment line that says why
    intro = {"en": "# The body is left out:", "ja": "# 本文は付けていません：", "zh-TW": "# 未附上本文："}[lang]
    (comment,) = [line for line in code["python"].splitlines() if line.startswith(intro)]
    assert reason[lang] in comment
    compile(code["python"], "<test>", "exec")


def test_code_for_a_live_target_calls_the_typed_base_url() -> None:
    spec = {"api": "maiagent", "key": "k", "method": "GET", "path": "/api/v1/chatbots/?page=1"}
    code = tabs(browser.code(spec, "http://127.0.0.1:8000/sandbox/maiagent/"))
    assert all("http://127.0.0.1:8000/sandbox/maiagent/api/v1/chatbots/?page=1" in text for text in code.values())
    sandbox = tabs(browser.code(spec))
    assert all("https://api.maiagent.ai/api/v1/chatbots/?page=1" in text for text in sandbox.values())


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"method": "BREW"}, "invalid_method"),
        ({"path": "https://evil.example/"}, "invalid_path"),
        ({"target": "ftp://x/"}, "non_http_scheme"),
    ],
)
def test_code_for_a_request_send_refuses_is_its_error(message: dict, code: str) -> None:
    spec = {"api": "maiagent", "key": "k", "method": "GET", "path": "/api/v1/chatbots/"}
    spec.update({k: v for k, v in message.items() if k != "target"})
    answer = json.loads(
        run(browser.dispatch(json.dumps({"op": "code", "spec": spec, "target": message.get("target", "sandbox")})))
    )
    assert answer["ok"] is False and answer["error"]["code"] == code


def test_run_code_sets_a_key_that_holds_a_nul_without_it() -> None:
    source = 'import os\nprint(repr(os.environ["MAIAGENT_API_KEY"]))'
    result = run(browser.run_code(source, {"MAIAGENT_API_KEY": playground.MAIAGENT_DEMO_KEY + "\0"}))
    assert result["ok"], result["stderr"]
    assert result["stdout"] == repr(playground.MAIAGENT_DEMO_KEY) + "\n"


def test_run_code_sets_a_key_that_holds_a_lone_surrogate_without_it() -> None:
    # The variable could not be set: Run showed no output at all.
    source = 'import os\nprint(repr(os.environ["MAIAGENT_API_KEY"]))'
    result = run(browser.run_code(source, {"MAIAGENT_API_KEY": playground.MAIAGENT_DEMO_KEY + "\ud800"}))
    assert result["ok"], result["stderr"]
    assert result["stdout"] == repr(playground.MAIAGENT_DEMO_KEY) + "\n"
    assert "MAIAGENT_API_KEY" not in __import__("os").environ


@pytest.mark.parametrize(
    ("key", "noted"),
    # "Bearer …" gets 401 for its format, which the diagnosis explains: no note about unknown keys.
    [("mySecretKey123", True), ("", False), (playground.MAIAGENT_DEMO_KEY, False), ("Bearer mySecretKey123", False)],
)
def test_the_sandbox_says_it_knows_only_the_demo_keys(key: str, noted: bool) -> None:
    # A reader's own key gets the documented 401 from the sandbox: the answer says why.
    spec = {"api": "maiagent", "key": key, "method": "GET", "path": "/api/v1/chatbots/"}
    result = run(browser.send(spec))
    assert ("note" in result) is noted
    if noted:
        assert result["status"] == 401 and "demo keys" in result["note"]["en"] and "デモキー" in result["note"]["ja"]
    live = run(browser.send(spec, "http://127.0.0.1:9/", transport=playground.SandboxTransport()))
    assert "note" not in live  # a live target's 401 is that server's to explain


def test_a_request_that_got_no_answer_names_its_url() -> None:
    class Unreachable(playground.SandboxTransport):
        def handle_request(self, request):  # noqa: ANN001, ANN201
            raise playground.NetworkError("connection refused", request=request)

    spec = {"api": "maiagent", "key": playground.MAIAGENT_DEMO_KEY, "method": "GET", "path": "chatbots/"}
    failed = run(browser.send(spec, "https://api.maiagent.ai/api/v1/", transport=Unreachable()))
    assert failed["error"]["code"] == "network" and failed["error"]["sent"]
    assert (failed["error"]["method"], failed["error"]["url"]) == ("GET", "https://api.maiagent.ai/api/v1/chatbots/")
    refused = run(browser.send(dict(spec, path=""), "https://api.maiagent.ai/"))
    assert "url" not in refused["error"]  # nothing was sent


def test_a_live_url_the_sites_policy_blocks_is_not_sent() -> None:
    # fetch fails on it as on a network error: the reader got the generic list of possible causes.
    spec = {"api": "maiagent", "key": playground.MAIAGENT_DEMO_KEY, "method": "GET", "path": "/api/v1/chatbots/"}
    blocked = run(browser.send(spec, "http://example.com/", page_origin="http://127.0.0.1:8000"))
    assert blocked["error"]["code"] == "csp_blocked" and blocked["error"]["sent"] is False
    assert (
        "http://example.com" in blocked["error"]["message"]["en"]
        and "コンテンツセキュリティポリシー" in blocked["error"]["message"]["ja"]
    )
    same_site = run(
        browser.send(
            spec,
            "http://docs.lan:8000/sandbox/maiagent/",
            transport=playground.SandboxTransport(),
            page_origin="http://docs.lan:8000",
        )
    )
    assert same_site["ok"]


def test_run_code_captures_output_errors_and_exit() -> None:
    result = run(browser.run_code("import asyncio\nprint('hi')\nawait asyncio.sleep(0)\n1/0"))
    assert result["ok"] is False and result["stdout"] == "hi\n"
    assert "ZeroDivisionError" in result["stderr"] and "browser.py" not in result["stderr"]
    assert run(browser.run_code("raise SystemExit(2)"))["ok"] is False
    assert run(browser.run_code("print('x' * 200000)"))["stdout"].endswith("[…]")


def test_tasks_the_code_leaves_running_end_with_run() -> None:
    # Such a task kept Python busy after Run had ended, and the next Send waited until the page gave up.
    source = (
        "import asyncio\n"
        "async def hog():\n    await asyncio.sleep(0.05)\n    while True:\n        pass\n"
        "asyncio.ensure_future(hog())\nprint('started')\n"
    )

    def from_the_code(task: asyncio.Task) -> bool:
        return getattr(getattr(task.get_coro(), "cr_code", None), "co_filename", "") == "<playground>"

    async def run_code_and_look() -> tuple[dict, list]:
        result = await browser.run_code(source)
        tasks = [task for task in asyncio.all_tasks() if from_the_code(task)]
        left_running = [task for task in tasks if not task.done() and not task.cancelling()]
        for task in tasks:
            task.cancel()  # this test must end: the hog, if it was left, has not started looping yet
        return result, left_running

    result, left_running = run(run_code_and_look())
    assert result["ok"] and result["stdout"] == "started\n"
    assert left_running == []


def test_ready_info_is_what_dispatch_answers_for_info() -> None:
    # The worker sends ready_info() with "ready" instead of asking dispatch: they must not drift.
    assert browser.ready_info() == run(browser.dispatch('{"op": "info"}'))
    assert json.loads(browser.ready_info()) == browser.info()


def test_dispatch_always_answers_json() -> None:
    assert (
        json.loads(run(browser.dispatch('{"op": "diagnose", "api": "maiagent", "key": "abc"}')))["value"]
        == "Api-Key abc"
    )
    assert json.loads(run(browser.dispatch('{"op": "nope"}')))["error"]["code"] == "unknown_op"
    assert json.loads(run(browser.dispatch("not json")))["error"]["code"] == "internal"
    assert json.loads(run(browser.dispatch('{"op": "diagnose", "api": "nope"}')))["ok"] is False
