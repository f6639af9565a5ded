"""Run the reader's Python code in the page and capture what it prints."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import importlib.util
import io
import os
import sys
import time
import traceback
from typing import Any

__all__ = ["MAX_OUTPUT_CHARS", "run_code"]

MAX_OUTPUT_CHARS = 100_000


async def run_code(
    source: str, env: dict[str, str] | None = None, target: str = "sandbox", lang: str = "en"
) -> dict[str, Any]:
    """Run Python source (top-level `await` allowed) and capture what it prints.

    The page enforces the time limit: it restarts the worker when a run takes too long.

    Parameters:
        source: The code.
        env: Environment variables set for the run only (the key, so the code needs no literal key).
            An empty value is set too: code that reads the key gets the empty key the reader
            typed (the documented `401`), not a `KeyError`.
        target: `"sandbox"`: the program's requests (with `requests` or `urllib3`) to a documented
            API's real URL are answered by the in-process sandbox and any other URL is refused
            (`playground._run_sandbox`). Anything else (a live base URL): they go to the network.
        lang: The language of a refusal (`"en"`, `"ja"` or `"zh-TW"`).

    Returns:
        `{"ok", "stdout", "stderr", "elapsed_ms"}`; `stderr` holds the traceback of an exception.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in (env or {})}
    ok = True
    start = time.perf_counter()
    try:
        # An environment variable cannot hold NUL or a lone surrogate, which a pasted key may (the
        # diagnosis reports them, and the header never carries them): Run failed on them before the
        # code even started ("embedded null byte", or no output at all).
        os.environ.update(
            {
                name: value.replace("\0", "").encode("utf-8", "ignore").decode("utf-8")
                for name, value in (env or {}).items()
            }
        )
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), _answered_by(target, lang):
            try:
                code = compile(source, "<playground>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
                result = eval(code, {"__name__": "__main__"})  # noqa: S307  (the reader's own code, in their browser)
                if result is not None and hasattr(result, "__await__"):
                    await result
            except BaseException as exc:  # noqa: BLE001  (SystemExit too: the reader's code must not end the worker)
                ok = False
                # Leave out this function's own frame: the traceback starts in the reader's code.
                tb = exc.__traceback__.tb_next if exc.__traceback__ else None
                stderr.write("".join(traceback.format_exception(type(exc), exc, tb)))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _stop_tasks_left_running()

    def cap(text: str) -> str:
        return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n[…]"

    return {
        "ok": ok,
        "stdout": cap(stdout.getvalue()),
        "stderr": cap(stderr.getvalue()),
        "elapsed_ms": round((time.perf_counter() - start) * 1000, 1),
    }


def _answered_by(target: str, lang: str) -> contextlib.AbstractContextManager[None]:
    # Imported here: they import requests and urllib3, which the page loads on the first Run only
    # (and which a Python without them, such as the start-up snapshot's, does not have).
    if importlib.util.find_spec("requests") is None:
        return contextlib.nullcontext()
    if target == "sandbox":
        from ._run_sandbox import sandboxed

        return sandboxed(lang)
    if sys.platform != "emscripten":
        return contextlib.nullcontext()  # CPython: urllib3 uses sockets, not the browser
    from ._run_network import quiet_browser_backend

    return quiet_browser_backend()


def _stop_tasks_left_running() -> None:
    # A task the reader's code started (asyncio.ensure_future(...)) and left running would keep
    # Python busy after Run ended, beyond its time limit: the next Send waited until the page gave
    # up on Python. Run ends them; only coroutines of the reader's code are touched, not a Send
    # that runs meanwhile.
    for task in asyncio.all_tasks():
        coroutine = task.get_coro()
        code = getattr(coroutine, "cr_code", None)
        if code is not None and code.co_filename == "<playground>" and not task.done():
            task.cancel()
