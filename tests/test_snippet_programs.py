"""The pages' programs that are not a documented example's request run here, and print what their
page says (`PROGRAMS` in scripts/snippets.py lists them; tests/test_snippets.py runs the others).

- The sandbox page's programs call the server that the page's own command starts
  (`docs/snippets/sandbox/serve.sh`, given `--port 0` for a free port), so the command is tested too.
  The harness swaps only the origin they call, which each holds once: curl with real curl, the
  pytest file with pytest, the SDK programs with the OpenAI Python SDK, and with Node.js and the
  npm packages that tests/clients/ pins (`openai`, `@aigne/aigne-hub`).
- The AIGNE Hub page's OpenAI-compatible client runs as that page's other tabs do: the API's origin
  swapped for the sandbox's, the key from `AIGNE_HUB_API_KEY`, once the demo key and once a wrong one.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import snippets as snippet_files  # scripts/snippets.py (tests/conftest.py puts scripts/ on the path)
from playground import AIGNE_HUB_DEMO_KEY, SERVER_ERROR_PATH, get_example, get_profile
from playground._examples import FOREIGN_CHATBOT_ID, UNKNOWN_CHATBOT_ID
from site_server import running_command  # scripts/site_server.py

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "docs" / "snippets"
SERVE = SNIPPETS / "sandbox" / "serve.sh"
# Where the sandbox page's programs expect the server: the command's defaults (a test checks them).
SANDBOX_ORIGIN = "http://127.0.0.1:8000"
# What the server prints once it listens, as the page quotes it.
SERVING = f"Serving the site and the sandbox API at {SANDBOX_ORIGIN}/"
AIGNE_HUB = get_profile("aigne-hub")
WRONG_KEY = "wrong-key"
RUNNERS = {".sh": ["bash"], ".py": [sys.executable], ".mjs": ["node"]}


def reply() -> str:
    """The chat completion's reply to the documented request ("Hello!")."""
    return get_example("aigne-hub/200-chat-completion").json()["choices"][0]["message"]["content"]


def unauthenticated() -> str:
    """AIGNE Hub's 401 reason: its body is `{"error": <reason>}`."""
    return get_example("aigne-hub/401-not-authenticated").json()["error"]


# --- the server, started with the page's command ---------------------------------------------------


def serve_command() -> list[str]:
    return shlex.split(SERVE.read_text(encoding="utf-8"))


def program_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and not k.startswith(("AIGNE", "BLOCKLET"))}
    return env | {"NO_PROXY": "127.0.0.1,localhost", "PYTHONIOENCODING": "utf-8"} | extra


@pytest.fixture(scope="module")
def sandbox_origin() -> Iterator[str]:
    with running_command([*serve_command(), "--port", "0"], env=program_env()) as server:
        assert server.banner.startswith(SERVING.removesuffix("8000/")), server.banner
        yield server.url.rstrip("/")


