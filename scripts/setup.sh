#!/usr/bin/env bash
# Set up everything the site and the tests need: a Python venv with the pinned packages, and,
# with --browser, Debian's Chromium for the Playwright tests and Debian's nginx; with --nginx, nginx
# only (the tests that serve the site as a static host; the fast loop runs those without a browser);
# with --clients, the real client SDKs the client tests run (tests/clients/). Safe to run again.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

with_browser=0
with_nginx=0
with_clients=0
for arg in "$@"; do
  case "$arg" in
    --browser) with_browser=1; with_nginx=1 ;;
    --nginx) with_nginx=1 ;;
    --clients) with_clients=1 ;;
    *) die "unknown option: $arg (usage: scripts/setup.sh [--browser] [--nginx] [--clients])" ;;
  esac
done

python="$(find_python)" || die "Python 3.12 or 3.13 is required (the Pyodide tooling, pyodide-lock, needs >= 3.12).
Install one (e.g. 'pyenv install 3.12') or point PYTHON=/path/to/python3.12 at it."

stamp="$VENV/.installed"
if [ ! -x "$PY" ] || ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
  say "creating .venv with $python"
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$ROOT/requirements.lock" -nt "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  say "installing pinned Python packages (requirements.lock)"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.lock"
  "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
  touch "$stamp"
fi

# Node.js and npm install the pinned Pyodide (package-lock.json) that the site serves itself.
command -v node >/dev/null && command -v npm >/dev/null \
  || die "Node.js >= 18 with npm is required (Pyodide comes from the npm package 'pyodide'): install nodejs and npm."
node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 18 ? 1 : 0)' \
  || die "Node.js >= 18 is required, found $(node --version)."
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing pinned npm packages (package-lock.json)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The OpenAI Node SDK and the AIGNE Hub SDK, pinned in their own lock (tests/clients/package-lock.json):
# about 290 MB, which only the tests need, so building and serving the site never installs them.
clients="$ROOT/tests/clients"
if [ "$with_clients" = 1 ] && { [ ! -f "$clients/node_modules/.package-lock.json" ] \
    || [ "$clients/package-lock.json" -nt "$clients/node_modules/.package-lock.json" ]; }; then
  say "installing the client SDKs the tests run (tests/clients/package-lock.json)"
  (cd "$clients" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Run's wheels for the page's Pyodide (requests and its dependencies, requirements-pyodide.lock),
# from PyPI into .cache/: the build serves them, and builds offline once they are here.
say "fetching Run's pinned wheels for Pyodide (requirements-pyodide.lock)"
"$PY" "$ROOT/scripts/pyodide_wheels.py" >/dev/null

# A Japanese font comes with the browser: every reader of /ja/ has one. Without it Chromium draws
# boxes, and its fallback search for each kana and kanji made /ja/ pages' first layout ~0.2 s
# slower than /en/ (scripts/bench.py), so tests and benchmarks would not see what readers see.
has_japanese_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=ja family)" ]; }
if [ "$with_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! has_japanese_font; }; then
  command -v apt-get >/dev/null || die "Debian's chromium and a Japanese font are needed for the browser tests and apt-get is not available: install chromium at /usr/bin/chromium and fonts-noto-cjk."
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing Debian's chromium and fonts-noto-cjk (browser tests)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

# Debian's nginx and its brotli_static module: the tests and the benchmark serve the built site with
# it (its own configuration, on a loopback port, scripts/site_server.py), as a static host would.
# policy-rc.d answering 101 keeps the package's scripts from starting a system nginx on port 80
# (the tests never use one; a Docker image has this file already).
if [ "$with_nginx" = 1 ] && { [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; }; then
  command -v apt-get >/dev/null || die "Debian's nginx and libnginx-mod-http-brotli-static are needed for the nginx tests and apt-get is not available: install nginx at /usr/sbin/nginx with the brotli_static module."
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing Debian's nginx and libnginx-mod-http-brotli-static (nginx tests)"
  policy_rc=/usr/sbin/policy-rc.d
  if [ ! -e "$policy_rc" ]; then
    trap '$sudo rm -f "$policy_rc"' EXIT
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy_rc" >/dev/null
    $sudo chmod 755 "$policy_rc"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    nginx libnginx-mod-http-brotli-static </dev/null >/dev/null
fi
say "setup done"
