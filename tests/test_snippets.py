"""Every code example on the pages is a file that runs here, and answers as the page next to it says.

Each snippet under `docs/snippets/<api>/<case>.<ext>` runs unchanged against our sandbox server:
curl with real curl, Python with CPython (and again inside real Pyodide), browser JavaScript and
Node.js with Node's global `fetch`, and the OpenAI SDK program with the SDK. The harness only swaps
the API's origin (each snippet has it exactly once) for the sandbox's, and gives the demo key (env
var, or the browser snippet's placeholder literal). What it prints (status code and JSON body) must
equal the documented example. The snippets of a documented request are the playground's code
generator's output for it (`scripts/snippets.py` writes them; a test here checks them). Programs
that print something else (`PROGRAMS` in scripts/snippets.py) run in tests/test_snippet_programs.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pyodide_node import pinned, pure_wheels, run_in_pyodide

import snippets as snippet_files  # scripts/snippets.py (tests/conftest.py puts scripts/ on the path)
from build import LANGUAGES  # scripts/build.py: the site's languages
from playground import AIGNE_HUB_DEMO_KEY, EXAMPLES, MAIAGENT_DEMO_KEY, _csp, get_example, get_profile

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "docs" / "snippets"
DOCS = ROOT / "docs"

# Per API: the origin each snippet holds once, the sandbox server path that replaces it, and the
# env var with the key (set to the sandbox's demo key).
BASE_URLS = {api: get_profile(api).origin for api in ("maiagent", "aigne-hub")}
SANDBOX_PATHS = {api: get_profile(api).sandbox_mount.lstrip("/") for api in BASE_URLS}
KEYS = {"MAIAGENT_API_KEY": MAIAGENT_DEMO_KEY, "AIGNE_HUB_API_KEY": AIGNE_HUB_DEMO_KEY}
DEMO_KEYS = {"maiagent": MAIAGENT_DEMO_KEY, "aigne-hub": AIGNE_HUB_DEMO_KEY}
# The browser snippets cannot read the environment: their placeholder literal gets the demo key.
BROWSER_KEY_PLACEHOLDER = '"YOUR_API_KEY"'

# The seed's cURL example is published as is (no status line): the harness makes curl print it.
SEED_CURL = {"docs/snippets/aigne-hub/published_curl.sh"}
# Each case (snippet file name up to its first dot) and the documented example the page shows next
# to it: the catalogue's, and the seed's cURL example of the chat completion.
DOCUMENTED = {e.snippet: e.id for e in EXAMPLES.values() if e.snippet} | {
    "aigne-hub/published_curl": "aigne-hub/200-chat-completion"
}
# Each generated tab's file suffix; the OpenAI SDK program only for an API that answers as OpenAI's.
RUNTIMES = {suffix: tab for tab, suffix in snippet_files.SUFFIXES.items()}
# Included on the pages but not programs; each with the reason.
NOT_RUNNABLE = {
    "docs/snippets/maiagent/headers.js": "the seed's header object, a fragment",
    "docs/snippets/aigne-hub/header.txt": "a header line",
    "docs/snippets/aigne-hub/AIGNEHubChatModel.js": (
        "the seed's SDK example: run with the real @aigne/aigne-hub by tests/test_clients_aigne_hub.py"
    ),
}
# Pasted (not included) code blocks allowed on the pages, with the reason.
PASTED_ALLOWED: dict[str, str] = {
    # The Content Security Policy, one directive a line, its build-specific hashes elided:
    # tests/test_csp.py checks it equals what playground._csp produces.
    _csp.content_security_policy(["'sha256-…'"]).replace("; ", ";\n"): "the documented policy (tests/test_csp.py)",
    # Two bodies of the real AIGNE Hub that the sandbox never gives (it has no credit billing and no
    # model provider), as its source writes them; the status codes page names each source file.
    json.dumps(
        {
            "error": {
                "message": "Hello, in order to continue using AI services, please first buy some credits in the "
                "link below. <link>",
                "timestamp": "<time>",
                "type": "NOT_ENOUGH",
                "link": "<link>",
            }
        },
        indent=2,
    ): "AIGNE Hub's 402 (aigne-hub/status-codes.md)",
    json.dumps({"error": "<provider> service is temporarily unavailable. Please try again later"}): (
        "AIGNE Hub's 5xx from a model provider (aigne-hub/status-codes.md)"
    ),
}
PYODIDE_WHEELS = ("requests", "urllib3", "idna", "certifi", "charset-normalizer")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def runnable_snippets() -> list[Path]:
    """The snippets this harness runs: the others are fragments, or programs that
    tests/test_snippet_programs.py runs (`snippet_files.PROGRAMS`)."""
    skipped = NOT_RUNNABLE.keys() | snippet_files.PROGRAMS.keys()
    return sorted(p for p in SNIPPETS.rglob("*") if p.is_file() and rel(p) not in skipped)


def case_of(path: Path) -> str:
    return f"{path.parent.name}/{path.name.split('.')[0]}"


def suffix_of(path: Path) -> str:
    return path.name[path.name.index(".") :]


def parse_output(stdout: str) -> tuple[int, Any]:
    """The status line comes first (our snippets) or last (curl's --write-out); the rest is JSON."""
    lines = stdout.strip().splitlines()
    if re.fullmatch(r"\d{3}( .*)?", lines[0]):  # the status code, and its reason phrase
        return int(lines[0][:3]), json.loads("\n".join(lines[1:]))
    assert re.fullmatch(r"\d{3}", lines[-1]), f"no status line in:\n{stdout}"
    return int(lines[-1]), json.loads("\n".join(lines[:-1]))


_SHAPE_TYPES = {"integer": int, "string": str, "null": type(None)}


def matches_shape(value: Any, shape: Any) -> bool:
    """A shape file names the type of each value (`"string|null"`) and shows lists empty."""
    if isinstance(shape, dict):
        return (
            isinstance(value, dict)
            and value.keys() == shape.keys()
            and all(matches_shape(value[k], shape[k]) for k in shape)
        )
    if isinstance(shape, list):
        return isinstance(value, list)
    return isinstance(value, tuple(_SHAPE_TYPES[name] for name in shape.split("|")))


def assert_documented(snippet: str, stdout: str) -> None:
    status, body = parse_output(stdout)
    example = get_example(DOCUMENTED[case_of(ROOT / snippet)])
    assert status == example.status, stdout
    if example.shape:
        assert matches_shape(body, example.json()), body
    else:
        assert body == example.json()


# --- the snippet files ---------------------------------------------------------------------------


def test_every_case_exists_in_every_runtime() -> None:
    found = {(case_of(p), suffix_of(p)) for p in runnable_snippets() if rel(p) not in SEED_CURL}
    assert {case for case, _ in found} | {case_of(ROOT / p) for p in SEED_CURL} == set(DOCUMENTED)
    openai = {case for case in DOCUMENTED if get_profile(case.split("/")[0]).openai_base_path}
    expected = {(case, suffix) for case, _ in found for suffix in RUNTIMES if suffix != ".openai.py"}
    assert found == expected | {(case, ".openai.py") for case, _ in found if case in openai}


def test_every_generated_snippet_is_the_generators_output() -> None:
    expected = snippet_files.expected_files()
    cases = {case_of(p) for p in expected}
    assert cases == set(DOCUMENTED) - set(snippet_files.HAND_WRITTEN) - {case_of(ROOT / p) for p in SEED_CURL}
    for path, text in expected.items():
        assert path.read_text(encoding="utf-8") == text, f"{rel(path)}: run scripts/snippets.py"
    assert snippet_files.main(["--check"]) == 0


@pytest.mark.parametrize("snippet", [rel(p) for p in runnable_snippets()])
def test_the_base_url_appears_once(snippet: str) -> None:
    text = (ROOT / snippet).read_text(encoding="utf-8")
    assert text.count(BASE_URLS[Path(snippet).parent.name]) == 1
    if snippet.endswith(".js"):
        assert text.count(BROWSER_KEY_PLACEHOLDER) <= 1


def test_the_seed_sdk_example_is_valid_javascript(tmp_path: Path) -> None:
    module = tmp_path / "AIGNEHubChatModel.mjs"
    shutil.copy(SNIPPETS / "aigne-hub" / "AIGNEHubChatModel.js", module)
    result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- running them --------------------------------------------------------------------------------


def command(path: Path, source: str, work: Path) -> list[str]:
    """Write the prepared source to `work` and return how to run it."""
    folder = work / path.parent.name
    folder.mkdir(exist_ok=True)
    # Browser JavaScript uses top-level await, as in a module (or the devtools console).
    script = folder / (f"{path.stem}.browser.mjs" if path.suffix == ".js" else path.name)
    if rel(path) in SEED_CURL:
        source = "curl() { command curl -sS -w '\\n%{http_code}\\n' \"$@\"; }\n" + source
    script.write_text(source, encoding="utf-8")
    runner = {".sh": ["bash"], ".py": [sys.executable]}.get(path.suffix, ["node"])
    return [*runner, str(script)]


def run_snippet(path: Path, server: str, work: Path) -> str:
    api = path.parent.name
    sandbox_base = server + SANDBOX_PATHS[api]
    source = path.read_text(encoding="utf-8").replace(BASE_URLS[api], sandbox_base)
    if path.suffix == ".js":
        source = source.replace(BROWSER_KEY_PLACEHOLDER, json.dumps(DEMO_KEYS[api]))
    if rel(path) in SEED_CURL:
        source = source.replace("YOUR_API_KEY", DEMO_KEYS[api])
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(KEYS, NO_PROXY="127.0.0.1,localhost")
    result = subprocess.run(command(path, source, work), capture_output=True, text=True, env=env, timeout=60, cwd=work)
    assert result.returncode == 0, result.stderr
    # Links in bodies (pagination) point at the server that answered: show them as the real API's.
    return result.stdout.replace(sandbox_base, BASE_URLS[api])


@pytest.fixture(scope="module")
def outputs(sandbox_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("snippets")
    paths = runnable_snippets()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = pool.map(lambda p: run_snippet(p, sandbox_server, work), paths)
        return dict(zip(map(rel, paths), results, strict=True))


@pytest.mark.parametrize("snippet", [rel(p) for p in runnable_snippets()])
def test_snippet_answers_as_documented(outputs: dict[str, str], snippet: str) -> None:
    assert_documented(snippet, outputs[snippet])


# --- Python snippets inside Pyodide --------------------------------------------------------------


@pytest.fixture(scope="module")
def pyodide_outputs(site_dir: Path) -> dict[str, str]:
    wheels = pure_wheels([pinned(name) for name in PYODIDE_WHEELS])
    snippets = [rel(p) for p in runnable_snippets() if suffix_of(p) == ".py"]
    result = run_in_pyodide("snippets_main.py", site_dir, wheels, snippets, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# The OpenAI SDK needs pydantic-core, a compiled wheel Pyodide does not get here: CPython runs it.
@pytest.mark.parametrize("snippet", [rel(p) for p in runnable_snippets() if suffix_of(p) == ".py"])
def test_python_snippet_answers_as_documented_in_pyodide(pyodide_outputs: dict[str, str], snippet: str) -> None:
    assert_documented(snippet, pyodide_outputs[snippet])


# --- no code block escapes the harness -----------------------------------------------------------

FENCE_OPEN = re.compile(r"^(\s*)(`{3,})")
INCLUDE_LINE = re.compile(r'^--8<--\s+"([^"]+)"$')


def code_blocks(text: str) -> list[str]:
    """The content of every fenced code block, indented ones (in tabs, admonitions) included."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if match:
            indent, fence = match.groups()
            end = i + 1
            while end < len(lines) and lines[end].strip() != fence:
                end += 1
            blocks.append("\n".join(line[len(indent) :] for line in lines[i + 1 : end]).strip())
            i = end
        i += 1
    return blocks


def page_files() -> list[Path]:
    return sorted(p for lang in LANGUAGES for p in (DOCS / lang).rglob("*.md"))


@pytest.mark.parametrize("page", [rel(p) for p in page_files()])
def test_every_code_block_is_run_or_documented(page: str) -> None:
    runnable = {rel(p) for p in runnable_snippets()}
    for block in code_blocks((ROOT / page).read_text(encoding="utf-8")):
        include = INCLUDE_LINE.match(block)
        if not include:
            assert block in PASTED_ALLOWED, f"{page}: a pasted code block the harness does not run:\n{block}"
            continue
        path = include.group(1)
        assert (
            path in runnable
            or path in NOT_RUNNABLE
            or path in snippet_files.PROGRAMS
            or path.startswith("playground/documented_examples/")
        ), f"{page}: {path} is neither run by the harness, a documented example, nor allow-listed"


@pytest.mark.parametrize("snippet", [rel(p) for p in runnable_snippets()] + sorted(snippet_files.PROGRAMS))
def test_every_snippet_is_on_its_page_in_every_language(snippet: str) -> None:
    for lang in LANGUAGES:
        assert any(f'"{snippet}"' in p.read_text(encoding="utf-8") for p in (DOCS / lang).rglob("*.md")), (
            f"{snippet} is not included on any {lang} page"
        )
