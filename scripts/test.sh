#!/usr/bin/env bash
# Set up, lint, and run the tests. Two modes:
#   scripts/test.sh          everything, as CI runs it (.ci/run); sets up Debian's Chromium too
#   scripts/test.sh --fast   the loop to run while working: no browser test and no slow test
# Both first run ruff (check and format), ESLint and the JavaScript unit tests; any failure stops
# the run. Other arguments go to pytest, e.g. scripts/test.sh --fast -k parity. pytest runs on two
# workers (pytest-xdist); PYTEST_WORKERS=0 scripts/test.sh runs it in one process.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

fast=0
pytest_args=()
for arg in "$@"; do
  if [ "$arg" = --fast ]; then fast=1; else pytest_args+=("$arg"); fi
done

if [ "$fast" = 1 ]; then
  "$ROOT/scripts/setup.sh" --nginx --clients
  # pyproject.toml registers the markers; -m given again in the extra arguments replaces this one.
  pytest_args=(-m "not browser and not slow" ${pytest_args[@]+"${pytest_args[@]}"})
else
  "$ROOT/scripts/setup.sh" --browser --clients
fi
cd "$ROOT"

# Run one step; if it fails, stop with its exit status and name it (its output above says why).
step() {
  local name="$1" status=0
  shift
  say "$name"
  "$@" || status=$?
  if [ "$status" != 0 ]; then
    printf '\nerror: step "%s" failed (exit status %s): %s\n' "$name" "$status" "$*" >&2
    exit "$status"
  fi
}

step "ruff check" "$VENV/bin/ruff" check .
step "ruff format --check" "$VENV/bin/ruff" format --check .
step "eslint" node_modules/.bin/eslint --max-warnings 0 .
step "node --test tests/js/" node --test tests/js/
# Two workers, each taking a whole test file at a time (module fixtures stay one per file; the
# site is built once for both, tests/conftest.py). PYTEST_WORKERS=0 runs in one process.
workers="${PYTEST_WORKERS:-2}"
xdist=()
if [ "$workers" != 0 ]; then xdist=(-n "$workers" --dist loadfile); fi
step "pytest" "$PY" -m pytest ${xdist[@]+"${xdist[@]}"} ${pytest_args[@]+"${pytest_args[@]}"}
