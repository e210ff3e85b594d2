"""The world choropleth: countries coloured by a measure in readable classes, France as home, sites as markers."""

from __future__ import annotations

import html
import textwrap

import numpy as np

from .. import describe, i18n
from ..datastore.compare import Changes
from ..look import (
    BORDER_COLOR,
    BORDER_WIDTH,
    CONTINENT_LINK_OPACITY,
    CONTINENT_LINK_SCALE,
    HOME_COLOR,
    INK,
    LAB_COLOR,
    LAB_EDGE,
    LAB_SIZE,
    LAB_SIZE_CONTINENT,
    LINK_COLOR,
    LINK_FADED_OPACITY,
    LINK_OPACITY,
    MUTED,
    NO_DATA_COLOR,
    OCEAN_COLOR,
    PARTNER_COLOR,
    SELECTED_LINE,
    SELECTED_WIDTH,
    SITE_COLOR,
    class_colors,
    link_width,
    point_size,
)
from ..views import MapModel, PointPlace, point_places
from .changes import change_layer
from .labels import add_count_labels
from .style import FONT_SIZE, Figure, figure, layout

#: The ``meta`` of the traces of each layer of the map: a stable key by which the page's script finds a layer.
PARTNERS_META, LABS_META, LINKS_META = "partners", "labs", "links"
#: A point's hover names this many institutions of its place, and this many collaborations of each, then "and N more".
HOVER_MEMBERS, HOVER_COLLABORATIONS, HOVER_LINKED = 6, 4, 10
#: A collaboration's name in a hover, in characters at most.
HOVER_TITLE = 36


#: The ocean as the browser's plotly.js draws it (``browser_topology``): every point south of this latitude is not
#: ocean, so the ocean is the whole globe but a cap of the pole that no map of the app shows (the geometry's least
#: latitude, Antarctica's south coast is at -85).
OCEAN_CAP_LAT = -89.99


def browser_topology(topology: dict) -> dict:
    """``topology`` (the map's TopoJSON) as the page's plotly.js is given it: its ``ocean`` one ring around the South
    Pole, wound so that the ocean is the rest of the globe, instead of the complement of every coast.

    plotly.js (``showocean``) projects and clips the ocean object again at each draw of the map, and the geometry's
    ocean is one polygon holding every coast as a hole: d3-geo's clipping tests each of its rings against all
    the others, which took about as long as all the countries (200 of 450 ms in the first draw of the default view
    here, and again at every redraw). Under the countries (every country of the geometry is a choropleth
    location, drawn on top) the two draw the same map, as the first frame's picture (page/preview.py) draws it: the
    globe's outline filled with the ocean's colour. The arcs are kept as they are; one arc is added for the ring.
    """
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]

    def quantized(lon: float, lat: float) -> list[int]:
        return [round((lon - translate[0]) / scale[0]), round((lat - translate[1]) / scale[1])]

    # West from the antimeridian, as the geometry's own ocean goes along Antarctica: the ocean lies north of it.
    ring = [quantized(lon, OCEAN_CAP_LAT) for lon in [-180, *range(170, -180, -10), -180]]
    arc = [ring[0]] + [[x - px, y - py] for (px, py), (x, y) in zip(ring, ring[1:])]
    out = {**topology, "arcs": [*topology["arcs"], arc], "objects": dict(topology["objects"])}
    if "ocean" in out["objects"]:
        out["objects"]["ocean"] = {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[len(topology["arcs"])]]}],
        }
    return out


