# The two commands of the README. Each sets up what it needs first (scripts/setup.sh is idempotent).
.PHONY: run test lint format validate unit server browser bench

run:
	scripts/setup.sh
	.venv/bin/python -m dashboard

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