def test_the_command_serves_where_the_programs_call() -> None:
    result = subprocess.run([*serve_command(), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    help_text = " ".join(result.stdout.split())
    assert "(default: 127.0.0.1)" in help_text and "(default: 8000)" in help_text, help_text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_states_the_sandboxs_facts(lang: str) -> None:
    text = (ROOT / "docs" / lang / "test-against-the-sandbox.md").read_text(encoding="utf-8")
    assert SERVING in text
    for api in ("maiagent", "aigne-hub"):
        profile = get_profile(api)
        assert f"`{SANDBOX_ORIGIN}{profile.sandbox_mount}{profile.base_path}`" in text
        assert f"`{profile.base_url}`" in text
        assert all(f"`{key}`" in text for key in profile.demo_keys)
    for path in (SERVER_ERROR_PATH, *(f"/api/v1/chatbots/{id_}/" for id_ in (FOREIGN_CHATBOT_ID, UNKNOWN_CHATBOT_ID))):
        assert f"`GET {path}`" in text
    assert f"`401 {unauthenticated()}`" in text and f"`{sdk_401()}`" in text
    pinned = json.loads((ROOT / "tests" / "clients" / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert "`npm install @aigne/aigne-hub`" in text and f" {pinned['@aigne/aigne-hub']}" in text


# --- running the programs --------------------------------------------------------------------------

Check = Callable[[str, str], None]  # (stdout, the server's origin); raises when the output is wrong


def prints(lines: Callable[[], list[str]]) -> Check:
    def check(stdout: str, origin: str) -> None:
        assert stdout.splitlines() == [line.replace(SANDBOX_ORIGIN, origin) for line in lines()], stdout

    return check


def prints_documented_list(stdout: str, origin: str) -> None:
    # The links in the page point at the server that answered: the documented ones at the real API.
    maiagent = get_profile("maiagent")
    assert json.loads(stdout.replace(origin + maiagent.sandbox_mount, maiagent.origin)) == (
        get_example("maiagent/200-chatbots-page").json()
    ), stdout


def pytest_passes(count: int) -> Check:
    def check(stdout: str, origin: str) -> None:
        assert stdout.splitlines()[-1].startswith(f"{count} passed"), stdout

    return check


def sdk_401() -> str:
    """How the AIGNE Hub SDK reports the 401 of its chat call: the URL, the status and the raw body."""
    body = json.dumps(get_example("aigne-hub/401-not-authenticated").json(), separators=(",", ":"))
    return f"Failed to fetch url {SANDBOX_ORIGIN}{AIGNE_HUB.sandbox_mount}/api/v2/chat with status 401: {body}"


def prints_mount_and(example: str) -> Check:
    """The mount point the discovery names, then the status and the body of `example`."""

    def check(stdout: str, origin: str) -> None:
        mount, status, body = stdout.split("\n", 2)
        assert (mount, int(status)) == (AIGNE_HUB.sandbox_mount, get_example(example).status), stdout
        assert json.loads(body) == get_example(example).json(), stdout

    return check


class Program(NamedTuple):
    """A program: the origin it holds once, what the harness puts there (given the server's origin),
    and its runs: the key (`None`: as written, the sandbox page's programs write the demo key in the
    code) and the check of what it prints."""

    holds: str
    becomes: Callable[[str], str]
    runs: list[tuple[str | None, Check]]


def _as_is(origin: str) -> str:
    return origin


def _hub_mount(origin: str) -> str:
    return origin + AIGNE_HUB.sandbox_mount


SDK_OUTPUT = prints(lambda: [reply(), reply(), f"401 {unauthenticated()}"])
CLIENT_RUNS = [
    (AIGNE_HUB_DEMO_KEY, prints(lambda: [reply()])),
    (WRONG_KEY, prints(lambda: [f"401 {unauthenticated()}"])),
]
PROGRAMS = {
    "docs/snippets/sandbox/list_chatbots.sh": Program(SANDBOX_ORIGIN, _as_is, [(None, prints_documented_list)]),
    "docs/snippets/sandbox/test_with_sandbox.py": Program(SANDBOX_ORIGIN, _as_is, [(None, pytest_passes(2))]),
    "docs/snippets/sandbox/openai_sdk.py": Program(SANDBOX_ORIGIN, _as_is, [(None, SDK_OUTPUT)]),
    "docs/snippets/sandbox/openai_sdk.mjs": Program(SANDBOX_ORIGIN, _as_is, [(None, SDK_OUTPUT)]),
    "docs/snippets/sandbox/aigne_hub_sdk.mjs": Program(
        SANDBOX_ORIGIN,
        _as_is,
        [(None, prints(lambda: [get_example("aigne-hub/200-chat-v2").json()["text"], sdk_401()]))],
    ),
    # It asks the origin where AIGNE Hub is mounted, as the SDK does: the server's root answers.
    "docs/snippets/aigne-hub/sdk_requests.py": Program(
        AIGNE_HUB.origin,
        _as_is,
        [
            (AIGNE_HUB_DEMO_KEY, prints_mount_and("aigne-hub/200-chat-v2")),
            (WRONG_KEY, prints_mount_and("aigne-hub/401-not-authenticated")),
        ],
    ),
    "docs/snippets/aigne-hub/openai_client.py": Program(AIGNE_HUB.origin, _hub_mount, CLIENT_RUNS),
    "docs/snippets/aigne-hub/openai_client.mjs": Program(AIGNE_HUB.origin, _hub_mount, CLIENT_RUNS),
}
"""Every program of `snippet_files.PROGRAMS` but the server's command, which `sandbox_origin` runs."""
RUNS = [(program, key) for program, entry in PROGRAMS.items() for key, _ in entry.runs]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_program_is_run_here() -> None:
    assert {*PROGRAMS, rel(SERVE)} == set(snippet_files.PROGRAMS)


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_each_program_holds_its_origin_once(program: str) -> None:
    assert (ROOT / program).read_text(encoding="utf-8").count(PROGRAMS[program].holds) == 1


def run(program: str, key: str | None, origin: str, work: Path) -> str:
    path = ROOT / program
    folder = work / f"{path.parent.name}-{path.name}-{key or 'as-written'}"
    folder.mkdir()
    script = folder / path.name
    entry = PROGRAMS[program]
    script.write_text(path.read_text(encoding="utf-8").replace(entry.holds, entry.becomes(origin)), encoding="utf-8")
    command = [*RUNNERS[path.suffix], str(script)]
    if path.name.startswith("test_"):
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    env = program_env(**({AIGNE_HUB.env_var: key} if key else {}))
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=folder)
    assert result.returncode == 0, f"{program} ({key}):\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def outputs(
    sandbox_origin: str, client_sdks: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str | None], Any]:
    work = tmp_path_factory.mktemp("programs")
    # Node resolves the programs' imports from their folder up: the SDKs tests/clients/ pins.
    (work / "node_modules").symlink_to(client_sdks / "node_modules", target_is_directory=True)

    def attempt(run_: tuple[str, str | None]) -> str | AssertionError:
        try:
            return run(*run_, sandbox_origin, work)
        except AssertionError as error:  # reported by the test of that run, not by every test
            return error

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(RUNS, pool.map(attempt, RUNS), strict=True))


@pytest.mark.parametrize(("program", "key"), RUNS)
def test_program_prints_what_its_page_says(
    outputs: dict[tuple[str, str | None], Any], sandbox_origin: str, program: str, key: str | None
) -> None:
    stdout = outputs[program, key]
    if isinstance(stdout, AssertionError):
        raise stdout
    check = dict(PROGRAMS[program].runs)[key]
    check(stdout, sandbox_origin)
