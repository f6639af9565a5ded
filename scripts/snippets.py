"""Write the pages' snippet files from the playground's code generator, or check them (`--check`).

Each documented example with a `snippet` (`playground._examples`) is written as the generator writes
its request for the sandbox target (the API's real base URL), with the key from the environment
variable and English comments (the Japanese build translates them): one file per tab,
`docs/snippets/<api>/<case><suffix>`.

    python scripts/snippets.py           # rewrite the files
    python scripts/snippets.py --check   # exit 1 when a file differs from the generator's output
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playground import EXAMPLES, get_profile  # noqa: E402  (the package of this checkout)
from playground._codegen import generate  # noqa: E402
from playground._examples import DocumentedExample  # noqa: E402

__all__ = ["HAND_WRITTEN", "PROGRAMS", "SNIPPETS", "SUFFIXES", "expected_files", "main", "spec_of"]

SNIPPETS = ROOT / "docs" / "snippets"
SUFFIXES = {"curl": ".sh", "python": ".py", "javascript": ".js", "node": ".mjs", "openai": ".openai.py"}
"""Each tab's file suffix."""
HAND_WRITTEN = {
    "maiagent/wrong_scheme": (
        "its header has another scheme than the API's (Bearer), which the generator never writes: "
        "the code builds `Api-Key <key>` as Send does"
    ),
}
"""Snippet cases written by hand, each with the reason."""
_OWN_OUTPUT = "prints what a reader's program would, not a status and a documented body"
PROGRAMS = {
    "docs/snippets/aigne-hub/openai_client.py": f"the OpenAI SDK as an application uses it: {_OWN_OUTPUT}",
    "docs/snippets/aigne-hub/openai_client.mjs": f"the OpenAI Node SDK as an application uses it: {_OWN_OUTPUT}",
    "docs/snippets/aigne-hub/sdk_requests.py": "the AIGNE Hub SDK's requests: prints the mount point first",
    "docs/snippets/sandbox/serve.sh": "the command that starts the sandbox server, which the other programs call",
    "docs/snippets/sandbox/list_chatbots.sh": "calls the sandbox server with a demo key in the command",
    "docs/snippets/sandbox/test_with_sandbox.py": "a pytest file: pytest runs it",
    "docs/snippets/sandbox/openai_sdk.py": f"the OpenAI SDK against the sandbox server: {_OWN_OUTPUT}",
    "docs/snippets/sandbox/openai_sdk.mjs": f"the OpenAI Node SDK against the sandbox server: {_OWN_OUTPUT}",
    "docs/snippets/sandbox/aigne_hub_sdk.mjs": f"the AIGNE Hub SDK against the sandbox server: {_OWN_OUTPUT}",
}
"""Programs written by hand that are not a documented example's request, each with the reason:
tests/test_snippet_programs.py runs each and checks what it prints."""


def spec_of(example: DocumentedExample) -> dict[str, Any]:
    """The example's request as the form holds it: the key is the header's value after the scheme
    (`None` for a request documented without one)."""
    request, scheme = example.request, get_profile(example.api).scheme.name + " "
    header = dict(request.headers).get("Authorization", "")
    return {
        "api": example.api,
        "key": header.removeprefix(scheme) if header else None,
        "method": request.method,
        "path": request.path,
        "body": "" if request.body is None else json.dumps(request.body),
    }


def expected_files() -> dict[Path, str]:
    """Every generated snippet file and the text it must hold."""
    files = {}
    for example in EXAMPLES.values():
        if example.snippet is None or example.snippet in HAND_WRITTEN:
            continue
        for tab in generate(spec_of(example), "sandbox", use_my_key=False, lang="en")["tabs"]:
            files[SNIPPETS / (example.snippet + SUFFIXES[tab["id"]])] = tab["code"]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when a file differs")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.write_text(text, encoding="utf-8")
    verb = "differs from the generator's output" if args.check else "written"
    for name in stale:
        print(f"{name}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
