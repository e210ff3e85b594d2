"""Interaction: from a click on a country (or on a filter) to the moment every linked view shows the new state.

In the page: ``t0`` is the pointer-down of the click; the end is the later of (a) the first animation
frame after Dash's callbacks have all finished (the text views are rendered then) and (b) the last
``plotly_afterplot`` of any graph. "Finished" means no callback in flight for 150 ms, so a chain of
callbacks (click -> URL -> views) is measured whole. Bytes are those of the requests the interaction made
(headers and encoded bodies, both ways).

With ``floor=True`` each interaction is followed by the same change on the floor page (``bench/floor.py``: the
same views drawn by plain plotly.js from the app's own figures, no server, no Dash), timed by the same clock; the
results give both and the app's ratio to the floor.
"""

from __future__ import annotations

import math
import statistics

from . import servers
from .browser import DETECT_MAP, VIEWPORT, Recorder, chromium

INSTALL = """
() => {
  const b = window.__b = {t0: null, busy: false, idleSince: null, idleFrame: null, lastPlot: 0};
  const idle = () => {
    const s = window.store.getState();
    if (s.pendingCallbacks) return s.pendingCallbacks.length === 0;
    const c = Object.assign({}, s.callbacks); delete c.stored; delete c.completed;
    return Object.values(c).every(l => !l || l.length === 0);
  };
  window.store.subscribe(() => {
    if (b.t0 === null) return;
    if (!idle()) { b.busy = true; b.idleSince = null; b.idleFrame = null; return; }
    if (b.busy && b.idleSince === null) {
      const since = b.idleSince = performance.now();
      requestAnimationFrame(() => { if (b.idleSince === since) b.idleFrame = performance.now(); });
    }
  });
  document.querySelectorAll('.js-plotly-plot')
    .forEach(gd => gd.on('plotly_afterplot', () => { b.lastPlot = performance.now(); }));
  document.addEventListener('pointerdown', () => {
    Object.assign(b, {t0: performance.now(), busy: false, idleSince: null, idleFrame: null});
  }, true);
}
"""
SETTLED = (
    "() => { const b = window.__b; const now = performance.now(); "
    "return b.idleFrame !== null && now - b.idleSince > 150 && now - b.lastPlot > 150; }"
)
ELAPSED = "() => { const b = window.__b; return Math.max(b.idleFrame, b.lastPlot) - b.t0; }"

#: Countries clicked on the map (at their label point), each twice: select, then deselect.
COUNTRIES = (
    "USA",
    "CHN",
    "JPN",
    "BRA",
    "ARG",
    "IND",
    "RUS",
    "CAN",
    "AUS",
    "ZAF",
    "MEX",
    "KOR",
    "DEU",
    "ITA",
    "ESP",
    "POL",
    "UKR",
    "ROU",
    "CZE",
    "SWE",
    "CHL",
    "COL",
    "EGY",
    "IRN",
    "TUR",
    "KAZ",
)
#: Filter boxes clicked, each twice: tick, then untick.
FILTERS = tuple(f"#instrument-filter input[value='{v}']" for v in ("IRL", "IRP", "IRN", "IEA", "AGR", "INFRA")) + tuple(
    f"#status-filter input[value='{v}']" for v in ("active", "under-construction", "planned", "ended")
)

MAP_POINT = """([lon, lat]) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const [px, py] = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const box = gd.getBoundingClientRect();
  return [box.left + px, box.top + py];
}"""


