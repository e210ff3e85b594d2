"""What the performance work (issue 4) relies on: the view cache, the prefilled page, the map Patch, the
vendored plotly.js and compression, figures still valid plotly, and the benchmarks' own pieces."""

from __future__ import annotations

import gc
import gzip
import importlib
import json
import re
import weakref
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.app import PLOTLY_BUNDLE, create_app
from dashboard.caching import DataCache
from dashboard.config import load_settings
from dashboard.figures import Figure
from dashboard.loading import validate_folder
from dashboard.page.callbacks import map_key
from dashboard.page.render import render
from dashboard.state import ViewState

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def app(mini):
    return create_app(load_settings({}), data=mini)


def test_prf001_view_cache_keys_on_data_set_and_state(mini, shipped):
    cache = DataCache(2)
    calls = []
    compute = lambda: calls.append(1) or len(calls)
    assert cache.get_or_compute(mini, ViewState(), compute) == 1
    assert cache.get_or_compute(mini, ViewState(), compute) == 1  # same data, same state: cached
    assert cache.get_or_compute(shipped, ViewState(), compute) == 2  # another data set: computed
    assert cache.get_or_compute(mini, ViewState(countries=("JPN",)), compute) == 3
    assert cache.get_or_compute(shipped, ViewState(), compute) == 2  # still there (recently used)
    assert cache.get_or_compute(mini, ViewState(), compute) == 4  # evicted (size 2)
    assert (cache.hits, cache.misses) == (2, 4)


def test_prf016_cache_serves_only_the_data_set_of_an_entry_and_keeps_none_alive():
    class Data:
        pass

    cache = DataCache(4)
    first = Data()
    assert cache.get_or_compute(first, "key", lambda: "first's") == "first's"
    freed, address = weakref.ref(first), id(first)
    del first
    gc.collect()
    assert freed() is None  # the cache does not keep a replaced data set in memory
    others = [Data() for _ in range(100)]  # CPython soon gives a new object the freed one's address
    other = next((o for o in others if id(o) == address), others[0])
    assert cache.get_or_compute(other, "key", lambda: "other's") == "other's"
    assert cache.get_or_compute(other, "key", lambda: "again") == "other's"


def test_prf002_the_page_arrives_with_the_view_of_its_url(app):
    client = app.server.test_client()
    layout = client.get("/_dash-layout", headers={"Referer": "http://127.0.0.1/?country=JPN&instrument=IRN,bogus"}).json
    text = json.dumps(layout)
    assert '"search": "?country=JPN&instrument=IRN,bogus"' in text  # dcc.Location sees no change at load
    assert "instrument 'bogus' is not known" in text  # the notice
    assert "Japan" in text  # the selection (outlined by the browser)
    rows = json.dumps(rows_of(layout))  # the table of the view (its rows show names, not ids)
    assert "Test network in Asia" in rows and "Test laboratory in Japan" not in rows
    assert "Test laboratory in Japan" in json.dumps(rows_of(client.get("/_dash-layout").json))


def rows_of(layout):
    """The rows of the page's table (``tbody#collaboration-rows``) in a layout as JSON."""
    if isinstance(layout, dict):
        props = layout.get("props", {})
        if props.get("id") == "collaboration-rows":
            return props.get("html")  # the rows as HTML text (page/htmltext.HtmlBlock)
        return rows_of(props.get("children"))
    if isinstance(layout, list):
        return next((found for found in map(rows_of, layout) if found is not None), None)
    return None


def test_prf003_callbacks_are_not_called_at_load(app):
    deps = app.server.test_client().get("/_dash-dependencies").json
    server = [d for d in deps if not d.get("clientside_function")]  # update_view, table_page
    assert len(server) == 2 and all(d["prevent_initial_call"] for d in server)


def test_prf004_the_page_map_does_not_depend_on_the_selection(mini):
    state = ViewState(countries=("JPN", "KOR"))
    fig = render(mini, state)["map"]
    # the browser draws the outline: no trace of the page's map draws a line in the selection's colour
    assert [
        t for t in fig.data if t.type == "choropleth" and len(t.locations) and t.marker.line.color != "#ffffff"
    ] == []
    assert fig.to_plotly_json() == render(mini, ViewState())["map"].to_plotly_json()
    assert map_key(mini, state) == map_key(mini, ViewState()) != map_key(mini, ViewState(instruments=("IRL",)))
    # The exported images outline the view's selection themselves, on the same map model
    from dashboard.views import build_view

    assert build_view(mini, state).selection == ("JPN", "KOR")


