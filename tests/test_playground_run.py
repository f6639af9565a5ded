"""Run with the sandbox target: the plain requests program a reader copies, answered in-process.

Pure unit tests (no sockets): tests/test_pyodide_unit.py runs them again inside Pyodide, with the
requests wheels the site serves, loaded as the page's first Run loads them.
"""

from __future__ import annotations

import asyncio
import json

import pytest
import requests
import urllib3
from urllib3.connectionpool import HTTPConnectionPool

import playground
from playground import browser
from playground._profiles import register_profile, unregister_profile

PROGRAM = """\
import os
import requests
response = requests.get(
    "https://api.maiagent.ai/api/v1/chatbots/",
    headers={"Authorization": f"Api-Key {os.environ['MAIAGENT_API_KEY']}"},
    timeout=30,
)
print(response.status_code)
print(response.text)
"""
REFUSED = {
    "en": 'choose "A live base URL" under "Send to"',
    "ja": "「送信先」で「実際のベース URL」を選んで",
    "zh-TW": "請在「傳送目標」選擇「實際的基底 URL」",
}


def run(source: str, key: str | None = playground.MAIAGENT_DEMO_KEY, target: str = "sandbox", lang: str = "en"):
    message = {"op": "run_code", "source": source, "target": target, "lang": lang}
    if key is not None:
        message["env"] = {"MAIAGENT_API_KEY": key}
    return json.loads(asyncio.run(browser.dispatch(json.dumps(message))))


def status_and_body(result: dict) -> tuple[int, object]:
    assert result["ok"], result["stderr"]
    status, text = result["stdout"].split("\n", 1)
    return int(status), json.loads(text)


def test_the_copied_program_gets_the_sandboxs_200_with_the_demo_key() -> None:
    status, body = status_and_body(run(PROGRAM))
    sent = asyncio.run(
        browser.send(
            {"api": "maiagent", "key": playground.MAIAGENT_DEMO_KEY, "method": "GET", "path": "/api/v1/chatbots/"}
        )
    )
    assert (status, body) == (200, json.loads(sent["body"]))
    assert body["count"] == 3


def test_without_a_key_the_program_gets_the_documented_401() -> None:
    status, body = status_and_body(run(PROGRAM, key=""))
    assert (status, body) == (401, playground.get_example("maiagent/401-missing-key").json())


def test_the_key_comes_from_the_environment_variable_as_typed() -> None:
    # Sent as typed, as Send sends it: a pasted "Bearer <key>" gets the documented 401.
    status, body = status_and_body(run(PROGRAM, key="Bearer " + playground.MAIAGENT_DEMO_KEY))
    assert (status, body) == (401, playground.get_example("maiagent/401-invalid-format").json())
    assert status_and_body(run(PROGRAM, key=playground.MAIAGENT_READONLY_KEY))[0] == 200


@pytest.mark.parametrize("lang", ["en", "ja", "zh-TW"])
@pytest.mark.parametrize("url", ["https://example.com/api/v1/chatbots/?key=secret", "http://api.maiagent.ai/api/v1/"])
def test_any_other_url_is_refused_and_says_to_choose_a_live_base_url(lang: str, url: str) -> None:
    result = run(f"import requests\nrequests.get({url!r})\n", lang=lang)
    assert result["ok"] is False
    assert "requests.exceptions.ConnectionError" in result["stderr"]
    assert REFUSED[lang] in result["stderr"]
    assert url.split("/api")[0] in result["stderr"] and "secret" not in result["stderr"]
    assert "https://api.maiagent.ai" in result["stderr"] and "https://your-aigne-hub-url" in result["stderr"]


