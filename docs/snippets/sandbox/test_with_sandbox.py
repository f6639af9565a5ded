# Tests of code that calls MaiAgent, run against the local sandbox.
# Start the sandbox first: .venv/bin/python -m playground.server

import pytest
import requests

BASE_URL = "http://127.0.0.1:8000/sandbox/maiagent/api/v1/"
DEMO_KEY = "demo1234abcd5678"  # public: it works in the sandbox only


@pytest.fixture
def session():
    with requests.Session() as session:
        session.headers["Authorization"] = f"Api-Key {DEMO_KEY}"
        yield session


def test_lists_the_chatbots_page_by_page(session):
    response = session.get(BASE_URL + "chatbots/", params={"page": 1, "pageSize": 2}, timeout=10)
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 3
    assert [bot["name"] for bot in page["results"]] == ["LLM test", "Full-screen embed demo"]
    assert page["next"].endswith("/chatbots/?page=2&pageSize=2")


def test_a_request_without_a_key_gets_401():
    response = requests.get(BASE_URL + "chatbots/", timeout=10)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
