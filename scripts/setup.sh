#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian machine, idempotently.
#   scripts/setup.sh          runtime: a virtual environment in .venv with requirements.txt
#   scripts/setup.sh --test   also the test tools (requirements-dev.txt) and Debian's chromium + chromium-driver
#   scripts/setup.sh --bench  as --test, and the benchmarks' npm tools (bench/package-lock.json: Lighthouse) in
#                             bench/node_modules, by npm ci (needs node and npm; make bench only, never make test)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
want_tests=0
want_bench=0
case "${1:-}" in
  --test) want_tests=1 ;;
  --bench) want_tests=1; want_bench=1 ;;
esac

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed ($("$PYTHON" --version 2>&1) found); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
reqs=requirements.txt
[ "$want_tests" = 1 ] && reqs=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements.txt "$reqs" | sha256sum | cut -c1-16)-$reqs"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$reqs"
  touch "$stamp"
fi

if [ "$want_tests" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "Installing Debian's chromium and chromium-driver for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ "$want_bench" = 1 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed for the benchmarks' tools (Lighthouse): install Node.js 18.16 or newer and npm" >&2
    exit 1
  fi
  bench_stamp="bench/node_modules/.installed-$(sha256sum bench/package-lock.json | cut -c1-16)"
  if [ ! -f "$bench_stamp" ]; then
    # exact versions from the lock file; no install scripts (none is needed: chromium is Debian's, never downloaded)
    npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error
    touch "$bench_stamp"
  fi
fi
