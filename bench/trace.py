"""Where an interaction's time goes in the browser: a timeline per click, and where the CPU went.

    python -m bench.trace                      (map clicks on Brazil and the USA, then instrument filters)
    python -m bench.trace --profile            (adds a CPU profile of the same interactions, by script and function)

For looking, not for the report: the app under gunicorn (2 workers) on the shipped data in headless chromium.
Each line is one interaction, times in ms from the pointer-down: the Dash requests (``req``: sent, ``resp``:
answered), the browser's long tasks (``longtask DURATION``: scripts that held the page, at their start) and the
``plotly_afterplot`` of each graph. Section 7 of docs/performance.md (the notes) reads its figures from such traces.
"""

from __future__ import annotations

import argparse
import collections
import time

from . import servers
from .browser import VIEWPORT, chromium
from .interaction import MAP_POINT

INSTALL = """
() => {
  window.__trace = [];
  const log = (what, t) => window.__trace.push([what, t === undefined ? performance.now() : t]);
  document.addEventListener('pointerdown', () => { window.__trace = []; log('click'); }, true);
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    const id = gd.closest('[id]').id;
    gd.on('plotly_afterplot', () => log('afterplot ' + id));
  });
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (e.name.includes('_dash-update-component')) { log('req', e.startTime); log('resp', e.responseEnd); }
  })).observe({type: 'resource'});
  new PerformanceObserver(list => list.getEntries()
      .forEach(e => log('longtask ' + Math.round(e.duration), e.startTime)))
    .observe({type: 'longtask'});
}
"""
#: (lon, lat) of a map click, or a CSS selector of a box to tick; each twice (select, then deselect).
DEFAULT_ACTIONS = (
    (-53.0, -10.0),
    (-53.0, -10.0),
    (-100.0, 40.0),
    (-100.0, 40.0),
    "#instrument-filter input[value='IRP']",
    "#instrument-filter input[value='IRP']",
    "#instrument-filter input[value='IRN']",
    "#instrument-filter input[value='IRN']",
)


def _act(page, action) -> str:
    if isinstance(action, tuple):
        x, y = page.evaluate(MAP_POINT, list(action))
        page.mouse.move(x, y)
        time.sleep(0.3)  # the hover label first, as a person's pointer
        page.mouse.click(x, y)
        return f"map click at {action}"
    page.click(action)
    return f"tick {action}"


def _profile_summary(profile: dict, interactions: int, top: int = 15) -> list[str]:
    """Self time per script and per function (ms per interaction) of a CDP ``Profiler.stop`` profile."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    by_script, by_function = collections.Counter(), collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"][1:] + [0]):
        frame = nodes[sample]["callFrame"]
        script = frame["url"].rsplit("/", 1)[-1].split("?")[0] or frame["functionName"] or "(native)"
        by_script[script] += delta
        by_function[(frame["functionName"] or "(anonymous)", script)] += delta
    lines = ["self time per interaction, by script:"]
    lines += [f"  {t / 1000 / interactions:8.1f} ms  {name}" for name, t in by_script.most_common(top)]
    lines += ["by function:"]
    lines += [
        f"  {t / 1000 / interactions:8.1f} ms  {fn} ({script})" for (fn, script), t in by_function.most_common(top)
    ]
    return lines


def run(actions=DEFAULT_ACTIONS, profile: bool = False, log=print) -> None:
    with servers.app_server(workers=2) as url, chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url + "/")
        page.wait_for_selector("#map path.choroplethlocation", state="attached")
        time.sleep(2)
        page.evaluate(INSTALL)
        cdp = None
        if profile:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cdp.send("Profiler.start")
        for action in actions:
            what = _act(page, action)
            time.sleep(1.5)
            events = sorted(page.evaluate("() => window.__trace"), key=lambda e: e[1])
            start = next((t for name, t in events if name == "click"), events[0][1] if events else 0)
            log(f"{what}:\n  " + " | ".join(f"{name} {t - start:.0f}" for name, t in events))
        if cdp is not None:
            for line in _profile_summary(cdp.send("Profiler.stop")["profile"], len(actions)):
                log(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="store_true", help="also a CPU profile of the interactions")
    run(profile=parser.parse_args(argv).profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