def test_sessions_mounted_adapters_and_posts_are_answered_too() -> None:
    source = """\
import requests
from requests.adapters import HTTPAdapter
session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=3))
session.headers["Authorization"] = "Api-Key demo1234abcd5678"
created = session.post(
    "https://api.maiagent.ai/api/v1/chatbots/", json={"name": "Support bot", "largeLanguageModel": "Claude 4 Sonnet"}
)
print(created.status_code, created.reason, created.headers["Content-Type"])
print(created.json()["name"])
hub = requests.post(
    "https://your-aigne-hub-url/api/v1/chat/completions",
    headers={"Authorization": "Bearer aigne-demo-key"},
    json={"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "こんにちは"}]},
)
print(hub.status_code, hub.json()["object"])
"""
    result = run(source)
    assert result["ok"], result["stderr"]
    lines = result["stdout"].splitlines()
    assert lines[0].startswith("201 Created application/json")
    assert lines[1] == "Support bot"
    assert lines[2] == "200 chat.completion"


def test_plain_urllib3_is_answered_and_refused_the_same_way() -> None:
    source = """\
import urllib3
answer = urllib3.request(
    "GET", "https://api.maiagent.ai/api/v1/chatbots/", headers={"Authorization": "Api-Key demo1234abcd5678"}
)
print(answer.status, answer.json()["count"])
pool = urllib3.HTTPSConnectionPool("your-aigne-hub-url")
print(pool.request("POST", "/api/v1/chat/completions", json={}).status)
urllib3.PoolManager().request("GET", "https://example.com/")
"""
    result = run(source, lang="ja")
    assert result["stdout"].splitlines() == ["200 3", "401"]
    assert "urllib3.exceptions.HTTPError" in result["stderr"] and REFUSED["ja"] in result["stderr"]


def test_the_answered_origins_are_the_profiles() -> None:
    profile = playground.ApiProfile(
        id="run-test",
        names=playground.LocalizedText("Run test", "Run test", "Run test"),
        scheme=playground.AUTH_SCHEMES[0],
        origin="https://api.run-test.example",
        base_path="/v1/",
        examples_dir="run-test",
        key_pattern="[a-z]+",
        key_placeholder="KEY",
        env_var="RUN_TEST_API_KEY",
        security_scheme_name="RunTestKey",
        default_request=("GET", "/v1/"),
    )
    register_profile(profile)
    try:
        result = run(
            "import requests\nr = requests.get('https://api.run-test.example/v1/nothing')\nprint(r.status_code)"
        )
    finally:
        unregister_profile(profile)
    assert result["ok"], result["stderr"]
    assert result["stdout"] == "404\n"  # the sandbox's answer for an API it has no route of, not a refusal
    assert REFUSED["en"] in run("import requests\nrequests.get('https://api.run-test.example/v1/')")["stderr"]


def test_requests_and_urllib3_are_themselves_again_after_the_run() -> None:
    get_adapter, urlopen = requests.Session.get_adapter, HTTPConnectionPool.urlopen
    assert run("import requests\nrequests.get('https://example.com/')")["ok"] is False
    assert run(PROGRAM)["ok"]
    assert requests.Session.get_adapter is get_adapter and HTTPConnectionPool.urlopen is urlopen


def test_with_a_live_target_requests_are_not_answered_by_the_sandbox() -> None:
    source = (
        "import requests, urllib3\n"
        "print(type(requests.Session().get_adapter('https://api.maiagent.ai/')).__name__)\n"
        "print(urllib3.connectionpool.HTTPConnectionPool.urlopen.__qualname__)\n"
    )
    result = run(source, target="https://api.maiagent.ai/")
    assert result["stdout"].splitlines() == ["HTTPAdapter", "HTTPConnectionPool.urlopen"]
    assert run(source)["stdout"].splitlines()[0] == "SandboxAdapter"


def test_a_refused_url_is_named_by_its_origin_only() -> None:
    from playground._run_sandbox import refusal

    text = refusal("https://user:secret@example.com:8443/path?api_key=secret")
    assert "https://example.com:8443" in text.en and "secret" not in text.en + text.ja + text.zh_tw
    assert "https://example.com:8443" in text.zh_tw
    assert urllib3.__version__ >= "2.2"  # the first with Pyodide (emscripten) support
