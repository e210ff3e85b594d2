"""Benchmarks of the dashboard (issues 4 and 12): cold load, Lighthouse, interaction and its floor, scale, concurrency.

Run them all with ``make bench`` (or ``.venv/bin/python -m bench``); each prints its figures, keeps them in
``bench/results/<name>.json`` (kept in git, so that the report can be rewritten and compared without running
everything again) and the report ``docs/performance.md`` is rewritten from every result there. Work files
(synthetic data folders, old commits extracted for comparison) go to ``build/bench/``, which git ignores.
These are measurements, not tests: nothing here fails on a missed target, the report says it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "build" / "bench"
#: The measured figures, one JSON file per benchmark (in git).
SAVED = ROOT / "bench" / "results"
