#!/usr/bin/env bash
# Set up everything (venv, pinned packages, Debian's Chromium) and run every test.
# Extra arguments go to pytest, e.g. scripts/test.sh -k parity
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
"$ROOT/scripts/setup.sh" --browser
cd "$ROOT"
exec "$PY" -m pytest "$@"
