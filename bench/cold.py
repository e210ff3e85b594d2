"""Cold load: navigation to the map visible, drawn and interactive, in headless chromium on loopback, against the
reference page.

Each run opens a new browser context (empty cache) and measures, in the page's own clock from the start of
navigation:

- *map visible*: the first frame at which the map's box shows map content, plotly's or anything the page puts
  there first (``browser.DETECT_VISIBLE`` states the rule);
- *map drawn*: the first frame that shows plotly's choropleth paths (``browser.DETECT_MAP``);
- *map interactive*: the first frame at which a hover over a known country (Brazil's label point; France's if the
  topology has no Brazil), repeated every 50 ms from the start, shows plotly's hover label; hovering starts once
  the map's graph has its events and its geo subplot a projection (``browser.MAP_PROBE``, which also says whether
  something listens to the map's clicks: Dash's graph, which sends them to the server);

and the bytes on the wire until the network is idle. App and reference runs alternate, so both meet the same
machine load; the ratios are of medians. The targets (issue 12) compare the app's times to the reference page's
time to its map drawn.
"""

from __future__ import annotations

import contextlib
import statistics
from collections import defaultdict

from . import servers
from .browser import DETECT_MAP, DETECT_VISIBLE, VIEWPORT, Recorder, chromium, wait_interactive

#: Countries hovered for "map interactive", the first the topology has: (ISO3, lon, lat) of its label point.
HOVERED = ("BRA", "FRA")


def hover_point() -> tuple[str, float, float]:
    """The country hovered for "map interactive" and its label point (the app's topology)."""
    from dashboard.config import load_settings
    from dashboard.loading import build_countries, load_geometry

    countries = build_countries(load_geometry(load_settings().geometry_file))
    code = next(c for c in HOVERED if c in countries.index)
    return code, float(countries.at[code, "lon"]), float(countries.at[code, "lat"])


def load_once(browser, url: str, hover: tuple[str, float, float] | None = None) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    recorder = Recorder(page)
    page.add_init_script(DETECT_MAP)
    page.add_init_script(DETECT_VISIBLE)
    try:
        page.goto(url, wait_until="commit")
        interactive = wait_interactive(page, hover[1], hover[2]) if hover else {"t": None}
        page.wait_for_function("() => window.__mapDrawn !== undefined", timeout=60_000, polling=50)
        page.wait_for_function("() => !!window.__mapVisible", timeout=10_000, polling=50)
        drawn = page.evaluate("() => window.__mapDrawn")
        visible = page.evaluate("() => window.__mapVisible")
        lcp = page.evaluate("() => window.__lcp || []")
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
    return {
        "map_ms": drawn,
        "visible_ms": visible["t"],
        "visible_how": visible["how"],
        "interactive_ms": interactive["t"],
        "hover_text": interactive.get("text"),
        "hovers": interactive.get("hovers"),
        "click_listener": interactive.get("click"),
        "lcp_ms": lcp[-1]["t"] if lcp else None,
        "lcp_in_map": lcp[-1]["inBox"] if lcp else None,
        **timing,
        **traffic,
        "errors": recorder.errors,
        "outside": recorder.outside,
    }


def _by_type(resources) -> dict:
    out = defaultdict(int)
    for r in resources:
        out[r["type"]] += r["received"]
    return dict(out)


def _median(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(runs: list[dict]) -> dict:
    first = runs[0]
    return {
        "runs": len(runs),
        "map_ms_median": statistics.median(r["map_ms"] for r in runs),
        "map_ms_all": [round(r["map_ms"], 1) for r in runs],
        "visible_ms_median": _median(runs, "visible_ms"),
        "visible_ms_all": [None if r["visible_ms"] is None else round(r["visible_ms"], 1) for r in runs],
        "visible_how": sorted({r["visible_how"] for r in runs}),
        "interactive_ms_median": _median(runs, "interactive_ms"),
        "interactive_ms_all": [None if r["interactive_ms"] is None else round(r["interactive_ms"], 1) for r in runs],
        "interactive_missed": sum(r["interactive_ms"] is None for r in runs),
        "hover_text": next((r["hover_text"] for r in runs if r.get("hover_text")), None),
        "hovers_median": _median(runs, "hovers"),
        "click_listener": all(r.get("click_listener") for r in runs),
        "lcp_ms_median": _median(runs, "lcp_ms"),
        "lcp_in_map": any(r.get("lcp_in_map") for r in runs),
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
        hover = hover_point()
        with chromium() as browser:
            for name in names:  # warm-up: servers' first requests, browser start
                load_once(browser, urls[name], hover)
            for i in range(runs):
                order = names[i % len(names) :] + names[: i % len(names)]
                for name in order:
                    result = load_once(browser, urls[name], hover)
                    results[name].append(result)
                    log(
                        f"  cold load {i + 1}/{runs} {name:9s}: map visible at {_at(result['visible_ms'])}, "
                        f"drawn at {_at(result['map_ms'])}, interactive at {_at(result['interactive_ms'])}; "
                        f"{result['received'] / 1e6:5.2f} MB received in {result['requests']} requests"
                    )
    app, ref = summarise(results["app"]), summarise(results["reference"])
    out = {
        "app": app,
        "reference": ref,
        "hovered": hover[0],
        "ratio": app["map_ms_median"] / ref["map_ms_median"],
        **ratios(app, ref),
    }
    for name in checkouts:
        out[name] = summarise(results[name])
        out[f"{name}_ratio"] = out[name]["map_ms_median"] / ref["map_ms_median"]
        out[f"{name}_ratios"] = ratios(out[name], ref)
    log(
        f"cold load: app map drawn {app['map_ms_median']:.0f} ms, reference {ref['map_ms_median']:.0f} ms, "
        f"ratio {out['ratio']:.2f}; app map visible {_at(app['visible_ms_median'])} "
        f"(× {_x(out['visible_ratio'])} the reference's map drawn), interactive {_at(app['interactive_ms_median'])} "
        f"(× {_x(out['interactive_ratio'])}); app received {app['bytes_received'] / 1e6:.2f} MB "
        f"(reference {ref['bytes_received'] / 1e6:.2f} MB)"
    )
    return out


def ratios(page: dict, ref: dict) -> dict:
    """The issue-12 ratios: ``page``'s map visible and interactive over the reference's map drawn; and, like for
    like, over the reference's own visible and interactive."""

    def over(a, b):
        return None if a is None or not b else a / b

    return {
        "visible_ratio": over(page["visible_ms_median"], ref["map_ms_median"]),
        "interactive_ratio": over(page["interactive_ms_median"], ref["map_ms_median"]),
        "visible_ratio_like_for_like": over(page["visible_ms_median"], ref["visible_ms_median"]),
        "interactive_ratio_like_for_like": over(page["interactive_ms_median"], ref["interactive_ms_median"]),
    }


def _at(ms) -> str:
    return "   –   " if ms is None else f"{ms:7.1f} ms"


def _x(ratio) -> str:
    return "–" if ratio is None else f"{ratio:.2f}"
