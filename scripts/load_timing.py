"""Load timing of the page: time to the map drawn, main-thread script time (CDP ``ScriptDuration``) and the CPU time of
the polyfill or regenerator-runtime script (CDP Profiler self time), over N loads after one warm-up.

Usage: .venv/bin/python scripts/load_timing.py http://127.0.0.1:8050 [N]   (a running server; Debian's chromium)
Figures of the polyfill's replacement: dashboard/vendor/README.md.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict

from playwright.sync_api import sync_playwright

DRAWN = """() => document.querySelector('#map path.choroplethlocation')
    && document.querySelector('[data-figure=collaborations] .figure-value')"""
RESOURCES = """() => performance.getEntriesByType('resource')
    .filter(r => /polyfill|regenerator/.test(r.name))
    .map(r => [r.name.split('/').pop(), Math.round(r.duration), r.transferSize, r.decodedBodySize])"""


def one_load(browser, base: str) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 100})
    cdp.send("Profiler.start")
    page.goto(base + "/")
    page.wait_for_function(DRAWN)
    drawn = page.evaluate("() => performance.now()")
    profile = cdp.send("Profiler.stop")["profile"]
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    nodes = {n["id"]: n for n in profile["nodes"]}
    self_time: dict[str, float] = defaultdict(float)
    for node, delta in zip(profile["samples"], profile["timeDeltas"]):
        self_time[nodes[node]["callFrame"]["url"].split("/")[-1].split("?")[0]] += delta / 1000
    resources = page.evaluate(RESOURCES)
    context.close()
    return {
        "map_ms": drawn,
        "script_ms": metrics["ScriptDuration"] * 1000,
        "poly_cpu_ms": sum(v for k, v in self_time.items() if "polyfill" in k or "regenerator" in k),
        "resources": resources,
    }


def main() -> None:
    base, loads = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
        one_load(browser, base)  # warms the server's caches: not counted
        rows = [one_load(browser, base) for _ in range(loads)]
        browser.close()
    for row in rows:
        print(json.dumps({k: round(v) if isinstance(v, float) else v for k, v in row.items()}))
    for key in ("map_ms", "script_ms", "poly_cpu_ms"):
        values = [row[key] for row in rows]
        print(f"{key}: median {statistics.median(values):.0f}  min {min(values):.0f}  max {max(values):.0f}")


if __name__ == "__main__":
    main()
