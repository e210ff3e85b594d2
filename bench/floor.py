"""The interaction floor: the same views drawn by plain plotly.js from figures already computed (no server, no Dash).

Measured in the same run as the app's interactions (``bench/interaction.py``, ``run(..., floor=True)``), in the
same browser, one floor step after each of the app's interactions (so both meet the same machine load), for the
view the app has just reached (its address after the interaction):

- the page (``PAGE``, served on 127.0.0.1 by gunicorn, ``bench.floor:create_server()``) loads the app's own plotly.js
  bundle (``dashboard/vendor/plotly-in2p3.min.js``) and topology, and lays its graphs out where the app's are (each
  graph's box and the page's height read from the app's page; the scroll position is the app's at each step);
- its figures are the app's own for each view: ``dashboard.page.render.render(ds, state)`` computed here, in
  Python, on the same data folder; every output that is a plotly figure (an object with ``to_plotly_json``, or a
  dict with ``data``) is drawn in the graph the app draws it in (the map in ``#map``); outputs that are not plotly
  figures are left out (``graphs`` in the results says which were drawn). The page's charts are HTML since issue 12
  (``dashboard/page/charts.py``): the floor draws in their places the plotly charts the page drew before, built
  from the same view model by a copy of those builders (``bench/plotly_charts.py``), so that it still says what
  plain plotly.js costs to apply the same views (the cost the page no longer pays for its charts);
- a step is the app's gesture on the floor page: a click on the country's label point of the map (plotly's
  ``plotly_click`` applies the view), or a click on a check box (its ``change`` applies it). Applying is
  ``Plotly.react`` of every chart, and of the map when the view's map differs from the one shown (every filter
  change; never a click, whose selection the app outlines itself without redrawing the map). The figures are
  parsed before the gesture: the time is plotly's alone;
- the clock is the app's: from the pointer-down to the later of the last ``plotly_afterplot`` and the first
  animation frame after every ``Plotly.react`` has resolved (the app's: the first frame after Dash's callbacks
  have all finished).
"""

from __future__ import annotations

import json
from pathlib import Path

import flask

from .browser import MAP_PROBE, VIEWPORT