def test_prf011_selection_colour_of_the_page_is_the_exports_one():
    from pathlib import Path

    from dashboard.look import SELECTED_LINE

    css = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text()
    rule = css[css.index("#map g.in2p3-selection path") :]
    assert f"stroke: {SELECTED_LINE};" in rule[: rule.index("}")]


def test_prf005_plotly_bundle_is_served_compressed_and_named_in_the_page(app):
    """Named in a meta tag, not in the scripts: assets/lateplotly.js loads it when the map's graph asks for it."""
    client = app.server.test_client()
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(page.data).decode() if page.headers.get("Content-Encoding") == "gzip" else page.data.decode()
    assert re.search(rf'<meta name="in2p3-plotly" content="/vendor/{re.escape(PLOTLY_BUNDLE.name)}\?v=\w+"', html)
    assert not re.search(r"<script[^>]*plotly-in2p3", html) and "plotly.min.js" not in html
    assert '<script defer src="/assets/lateplotly.js' in html
    assert "rel=preload" in page.headers["Link"] and "/geo/world_50m.json" in page.headers["Link"]
    bundle = client.get(f"/vendor/{PLOTLY_BUNDLE.name}", headers={"Accept-Encoding": "gzip"})
    assert bundle.headers["Content-Encoding"] == "gzip" and len(bundle.data) < 600_000
    assert gzip.decompress(bundle.data).startswith(b"/**\n* plotly.js v4.1.1")


def test_prf006_callback_answers_are_compressed(app):
    client = app.server.test_client()
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(countries=("JPN",)),
        ViewState(instruments=("AGR",)),
        ViewState(years=(2010, 2015), continents=("Asia",)),
    ],
)
def test_prf007_figures_built_without_validation_are_valid_plotly(mini, state):
    figures = [output for output in render(mini, state).values() if isinstance(output, Figure)]
    assert len(figures) == 1  # the map (the charts are HTML: page/charts.py)
    for figure in figures:
        validated = go.Figure(figure.spec)  # raises on any property plotly does not know
        assert figure.layout.height == validated.layout.height and len(figure.data) == len(validated.data)
        # The page is sent what plotly itself sends for the figure (numbers as typed arrays), and the spec is left
        # as it was (numpy arrays, for the exports).
        plotly_json = go.Figure(figure.spec, _validate=False).to_plotly_json()
        assert json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True) == json.dumps(
            plotly_json, cls=PlotlyJSONEncoder, sort_keys=True
        )
        assert "bdata" not in json.dumps(figure.spec, cls=PlotlyJSONEncoder)


#: Bench modules whose import does work: bench.reference builds its page (the app's map) for gunicorn.
NOT_IMPORTED = {"bench.reference"}


def test_prf020_every_bench_module_imports_but_the_one_that_builds_a_page():
    from pathlib import Path

    import bench

    names = {f"bench.{path.stem}" for path in Path(bench.__file__).parent.glob("*.py") if path.stem != "__init__"}
    for name in sorted(names - NOT_IMPORTED):
        importlib.import_module(name)


