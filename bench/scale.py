"""Scale: the server-side time of each callback and the memory of the process, at growing data sizes.

For each size a fresh process generates (or reuses) a synthetic data folder (``bench.synth``), loads it
through the app's own validation, builds the app and calls its callbacks through Flask's test client, as
the browser would: ``sync_view`` (a click), ``render_view`` for views not computed before (distinct
states: the cache cannot help) and again for the same views (cached), a selection-only change (the map
sent as a Patch), and the page layout (prefilled with the view of its URL). Times are wall-clock per
request (median and 95th percentile) with the process CPU time beside them.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import RESULTS
from .interaction import percentile

#: The 10^6 folder's tables are larger than the 50 MB the app accepts (loading.tables.MAX_TABLE_BYTES); the
#: worker lifts that limit for this size only, and says so.
LARGE = 1_000_000
DEFAULT_SIZES = (1_000, 10_000, 100_000)
#: Views not computed before, in the order asked (all distinct: each is a cache miss).
VIEWS = (
    "?country=USA",
    "?country=CHN",
    "?country=JPN",
    "?country=DEU",
    "?country=BRA",
    "?country=IND",
    "?instrument=IRL",
    "?instrument=AGR",
    "?instrument=IRN",
    "?continent=Asia",
    "?continent=Europe",
    "?status=active",
    "?year=2000-2010",
    "?measure=partners",
    "?measure=infrastructures",
    "?instrument=IRP&continent=Asia&country=JPN",
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _timed(function) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _stats(samples: list[tuple[float, float]]) -> dict:
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return {
        "n": len(samples),
        "p50_ms": statistics.median(walls),
        "p95_ms": percentile(walls, 95),
        "cpu_p50_ms": statistics.median(cpus),
    }


def worker(n: int, folder: Path) -> dict:
    """Measure one size in this process (run by ``run`` in a fresh interpreter)."""
    from dashboard import ids, loading
    from dashboard.app import create_app
    from dashboard.config import load_settings
    from dashboard.page.callbacks import map_key
    from dashboard.state import ViewState, Vocabulary, parse_query

    from . import synth
    from .dashclient import DashClient, flask_transport

    out: dict = {"n": n}
    t = time.perf_counter()
    synth.ensure(folder, n)
    out["generate_s"] = time.perf_counter() - t
    out["files_mb"] = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    if n >= LARGE:
        loading.tables.MAX_TABLE_BYTES = 10**10
        out["note"] = "table size limit (50 MB) lifted for this size"
    out["rss_start_mb"] = _rss_mb()
    t = time.perf_counter()
    ds = loading.validate_folder(folder)
    out["load_s"] = time.perf_counter() - t
    out["rows"] = {
        "collaborations": len(ds.collaborations),
        "country_links": len(ds.country_links),
        "partner_links": len(ds.partner_links),
        "partners": len(ds.partners),
    }
    out["rss_loaded_mb"] = _rss_mb()
    t = time.perf_counter()
    app = create_app(load_settings(), data=ds)
    out["app_start_s"] = time.perf_counter() - t
    test = app.server.test_client()
    client = DashClient(flask_transport(test), ds.year_bounds)
    vocabulary = Vocabulary.from_dataset(ds)

    sync = [
        _timed(lambda: client.sync("", {}, "map.clickData", {"points": [{"location": code}]}))
        for code in ("USA", "CHN", "JPN", "DEU", "BRA", "IND", "ITA", "ESP", "CHE", "GBR")
    ]
    misses = [_timed(lambda: client.render(search)) for search in VIEWS]
    hits = [_timed(lambda: client.render(search)) for search in VIEWS]
    base = map_key(ds, ViewState())
    patches = [_timed(lambda: client.render(f"?country={code}", base)) for code in ("ITA", "ESP", "CHE", "GBR")]
    tables = [_timed(lambda: client.table(f"?country={code}")) for code in ("USA", "FRA", "JPN", "BRA")]
    sorts = [
        _timed(lambda: client.table("", 0, [{"column_id": column, "direction": "asc"}], ids.table_sort(column)))
        for column in ("name", "countries", "partners", "years", "count")
    ]
    pages = [_timed(lambda: client.table("", page - 1, [], ids.TABLE_NEXT)) for page in (1, 2, 3, 40)]
    layouts = [
        _timed(lambda: test.get("/_dash-layout", headers={"Referer": f"http://127.0.0.1/{q}"}))
        for q in ("?country=KOR", "?instrument=IEA", "?continent=Africa", "?status=ended")
    ]
    out["callbacks"] = {
        "sync_view (a click)": _stats(sync),
        "render_view, new view": _stats(misses),
        "render_view, view seen before": _stats(hits),
        "render_view, new selection, same map (map not sent)": _stats(patches[1:]),
        "table_page, new view (first page)": _stats(tables),
        "table_page, sort by a column (all rows)": _stats(sorts),
        "table_page, another page": _stats(pages),
        "page layout, new view (prefilled)": _stats(layouts),
    }
    # Where a new view's time goes (in-process, no HTTP): filtering and counting, figures, table.
    from dashboard import aggregate
    from dashboard.page.render import render

    state, _ = parse_query("?instrument=AGR&continent=Europe", vocabulary)
    out["render_parts_ms"] = {
        "filter": _timed(
            lambda: (
                aggregate.select(ds, state, with_selection=False).frame,
                aggregate.select(ds, state).frame,
            )
        )[0],
        "whole render()": _timed(lambda: render(ds, state))[0],
    }
    out["rss_end_mb"] = _rss_mb()
    out["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run(sizes=DEFAULT_SIZES, log=print) -> dict:
    results = []
    for n in sizes:
        folder = RESULTS / "synth" / str(n)
        action = "reusing" if (folder / "GENERATED").exists() else "generating"
        log(f"scale: {n:,} collaborations ({action} {folder})")
        proc = subprocess.run(
            [sys.executable, "-m", "bench.scale", "--worker", str(n), str(folder)],
            capture_output=True,
            text=True,
            timeout=3600,
            cwd=Path(__file__).resolve().parent.parent,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        if proc.returncode != 0:
            log(proc.stderr[-3000:])
            results.append({"n": n, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"})
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(result)
        log(
            f"  loaded in {result['load_s']:.1f} s, RSS {result['rss_loaded_mb']:.0f} MB after loading, "
            f"{result['rss_end_mb']:.0f} MB at the end (peak {result['rss_peak_mb']:.0f} MB)"
        )
        for name, s in result["callbacks"].items():
            log(
                f"  {name:45s} p50 {s['p50_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms  (CPU p50 {s['cpu_p50_ms']:.1f} ms)"
            )
    return {"sizes": results}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        print(json.dumps(worker(int(float(sys.argv[2])), Path(sys.argv[3]))))
    else:
        sizes = [int(float(s)) for s in sys.argv[1:]] or list(DEFAULT_SIZES)
        json.dumps(run(sizes))
