# The two commands of the README. Each sets up what it needs first (scripts/setup.sh is idempotent).
.PHONY: run test lint format validate unit server browser bench

# `make run` serves the app as production does (gunicorn, as in the Procfile), on 127.0.0.1:8050 unless HOST and PORT
# say otherwise. With DASH_DEBUG=1 it runs Dash's development server in debug mode instead (python -m dashboard run:
# reloads on code changes, shows errors in the page; only on 127.0.0.1), as before.
HOST ?= 127.0.0.1
PORT ?= 8050
WEB_CONCURRENCY ?= 2

run:
	scripts/setup.sh
	@case "$${DASH_DEBUG:-0}" in \
	  0|false|no|"") exec .venv/bin/gunicorn dashboard.wsgi:server --preload --workers $(WEB_CONCURRENCY) \
	      --bind $(HOST):$(PORT) --access-logfile - ;; \
	  *) echo "DASH_DEBUG=$$DASH_DEBUG: Dash's development server in debug mode (development only)"; \
	     exec .venv/bin/python -m dashboard run --host $(HOST) --port $(PORT) ;; \
	esac

# The whole suite: the code checked by ruff (lint and format), then every test.
test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python -m pytest

lint:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# Rewrites the files: ruff's safe fixes, then its formatter.
format:
	scripts/setup.sh --test
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

validate:
	scripts/setup.sh
	.venv/bin/python -m dashboard validate

unit:
	scripts/setup.sh --test
	.venv/bin/python -m pytest tests/unit

server:
	scripts/setup.sh --test
	.venv/bin/python -m pytest tests/server

browser:
	scripts/setup.sh --test
	.venv/bin/python -m pytest tests/browser

# Benchmarks (not tests, not in CI): cold load, Lighthouse, interaction and its floor, scale, concurrency
# -> docs/performance.md. The set-up adds the benchmarks' npm tools (bench/package-lock.json), which make test never needs.
bench:
	scripts/setup.sh --bench
	.venv/bin/python -m bench
