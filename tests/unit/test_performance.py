"""What the performance work (issue 4) relies on: the view cache, the prefilled page, the map Patch, the
vendored plotly.js and compression, figures still valid plotly, and the benchmarks' own pieces."""

from __future__ import annotations

import gzip
import importlib
import json

import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.app import PLOTLY_BUNDLE, create_app
from dashboard.config import load_settings
from dashboard.figures import Figure
from dashboard.loading import validate_folder
from dashboard.page.callbacks import map_key
from dashboard.page.render import render
from dashboard.state import ViewState
from dashboard.viewcache import ViewCache


@pytest.fixture(scope="module")
def app(mini):
    return create_app(load_settings({}), data=mini)


def test_pf001_view_cache_keys_on_data_set_and_state(mini, shipped):
    cache = ViewCache(size=2)
    calls = []
    compute = lambda: calls.append(1) or len(calls)
    assert cache.get_or_compute(mini, ViewState(), compute) == 1
    assert cache.get_or_compute(mini, ViewState(), compute) == 1  # same data, same state: cached
    assert cache.get_or_compute(shipped, ViewState(), compute) == 2  # another data set: computed
    assert cache.get_or_compute(mini, ViewState(countries=("JPN",)), compute) == 3
    assert cache.get_or_compute(shipped, ViewState(), compute) == 2  # still there (recently used)
    assert cache.get_or_compute(mini, ViewState(), compute) == 4  # evicted (size 2)


def test_pf002_the_page_arrives_with_the_view_of_its_url(app):
    client = app.server.test_client()
    layout = client.get("/_dash-layout", headers={"Referer": "http://127.0.0.1/?country=JPN&instrument=IRN,bogus"}).json
    text = json.dumps(layout)
    assert '"search": "?country=JPN&instrument=IRN,bogus"' in text  # dcc.Location sees no change at load
    assert "instrument 'bogus' is not known" in text  # the notice
    assert "Japan" in text  # the selection (outlined by the browser)
    assert "IRN-01" in text and "IRL-01" not in text  # the table of the view
    default = json.dumps(client.get("/_dash-layout").json)
    assert "IRL-01" in default


def test_pf003_callbacks_are_not_called_at_load(app):
    deps = app.server.test_client().get("/_dash-dependencies").json
    server = [d for d in deps if not d.get("clientside_function")]  # sync_view, render_view, table_page
    assert len(server) == 3 and all(d["prevent_initial_call"] for d in server)


def test_pf004_the_page_map_does_not_depend_on_the_selection(mini):
    state = ViewState(countries=("JPN", "KOR"))
    fig = render(mini, state)["map"]
    assert list(fig.data[-1].locations) == []  # the browser draws the outline
    assert fig.to_plotly_json() == render(mini, ViewState())["map"].to_plotly_json()
    assert map_key(mini, state) == map_key(mini, ViewState()) != map_key(mini, ViewState(instruments=("IRL",)))
    # The exported images outline the view's selection themselves, on the same map model
    from dashboard.views import build_view

    assert build_view(mini, state).selection == ("JPN", "KOR")


def test_pf011_selection_colour_of_the_page_is_the_exports_one():
    from pathlib import Path

    from dashboard.look import SELECTED_LINE

    css = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text()
    rule = css[css.index("#map g.in2p3-selection path") :]
    assert f"stroke: {SELECTED_LINE};" in rule[: rule.index("}")]


def test_pf005_plotly_bundle_is_served_compressed_and_named_in_the_page(app):
    client = app.server.test_client()
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(page.data).decode() if page.headers.get("Content-Encoding") == "gzip" else page.data.decode()
    assert f"/vendor/{PLOTLY_BUNDLE.name}?v=" in html and "plotly.min.js" not in html
    assert "rel=preload" in page.headers["Link"] and "/geo/world_50m.json" in page.headers["Link"]
    bundle = client.get(f"/vendor/{PLOTLY_BUNDLE.name}", headers={"Accept-Encoding": "gzip"})
    assert bundle.headers["Content-Encoding"] == "gzip" and len(bundle.data) < 600_000
    assert gzip.decompress(bundle.data).startswith(b"/**\n* plotly.js v4.1.1")


def test_pf006_callback_answers_are_compressed(app):
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
def test_pf007_figures_built_without_validation_are_valid_plotly(mini, state):
    figures = [output for output in render(mini, state).values() if isinstance(output, Figure)]
    assert len(figures) == 5  # the map and the four charts
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
    if state == ViewState():  # a view with counts on every chart
        assert all("bdata" in json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder) for figure in figures[1:])


