"""Start `python -m playground.server` as a child process: the one way the tests, the benchmark
and the load test run the server (the README's `scripts/serve.sh` runs it in the foreground)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class RunningServer:
    url: str  # the base URL, ending in "/"
    process: subprocess.Popen[str]
    banner: str  # the line the server printed once it listened


@contextlib.contextmanager
def running_server(
    site_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    stderr: IO[Any] | int = subprocess.PIPE,
    options: Sequence[str] = (),
) -> Iterator[RunningServer]:
    """Serve `site_dir` (and the sandbox API) on `host:port` (0: a free port) until the block ends;
    `options` are more of the server's command-line options (`--header-timeout 5`)."""
    command = [sys.executable, "-m", "playground.server", "--site", str(site_dir), "--host", host, "--port", str(port)]
    with running_command([*command, *options], stderr=stderr) as server:
        yield server


@contextlib.contextmanager
def running_command(
    command: Sequence[str], *, stderr: IO[Any] | int = subprocess.PIPE, env: dict[str, str] | None = None
) -> Iterator[RunningServer]:
    """Run a command that starts the server (as `running_server` does, or as a page tells a reader to)
    until the block ends; it must print "Serving … at http://host:port/" once it listens."""
    process = subprocess.Popen(
        list(command),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "http://" not in line:
            process.kill()
            errors = process.stderr.read() if process.stderr is not None else ""
            raise RuntimeError(f"the server did not start: {line!r} {errors}")
        yield RunningServer(line[line.index("http://") :].strip(), process, line)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