def percentile(values, q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _measure(page, recorder, act) -> dict | None:
    """Time ``act`` (a click); None if it started no callback (a click that missed its target)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = len(recorder.requests)
    act()
    try:
        page.wait_for_function("() => window.__b.busy", timeout=3_000, polling=20)
    except PlaywrightTimeout:
        return None
    page.wait_for_function(SETTLED, timeout=60_000, polling=20)
    elapsed = page.evaluate(ELAPSED)
    traffic = Recorder.traffic(recorder.requests[before:])
    return {"ms": elapsed, "sent": traffic["sent"], "received": traffic["received"], "requests": traffic["requests"]}


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.__mapDrawn !== undefined", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.evaluate(INSTALL)


def _scroll(page) -> list[float]:
    return page.evaluate("() => [window.scrollX, window.scrollY]")


def _floor_step(floor, samples, result, log, kind, **where) -> None:
    """The floor's step for the view the app has just reached (``result``), appended to ``samples``."""
    step = floor.step(kind, result["url"], **where)
    if step is None:
        log(f"  floor: {result['what']}: plotly took no click there, not counted")
        return
    step["what"] = result["what"]
    samples.append(step)
    log(f"  {'floor':>5s} {result['what']:22s} {step['ms']:7.1f} ms  ({', '.join(step['graphs'])})")


def click_countries(page, recorder, countries_frame, count: int, log, floor=None, floor_samples=None) -> list[dict]:
    """Click countries of the map ``count`` times (select, deselect, next country...); each followed by the same
    view on the ``floor`` page if given (its times appended to ``floor_samples``)."""
    out = []
    page.locator("#map").scroll_into_view_if_needed()
    codes = [c for c in COUNTRIES if c in countries_frame.index]
    i = 0
    while len(out) < count and i < 3 * count:
        code = codes[(i // 2) % len(codes)]
        i += 1
        lon, lat = float(countries_frame.at[code, "lon"]), float(countries_frame.at[code, "lat"])
        x, y = page.evaluate(MAP_POINT, [lon, lat])
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
        page.wait_for_timeout(60)
        result = _measure(page, recorder, lambda: page.mouse.click(x, y))
        if result is None:
            log(f"  click {code}: no callback (the click missed the country), not counted")
            if i % 2:  # it was to select: skip its deselection too
                i += 1
            page.mouse.move(5, 5)
            continue
        result["what"] = f"click {code}"
        result["url"] = page.evaluate("() => location.search")
        out.append(result)
        log(
            f"  {result['what']:28s} {result['ms']:7.1f} ms, sent {result['sent']:6d} B, "
            f"received {result['received']:7d} B  -> {result['url'] or '/'}"
        )
        page.mouse.move(5, 5)
        page.wait_for_timeout(100)
        if floor is not None:
            _floor_step(floor, floor_samples, result, log, "click", lonlat=(lon, lat), scroll=_scroll(page))
    return out


def click_filters(page, recorder, count: int, log, floor=None, floor_samples=None) -> list[dict]:
    out = []
    i = 0
    while len(out) < count and i < 3 * count:
        selector = FILTERS[(i // 2) % len(FILTERS)]
        i += 1
        box = page.locator(selector)
        box.scroll_into_view_if_needed()
        where = box.bounding_box()
        result = _measure(page, recorder, lambda: box.click())
        if result is None:
            log(f"  {selector}: no callback, not counted")
            continue
        result["what"] = f"filter {selector.split('=')[1][1:-2]}"
        result["url"] = page.evaluate("() => location.search")
        out.append(result)
        log(
            f"  {result['what']:28s} {result['ms']:7.1f} ms, sent {result['sent']:6d} B, "
            f"received {result['received']:7d} B  -> {result['url'] or '/'}"
        )
        page.wait_for_timeout(100)
        if floor is not None:
            _floor_step(floor, floor_samples, result, log, "filter", box=where, scroll=_scroll(page))
    return out


def summarise(results: list[dict]) -> dict:
    times = [r["ms"] for r in results]
    wire = [r["sent"] + r["received"] for r in results]
    return {
        "n": len(results),
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "max_ms": max(times),
        "bytes_p50": statistics.median(wire),
        "bytes_p95": percentile(wire, 95),
        "bytes_max": max(wire),
        "sent_p50": statistics.median(r["sent"] for r in results),
        "received_p50": statistics.median(r["received"] for r in results),
        "requests_p50": statistics.median(r["requests"] for r in results),
    }


def summarise_times(results: list[dict]) -> dict | None:
    times = [r["ms"] for r in results]
    if not times:
        return None
    return {"n": len(times), "p50_ms": statistics.median(times), "p95_ms": percentile(times, 95), "max_ms": max(times)}


GRAPH_BOXES = """(ids) => {
  const out = {};
  for (const id of ids) {
    const el = document.getElementById(id);
    if (!el) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      out[id] = {left: r.left + window.scrollX, top: r.top + window.scrollY, width: r.width, height: r.height};
    }
  }
  return [out, document.documentElement.scrollHeight];
}"""


def run(
    data_dir=None,
    *,
    clicks: int = 32,
    filters: int = 32,
    label: str = "shipped data",
    cwd=None,
    floor: bool = False,
    log=print,
) -> dict:
    """Drive the app (gunicorn, 2 workers) on ``data_dir`` (default: the shipped data); ``cwd``: another
    checkout of the app (the baseline); ``floor``: each interaction followed by the same view on the floor page
    (``bench/floor.py``), in the same browser."""
    import contextlib

    from dashboard.config import load_settings
    from dashboard.loading import build_countries, load_geometry

    countries = build_countries(load_geometry(load_settings().geometry_file))
    floor_samples: list[dict] = []
    with contextlib.ExitStack() as stack:
        model = None
        if floor:
            from .floor import Floor

            model = Floor(data_dir)  # the data set loaded here, for the app's figures of each view
            floor_url = stack.enter_context(servers.gunicorn("bench.floor:create_server()", workers=1))
        url = stack.enter_context(servers.app_server(data_dir, **({"cwd": cwd} if cwd else {})))
        browser = stack.enter_context(chromium())
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        recorder = Recorder(page)
        page.add_init_script(DETECT_MAP)
        _open(page, url + "/")
        if model is not None:
            boxes, height = page.evaluate(GRAPH_BOXES, list(model.figures("")))
            model.open(browser, floor_url, boxes, height)
            stack.callback(model.close)
        also = ", each followed by the floor's" if floor else ""
        log(f"interaction ({label}): {clicks} map clicks, {filters} filter changes{also}")
        map_clicks = click_countries(page, recorder, countries, clicks, log, model, floor_samples)
        filter_changes = click_filters(page, recorder, filters, log, model, floor_samples)
        errors, outside = list(recorder.errors), list(recorder.outside)
        context.close()
    out = {
        "label": label,
        "clicks": summarise(map_clicks),
        "filters": summarise(filter_changes),
        "all": summarise(map_clicks + filter_changes),
        "console_errors": errors,
        "outside_requests": outside,
        "samples": map_clicks + filter_changes,
    }
    for key in ("clicks", "filters", "all"):
        s = out[key]
        log(
            f"interaction ({label}) {key:7s}: p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms, "
            f"{s['bytes_p50'] / 1e3:.1f} kB per interaction (median; max {s['bytes_max'] / 1e3:.1f} kB)"
        )
    if floor:
        kinds = {
            "clicks": [f for f in floor_samples if f["what"].startswith("click")],
            "filters": [f for f in floor_samples if f["what"].startswith("filter")],
            "all": floor_samples,
        }
        out["floor"] = {key: summarise_times(samples) for key, samples in kinds.items()}
        out["floor"]["graphs"] = model.graphs
        out["floor"]["not_plotly"] = sorted(model.skipped)
        out["floor"]["errors"] = model.errors
        out["floor"]["samples"] = floor_samples
        out["floor_ratio"] = {}
        for key in ("clicks", "filters", "all"):
            app, base = out[key], out["floor"][key]
            if base:
                out["floor_ratio"][key] = {q: app[f"{q}_ms"] / base[f"{q}_ms"] for q in ("p50", "p95")}
                ratio = out["floor_ratio"][key]
                log(
                    f"floor ({label}) {key:7s}: p50 {base['p50_ms']:.0f} ms, p95 {base['p95_ms']:.0f} ms; "
                    f"app / floor: p50 × {ratio['p50']:.2f}, p95 × {ratio['p95']:.2f}"
                )
    return out
