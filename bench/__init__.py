"""Benchmarks of the dashboard (issue 4): cold load, interaction, scale, concurrency.

Run them all with ``make bench`` (or ``.venv/bin/python -m bench``); each prints its figures, keeps them in
``build/bench/<name>.json`` and the report ``docs/performance.md`` is rewritten from every result there.
These are measurements, not tests: nothing here fails on a missed target, the report says it.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "build" / "bench"