def test_prf017_lighthouse_is_pinned_and_kept_out_of_the_tests():
    """bench/package.json pins one exact Lighthouse 12 (npm ci installs the lock file's); importing bench.lighthouse
    needs no npm, and Lighthouse's chromium resolves no host but loopback."""
    import re
    from pathlib import Path

    from bench import lighthouse

    root = Path(lighthouse.__file__).parent
    pinned = json.loads((root / "package.json").read_text())["dependencies"]["lighthouse"]
    assert re.fullmatch(r"12\.\d+\.\d+", pinned)
    lock = json.loads((root / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/lighthouse"]["version"] == pinned == lighthouse.version()
    assert "--preset=desktop" in lighthouse.run_once.__code__.co_consts
    assert "--host-resolver-rules='MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'" in lighthouse.CHROME_FLAGS
    assert [path for _, path in lighthouse.VIEWS] == ["/", "/?present=1&step=2", "/?lang=fr&country=JPN"]


def test_prf018_lighthouse_report_summary_against_the_targets():
    from bench import lighthouse

    def audit(value=None, score=1.0, items=None):
        return {"numericValue": value, "score": score, "details": {"items": items or []}}

    lhr = {
        "categories": {
            "performance": {"score": 0.95, "auditRefs": [{"id": "total-blocking-time", "weight": 30}]},
            "accessibility": {"score": 0.97, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": 1.0, "auditRefs": []},
        },
        "audits": {
            "total-blocking-time": audit(120, 0.9),
            "cumulative-layout-shift": audit(0.01),
            "color-contrast": audit(score=0),
            "bootup-time": audit(
                900, items=[{"url": "http://127.0.0.1:1/a.js", "total": 500, "scripting": 400, "scriptParseCompile": 9}]
            ),
            "network-requests": audit(items=[{"url": "http://127.0.0.1:1/", "transferSize": 10}]),
        },
    }
    run = lighthouse.summarise_report(lhr)
    assert run["failed_audits"] == {
        "performance": ["total-blocking-time"],
        "accessibility": ["color-contrast"],
        "best-practices": [],
    }
    assert run["script_evaluation"][0]["url"] == "/a.js" and run["outside_requests"] == []
    summary = lighthouse.summarise([run, {**run, "scores": {**run["scores"], "performance": 0.85}}, run])
    assert summary["scores"]["performance"] == 0.95 and summary["total_blocking_time_ms"] == 120
    assert summary["met"] == {
        "performance": True,
        "accessibility": False,  # 0.97 < 0.98
        "best-practices": True,
        "total_blocking_time_ms": True,
        "cumulative_layout_shift": True,
    }
    assert not summary["all_met"]


def test_prf019_the_floor_draws_the_apps_plotly_map_and_the_plotly_charts_the_page_no_longer_draws(mini):
    """The floor takes whatever plotly figures the app's render gives for the graphs (the map) and leaves out the
    rest; in the charts' places it draws the plotly charts the page drew before issue 12 (bench/plotly_charts.py)."""
    from bench import floor

    names = floor.graph_ids()
    assert names == {"map": "map"}  # the page's one plotly graph: its charts are HTML
    outputs = render(mini, ViewState(countries=("JPN",)))
    specs = {name: floor.plotly_spec(value) for name, value in outputs.items() if name in names}
    assert specs["map"]["data"][0]["type"] == "choropleth"
    assert floor.plotly_spec({"data": [{"type": "bar"}]}) == {"data": [{"type": "bar"}], "layout": {}}
    assert floor.plotly_spec(outputs["selection"]) is None  # a Dash component, not a figure
    assert floor.plotly_spec(outputs["top_chart"]) is None  # an HTML chart
    assert floor.plotly_spec("<svg/>") is None
    assert json.loads(floor._object({"map": '{"data": []}'})) == {"map": {"data": []}}
    drawn = floor.Floor(MINI).figures("?country=JPN")
    assert set(drawn) == {"map", ids.CONTINENT_CHART, ids.TOP_CHART, ids.TYPE_CHART, ids.TIMELINE_CHART}
    top = json.loads(drawn[ids.TOP_CHART])
    assert {trace["type"] for trace in top["data"]} == {"bar", "scatter"} and "Japan" in drawn[ids.TOP_CHART]
    assert floor.graph_config(ids.TOP_CHART, "fr")["locale"] == "fr" and "topojsonURL" in floor.graph_config(
        "map", "en"
    )


def test_prf009_synthetic_folder_passes_the_apps_validation(tmp_path):
    from bench import synth

    ds = validate_folder(synth.generate(tmp_path / "synthetic", 400))
    assert len(ds.collaborations) == 400
    assert set(ds.collaborations["type"].astype(str)) == {"AGR", "IRP", "IEA", "IRN", "IRL", "INFRA"}
    assert ds.country_links["iso3"].nunique() > 40 and len(ds.partner_links) >= 400


def test_prf010_bench_client_drives_the_callbacks_as_the_browser(app, mini):
    from bench.dashclient import DashClient, flask_transport

    client = DashClient(flask_transport(app.server.test_client()), mini.year_bounds)
    search = client.sync("", {}, "map.clickData", {"points": [{"location": "JPN"}]})
    assert search == "?country=JPN"
    full = client.render(search)
    assert full[ids.MAP_SENT]["data"]["data"][0]["type"] == "choropleth"
    same_map = client.render(search, full[ids.MAP_KEY]["data"])
    assert ids.MAP_SENT not in same_map and ids.TOP_CHART in same_map  # no map sent: it is on screen already
    assert same_map[ids.TOP_CHART]["html"].startswith("<figure")  # the chart, as HTML text
    # A map the browser keeps is not sent again either (the filters undone); one it does not keep is.
    filtered = client.render("?instrument=IRL", full[ids.MAP_KEY]["data"])
    assert filtered[ids.MAP_SENT]["data"]["data"][0]["type"] == "choropleth"
    back = client.render("", filtered[ids.MAP_KEY]["data"], [filtered[ids.MAP_KEY]["data"], full[ids.MAP_KEY]["data"]])
    assert ids.MAP_SENT not in back and back[ids.MAP_KEY]["data"] == full[ids.MAP_KEY]["data"]
    assert ids.MAP_SENT in client.render("", filtered[ids.MAP_KEY]["data"], [filtered[ids.MAP_KEY]["data"]])
    assert ids.MAP_SENT in client.render("", filtered[ids.MAP_KEY]["data"], "not a list")


def test_prf012_a_click_sends_back_only_what_changes(app, mini):
    from bench.dashclient import DEFAULTS, DashClient, flask_transport

    client = DashClient(flask_transport(app.server.test_client()), mini.year_bounds)
    values = {
        f"{ids.URL}.search": "",
        **{f"{k}.value": v for k, v in DEFAULTS.items()},
        f"{ids.YEARS}.value": list(mini.year_bounds),
        "map.clickData": {"points": [{"location": "JPN"}]},
    }
    answer = client._request(client.update_spec, values, ["map.clickData"])["response"]
    # In the same answer (one round trip): the new URL, the country box, the click cleared (so that a second click
    # on Japan counts) and the views of the new URL; no unchanged control, no other click, and no map (the map is
    # that of every selection: the browser outlines the selection on the one it shows).
    assert answer[ids.URL] == {"search": "?country=JPN"}
    assert answer[ids.COUNTRY] == {"value": ["JPN"]}
    assert answer[ids.MAP] == {"clickData": None}
    assert not {ids.INSTRUMENT, ids.STATUS, ids.YEARS, ids.MEASURE} & set(answer)
    assert "clickData" not in answer.get(ids.TOP_CHART, {}) and "html" in answer[ids.TOP_CHART]
    assert answer[ids.MAP_OUTLINE] == {"data": ["JPN"]} and ids.TABLE_BODY in answer


def test_prf013_one_map_is_built_for_every_selection_of_a_view(mini):
    maps = DataCache(8)
    japan = render(mini, ViewState(countries=("JPN",)), maps)
    korea = render(mini, ViewState(countries=("KOR",)), maps)
    # one map built: the view's, which is also the map with no filter each page map takes its markers' room from
    assert japan["map"] is korea["map"] and maps.misses == 1 and maps.hits == 3
    assert japan["map_summary"] == korea["map_summary"]  # the map's summary: filters only
    assert japan["key_figures"] != korea["key_figures"]  # the key figures follow the selection
    assert render(mini, ViewState(countries=("JPN",), instruments=("IRL",)), maps)["map"] is not japan["map"]
    assert maps.misses == 2
    # the map's model serves every language: French is one more figure from the same entry, not one more count
    french = render(mini, ViewState(countries=("JPN",), lang="fr"), maps)
    assert maps.misses == 2 and french["map"] is not japan["map"] and "Japon" in french["map"].to_json()
    assert render(mini, ViewState(countries=("KOR",), lang="fr"), maps)["map"] is french["map"]


def test_prf014_trace_summarises_a_cpu_profile_per_interaction():
    from bench.trace import _profile_summary

    profile = {
        "nodes": [
            {"id": 1, "callFrame": {"functionName": "(root)", "url": ""}},
            {"id": 2, "callFrame": {"functionName": "draw", "url": "http://127.0.0.1/vendor/plotly.js?v=1"}},
        ],
        "samples": [2, 2, 1],
        "timeDeltas": [0, 4000, 2000],
    }
    lines = _profile_summary(profile, interactions=2)
    assert [line.strip() for line in lines] == [
        "self time per interaction, by script:",
        "3.0 ms  plotly.js",
        "0.0 ms  (root)",
        "by function:",
        "3.0 ms  draw (plotly.js)",
        "0.0 ms  (root) ((root))",
    ]


def test_prf015_the_browser_is_given_its_settings_by_the_server(app):
    """The page's script reads the maps it keeps, the ids and the link rules from the page, not from its own text."""
    import html as htmllib
    import json
    import re
    from pathlib import Path

    from dashboard.exports.links import LINK_RULES
    from dashboard.page.callbacks import MAPS_HELD

    page = app.server.test_client().get("/").get_data(as_text=True)
    content = re.search(r'<meta name="in2p3-client" content="([^"]*)"', page).group(1)
    settings = json.loads(htmllib.unescape(content))
    assert settings["mapsHeld"] == MAPS_HELD and settings["ids"]["mapSent"] == ids.MAP_SENT
    assert {link: (rule["path"], tuple(rule["drop"])) for link, rule in settings["links"].items()} == LINK_RULES
    script = (Path(__file__).resolve().parents[2] / "assets" / "app.js").read_text(encoding="utf-8")
    for written_twice in ("map-sent", '"map"', "story-next", "/export/", 'get("country")', "= 8;"):
        assert written_twice not in script, written_twice
    assert len(map_key(None, ViewState())) == 16
