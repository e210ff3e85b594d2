"""The page's map (dashboard/page/mapfigure.py): build_map's figure in one shape for every view of a frame, so that the
browser can put a new view on the drawn map (assets/mapupdate.js), with the same colours and hover texts as plotly
would show from build_map's figure; and its key, HTML beside it."""

from __future__ import annotations

import json
import re

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.figures import build_map
from dashboard.look import HOME_COLOR, LAB_SIZE, LINK_FADED_OPACITY, NO_DATA_COLOR, class_colors
from dashboard.page.htmltext import to_html
from dashboard.page.mapfigure import PALETTE, PARKED, layer_keys, map_key, page_figure
from dashboard.page.render import render, universe_filters
from dashboard.state import ViewState
from dashboard.views import build_map_model

#: What a trace may change between two views of a frame and still be put on the drawn map (assets/mapupdate.js).
CHANGING = {"choropleth": {"z", "customdata"}, "scattergeo": {"lon", "lat", "customdata", "text", "hovertext"}}


def base_and_page(ds, state: ViewState, lang="en"):
    base = build_map(build_map_model(ds, state), lang=lang)
    universe = build_map(build_map_model(ds, universe_filters(state)), lang=lang)
    return base, page_figure(base, universe)


def hover(template: str, row) -> str:
    """A hovertemplate filled as plotly fills it (``%{customdata[i]}``), its ``<extra>`` part left out."""
    text = re.sub(r"%\{customdata\[(\d+)\]\}", lambda m: str(row[int(m.group(1))]), template)
    return re.sub(r"<extra>.*?</extra>", "", text)


@pytest.mark.parametrize(
    "state, lang",
    [(ViewState(), "en"), (ViewState(instruments=("IRN",)), "en"), (ViewState(measure="partners"), "fr")],
)
def test_pmf001_one_trace_of_every_country_with_build_maps_colours_and_hover(mini, state, lang):
    base, page = base_and_page(mini, state, lang)
    choropleths = [t for t in page.spec["data"] if t["type"] == "choropleth" and t["locations"]]
    assert len(choropleths) == 1
    assert page.spec["data"][-1]["name"] == "Selected" and not page.spec["data"][-1]["locations"]  # build_map's last
    countries = choropleths[0]
    assert countries["meta"] == "countries" and countries["locations"] == sorted(countries["locations"])
    model = build_map_model(mini, state)
    assert set(countries["locations"]) == set(model.countries.index)  # every country of the geometry, once
    colours = class_colors(len(model.breaks))
    palette = dict(zip(countries["locations"], (PALETTE[z] for z in countries["z"])))
    text = dict(zip(countries["locations"], (row[1] for row in countries["customdata"])))
    for trace in base.spec["data"]:
        if trace["type"] != "choropleth" or not trace["locations"]:
            continue
        for i, iso in enumerate(trace["locations"]):
            assert text[iso] == hover(trace["hovertemplate"], trace["customdata"][i])
    assert palette["FRA"] == HOME_COLOR and palette["USA"] == NO_DATA_COLOR
    for iso, klass in model.values["klass"].items():
        assert palette[iso] == colours[klass]
    assert countries["hovertemplate"] == "%{customdata[1]}<extra></extra>"
    # one colour scale for every map: each index in its own colour
    scale = countries["colorscale"]
    assert [scale[2 * i][1] for i in range(len(PALETTE))] == list(PALETTE)
    assert (countries["zmin"], countries["zmax"]) == (-0.5, len(PALETTE) - 0.5)


def test_pmf002_markers_have_the_same_number_of_points_in_every_view_the_others_parked(mini):
    _, everything = base_and_page(mini, ViewState())
    base, irn = base_and_page(mini, ViewState(instruments=("IRN",)))  # no infrastructure: no site in view
    own = lambda t: t["type"] == "scattergeo" and not isinstance(t.get("meta"), str)  # build_map's, not a layer's
    sites = {t["name"]: t for t in everything.spec["data"] if own(t)}
    parked = {t["name"]: t for t in irn.spec["data"] if own(t)}
    assert set(sites) == set(parked) == {"Infrastructure sites", "Small countries"}
    for name, trace in sites.items():
        assert len(parked[name]["lon"]) == len(trace["lon"]) > 0
        assert set(zip(parked[name]["lon"], parked[name]["lat"])) <= {PARKED}  # nothing of them in an IRN view
        assert set(parked[name]["marker"]["opacity"]) == {0} and set(trace["marker"]["opacity"]) == {1}
    shown = next(t for t in everything.spec["data"] if t["name"] == "Infrastructure sites")
    drawn = build_map(build_map_model(mini, ViewState()))
    source = next(t for t in drawn.spec["data"] if t["name"] == "Infrastructure sites")
    assert shown["customdata"] == source["customdata"] and shown["lon"] == list(source["lon"])


