"""The partner institutions and IN2P3 labs on the map, and the links between them: the view model's points, pairs and
arcs on the shipped data (its numbers), and the page's figure and the exported image read back as data (a link only
where both ends are drawn; what is not drawn is counted). The counting itself is checked against plain pandas in
test_counting.py (test_cnt002)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.collections import LineCollection

from dashboard import describe, ids
from dashboard.config import load_settings
from dashboard.exports import images
from dashboard.figures import build_map
from dashboard.figures.map import LABS_META, LINKS_META, PARTNERS_META
from dashboard.look import LINK_FADED_OPACITY, link_width
from dashboard.page.callbacks import clicked_value, controls_of, map_key, sync
from dashboard.page.render import render
from dashboard.page.story import expand_step, step_text
from dashboard.state import ViewState, Vocabulary, parse_query, to_query
from dashboard.views import build_map_model, build_view, framing, map_filters, point_places


def layer(fig, meta: str) -> list:
    return [t for t in fig.data if t.meta == meta]


def segments(fig) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The links of a figure as (lab end, far end), from its link traces' None-separated lon/lat."""
    out = []
    for trace in layer(fig, LINKS_META):
        lon, lat = list(trace.lon), list(trace.lat)
        for i in range(0, len(lon), 3):
            assert lon[i + 2] is None and lat[i + 2] is None  # one great circle per pair of points
            out.append(((lon[i], lat[i]), (lon[i + 1], lat[i + 1])))
    return out


def points(fig, meta: str) -> set[tuple[float, float]]:
    return {(float(x), float(y)) for t in layer(fig, meta) for x, y in zip(t.lon, t.lat)}


@pytest.fixture(scope="module")
def world(shipped):
    return build_map_model(shipped, ViewState(links=True))


def test_lnk001_the_shipped_links_and_what_is_not_drawn(shipped, world):
    assert len(world.partners) == 72 and len(world.labs) == 21  # every partner and lab of the data is in a view
    assert len(world.links) == 316 and len(world.arcs) == 242
    assert world.undrawn == {"lab_unplaced": 4, "partner_unplaced": 0, "site_unplaced": 19, "off_continent": 0}
    assert world.unlinked == {"no_lab": 13, "no_partner": 1}
    assert world.unplaced == {"partners": (), "labs": ("LPCC",)}  # LPCC has no city in labs.csv
    lisa = [link for link in world.links if link.end_id == "INF-27"]
    assert lisa == []  # a space mission has no site: its labs' pairs with it are counted, not drawn
    assert sum(a.weight for a in world.arcs) >= len(world.arcs)
    note = describe.links_note(world, "en")
    assert "316 pairs" in note and "242 lines" in note and "4 with a lab that has no known place (LPCC)" in note
    assert "19 with an infrastructure that has no site" in note and "13 collaborations name no IN2P3 lab" in note
    assert describe.links_note(build_map_model(shipped, ViewState()), "en") == ""  # links not shown: no note


def test_lnk002_points_know_their_place_and_what_a_click_selects(shipped, world):
    by_id = {p.id: p for p in world.partners}
    cern = by_id["P-041"]
    assert cern.iso3 == "" and cern.place_iso3 == "CHE" and cern.city == "Meyrin"  # international, at its seat
    assert math.isclose(cern.lat, 46.234, abs_tol=0.01) and "LAPP" in cern.linked and "INF-01" in cern.collaborations
    kek = by_id["P-024"]
    assert (kek.iso3, kek.city) == ("JPN", "Tsukuba") and {"IJCLab", "IPHC"} <= set(kek.linked)
    labs = {lab.code: lab for lab in world.labs}
    assert labs["ILANCE"].iso3 == "JPN" and labs["IJCLab"].city == "Orsay" and np.isnan(labs["LPCC"].lon)
    assert "P-024" in labs["IJCLab"].linked and "INF-01" in labs["IJCLab"].linked  # a partner and a site
    beijing = next(p for p in point_places(world.partners) if p.city == "Beijing")
    assert beijing.iso3 == "CHN" and {"P-003", "P-061"} <= {m.id for m in beijing.members}

    fig = build_map(world, lang="en")
    partners = layer(fig, PARTNERS_META)[0]
    at_meyrin = next(c for c in partners.customdata if "P-041" in c[2])
    assert at_meyrin[0] == "CHE"  # a click on CERN's point selects its seat's country
    assert "international organisation" in at_meyrin[1] and "Click to select this country (Switzerland)" in at_meyrin[1]
    assert clicked_value({"points": [{"customdata": at_meyrin}]}) == "CHE"
    labs_trace = layer(fig, LABS_META)[0]
    paris = next(c for c in labs_trace.customdata if c[2] == "APC;LPNHE")
    assert paris[0] == "FRA" and "<b>APC</b>" in paris[1] and "Works with:" in paris[1]
    french = build_map(world, lang="fr")
    hover = next(c[1] for c in layer(french, PARTNERS_META)[0].customdata if "P-041" in c[2])
    assert "organisation internationale" in hover and "Cliquez pour sélectionner ce pays (Suisse)" in hover


