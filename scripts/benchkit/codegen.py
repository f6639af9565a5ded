"""The "codegen" figure: the time to write one request in every tab of the code panel.

Measured in this process's CPython on the request with the most tabs (AIGNE Hub's chat completion:
five programs); the page runs the same code in Pyodide, which is slower by its interpreter's factor.
"""

from __future__ import annotations

import json
import time

from playground._codegen import generate

__all__ = ["CODEGEN_REPEATS", "measure_codegen"]

CODEGEN_REPEATS = 50
_SPEC = {
    "api": "aigne-hub",
    "key": "aigne-demo-key",
    "method": "POST",
    "path": "/api/v1/chat/completions",
    "body": json.dumps({"model": "aignehub/gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}]}),
}


def measure_codegen(repeats: int = CODEGEN_REPEATS) -> float:
    """The median time, in ms, of `repeats` generations of every tab for one request."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        generate(_SPEC, "sandbox", use_my_key=False, lang="en")
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]
