"""The AIGNE Hub SDK (@aigne/aigne-hub 0.10.16, tests/clients/package-lock.json), unchanged, against
the sandbox server: the docs' own example runs with only its base URL and key replaced, as a reader
would, and prints the documented reply, or the documented 401 for a wrong key. The SDK finds the Hub
through `/__blocklet__.js` at the server's root, then calls `<mount>/api/v2/chat`."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from playground import AIGNE_HUB_DEMO_KEY, EXAMPLES, get_profile

pytestmark = pytest.mark.slow  # each run loads the AIGNE Hub SDK: about 1.5 s of CPU

ROOT = Path(__file__).resolve().parents[1]
SNIPPET = ROOT / "docs" / "snippets" / "aigne-hub" / "AIGNEHubChatModel.js"
PLACEHOLDER_URL = get_profile("aigne-hub").origin  # https://your-aigne-hub-url, as on the page
PLACEHOLDER_KEY = '"YOUR_API_KEY"'
DOCUMENTED = EXAMPLES["aigne-hub/200-chat-v2"].json()


def node(script: Path, work: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and not k.startswith("BLOCKLET_")}
    environment.pop("AIGNE_HUB_API_KEY", None)
    return subprocess.run(
        ["node", str(script)], capture_output=True, text=True, env={**environment, **env}, timeout=60, cwd=work
    )


def run_snippet(key: str, server: str, sdks: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """The page's example with only the base URL and the key replaced, run where the SDK is installed."""
    source = SNIPPET.read_text(encoding="utf-8")
    assert source.count(PLACEHOLDER_URL) == 1 and source.count(PLACEHOLDER_KEY) == 1
    source = source.replace(PLACEHOLDER_URL, server.rstrip("/")).replace(PLACEHOLDER_KEY, json.dumps(key))
    (work / "node_modules").symlink_to(sdks / "node_modules", target_is_directory=True)
    script = work / "AIGNEHubChatModel.mjs"  # the page's file is an ES module
    script.write_text(source, encoding="utf-8")
    return node(script, work)


def as_node_prints(value: Any, work: Path) -> str:
    """What `console.log(value)` prints in Node.js."""
    code = "console.log(JSON.parse(process.argv[1]))"
    result = subprocess.run(["node", "-e", code, json.dumps(value)], capture_output=True, text=True, cwd=work)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_docs_example_prints_the_documented_reply(sandbox_server: str, client_sdks: Path, tmp_path: Path) -> None:
    result = run_snippet(AIGNE_HUB_DEMO_KEY, sandbox_server, client_sdks, tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout == as_node_prints(DOCUMENTED, tmp_path)


def test_the_docs_example_reports_the_documented_401(sandbox_server: str, client_sdks: Path, tmp_path: Path) -> None:
    result = run_snippet("not-a-demo-key", sandbox_server, client_sdks, tmp_path)
    # The example catches the SDK's error and prints its message; the SDK quotes the body it got.
    url = f"{sandbox_server}sandbox/aigne-hub/api/v2/chat"
    body = json.dumps(EXAMPLES["aigne-hub/401-not-authenticated"].json(), separators=(",", ":"))
    assert result.stdout == ""
    assert result.stderr == f"API request failed: Failed to fetch url {url} with status 401: {body}\n"


def test_the_sdk_parses_the_model_list_and_merges_a_stream(sandbox_server: str, client_sdks: Path) -> None:
    result = node(
        client_sdks / "aigne_hub_sdk.mjs",
        client_sdks,
        AIGNE_HUB_API_URL=sandbox_server,
        AIGNE_HUB_API_KEY=AIGNE_HUB_DEMO_KEY,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    # The SDK's schema keeps the fields it knows (FW models/aigne-hub/src/utils/hub.ts).
    kept = ("model", "type", "provider", "input_credits_per_token", "output_credits_per_token", "modelMetadata")
    listed = EXAMPLES["aigne-hub/200-models"].json()
    assert [{k: m[k] for k in kept} for m in out["models"]] == [{k: m[k] for k in kept} for m in listed]
    assert len(out["pieces"]) > 1 and "".join(out["pieces"]) == DOCUMENTED["text"]
    assert out["merged"] == DOCUMENTED