def test_pmf003_two_views_of_a_frame_differ_only_in_what_the_browser_updates(mini):
    def fixed(figure):
        spec = json.loads(json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder))
        # the links (off here) are a layer: when they change, the browser gives the map to plotly (mapupdate.js);
        # build_map's own traces and the partners' and labs' points keep their shape, the partners' sizes change
        spec["data"] = [t for t in spec["data"] if t.get("meta") != "links"]
        for trace in spec["data"]:
            for name in CHANGING[trace["type"]]:
                trace.pop(name, None)
            trace.get("marker", {}).pop("color", None)
            trace.get("marker", {}).pop("opacity", None)
            if trace.get("meta") == "partners":
                trace["marker"].pop("size")
        return spec

    one = render(mini, ViewState())["map"]
    for other in (ViewState(instruments=("IRN",)), ViewState(statuses=("active",), years=(2010, 2020))):
        assert fixed(render(mini, other)["map"]) == fixed(one)
    framed = render(mini, ViewState(continents=("Asia",)))["map"]
    assert framed.spec["layout"]["geo"] != one.spec["layout"]["geo"]  # another frame: plotly draws it
    layout = one.spec["layout"]
    assert layout["showlegend"] is False and layout["margin"] == {"l": 0, "r": 0, "t": 0, "b": 0}
    assert not any("colorbar" in t for t in one.spec["data"])  # the key is HTML


def test_pmf006_partners_and_labs_points_are_padded_to_the_view_with_no_filter_the_others_parked(mini):
    _, everything = base_and_page(mini, ViewState())
    base, irn = base_and_page(mini, ViewState(instruments=("IRN",)))  # one partners' place, no lab
    layer = lambda figure, meta: next(t for t in figure.spec["data"] if t.get("meta") == meta)
    drawn = layer(base, "partners")
    assert not [t for t in base.spec["data"] if t.get("meta") == "labs"]
    metas = [t.get("meta") or t["name"] for t in irn.spec["data"]]
    assert metas == [t.get("meta") or t["name"] for t in everything.spec["data"]]  # one structure in both views
    assert metas.index("partners") + 1 == metas.index("labs") > metas.index("Infrastructure sites")
    for meta in ("partners", "labs"):
        full, padded = layer(everything, meta), layer(irn, meta)
        assert len(padded["lon"]) == len(padded["lat"]) == len(padded["customdata"]) == len(full["lon"]) > 1
        assert {**padded["marker"], "size": 0, "opacity": 0} == {**full["marker"], "size": 0, "opacity": 0}
    partners = layer(irn, "partners")
    shown = len(drawn["lon"])
    assert shown == 1 < len(layer(everything, "partners")["lon"])
    # the view's point first, as build_map draws it, then the parked ones: transparent, size 0, at the south pole,
    # no hover data
    assert (partners["lon"][0], partners["lat"][0]) == (drawn["lon"][0], drawn["lat"][0])
    assert partners["customdata"][0] == drawn["customdata"][0]
    assert partners["marker"]["size"] == list(drawn["marker"]["size"]) + [0] * (len(partners["lon"]) - shown)
    assert partners["marker"]["opacity"] == [0.9] + [0] * (len(partners["lon"]) - shown)
    assert set(zip(partners["lon"][shown:], partners["lat"][shown:])) == {PARKED}
    assert set(map(str, partners["customdata"][shown:])) == {"None"}
    labs = layer(irn, "labs")  # none in view: all parked, one size for all (a scalar, as build_map gives it)
    assert set(zip(labs["lon"], labs["lat"])) == {PARKED} and set(labs["marker"]["opacity"]) == {0}
    assert labs["marker"]["size"] == layer(everything, "labs")["marker"]["size"] == LAB_SIZE
    # the key is build_map's: the partners' layer named in the IRN view, the labs' not
    names = {name for name, *_ in layer_keys(base)}
    assert "Partner institutions" in names and "IN2P3 labs" not in names


