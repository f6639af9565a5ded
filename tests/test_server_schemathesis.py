"""The sandbox server fuzzed against its own OpenAPI document (schemathesis, in-process ASGI)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from playground import AIGNE_HUB_DEMO_KEY, EXAMPLES, MAIAGENT_DEMO_KEY, SERVER_ERROR_PATH
from playground.server import OPENAPI_PATH, create_app

APP = create_app(Path(__file__).parent / "no-site")
SCHEMA = schemathesis.openapi.from_asgi(OPENAPI_PATH, APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
KEYS = {"/sandbox/maiagent/": f"Api-Key {MAIAGENT_DEMO_KEY}", "/sandbox/aigne-hub/": f"Bearer {AIGNE_HUB_DEMO_KEY}"}


def _headers(path: str) -> dict[str, str]:
    # A path outside the mounts (/__blocklet__.js) is public: no key.
    value = next((value for prefix, value in KEYS.items() if path.startswith(prefix)), None)
    return {"Authorization": value} if value else {}


@SCHEMA.exclude(path_regex="server-error").parametrize()
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_conform(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=_headers(case.path), checks=CHECKS)


@SCHEMA.exclude(path_regex="server-error").parametrize()
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_without_a_key_every_operation_answers_a_documented_401(case: schemathesis.Case) -> None:
    response = case.call_and_validate(checks=CHECKS)
    if response.request.method == "OPTIONS":
        # Schemathesis probes undocumented methods too: OPTIONS answers 204 + Allow, with no key.
        assert response.status_code == 204
    elif case.operation.definition.raw.get("security") == []:
        # A public operation (AIGNE Hub's model list, status, discovery) answers without a key.
        assert response.status_code < 500
    else:
        assert response.status_code in (401, 404, 413, 415)


@SCHEMA.include(path_regex="server-error").parametrize()
@settings(max_examples=3, deadline=None, database=None)
def test_the_documented_500_route(case: schemathesis.Case) -> None:
    assert case.path.endswith(SERVER_ERROR_PATH)
    response = case.call(headers={"Authorization": f"Api-Key {MAIAGENT_DEMO_KEY}"})
    if response.status_code >= 500:
        assert response.request.method == "GET"
        assert response.json() == EXAMPLES["maiagent/500-server-error"].json()
    # Otherwise schemathesis sent its own broken credentials or another method: a 4xx, as documented.
    case.validate_response(response, checks=[c for c in CHECKS if c is not not_a_server_error])


def test_the_document_is_openapi_3_1_with_both_security_schemes() -> None:
    raw = SCHEMA.raw_schema
    assert raw["openapi"] == "3.1.0"
    schemes = raw["components"]["securitySchemes"]
    assert schemes["MaiAgentApiKey"] == {
        **schemes["MaiAgentApiKey"],
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
    }
    assert "Api-Key <key>" in schemes["MaiAgentApiKey"]["description"]
    assert schemes["AigneHubBearer"]["type"] == "http" and schemes["AigneHubBearer"]["scheme"] == "bearer"
    assert len(list(SCHEMA.get_all_operations())) == 10
    pytest.importorskip("jsonschema_rs")
