"""The one place that checks what is sent: the body, the path and the base URL, used by Client and the transports."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import playground
from playground import _checks, _exceptions
from playground._transports import check_outgoing

KEY = playground.MAIAGENT_DEMO_KEY


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("", "empty_path"),
        ("https://x/", "invalid_path"),
        ("/a b", "path_characters"),
        ("/a/../b", "path_dot_segments"),
    ],
)
def test_client_checks_the_path(path: str, code: str) -> None:
    client = playground.Client("maiagent", KEY)
    with pytest.raises(_exceptions.InvalidPathError) as caught:
        client.build_request("GET", path)
    assert caught.value.code == code and isinstance(caught.value, playground.InvalidRequestError)


@pytest.mark.parametrize(
    ("base_url", "code"),
    [
        ("", "empty_url"),
        ("/", "invalid_url"),
        ("ftp://x/", "non_http_scheme"),
        ("http://u:p@x/", "url_credentials"),
        ("http://x/?q=1", "url_query"),
        ("http://x/a/../", "url_dot_segments"),
    ],
)
def test_client_checks_the_base_url_after_the_path(base_url: str, code: str) -> None:
    client = playground.Client("maiagent", KEY, base_url=base_url)
    with pytest.raises(_exceptions.InvalidPathError):
        client.build_request("GET", "")  # the path first, as the page reports it
    with pytest.raises(_exceptions.InvalidURLError) as caught:
        client.build_request("GET", "/api/v1/chatbots/")
    assert caught.value.code == code
    if code in ("empty_url", "invalid_url"):
        assert caught.value.example == "https://api.maiagent.ai/"


def test_the_transports_check_with_the_same_function() -> None:
    assert check_outgoing is _checks.check_outgoing
    request = playground.Request("GET", "file:///etc/passwd")
    with pytest.raises(playground.InvalidRequestError) as caught:
        playground.HTTPTransport().handle_request(request)
    assert caught.value.code == "invalid_request" and caught.value.request is request


def test_a_failure_carries_the_request_the_client_sent() -> None:
    class Redirecting:
        type, status, headers = "opaqueredirect", 302, {}

    async def pyfetch(url: str, **options: Any) -> Redirecting:
        return Redirecting()

    client = playground.Client(
        "maiagent", KEY, playground.FetchTransport(pyfetch=pyfetch), base_url="http://127.0.0.1:9/"
    )
    with pytest.raises(playground.RedirectError) as caught:
        asyncio.run(client.arequest("GET", "/api/v1/chatbots/"))
    assert caught.value.request.url == "http://127.0.0.1:9/api/v1/chatbots/"

    class Failing(playground.BaseTransport):
        def handle_request(self, request: playground.Request) -> playground.Response:
            raise playground.NetworkError("down")

    with pytest.raises(playground.NetworkError) as failed:
        playground.Client("maiagent", KEY, Failing()).get("chatbots/")
    assert failed.value.request.url == "https://api.maiagent.ai/api/v1/chatbots/"


@pytest.mark.parametrize(
    ("method", "text", "expected"),
    [
        ("GET", "", None),
        ("GET", "null", None),
        ("POST", '{"a": [1, 2.5]}', {"a": [1, 2.5]}),
        ("POST", "\ufeff{}", {}),
    ],
)
def test_parse_body_reads_strict_json(method: str, text: str, expected: Any) -> None:
    assert _checks.parse_body(method, text) == expected


@pytest.mark.parametrize(
    ("method", "text", "code", "detail"),
    [
        ("POST", "NaN", "json_constant", "NaN"),
        ("POST", '{"a": 1, "a": 2}', "duplicate_key", '"a"'),
        ("POST", "[" * 300 + "]" * 300, "json_too_deep", ""),
        ("GET", "{}", "body_not_allowed", "GET"),
        ("POST", "{", "invalid_json", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_parse_body_names_what_is_wrong(method: str, text: str, code: str, detail: str) -> None:
    with pytest.raises(_exceptions.InvalidBodyError) as caught:
        _checks.parse_body(method, text)
    assert (caught.value.code, caught.value.detail) == (code, detail)
    if code == "invalid_json":
        assert caught.value.detail_ja == '1 行目、2 列目：二重引用符（`"`）で囲んだプロパティ名が必要です'
        assert caught.value.detail_zh_tw == '第 1 行，第 2 欄：需要以雙引號（`"`）括住的屬性名稱'
        assert caught.value.hint.zh_tw.endswith(caught.value.detail_zh_tw)


def test_the_page_csp_check_names_the_origin_it_refuses() -> None:
    _checks.check_connect_allowed("https://api.maiagent.ai/", "https://docs.example.com")
    with pytest.raises(_exceptions.InvalidURLError) as caught:
        _checks.check_connect_allowed("http://api.example.com:8080/x/", "https://docs.example.com")
    assert (caught.value.code, caught.value.detail) == ("csp_blocked", "http://api.example.com:8080")
