# The two commands of the README. Each sets up what it needs first (scripts/setup.sh is idempotent).
.PHONY: run test validate unit browser bench

run:
	scripts/setup.sh
	.venv/bin/python -m dashboard

test:
	scripts/setup.sh --test
	.venv/bin/python -m pytest

validate:
	scripts/setup.sh
	.venv/bin/python -m dashboard validate

unit:
	scripts/setup.sh --test
	.venv/bin/python -m pytest tests/unit

browser:
	scripts/setup.sh --test
	.venv/bin/python -m pytest tests/browser

# Benchmarks (not tests, not in CI): cold load, interaction, scale, concurrency -> docs/performance.md
bench:
	scripts/setup.sh --test
	.venv/bin/python -m bench
