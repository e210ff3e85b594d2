"""Cold load: navigation to the map drawn, in headless chromium on loopback, against the reference page.

Each run opens a new browser context (empty cache) and measures, in the page's own clock, the first frame
that shows choropleth paths (``browser.DETECT_MAP``), and the bytes on the wire until the network is idle.
App and reference runs alternate, so both meet the same machine load; the ratio is of their medians.
"""

from __future__ import annotations

import contextlib
import statistics
from collections import defaultdict

from . import servers
from .browser import DETECT_MAP, VIEWPORT, Recorder, chromium


def load_once(browser, url: str) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    recorder = Recorder(page)
    page.add_init_script(DETECT_MAP)
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__mapDrawn !== undefined", timeout=60_000, polling=50)
        drawn = page.evaluate("() => window.__mapDrawn")
        try:
            page.wait_for_load_state("networkidle", timeout=15_000)
        except Exception:  # a late request (favicon...) keeps the network busy: count what came by then
            page.wait_for_timeout(1000)
        timing = page.evaluate("""() => {
            const n = performance.getEntriesByType('navigation')[0];
            return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};
        }""")
        traffic = Recorder.traffic(recorder.requests)
    finally:
        context.close()
    return {"map_ms": drawn, **timing, **traffic, "errors": recorder.errors, "outside": recorder.outside}


def _by_type(resources) -> dict:
    out = defaultdict(int)
    for r in resources:
        out[r["type"]] += r["received"]
    return dict(out)


def summarise(runs: list[dict]) -> dict:
    first = runs[0]
    return {
        "runs": len(runs),
        "map_ms_median": statistics.median(r["map_ms"] for r in runs),
        "map_ms_all": [round(r["map_ms"], 1) for r in runs],
        "dcl_ms_median": statistics.median(r["dcl"] for r in runs),
        "bytes_received": statistics.median(r["received"] for r in runs),
        "bytes_sent": statistics.median(r["sent"] for r in runs),
        "requests": first["requests"],
        "bytes_by_type": _by_type(first["resources"]),
        "largest": sorted(first["resources"], key=lambda r: -r["received"])[:8],
        "console_errors": sorted({e for r in runs for e in r["errors"]}),
        "outside_requests": sorted({u for r in runs for u in r["outside"]}),
    }


def run(runs: int = 9, baseline=None, others: dict | None = None, log=print) -> dict:
    """Measure the app (shipped data, gunicorn with 2 workers) and the reference page, ``runs`` times each,
    taking turns; with ``baseline`` (a folder holding another checkout of the app), that one too, and each
    of ``others`` ({name: checkout folder}, for ``bench.steps``)."""
    checkouts = {**({"baseline": baseline} if baseline else {}), **(others or {})}
    names = ("app", "reference") + tuple(checkouts)
    results = {name: [] for name in names}
    with contextlib.ExitStack() as stack:
        urls = {
            "app": stack.enter_context(servers.app_server()) + "/",
            "reference": stack.enter_context(servers.gunicorn("bench.reference:server", workers=1)) + "/",
        }
        for name, folder in checkouts.items():
            urls[name] = stack.enter_context(servers.app_server(cwd=folder)) + "/"
        with chromium() as browser:
            for name in names:  # warm-up: servers' first requests, browser start
                load_once(browser, urls[name])
            for i in range(runs):
                order = names[i % len(names) :] + names[: i % len(names)]
                for name in order:
                    result = load_once(browser, urls[name])
                    results[name].append(result)
                    log(
                        f"  cold load {i + 1}/{runs} {name:9s}: map drawn at {result['map_ms']:7.1f} ms, "
                        f"{result['received'] / 1e6:5.2f} MB received in {result['requests']} requests"
                    )
    app, ref = summarise(results["app"]), summarise(results["reference"])
    out = {"app": app, "reference": ref, "ratio": app["map_ms_median"] / ref["map_ms_median"]}
    for name in checkouts:
        out[name] = summarise(results[name])
        out[f"{name}_ratio"] = out[name]["map_ms_median"] / ref["map_ms_median"]
    log(
        f"cold load: app {app['map_ms_median']:.0f} ms, reference {ref['map_ms_median']:.0f} ms, "
        f"ratio {out['ratio']:.2f}; app received {app['bytes_received'] / 1e6:.2f} MB "
        f"(reference {ref['bytes_received'] / 1e6:.2f} MB)"
    )
    return out
