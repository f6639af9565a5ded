#!/usr/bin/env bash
# Set up, build every language, and serve the site and the sandbox API on one origin.
# Usage: scripts/serve.sh [--host 127.0.0.1] [--port 8000]
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
"$ROOT/scripts/setup.sh"
say "building the site (every language scripts/build.py lists)"
"$PY" "$ROOT/scripts/build.py"
say "starting the server (Ctrl-C to stop)"
exec "$PY" -m playground.server --site "$ROOT/site" "$@"
