"""What each optimisation bought: the app at each commit of the performance work, measured in one run.

    python -m bench.steps          (about 20 minutes; writes bench/results/steps.json, then docs/performance.md)

Each commit is extracted with ``git archive`` and served as it was; cold loads of all of them and of the
reference page take turns in one browser; then each is driven through the same interactions; the server's
CPU time to compute a new view (``render``) is measured in a separate process per commit, on the shipped data.
"""

from __future__ import annotations

import json
import subprocess
import sys

from . import RESULTS, SAVED, cold, interaction, machine, report
from .servers import checkout

#: (commit, what it added), in order; each includes the ones before.
STEPS = (
    ("0598a95", "before this work"),
    (
        "5277796",
        "first round (2026-11-25; its steps are in bench/notes.md): lean template and figures without "
        "validation, plotly.js with 4 trace types, compression, view cache, prefilled page, map without hidden "
        "layers, selection as a Patch, aggregation on positions",
    ),
    ("d7fdad2", "table paged and sorted by the server (a view sends 15 rows, not up to 500)"),
    ("c597cea", "selection outline drawn by the browser over the map: a click on a country redraws no map"),
    ("e80304e", "a click sends back only the controls that change; one map per filters, kept for every selection"),
    ("7010770", "figures assembled as plain dicts, one plotly Figure built per figure; table sort keys at 10^5 rows"),
    ("fecda1d", "map builder: classes by searchsorted, hover data zipped from columns"),
    (
        "52fb13f",
        "third round (2026-12-02): counting on arrays of codes built once per data set (a view is a mask, "
        "every count a bincount); figures kept and sent as plain dicts",
    ),
    ("e2ab24c", "table sorted on ranks computed once per data set and language; a view's rows from its mask"),
    ("61770e4", "the browser keeps the last 8 maps it drew: a filter undone or back/forward sends no map"),
    (
        "48bb13a",
        "the map's topology simplified (0.03°, shared borders kept): 122,526 → 38,547 points, 234 → 114 kB gzipped",
    ),
    (
        "HEAD",
        "less sent per click: callback answers without the page's document headers, download links made by the "
        "browser (13 outputs fewer), the page's icon inline (no icon request at each click)",
    ),
)

RENDER_CPU = """
import json, statistics, sys, time
from dashboard.loading import validate_folder
try:  # the layout since issue 11; earlier commits had it in dashboard/callbacks.py
    from dashboard.page.render import render
except ImportError:
    from dashboard.callbacks import render
from dashboard.state import ViewState
ds = validate_folder("data")
states = [ViewState(countries=(c,)) for c in ("USA", "CHN", "JPN", "BRA", "ARG", "IND")] + \\
         [ViewState(instruments=(t,)) for t in ("IRL", "IRP", "AGR", "INFRA")]
render(ds, ViewState())
times = []
for state in states:
    t = time.process_time(); render(ds, state); times.append((time.process_time() - t) * 1000)
print(json.dumps({"render_cpu_ms": statistics.median(times)}))
"""


def _rev(rev: str) -> str:
    if rev != "HEAD":
        return rev
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=RESULTS.parent.parent
    ).stdout.strip()


def run(log=print) -> dict:
    steps = [(_rev(rev), what) for rev, what in STEPS]
    folders = {rev: checkout(rev) for rev, _ in steps}
    loads = cold.run(runs=5, others=folders, log=log)
    out = {"steps": []}
    for rev, what in steps:
        driven = interaction.run(clicks=12, filters=12, label=rev, cwd=folders[rev], log=log)
        cpu = subprocess.run(
            [sys.executable, "-c", RENDER_CPU], cwd=folders[rev], capture_output=True, text=True, timeout=600
        )
        render_cpu = json.loads(cpu.stdout.strip().splitlines()[-1])["render_cpu_ms"] if cpu.returncode == 0 else None
        out["steps"].append(
            {
                "rev": rev,
                "what": what,
                "cold": loads[rev],
                "cold_ratio": loads[f"{rev}_ratio"],
                "interaction": {k: driven[k] for k in ("clicks", "filters", "all")},
                "render_cpu_ms": render_cpu,
            }
        )
        log(
            f"step {rev}: cold {loads[rev]['map_ms_median']:.0f} ms (× {loads[f'{rev}_ratio']:.2f} of the reference), "
            f"interaction p50 {driven['all']['p50_ms']:.0f} / p95 {driven['all']['p95_ms']:.0f} ms, "
            f"render {render_cpu} ms CPU"
        )
    out["reference"] = loads["reference"]
    return out


if __name__ == "__main__":
    result = run()
    result["machine"] = {**machine.describe(), "command": "python -m bench.steps"}
    SAVED.mkdir(parents=True, exist_ok=True)
    (SAVED / "steps.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(report.write())