def test_lnk003_the_figure_draws_a_link_only_where_both_ends_are_drawn(shipped, world):
    fig = build_map(world, lang="en")
    drawn = segments(fig)
    assert len(drawn) == len(world.arcs)
    labs, partners = points(fig, LABS_META), points(fig, PARTNERS_META)
    sites = {(s.lon, s.lat) for s in world.sites}
    for lab_end, far_end in drawn:
        assert lab_end in labs, lab_end
        assert far_end in partners or far_end in sites, far_end
    # widths by the collaborations an arc stands for; one trace per width: few traces
    widths = {t.line.width for t in layer(fig, LINKS_META)}
    assert widths == {link_width(a.weight) for a in world.arcs}
    assert len(layer(fig, LINKS_META)) == len(widths)
    assert all(t.mode == "lines" and t.hoverinfo == "skip" for t in layer(fig, LINKS_META))
    assert fig.data[-1].name == "Selected"  # the outline stays the last trace


def test_lnk004_links_toggle_and_a_selection_fades_the_others(shipped, world):
    assert layer(build_map(build_map_model(shipped, ViewState()), lang="en"), LINKS_META) == []
    fig = build_map(world, lang="en", focus=("JPN",))
    bright = [t for t in layer(fig, LINKS_META) if t.opacity != LINK_FADED_OPACITY]
    faded = [t for t in layer(fig, LINKS_META) if t.opacity == LINK_FADED_OPACITY]
    japan = {(a.lon, a.lat) for a in world.arcs if "JPN" in (a.lab_iso3, a.end_iso3)}
    bright_ends = {(x, y) for t in bright for x, y in zip(t.lon[1::3], t.lat[1::3])}
    assert bright_ends == japan and faded
    # the page: with links and a selection, the map is drawn for the selection (its key says so)
    state = ViewState(links=True, countries=("JPN",))
    assert map_key(shipped, state) != map_key(shipped, state.with_(countries=()))
    assert map_key(shipped, ViewState(countries=("JPN",))) == map_key(shipped, ViewState())
    page = render(shipped, state)["map"]
    assert any(t["opacity"] == LINK_FADED_OPACITY for t in page.spec["data"] if t.get("meta") == LINKS_META)
    assert map_filters(state) == ViewState(links=True)  # one model per filters, links on


def test_lnk005_the_links_parameter_is_canonical(shipped):
    vocabulary = Vocabulary.from_dataset(shipped)
    for query in ("?links=1", "?LINKS=true", "?links=on&links=1"):
        state, notices = parse_query(query, vocabulary)
        assert state.links and not notices and to_query(state) == "?links=1"
    state, notices = parse_query("?links=maybe&country=JPN", vocabulary)
    assert not state.links and notices == ["links 'maybe' is not known and was ignored (use links=1)"]
    assert to_query(ViewState(links=True, measure="partners", lang="fr")) == "?measure=partners&links=1&lang=fr"
    assert to_query(parse_query("?links=0", vocabulary)[0]) == ""


def test_lnk006_a_continent_view_shows_its_own_points_and_links_thinner(shipped):
    europe = build_map_model(shipped, ViewState(links=True, continents=("Europe",)))
    assert (europe.lon_range, europe.lat_range) == framing(("Europe",))
    assert {p.place_iso3 for p in europe.partners} <= {
        iso for iso in europe.countries.index if europe.countries.at[iso, "continent"] == "Europe"
    }
    # the Canary Islands are Spain's, off Europe's map: IAC's links are counted, not drawn off the edge
    assert len(europe.links) == 88 and len(europe.arcs) == 81
    assert europe.undrawn == {"lab_unplaced": 0, "partner_unplaced": 0, "site_unplaced": 0, "off_continent": 8}
    assert not [link for link in europe.links if link.end_id == "P-050"]  # IAC, La Laguna
    asia = build_map_model(shipped, ViewState(links=True, continents=("Asia",)))
    assert asia.undrawn["off_continent"] == 14 and [lab.code for lab in asia.labs] == ["ILANCE"]
    world_fig = build_map(build_map_model(shipped, ViewState(links=True)), lang="en")
    europe_fig = build_map(europe, lang="en")
    assert max(t.line.width for t in layer(europe_fig, LINKS_META)) < max(
        t.line.width for t in layer(world_fig, LINKS_META)
    )
    for _, far_end in segments(europe_fig):  # every far end in Europe's frame of the page
        assert far_end in points(europe_fig, PARTNERS_META) | {(s.lon, s.lat) for s in europe.sites}