MAP_GRAPH = "map"
#: The chart (``dashboard.views.CHART_IDS``) -> the id of its place on the app's page, where the floor draws its
#: plotly chart (``bench/plotly_charts.py``).
CHART_GRAPHS = {
    "continent": "continent-chart",
    "top": "top-countries-chart",
    "type": "type-chart",
    "timeline": "timeline-chart",
}
#: plotly.js config of the floor's charts (the page's before issue 12).
CHART_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"],
}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Interaction floor: plain plotly.js</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { margin: 0; font-family: sans-serif; position: relative; }
.graph { position: absolute; }
#floor-filter { position: fixed; left: 20px; top: 20px; width: 16px; height: 16px; margin: 0; z-index: 10; }
</style></head>
<body><div id="floor-space"></div>
<input type="checkbox" id="floor-filter" aria-label="apply the next view">
<script src="/plotly.js"></script>
<script>
(function () {
  var MAP = %(map)s;
  var fb = window.__fb = {t0: null, end: null, done: false, lastPlot: 0, pending: null, applied: 0, configs: {}};
  window.__floorSetup = function (boxes, height) {
    document.getElementById('floor-space').style.height = height + 'px';
    Object.keys(boxes).forEach(function (id) {
      var box = boxes[id], div = document.createElement('div');
      div.id = id; div.className = 'graph';
      div.style.left = box.left + 'px'; div.style.top = box.top + 'px';
      div.style.width = box.width + 'px'; div.style.height = box.height + 'px';
      document.body.appendChild(div);
    });
  };
  function apply() {
    var figures = fb.pending;
    fb.pending = null;
    if (!figures) { return; }
    fb.applied += 1;
    Promise.all(Object.keys(figures).map(function (id) {
      var f = figures[id];
      return Plotly.react(id, f.data, f.layout || {}, fb.configs[id]);
    })).then(function () {
      requestAnimationFrame(function () { fb.end = Math.max(performance.now(), fb.lastPlot); fb.done = true; });
    });
  }
  window.__floorFirst = function (figures, configs) {
    fb.configs = configs;
    return Promise.all(Object.keys(figures).map(function (id) {
      var f = figures[id];
      return Plotly.newPlot(id, f.data, f.layout || {}, configs[id]).then(function (gd) {
        gd.on('plotly_afterplot', function () { fb.lastPlot = performance.now(); });
        if (id === MAP) { gd.on('plotly_click', apply); }
      });
    })).then(function () { return true; });
  };
  window.__floorPrepare = function (text) {
    fb.pending = JSON.parse(text); fb.t0 = null; fb.end = null; fb.done = false;
  };
  document.addEventListener('pointerdown', function () {
    fb.t0 = performance.now(); fb.end = null; fb.done = false;
  }, true);
  document.getElementById('floor-filter').addEventListener('change', apply);
})();
</script>
</body></html>
"""


def create_server() -> flask.Flask:
    """The floor's page, the app's plotly.js bundle and topology (gunicorn ``'bench.floor:create_server()'``)."""
    from dashboard.config import load_settings

    try:
        from dashboard.app import PLOTLY_BUNDLE
    except ImportError:  # moved: the vendored file where it was
        PLOTLY_BUNDLE = Path(__file__).resolve().parent.parent / "dashboard" / "vendor" / "plotly-in2p3.min.js"
    topology = Path(load_settings().geometry_file)
    page = (PAGE % {"map": json.dumps(MAP_GRAPH)}).encode("utf-8")
    server = flask.Flask(__name__)

    @server.route("/")
    def index():
        return flask.Response(page, mimetype="text/html")

    @server.route("/plotly.js")
    def plotly_js():
        return flask.send_file(PLOTLY_BUNDLE, mimetype="application/javascript")

    @server.route(f"/geo/{topology.name}")
    def geo():
        return flask.send_file(topology, mimetype="application/json")

    return server


def plotly_spec(value) -> dict | None:
    """A plotly figure as plotly.js takes it ({data, layout}), or None if ``value`` is not a plotly figure."""
    spec = value.to_plotly_json() if hasattr(value, "to_plotly_json") else value
    if not isinstance(spec, dict) or not isinstance(spec.get("data"), list):
        return None
    return {"data": spec["data"], "layout": spec.get("layout") or {}}


def graph_ids() -> dict[str, str]:
    """Output name of ``render`` -> id of the graph the app draws it in (the map: ``#map``, not its store)."""
    try:
        from dashboard.page.render import VIEW_OUTPUTS
    except ImportError:
        VIEW_OUTPUTS = {}
    out = {name: target[0] for name, target in VIEW_OUTPUTS.items() if target[1] == "figure"}
    out["map"] = MAP_GRAPH
    return out


def graph_config(graph: str, lang: str) -> dict:
    """The plotly.js config the app gives its map (its layout's), or :data:`CHART_CONFIG` for a chart."""
    base = CHART_CONFIG
    if graph == MAP_GRAPH:
        try:
            from dashboard.page import layout

            base = layout.GEO_CONFIG
        except (ImportError, AttributeError):
            base = {"displaylogo": False, "responsive": True, "topojsonURL": "/geo/"}
    return {**base, "locale": lang} if lang != "en" else dict(base)


class Floor:
    """The app's figures for each view of ``data_dir`` and the floor page drawing them (one per interaction run)."""

    def __init__(self, data_dir=None):
        from dashboard.config import load_settings
        from dashboard.loading import validate_folder
        from dashboard.state import Vocabulary

        settings = load_settings()
        self.ds = validate_folder(data_dir or settings.data_dir, settings.geometry_file)
        self.vocabulary = Vocabulary.from_dataset(self.ds)
        self.names = graph_ids()
        self._specs: dict[str, dict[str, str]] = {}
        self.shown: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.page = None

    def figures(self, search: str) -> dict[str, str]:
        """Graph id -> JSON of its figure for the view of ``search`` (the app's ``render``), computed once."""
        if search not in self._specs:
            from plotly.utils import PlotlyJSONEncoder

            from dashboard.page.render import render
            from dashboard.state import parse_query
            from dashboard.views import build_view

            from .plotly_charts import chart_figures

            state, _ = parse_query(search, self.vocabulary)
            outputs = render(self.ds, state)
            specs = {}
            for name, value in outputs.items():
                if name not in self.names:
                    continue  # not a graph's (texts, links, Dash components)
                spec = plotly_spec(value)
                if spec is None:
                    self.skipped.add(name)  # a graph's output that is no longer a plotly figure
                    continue
                specs[self.names[name]] = json.dumps(spec, cls=PlotlyJSONEncoder)
            charts = chart_figures(build_view(self.ds, state, with_table=False), state.lang)
            for chart, graph in CHART_GRAPHS.items():
                specs.setdefault(graph, json.dumps(plotly_spec(charts[chart]), cls=PlotlyJSONEncoder))
            self._specs[search] = specs
            self.lang = state.lang
        return self._specs[search]

    def open(self, browser, base: str, boxes: dict, height: float, search: str = "") -> None:
        """Open the floor page at ``base`` with the graphs at ``boxes`` ({id: {left, top, width, height}}, page
        coordinates, the app's) and draw the view of ``search`` (the app's first view)."""
        figures = self.figures(search)
        for i, graph in enumerate(g for g in figures if g not in boxes):  # a graph the app's page did not show
            boxes[graph] = {"left": 20, "top": height + 20 + 420 * i, "width": 600, "height": 400}
        context = browser.new_context(viewport=VIEWPORT)
        self.context, self.page = context, context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(base + "/")
        self.page.evaluate("([boxes, height]) => window.__floorSetup(boxes, height)", [boxes, height + 460 * 4])
        configs = {graph: graph_config(graph, getattr(self, "lang", "en")) for graph in figures}
        self.page.evaluate(
            "([text, configs]) => window.__floorFirst(JSON.parse(text), configs)", [_object(figures), configs]
        )
        if MAP_GRAPH in figures:
            self.page.wait_for_function("() => document.querySelector('#map .choroplethlocation') !== null")
        self.shown = dict(figures)
        self.graphs = sorted(figures)

    def close(self) -> None:
        if self.page is not None:
            self.context.close()
            self.page = None

    def step(self, kind: str, search: str, *, lonlat=None, box=None, scroll=(0, 0)) -> dict | None:
        """Apply the view of ``search`` as the app's gesture did: ``kind`` "click" at ``lonlat`` on the map, or
        "filter" (a check box at ``box``, the app's {x, y, width, height} in the viewport; a click too when the map is
        not a plotly figure). None if plotly took no click there (the country missed)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page = self.page
        figures = self.figures(search)
        changed = {g: text for g, text in figures.items() if g != MAP_GRAPH or text != self.shown.get(g)}
        page.evaluate("([x, y]) => window.scrollTo(x, y)", list(scroll))
        page.evaluate("text => window.__floorPrepare(text)", _object(changed))
        applied = page.evaluate("() => window.__fb.applied")
        if kind == "click" and MAP_GRAPH in self.shown:
            point = page.evaluate(MAP_PROBE, list(lonlat))
            if not point:
                return None
            x, y = point["x"], point["y"]
            page.mouse.move(x - 3, y - 3)
            page.mouse.move(x, y)
            page.wait_for_timeout(60)
        else:
            x = box["x"] + box["width"] / 2 if box else 28
            y = box["y"] + box["height"] / 2 if box else 28
            page.evaluate(
                """([x, y]) => { const b = document.getElementById('floor-filter');
                b.style.left = (x - 8) + 'px'; b.style.top = (y - 8) + 'px'; }""",
                [x, y],
            )
        page.mouse.click(x, y)
        try:
            page.wait_for_function(f"() => window.__fb.applied > {applied}", timeout=3_000, polling=20)
        except PlaywrightTimeout:
            page.evaluate("() => { window.__fb.pending = null; }")
            page.mouse.move(5, 5)
            return None
        page.wait_for_function("() => window.__fb.done", timeout=60_000, polling=20)
        ms = page.evaluate("() => window.__fb.end - window.__fb.t0")
        self.shown.update(changed)
        page.mouse.move(5, 5)
        page.wait_for_timeout(100)
        return {"ms": ms, "url": search, "graphs": sorted(changed)}


def _object(figures: dict[str, str]) -> str:
    """One JSON object from {graph: JSON text} (the texts are not parsed again)."""
    return "{" + ",".join(f"{json.dumps(graph)}:{text}" for graph, text in figures.items()) + "}"