def test_pf008_bench_modules_import():
    for name in (
        "bench",
        "bench.browser",
        "bench.servers",
        "bench.cold",
        "bench.interaction",
        "bench.scale",
        "bench.concurrency",
        "bench.synth",
        "bench.dashclient",
        "bench.machine",
        "bench.report",
        "bench.steps",
        "bench.trace",
        "bench.__main__",
    ):
        importlib.import_module(name)


def test_pf009_synthetic_folder_passes_the_apps_validation(tmp_path):
    from bench import synth

    ds = validate_folder(synth.generate(tmp_path / "synthetic", 400))
    assert len(ds.collaborations) == 400
    assert set(ds.collaborations["type"].astype(str)) == {"AGR", "IRP", "IEA", "IRN", "IRL", "INFRA"}
    assert ds.country_links["iso3"].nunique() > 40 and len(ds.partner_links) >= 400


def test_pf010_bench_client_drives_the_callbacks_as_the_browser(app, mini):
    from bench.dashclient import DashClient, flask_transport

    client = DashClient(flask_transport(app.server.test_client()), mini.year_bounds)
    search = client.sync("", {}, "map.clickData", {"points": [{"location": "JPN"}]})
    assert search == "?country=JPN"
    full = client.render(search)
    assert full[ids.MAP_SENT]["data"]["data"][0]["type"] == "choropleth"
    same_map = client.render(search, full[ids.MAP_KEY]["data"])
    assert ids.MAP_SENT not in same_map and ids.TOP_CHART in same_map  # no map sent: it is on screen already
    # A map the browser keeps is not sent again either (the filters undone); one it does not keep is.
    filtered = client.render("?instrument=IRL", full[ids.MAP_KEY]["data"])
    assert filtered[ids.MAP_SENT]["data"]["data"][0]["type"] == "choropleth"
    back = client.render("", filtered[ids.MAP_KEY]["data"], [filtered[ids.MAP_KEY]["data"], full[ids.MAP_KEY]["data"]])
    assert ids.MAP_SENT not in back and back[ids.MAP_KEY]["data"] == full[ids.MAP_KEY]["data"]
    assert ids.MAP_SENT in client.render("", filtered[ids.MAP_KEY]["data"], [filtered[ids.MAP_KEY]["data"]])
    assert ids.MAP_SENT in client.render("", filtered[ids.MAP_KEY]["data"], "not a list")


def test_pf012_a_click_sends_back_only_what_changes(app, mini):
    from bench.dashclient import DEFAULTS, DashClient, flask_transport

    client = DashClient(flask_transport(app.server.test_client()), mini.year_bounds)
    values = {
        f"{ids.URL}.search": "",
        **{f"{k}.value": v for k, v in DEFAULTS.items()},
        f"{ids.YEARS}.value": list(mini.year_bounds),
        "map.clickData": {"points": [{"location": "JPN"}]},
    }
    answer = client._request(client.sync_spec, values, ["map.clickData"])["response"]
    # The new URL, the country box, and the click cleared (so that a second click on Japan counts): nothing else
    assert answer[ids.URL] == {"search": "?country=JPN"}
    assert answer[ids.COUNTRY] == {"value": ["JPN"]}
    assert answer[ids.MAP] == {"clickData": None}
    assert not {ids.INSTRUMENT, ids.STATUS, ids.YEARS, ids.MEASURE, ids.TOP_CHART} & set(answer)


def test_pf013_one_map_is_built_for_every_selection_of_a_view(mini):
    maps = ViewCache(8)
    japan = render(mini, ViewState(countries=("JPN",)), maps)
    korea = render(mini, ViewState(countries=("KOR",)), maps)
    assert japan["map"] is korea["map"] and maps.misses == 1 and maps.hits == 1
    assert japan["map_summary"] == korea["map_summary"]  # the map's summary: filters only
    assert japan["key_figures"] != korea["key_figures"]  # the key figures follow the selection
    assert render(mini, ViewState(countries=("JPN",), instruments=("IRL",)), maps)["map"] is not japan["map"]
    assert maps.misses == 2
    # the map's model serves every language: French is one more figure from the same entry, not one more count
    french = render(mini, ViewState(countries=("JPN",), lang="fr"), maps)
    assert maps.misses == 2 and french["map"] is not japan["map"] and "Japon" in french["map"].to_json()
    assert render(mini, ViewState(countries=("KOR",), lang="fr"), maps)["map"] is french["map"]


def test_pf014_trace_summarises_a_cpu_profile_per_interaction():
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


def test_pf015_the_browser_is_given_its_settings_by_the_server(app):
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