def test_pmf007_links_are_padded_to_the_view_with_no_filter_one_trace_per_brightness_and_width(mini):
    links = lambda figure: [t for t in figure.spec["data"] if t.get("meta") == "links"]
    shape = lambda trace: {k: v for k, v in trace.items() if k not in ("lon", "lat")}
    _, everything = base_and_page(mini, ViewState(links=True))
    base, irl = base_and_page(mini, ViewState(links=True, instruments=("IRL",)))
    chosen = render(mini, ViewState(links=True, countries=("JPN",)))["map"]  # the page's: links not Japan's faded
    assert len(links(base)) < len(links(irl))  # build_map's: one trace per brightness and width drawn
    for other in (irl, chosen):  # the same traces in every view, but for their points
        assert [shape(t) for t in links(other)] == [shape(t) for t in links(everything)]
        assert [len(t["lon"]) for t in links(other)] == [len(t["lon"]) for t in links(everything)]
    # each arc of the view in its trace (brightness and width), as build_map draws it, the room left empty
    for trace in links(base):
        padded = next(t for t in links(irl) if shape(t) == {**shape(trace), "showlegend": shape(t)["showlegend"]})
        n = len(trace["lon"])
        assert padded["lon"][:n] == trace["lon"] and padded["lat"][:n] == trace["lat"]
        assert set(padded["lon"][n:]) <= {None} and set(padded["lat"][n:]) <= {None}
    drawn = lambda figure: sorted(v for t in links(figure) for v in t["lon"] if v is not None)
    assert drawn(irl) == sorted(v for t in links(base) for v in t["lon"] if v is not None)
    assert drawn(chosen) == drawn(everything)  # a selection fades links, takes none away
    faded = [t for t in links(chosen) if t["opacity"] == LINK_FADED_OPACITY]
    assert faded and any(v is not None for t in faded for v in t["lon"])
    assert [t["showlegend"] for t in links(irl)][-1] is True and sum(t["showlegend"] for t in links(irl)) == 1
    # a continent's frame (its links thinner) has its own: every view of it the same traces
    asia = [render(mini, ViewState(links=True, continents=("Asia",), instruments=i))["map"] for i in ((), ("IRN",))]
    assert links(asia[0]) and [shape(t) for t in links(asia[0])] == [shape(t) for t in links(asia[1])]
    assert [len(t["lon"]) for t in links(asia[0])] == [len(t["lon"]) for t in links(asia[1])]
    assert [t["line"]["width"] for t in links(asia[0])] != [t["line"]["width"] for t in links(everything)]


def test_pmf004_the_key_names_each_class_and_colour_and_follows_the_language(mini):
    model = build_map_model(mini, ViewState())
    text = to_html(map_key(model, "en", sites=True, small=True))
    assert text.startswith('<ul class="map-key" aria-label="Key of the map"><li class="map-key-title">Collaborations')
    for colour, label in zip(class_colors(2), ("1", "2")):
        assert f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>{label}</li>' in text
    assert "No collaboration" in text and "France (home)" in text and "Infrastructure sites" in text
    french = to_html(map_key(build_map_model(mini, ViewState(measure="partners")), "fr", sites=False, small=False))
    assert "Institutions partenaires" in french and "Aucune collaboration" in french and "France (siège)" in french
    assert "Sites d'infrastructures" not in french and "Légende de la carte" in french


def test_pmf005_layers_over_the_map_stay_as_built_and_their_legend_goes_to_the_key(mini):
    state = ViewState(present=True)
    base = build_map(build_map_model(mini, state), lang="fr", large=True)
    layer = {"type": "scattergeo", "meta": "demo", "name": "Démo", "mode": "markers", "lon": [1.0], "lat": [2.0]}
    outline = {
        "type": "choropleth",
        "meta": "demo",
        "name": "Contour",
        "locations": ["JPN"],
        "z": [0],
        "showlegend": True,
        "marker": {"line": {"color": "#123456"}},
    }
    base.spec["data"][-1:-1] = [layer, outline]
    page = page_figure(base, None)
    kept = [t for t in page.spec["data"] if isinstance(t.get("meta"), str) and t["meta"] != "countries"]
    assert [t["meta"] for t in kept if t["meta"] == "demo"] == ["demo", "demo"]
    assert kept[-1] is outline or kept[-2] is outline
    assert [t for t in kept if t["meta"] == "labels"], "presentation mode's count labels are kept"
    assert page.spec["data"][-1]["name"] == "Selected"
    keys = layer_keys(page)
    contour = ("Contour", "#123456", "", "#123456")
    assert [k for k in keys if k[0] == "Contour"] == [contour]
    assert {name for name, *_ in keys} >= {"Institutions partenaires", "Laboratoires IN2P3"}  # issue 13's layers
    labs = next(k for k in keys if k[0] == "Laboratoires IN2P3")
    assert labs[1] != labs[3]  # a white square with a dark rim: the key draws the rim, so the mark is seen
    key = to_html(map_key(build_map_model(mini, state), "fr", sites=False, small=False, layers=layer_keys(page)))
    assert "Contour" in key and "#123456" in key
