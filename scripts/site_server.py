"""Start `python -m playground.server` as a child process: the one way the tests, the benchmark
and the load test run the server (the README's `scripts/serve.sh` runs it in the foreground).
`running_nginx` serves a built site with Debian's nginx and the site's own `_nginx.conf` instead,
as a static host would."""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_STATIC_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX_MISSING = (
    "Debian's nginx is missing: run scripts/setup.sh --browser (installs nginx and its brotli_static module)"
)


# What can serve a built site for a measurement (scripts/bench.py, bench_ab.py, lighthouse.py:
# --server), and how their reports name it.
SERVERS = {"python": "playground.server", "nginx": "Debian's nginx (the build's configuration)"}


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


@contextlib.contextmanager
def running_nginx(site_dir: Path, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[RunningServer]:
    """Serve the built `site_dir` with Debian's nginx on `host:port` (0: a free port) until the block
    ends: a main configuration of its own, in a temporary folder, whose one server `include`s the
    site's `_nginx.conf` (scripts/nginx_config.py) and loads the brotli_static module if it is installed."""
    if not NGINX.exists():
        raise FileNotFoundError(NGINX_MISSING)
    site = Path(site_dir).resolve()
    if not (site / "_nginx.conf").is_file():
        raise FileNotFoundError(f"{site / '_nginx.conf'} is missing: scripts/build.py writes it")
    with tempfile.TemporaryDirectory(prefix="nginx-") as folder:
        work = Path(folder)
        # A free port can be taken between our check and nginx's bind: try another a few times.
        attempts = 3 if port == 0 else 1
        for attempt in range(attempts):
            chosen = port or _free_port(host)
            config = work / "nginx.conf"
            config.write_text(_main_config(site, work, host, chosen), encoding="utf-8")
            log = work / "error.log"
            process = subprocess.Popen(
                [str(NGINX), "-p", str(work), "-e", str(log), "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                text=True,
            )
            if _wait_listening(process, host, chosen):
                break
            errors = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if "Address already in use" not in errors or attempt == attempts - 1:
                raise RuntimeError(f"nginx did not start (exit status {process.returncode}):\n{errors}")
        authority = f"[{host}]" if ":" in host else host
        url = f"http://{authority}:{chosen}/"
        try:
            yield RunningServer(url, process, f"Serving {site} with nginx at {url}")
        finally:
            _stop(process)


def _main_config(site: Path, work: Path, host: str, port: int) -> str:
    # As root, nginx's workers would run as "nobody", who cannot read a private temporary folder.
    user = ""
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};\n"
    brotli = f"load_module {BROTLI_STATIC_MODULE};\n" if BROTLI_STATIC_MODULE.exists() else ""
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    temp = "".join(
        f"    {kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}{brotli}worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{
    worker_connections 512;
}}
http {{
    include {NGINX_MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp}    server {{
        listen {listen};
        server_name localhost;
        root {site};
        include {site / "_nginx.conf"};
    }}
}}
"""


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _wait_listening(process: subprocess.Popen[str], host: str, port: int, timeout: float = 15.0) -> bool:
    """Whether nginx accepts connections on `host:port` before it exits or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    _stop(process)
    return False


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()  # nginx's fast shutdown: the master stops its workers, then itself
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve_site(server: str, site_dir: Path) -> contextlib.AbstractContextManager[RunningServer]:
    """Serve ``site_dir`` with ``server`` (a key of SERVERS) on a free loopback port."""
    if server == "python":
        return running_server(site_dir)
    return running_nginx(site_dir, host="127.0.0.1")