def build_map(
    model: MapModel,
    *,
    lang: str = i18n.DEFAULT_LANG,
    selected: tuple[str, ...] = (),
    focus: tuple[str, ...] | None = None,
    large: bool = False,
    height: int | None = 560,
    changes: Changes | None = None,
) -> Figure:
    """World choropleth of a view's map (``views.MapModel``), with its words in ``lang``.

    Countries are coloured by their class; countries with no value grey; the home country apart; small countries
    get a marker too; infrastructure sites are diamonds; partner institutions are dark points and IN2P3's labs white
    squares, one marker per place; with ``model.show_links``, the links between them are arcs (great circles) whose
    width grows with the collaborations they stand for, those touching none of the ``focus`` countries (default:
    ``selected``) faded; the ``selected`` countries are outlined (the page draws its outline in the browser and
    builds its map with none). Every country trace and point carries the ISO3 code a click selects as ``location``
    or ``customdata[0]``. The layers of points and links carry ``meta`` (``PARTNERS_META``, ``LABS_META``,
    ``LINKS_META``). Country names are CLDR's in ``lang``. ``large`` sets the legend, the colour scale, the points and
    the links at projector size (presentation mode). ``height`` None leaves the height to the graph's box (the page:
    its stylesheet sizes the map for a profile beside it, or for presentation mode). ``changes`` (since a version,
    in the map's view: ``views.view_changes``) outlines the countries where something changed
    (``figures/changes.py``); presentation mode writes each country's count on it (``figures/labels.py``).
    """
    size = FONT_SIZE + 5 if large else FONT_SIZE
    unit = describe.unit(model.measure, lang)
    traces = []
    countries = model.countries
    fallback = countries["name"].to_dict()

    def name(iso: str) -> str:
        return i18n.country_name(iso, lang, fallback=fallback[iso])

    values = model.values
    colors = class_colors(len(model.breaks))
    empty = model.no_data
    traces.append(
        {
            "type": "choropleth",
            "name": i18n.t("no_collaboration", lang),
            "locations": list(empty),
            "z": [0] * len(empty),
            "customdata": [[iso, name(iso)] for iso in empty],
            "colorscale": [[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
            "showscale": False,
            "showlegend": True,
            "marker": {"line": {"color": BORDER_COLOR, "width": BORDER_WIDTH}},
            "hovertemplate": "<b>%{customdata[1]}</b><br>"
            + i18n.t("no_unit_in_view", lang, unit=unit)
            + "<extra></extra>",
        }
    )

    if len(values):
        scale = []
        for i, color in enumerate(colors):
            scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
        custom = [
            [iso, name(iso), int(value), breakdown]
            for iso, value, breakdown in zip(values.index, values["value"].to_numpy(), values["breakdown"])
        ]
        hover = f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}} {unit}<br>%{{customdata[3]}}<extra></extra>"
        traces.append(
            {
                "type": "choropleth",
                "name": unit.capitalize(),
                "locations": list(values.index),
                "z": values["klass"].tolist(),
                "zmin": -0.5,
                "zmax": len(model.breaks) - 0.5,
                "customdata": custom,
                "colorscale": scale,
                "marker": {"line": {"color": BORDER_COLOR, "width": BORDER_WIDTH}},
                "showlegend": False,
                "colorbar": {
                    "title": {"text": unit.capitalize(), "side": "top", "font": {"size": size}},
                    "tickvals": list(range(len(model.breaks))),
                    "ticktext": describe.class_labels(model.breaks),
                    "tickfont": {"size": size},
                    "orientation": "h",
                    "x": 0.5,
                    "xanchor": "center",
                    "y": -0.02,
                    "yanchor": "top",
                    "len": min(0.12 * len(model.breaks) + 0.1, 0.8),
                    "thickness": 16,
                    "outlinewidth": 0,
                },
                "hovertemplate": hover,
            }
        )
        if model.small:
            small = set(model.small)
            klass = values["klass"]
            traces.append(
                {
                    "type": "scattergeo",
                    "name": i18n.t("small_countries", lang),
                    "lon": countries.loc[list(model.small), "lon"].to_numpy(),
                    "lat": countries.loc[list(model.small), "lat"].to_numpy(),
                    "mode": "markers",
                    "marker": {
                        "size": 11,
                        "color": [colors[klass[iso]] for iso in model.small],
                        "line": {"color": INK, "width": 1},
                    },
                    "customdata": [c for c in custom if c[0] in small],
                    "hovertemplate": hover,
                    "showlegend": False,
                }
            )

    if model.home is not None:
        home = model.home
        home_hover = i18n.t("home_hover", lang, n=model.home_count, country=i18n.country_name(home, lang))
        traces.append(
            {
                "type": "choropleth",
                "name": i18n.t("home", lang, country=name(home)),
                "locations": [home],
                "z": [0],
                "customdata": [[home, name(home), home_hover]],
                "colorscale": [[0, HOME_COLOR], [1, HOME_COLOR]],
                "showscale": False,
                "showlegend": True,
                "marker": {"line": {"color": BORDER_COLOR, "width": BORDER_WIDTH}},
                "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            }
        )

    traces += link_traces(model, lang, focus=selected if focus is None else focus, large=large)
    if model.sites:
        # Each distinct text escaped once (statuses, kinds and lab lists repeat).
        texts: dict = {}

        def text(value) -> str:
            if value not in texts:
                texts[value] = as_text(value)
            return texts[value]

        no_lab = i18n.t("no_lab_named", lang)
        statuses: dict = {}
        traces.append(
            {
                "type": "scattergeo",
                "name": i18n.t("sites", lang),
                "lon": np.array([s.lon for s in model.sites], dtype=float),
                "lat": np.array([s.lat for s in model.sites], dtype=float),
                "mode": "markers",
                "marker": {
                    "size": 10,
                    "symbol": "diamond",
                    "color": SITE_COLOR,
                    "line": {"color": "white", "width": 1},
                },
                "customdata": [
                    [
                        s.iso3,
                        text(s.name),
                        text(s.kind),
                        text(s.site),
                        text(statuses.setdefault(s.status, i18n.status_name(s.status, lang))),
                        text(s.labs or no_lab),
                    ]
                    for s in model.sites
                ],
                "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
                f"{i18n.t('site_status', lang)}: %{{customdata[4]}}<br>"
                f"{i18n.t('site_labs', lang)}: %{{customdata[5]}}<extra></extra>",
            }
        )

    traces += change_layer(changes, model, lang)  # since a version: the countries with a change, outlined
    traces += point_traces(model, lang, large=large)

    # The selected countries' outline, always the last trace (empty when nothing is selected). The page's map is
    # built without it: the browser draws the outline itself (assets/app.js), so a click on a country redraws no map.
    chosen = [c for c in selected if c in countries.index]
    traces.append(
        {
            "type": "choropleth",
            "name": "Selected",
            "locations": chosen,
            "z": [0] * len(chosen),
            "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            "showscale": False,
            "showlegend": False,
            "marker": {"line": {"color": SELECTED_LINE, "width": SELECTED_WIDTH}},
            "hoverinfo": "skip",
        }
    )

    spec = layout(height=height)
    spec["geo"] = {
        "projection": {"type": "natural earth"},
        "resolution": 50,
        "showframe": False,
        "showcoastlines": False,
        # Every country of the geometry is a choropleth location (with a value, "no collaboration", or home),
        # drawn with its border: plotly's own land and country-border layers would only be drawn underneath,
        # and each of them costs as much as the countries to project again at every redraw of the map.
        "showcountries": False,
        "showland": False,
        "showocean": True,
        "oceancolor": OCEAN_COLOR,
        "showlakes": False,
        "lonaxis": {"range": list(model.lon_range)},
        "lataxis": {"range": list(model.lat_range)},
        "bgcolor": "rgba(0,0,0,0)",
    }
    spec["margin"] = {"l": 0, "r": 0, "t": 0, "b": 40}
    spec["legend"].update(
        {
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "top",
            "xanchor": "left",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": size - 1, "color": MUTED},
        }
    )
    spec["clickmode"] = "event"
    spec["dragmode"] = "pan"
    spec["uirevision"] = ",".join(model.continents) or "world"
    add_count_labels(traces, spec, model, lang, present=large)  # presentation mode: each country's count on it
    return figure(traces, spec)


def as_text(value) -> str:
    """Data text for a plotly label or hover, shown as the very characters: plotly reads tags such as <b> or <a>
    in labels, and decodes entities, so ``<`` ``>`` ``&`` are written as entities."""
    return html.escape(str(value), quote=False)


# -- The layers of partners, labs and links (one function each: another layer can be put between them) --------


def link_traces(model: MapModel, lang: str, *, focus: tuple[str, ...] = (), large: bool = False) -> list[dict]:
    """The links of ``model`` (``model.arcs``, when ``model.show_links``): one trace of ``mode="lines"`` per width and
    brightness, its arcs separated by ``None`` (plotly draws each segment as a great circle), meta ``LINKS_META``.

    An arc's width follows the collaborations it stands for (``look.link_width``); in a continent view the arcs are
    thinner. With ``focus`` countries, arcs that touch none of them are faded. No hover (the points name both ends).
    """
    if not model.show_links or not model.arcs:
        return []
    scale = (CONTINENT_LINK_SCALE if model.continents else 1.0) * (1.5 if large else 1.0)
    opacity = CONTINENT_LINK_OPACITY if model.continents else LINK_OPACITY
    wanted = set(focus)
    groups: dict = {}
    for arc in model.arcs:
        bright = not wanted or arc.lab_iso3 in wanted or arc.end_iso3 in wanted
        groups.setdefault((bright, link_width(arc.weight)), []).append(arc)
    traces = []
    name = i18n.t("links_legend", lang)
    # faded ones first (underneath), then by width: the widest drawn last, on top
    for (bright, width), arcs in sorted(groups.items()):
        lon, lat = [], []
        for arc in arcs:
            lon += [arc.lab_lon, arc.lon, None]
            lat += [arc.lab_lat, arc.lat, None]
        traces.append(
            {
                "type": "scattergeo",
                "meta": LINKS_META,
                "name": name,
                "legendgroup": LINKS_META,
                "showlegend": False,
                "mode": "lines",
                "lon": lon,
                "lat": lat,
                "line": {"color": LINK_COLOR, "width": round(width * scale, 2)},
                "opacity": opacity if bright else LINK_FADED_OPACITY,
                "hoverinfo": "skip",
            }
        )
    traces[-1]["showlegend"] = True  # one key for the layer
    return traces


def point_traces(model: MapModel, lang: str, *, large: bool = False) -> list[dict]:
    """The partner institutions' and the labs' markers of ``model``, one per place (meta ``PARTNERS_META`` and
    ``LABS_META``): ``customdata`` is [the ISO3 code a click selects, the hover's text, the ids at the place]."""
    grow = 1.35 if large else 1.0
    traces = []
    partners = point_places(model.partners)
    if partners:
        traces.append(
            {
                "type": "scattergeo",
                "meta": PARTNERS_META,
                "name": i18n.t("partners_legend", lang),
                "mode": "markers",
                "lon": np.array([p.lon for p in partners], dtype=float),
                "lat": np.array([p.lat for p in partners], dtype=float),
                "marker": {
                    "size": [round(point_size(p.collaborations) * grow, 1) for p in partners],
                    "color": PARTNER_COLOR,
                    "line": {"color": "white", "width": 1},
                    "opacity": 0.9,
                },
                "customdata": [
                    [p.iso3, partner_hover(model, p, lang), ";".join(m.id for m in p.members)] for p in partners
                ],
                "hovertemplate": "%{customdata[1]}<extra></extra>",
            }
        )
    labs = point_places(model.labs)
    if labs:
        traces.append(
            {
                "type": "scattergeo",
                "meta": LABS_META,
                "name": i18n.t("labs_legend", lang),
                "mode": "markers",
                "lon": np.array([p.lon for p in labs], dtype=float),
                "lat": np.array([p.lat for p in labs], dtype=float),
                "marker": {
                    "size": round((LAB_SIZE_CONTINENT if model.continents else LAB_SIZE) * grow, 1),
                    "symbol": "square",
                    "color": LAB_COLOR,
                    "line": {"color": LAB_EDGE, "width": 1.2},
                },
                "customdata": [[p.iso3, lab_hover(model, p, lang), ";".join(m.code for m in p.members)] for p in labs],
                "hovertemplate": "%{customdata[1]}<extra></extra>",
            }
        )
    return traces


def _listed(names: list[str], most: int, lang: str) -> str:
    """``names`` joined, the first ``most`` of them, then "and N more" (N of 2 or more: else the last name)."""
    if len(names) <= most + 1:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" {i18n.t('and_more', lang, n=len(names) - most)}"


def _collaborations(model: MapModel, ids: tuple[str, ...], lang: str) -> str:
    titles = [as_text(textwrap.shorten(model.titles.get(i, i), HOVER_TITLE, placeholder="…")) for i in ids]
    return i18n.t("point_collaborations", lang, n=len(ids), names=_listed(titles, HOVER_COLLABORATIONS, lang))


def partner_hover(model: MapModel, place: PointPlace, lang: str) -> str:
    """The hover of a partner institutions' marker: the place; each institution (an international organisation said
    so, at its seat), its collaborations in view; the IN2P3 labs they meet there; what a click selects."""
    country = describe.country_name(model, place.iso3, lang) if place.iso3 in model.countries.index else place.iso3
    lines = [f"<b>{as_text(place.city)}</b> · {as_text(country)}"]
    for member in place.members[:HOVER_MEMBERS]:
        label = f"<b>{as_text(member.acronym)}</b> {as_text(member.name)}" if member.acronym else as_text(member.name)
        if not member.iso3:
            label += f" ({i18n.t('international_seat', lang)})"
        lines.append(f"{label}: {_collaborations(model, member.collaborations, lang)}")
    if len(place.members) > HOVER_MEMBERS:
        lines.append(i18n.t("and_more", lang, n=len(place.members) - HOVER_MEMBERS))
    labs = list(dict.fromkeys(code for m in place.members for code in m.linked))
    lines.append(
        i18n.t("point_labs", lang, names=_listed([as_text(c) for c in labs], HOVER_LINKED, lang))
        if labs
        else i18n.t("point_no_lab", lang)
    )
    lines.append(f"<i>{i18n.t('click_selects', lang, country=as_text(country))}</i>")
    return "<br>".join(lines)


def lab_hover(model: MapModel, place: PointPlace, lang: str) -> str:
    """The hover of an IN2P3 labs' marker: the city; each lab and its collaborations in view; the partner institutions
    and sites they meet there; what a click selects."""
    country = describe.country_name(model, place.iso3, lang) if place.iso3 in model.countries.index else place.iso3
    lines = [f"<b>{as_text(place.city)}</b> · {i18n.t('labs_legend', lang)}"]
    for member in place.members:
        lines.append(f"<b>{as_text(member.code)}</b>: {_collaborations(model, member.collaborations, lang)}")
    partners = {p.id: p.acronym or p.name for p in model.partners}
    ends = list(dict.fromkeys(e for m in place.members for e in m.linked))
    names = [as_text(partners.get(e) or model.titles.get(e, e)) for e in ends]
    if names:
        lines.append(i18n.t("point_partners", lang, names=_listed(names, HOVER_LINKED, lang)))
    lines.append(f"<i>{i18n.t('click_selects', lang, country=as_text(country))}</i>")
    return "<br>".join(lines)