def test_lnk007_the_exported_map_carries_the_points_and_links(shipped):
    shapes = images.map_shapes(load_settings({}).geometry_file)
    view = build_view(shipped, ViewState(links=True, countries=("JPN",)), with_table=False)
    fig = images.draw(view, "map", "en", shapes=shapes, text=images.image_text(view, "map", "en"))
    ax = fig.axes[0]
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1 and len(lines[0].get_segments()) >= len(view.map.arcs)
    alphas = {round(c[3], 2) for c in lines[0].get_colors()}
    assert alphas == {0.6, LINK_FADED_OPACITY}  # Japan's links bright, the others faded
    offsets = [len(c.get_offsets()) for c in ax.collections if not isinstance(c, LineCollection)]
    assert len(point_places(view.map.partners)) in offsets and len(point_places(view.map.labs)) in offsets
    assert ax.collections[-1].get_paths() == [shapes.paths["JPN"]]  # the outline is still drawn last
    legend = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert {"Links lab–partner", "Partner institutions", "IN2P3 labs"} <= set(legend)
    svg = images.render(view, "map", "svg", "fr", shapes=shapes, text=images.image_text(view, "map", "fr")).decode()
    assert "Liens laboratoire–partenaire" in svg and "316 paires" in svg
    plain = build_view(shipped, ViewState(), with_table=False)
    fig = images.draw(plain, "map", "en", shapes=shapes)
    assert not [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]  # links only with links=1


def test_lnk008_a_story_step_with_the_links_drawn_keeps_its_view_and_text(shipped):
    """``links=1`` changes no number: ``?present=1&step=3&links=1`` opens step 3's own view (its filters, its text)
    with the links drawn, as ``?present=1&step=3`` does without them; a filter of its own still leaves the story."""
    vocabulary = Vocabulary.from_dataset(shipped)
    story = shipped.stories[2]
    own, _ = parse_query(story.query, vocabulary)
    state, _ = parse_query("?present=1&step=3&links=1", vocabulary)
    expanded = expand_step(shipped, state)
    assert expanded == own.with_(present=True, step=3, links=True)
    assert step_text(shipped, expanded) == step_text(shipped, expand_step(shipped, state.with_(links=False)))
    assert step_text(shipped, expanded) == story.text("en") != ""
    outputs = render(shipped, expanded)
    assert outputs["present_text"] == story.text("en")
    assert any(t.meta == LINKS_META for t in outputs["map"].data)
    filtered, _ = parse_query("?present=1&step=3&links=1&instrument=IRL", vocabulary)
    assert expand_step(shipped, filtered) == filtered


def test_lnk009_the_links_box_sets_links_and_a_change_or_a_reset_keeps_it(shipped):
    """``sync`` (the page's one round trip): the *Show links* box alone sets or clears ``links=1``; a filter, a click
    on the map and *Reset view* keep it, with the comparison, language and presentation mode."""
    bounds = shipped.year_bounds
    vocabulary = Vocabulary.from_dataset(shipped)

    def controls(search: str) -> dict:
        return controls_of(parse_query(search, vocabulary)[0], bounds)

    answer, state = sync(shipped, ids.LINKS, "", {**controls(""), ids.LINKS: ["1"]}, {})
    assert state.links and answer["search"] == "?links=1"
    answer, state = sync(shipped, ids.INSTRUMENT, "?links=1", {**controls("?links=1"), ids.INSTRUMENT: ["IRL"]}, {})
    assert answer["search"] == "?instrument=IRL&links=1"
    click = {"points": [{"location": "JPN"}]}
    answer, _ = sync(shipped, ids.MAP, "?links=1&lang=fr", controls("?links=1&lang=fr"), {ids.MAP: click})
    assert answer["search"] == "?country=JPN&links=1&lang=fr"
    answer, state = sync(shipped, ids.RESET, "?instrument=IRL&links=1&lang=fr&present=1", controls(""), {})
    assert state.links and answer["search"] == "?links=1&lang=fr&present=1"
    assert answer["controls"][ids.LINKS] == ["1"]
    answer, state = sync(
        shipped, ids.LINKS, "?country=JPN&links=1", {**controls("?country=JPN&links=1"), ids.LINKS: []}, {}
    )
    assert not state.links and answer["search"] == "?country=JPN"
