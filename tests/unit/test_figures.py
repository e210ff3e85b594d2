"""Figure builders, read as data: what a person would see in each figure."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard import aggregate
from dashboard.figures import (build_continent_chart, build_map, build_timeline_chart, build_top_countries_chart,
                               build_type_chart, class_breaks)
from dashboard.figures.map import HOME_COLOR, NO_DATA_COLOR, SELECTED_LINE
from dashboard.state import ViewState


def mini_map(ds, **state_kw):
    state = ViewState(**state_kw)
    frame = aggregate.filter_collaborations(ds, state, with_selection=False)
    return build_map(aggregate.country_values(ds, frame, state), ds.countries, aggregate.infrastructure_sites(ds, frame),
                     selected=state.countries, continents=state.continents)


def trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert found, f"no trace {name!r} in {[t.name for t in fig.data]}"
    return found[0]


def test_fg001_class_breaks_are_readable():
    assert class_breaks(0) == []
    assert class_breaks(3) == [(1, 1), (2, 2), (3, 3)]
    assert class_breaks(10) == [(1, 1), (2, 2), (3, 4), (5, 9), (10, 10)]
    breaks = class_breaks(5000)
    assert len(breaks) <= 7 and breaks[0] == (1, 1) and breaks[-1][1] == 5000
    for (lo, hi), (nlo, _) in zip(breaks, breaks[1:]):
        assert nlo == hi + 1  # classes cover every whole number once


def test_fg002_map_colours_countries_and_keeps_france_apart(mini):
    fig = mini_map(mini)
    data = trace(fig, "Collaborations")
    assert set(data.locations) == {"JPN", "ARG", "KOR", "CHN", "CHE"}
    assert "FRA" not in data.locations
    home = trace(fig, "France (home)")
    assert list(home.locations) == ["FRA"] and home.colorscale[0][1] == HOME_COLOR
    empty = trace(fig, "No collaboration")
    assert "BRA" in empty.locations and empty.colorscale[0][1] == NO_DATA_COLOR
    assert "JPN" not in empty.locations
    # the hover of Japan gives its count and the breakdown by type
    japan = [c for c in data.customdata if c[0] == "JPN"][0]
    assert japan[2] == 2 and japan[3] == "IRL 1 · IRN 1"
    assert list(data.colorbar.ticktext) == ["1", "2"]


def test_fg003_map_is_offline_ready_and_clickable(mini):
    fig = mini_map(mini)
    assert fig.layout.geo.resolution == 50          # world_50m.json, served from /geo/
    assert fig.layout.clickmode == "event" and fig.layout.dragmode != "select"
    small = trace(fig, "Small countries")           # Switzerland gets a marker one can hover and click
    assert [c[0] for c in small.customdata] == ["CHE"]


def test_fg004_sites_and_selection(mini):
    fig = mini_map(mini, countries=("JPN",))
    sites = trace(fig, "Infrastructure sites")
    assert {c[1] for c in sites.customdata} == {"Test collider", "Test observatory"}  # the space mission has no site
    selected = trace(fig, "Selected")
    assert list(selected.locations) == ["JPN"] and selected.marker.line.color == SELECTED_LINE
    assert selected.hoverinfo == "skip"


def test_fg005_continent_filter_zooms(mini):
    fig = mini_map(mini, continents=("South America",))
    assert tuple(fig.layout.geo.lonaxis.range) == (-95, -30)


def test_fg006_continent_chart_stacks_by_type(mini):
    state = ViewState()
    frame = aggregate.filter_collaborations(mini, state)
    fig = build_continent_chart(aggregate.by_continent(mini, frame, state))
    bars = {t.name: dict(zip(t.y, t.x)) for t in fig.data if isinstance(t, go.Bar)}
    assert bars["IRN"]["Asia"] == 1 and bars["IRL"]["Asia"] == 1
    assert bars["IEA"]["No country"] == 5
    assert fig.layout.barmode == "stack"


def test_fg007_top_countries_bars_carry_iso3_for_clicks(mini):
    state = ViewState()
    frame = aggregate.filter_collaborations(mini, state)
    fig = build_top_countries_chart(aggregate.top_countries(mini, frame, state))
    bar = [t for t in fig.data if isinstance(t, go.Bar)][0]
    assert bar.y[0] in ("Argentina", "Japan")
    assert {row[0] for row in bar.customdata} >= {"ARG", "JPN"}


def test_fg008_type_chart_and_timeline(mini):
    fig = build_type_chart(aggregate.by_type(mini.collaborations))
    assert dict(zip(fig.data[0].customdata, fig.data[0].x)) == {"IRL": 1, "IRP": 1, "IRN": 1, "IEA": 5, "INFRA": 3}
    table, _ = aggregate.per_year(mini, mini.collaborations)
    timeline = build_timeline_chart(table, years=(2010, 2015))
    assert {t.name for t in timeline.data} == {"IRL", "IRP", "IRN", "INFRA"}
    assert timeline.layout.shapes[0].x0 == 2009.5


def test_fg009_empty_views_say_so(mini):
    state = ViewState(instruments=("AGR",))
    frame = aggregate.filter_collaborations(mini, state)
    for fig in (build_continent_chart(aggregate.by_continent(mini, frame, state)),
                build_top_countries_chart(aggregate.top_countries(mini, frame, state)),
                build_type_chart(aggregate.by_type(frame))):
        assert "No collaboration" in fig.layout.annotations[0].text
