"""The page's map: figures/map.py's figure in a shape the browser can update without plotly drawing it again, and its
key as HTML beside it.

plotly draws a geo subplot again whole for any change, even of one trace: every country's shape decoded, projected
and given its hover outline again (``Plotly.restyle`` of the sites alone took 300-430 ms here, as long as a
``Plotly.react`` of the whole map). Between two views of one framing (the continent filter), the map changes only
in its colours, its hover texts and which markers show: the browser does that on the map as drawn
(assets/mapupdate.js: ~20 ms) when the two figures have the same structure, which every figure of this module has:

- the countries: **one** choropleth trace of every country in one order (build_map's choropleth traces — no
  collaboration, the classes, home — merged), each country's colour an index into one palette (:data:`PALETTE`)
  and its hover text written out: the text plotly wrote from build_map's templates and hover data;
- the markers (small countries, sites, and any other trace of markers build_map draws, found by its name; and the
  layers of points of partner institutions and IN2P3 labs, :data:`POINT_LAYERS`, found by their ``meta``): as many
  points in every view as the view with no filter has (filters only take collaborations away), the points not in
  the view parked out of sight (transparent, of size 0 if sizes are per point, at the south pole: outside every frame
  the page shows, so never hovered or clicked); a partner's point's size (``marker.size``, its collaborations in
  view) is one of the values that change in place. build_map's own markers come first, under the rest; the layers
  of points where build_map puts them (over the links), or, in a view with none of them, after the other layers;
- the links (with "Show links"), padded too: one trace per brightness (faded by a selection, or not) and width of
  the links of the view with no filter, each with room for every arc that may have that width in a view, the room
  not used left empty (``None``: nothing drawn) (:func:`_links`);
- no plotly legend or colour bar (and no margin for it): the key is HTML (:func:`map_key`), so a new view's classes
  need no plotly redraw either;
- the layers other parts of the page add over the map, each marked by its ``meta`` (the changes since a version,
  presentation mode's count labels, ...), left as they are: when a layer differs between two views, plotly draws
  the map (``Plotly.react``); their legend entries go to the HTML key (:func:`layer_keys`, which reads build_map's
  figure: the points' and links' layers are named there when the view has any of their points or links).

Any other change (a continent, so another frame; another trace) is left to ``Plotly.react``, as before.
"""

from __future__ import annotations

import re

from dash import html

from .. import describe, i18n
from ..figures import Figure
from ..figures.map import LABS_META, LINKS_META, PARTNERS_META
from ..look import CLASS_COLORS, HOME_COLOR, LINK_FADED_OPACITY, NO_DATA_COLOR, SITE_COLOR, class_colors
from ..views import MapModel

#: The countries' colours: an index into this list is each country's ``z`` (one colour scale for every map).
PALETTE = (NO_DATA_COLOR, HOME_COLOR, *CLASS_COLORS)
#: Where a marker not in the view waits: transparent, south of every frame the page shows (look.VIEWPORTS).
PARKED = (0.0, -90.0)
#: The key of the merged countries' trace (its ``meta``), by which the browser finds it.
COUNTRIES = "countries"
#: Per-point properties of a marker trace, padded for the parked points (the rest must be the same in every view).
POINT_ARRAYS = ("lon", "lat", "customdata", "text", "hovertext")
#: The layers (``meta``) of points that are padded and parked as build_map's own markers are: every filter changes
#: them (which points, their sizes), so a filter change is put on the drawn map in place (assets/mapupdate.js).
POINT_LAYERS = (PARTNERS_META, LABS_META)

_FIELD = re.compile(r"%\{(customdata\[(\d+)\]|location|z)\}")
_EXTRA = re.compile(r"<extra>.*?</extra>", re.DOTALL)


def page_figure(base: Figure, universe: Figure | None = None) -> Figure:
    """``base`` (``figures.build_map`` of a view) in the page's shape; ``universe``: build_map of the same measure
    with no filter, whose marker traces say how many points each marker trace has in every view."""
    spec = base.spec
    choropleths = [
        t for t in spec["data"] if t.get("type") == "choropleth" and len(t.get("locations") or ()) and not _layer(t)
    ]
    wide = [t for t in (universe.spec["data"] if universe else []) if _is_markers(t)]
    most = {_key(t): _length(t) for t in wide}
    mine = {_key(t): t for t in spec["data"] if _is_markers(t)}
    # every marker trace of the view with no filter (those this view does not draw all parked), then this view's
    # others
    padded = {}
    for trace in wide:
        key = _key(trace)
        padded[key] = (
            _slotted(mine[key], max(most[key], _length(mine[key])))
            if key in mine
            else _slotted(trace, _length(trace), keep=0)
        )
    padded.update({key: _slotted(t, _length(t)) for key, t in mine.items() if key not in most})
    points = [t for t in padded.values() if _point_layer(t)]
    # links padded the same way (when they can be: else the view's traces of links, as build_map gives them)
    links = _links(
        [t for t in spec["data"] if _is_link(t)],
        [t for t in (universe.spec["data"] if universe else []) if _is_link(t)],
    )
    # in one order in every view: the countries, build_map's own markers, the links (padded), the other traces and
    # the layers as build_map gives them (the layers of points where the first of them is, else after the others),
    # the selection's outline (empty) last
    traces = [_countries(choropleths)] if choropleths else []
    traces += [t for t in padded.values() if not _point_layer(t)]
    traces += links or []
    last = []
    for trace in spec["data"]:
        if _is_link(trace) and links is not None:
            continue  # above
        if _is_markers(trace):
            if _point_layer(trace):
                traces += points
                points = []
            continue  # above
        if trace.get("type") == "choropleth" and not _layer(trace) and len(trace.get("locations") or ()):
            continue  # above
        (last if trace.get("type") == "choropleth" and not _layer(trace) else traces).append(trace)
    traces += points + last
    layout = {**spec["layout"], "showlegend": False, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}
    return Figure(traces, layout)


def _layer(trace: dict) -> bool:
    """A layer another part of the page adds over build_map's own traces (its ``meta`` names it)."""
    return isinstance(trace.get("meta"), str) and trace.get("meta") != COUNTRIES


def layer_keys(figure: Figure) -> list[tuple[str, str, str, str]]:
    """The legend entries of ``figure``'s layers (name, colour, symbol, edge colour), in order, each name once."""
    out, seen = [], set()
    for trace in figure.spec["data"]:
        if not _layer(trace) or trace.get("showlegend") is False or trace.get("name") in seen:
            continue
        marker = trace.get("marker") or {}
        line = trace.get("line") or marker.get("line") or {}
        lines = "lines" in (trace.get("mode") or "") and "markers" not in (trace.get("mode") or "")
        colour = line.get("color") if lines else marker.get("color") or line.get("color")
        if isinstance(colour, str):
            seen.add(trace.get("name"))
            symbol = "line" if lines else str(marker.get("symbol") or "")
            edge = line.get("color") if isinstance(line.get("color"), str) else colour  # a lab's white square's rim
            out.append((str(trace.get("name") or ""), colour, symbol, edge))
    return out


def _key(trace: dict) -> str:
    meta = trace.get("meta")
    return meta if isinstance(meta, str) else f"{trace.get('type')}:{trace.get('name', '')}"


def _is_link(trace: dict) -> bool:
    return trace.get("meta") == LINKS_META and trace.get("mode") == "lines"


def _links(mine: list[dict], wide: list[dict]) -> list[dict] | None:
    """The links' traces of a view (``mine``, build_map's: one per brightness and width, its arcs separated by None)
    as a set of traces that is the same in every view of the frame: one per brightness (faded, bright) and width of
    the links of the view with no filter (``wide``), each with room for every arc of that view that may have that
    width in another (an arc stands for fewer collaborations in a filtered view: as wide or thinner), the room not
    used left empty (None: plotly draws nothing there). None (the view's traces kept as they are: plotly draws them)
    when the view has a width the view with no filter has not, or more arcs of a width than there is room for."""
    if not wide:
        return None
    widths = sorted({(t.get("line") or {}).get("width") for t in wide})
    arcs = {w: sum(_length(t) // 3 for t in wide if (t.get("line") or {}).get("width") >= w) for w in widths}
    shape = {w: next(t for t in wide if (t.get("line") or {}).get("width") == w) for w in widths}
    drawn = {}
    for trace in mine:
        width = (trace.get("line") or {}).get("width")
        group = (trace.get("opacity") == LINK_FADED_OPACITY, width)
        if width not in arcs or _length(trace) > 3 * arcs[width] or group in drawn:
            return None
        drawn[group] = trace
    out = []
    for faded in (True, False):  # faded ones first (underneath), then by width, as build_map orders them
        for width in widths:
            trace = {**shape[width], "showlegend": False}
            if faded:
                trace["opacity"] = LINK_FADED_OPACITY
            lon = list((drawn.get((faded, width)) or {}).get("lon") or [])
            lat = list((drawn.get((faded, width)) or {}).get("lat") or [])
            room = 3 * arcs[width] - len(lon)
            out.append({**trace, "lon": lon + [None] * room, "lat": lat + [None] * room})
    out[-1]["showlegend"] = True
    return out


def _point_layer(trace: dict) -> bool:
    return trace.get("meta") in POINT_LAYERS


def _is_markers(trace: dict) -> bool:
    """A trace of markers padded to the view with no filter: build_map's own, or a layer of points."""
    mode = trace.get("mode") or ""
    markers = trace.get("type") == "scattergeo" and "markers" in mode and "lines" not in mode
    return markers and (not _layer(trace) or _point_layer(trace))


def _length(trace: dict) -> int:
    return len(trace.get("lon") if trace.get("lon") is not None else ())


def _countries(traces: list[dict]) -> dict:
    """The choropleth traces as one: every country once, in ISO3 order, its colour and its hover text."""
    colour, text = {}, {}
    for trace in traces:
        scale, zmin, zmax = trace.get("colorscale"), trace.get("zmin"), trace.get("zmax")
        template = _EXTRA.sub("", trace.get("hovertemplate") or "")
        custom = trace.get("customdata")
        for i, (iso, z) in enumerate(zip(trace["locations"], trace["z"])):
            colour[iso] = _colour(scale, zmin, zmax, z)
            row = custom[i] if custom is not None else []
            text[iso] = _fill(template, row, iso, z)
    palette = list(PALETTE) + sorted(set(colour.values()) - set(PALETTE))
    index = {c: i for i, c in enumerate(palette)}
    order = sorted(colour)
    n = len(palette)
    first = traces[0]
    return {
        "type": "choropleth",
        "meta": COUNTRIES,
        "name": first.get("name", ""),
        "locations": order,
        "z": [index[colour[iso]] for iso in order],
        "zmin": -0.5,
        "zmax": n - 0.5,
        "colorscale": [[round(v / n, 6), c] for i, c in enumerate(palette) for v in (i, i + 1)],
        "showscale": False,
        "marker": first.get("marker", {}),
        "customdata": [[iso, text[iso]] for iso in order],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
    }


def _colour(scale, zmin, zmax, z) -> str:
    """The colour plotly gives ``z`` on the colour scale ``scale`` (stops [position, colour]) from ``zmin`` to ``zmax``;
    the scales of build_map are steps: each colour between two stops of its own."""
    if zmin is None or zmax is None or zmax == zmin:
        position = 0.5
    else:
        position = min(max((z - zmin) / (zmax - zmin), 0.0), 1.0)
    chosen = scale[0][1]
    for stop, colour in scale:
        if stop <= position:
            chosen = colour
    return chosen


def _fill(template: str, row, location: str, z) -> str:
    """``template`` with its fields (``%{customdata[i]}``, ``%{location}``, ``%{z}``) written as plotly writes them."""

    def value(match) -> str:
        if match.group(2) is not None:
            i = int(match.group(2))
            return _plain(row[i]) if i < len(row) else ""
        return _plain(location if match.group(1) == "location" else z)

    return _FIELD.sub(value, template)


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _slotted(trace: dict, size: int, keep: int | None = None) -> dict:
    """``trace`` (markers) with ``size`` points: its first ``keep`` (default: all of them) shown, the others parked,
    transparent (and of size 0 when the sizes are per point)."""
    n = _length(trace)
    keep = n if keep is None else keep
    out = dict(trace)
    for name in POINT_ARRAYS:
        values = trace.get(name)
        if values is None or isinstance(values, str):
            continue
        values = [_number(v) for v in list(values)[:keep]]
        parked = {"lon": PARKED[0], "lat": PARKED[1]}.get(name)
        out[name] = values + [parked] * (size - keep)
    marker = dict(trace.get("marker") or {})
    color = marker.get("color")
    if isinstance(color, (list, tuple)) or hasattr(color, "tolist"):
        colors = list(color)[:keep]
        marker["color"] = colors + [colors[0] if colors else SITE_COLOR] * (size - keep)
    sizes = marker.get("size")
    if isinstance(sizes, (list, tuple)) or hasattr(sizes, "tolist"):
        marker["size"] = [_number(v) for v in list(sizes)[:keep]] + [0] * (size - keep)
    opacity = marker.get("opacity", 1)
    shown = [opacity] * keep if not isinstance(opacity, (list, tuple)) else list(opacity)[:keep]
    marker["opacity"] = shown + [0] * (size - keep)
    out["marker"] = marker
    return out


def _number(value):
    return value.item() if hasattr(value, "item") else value


# -- The key ---------------------------------------------------------------------------------------------------


def map_key(model: MapModel, lang: str, *, sites: bool, small: bool, layers=()) -> html.Ul:
    """The map's key, as a person reads it: what colours the countries and the colour of each class, no
    collaboration, home; the sites' and small countries' markers when the map shows any; ``layers``: the entries of
    the layers over the map (:func:`layer_keys`)."""
    unit = describe.unit(model.measure, lang)
    items = [html.Li(unit.capitalize(), className="map-key-title")]
    colors = class_colors(len(model.breaks))
    for colour, label in zip(colors, describe.class_labels(model.breaks)):
        items.append(html.Li([_swatch(colour), label]))
    items.append(html.Li([_swatch(NO_DATA_COLOR), i18n.t("no_collaboration", lang)], className="map-key-next"))
    if model.home is not None:
        home = describe.country_name(model, model.home, lang)
        items.append(html.Li([_swatch(HOME_COLOR), i18n.t("home", lang, country=home)]))
    if small:
        mark = html.Span(className="map-key-small", **{"aria-hidden": "true"})
        items.append(html.Li([mark, i18n.t("small_countries", lang)]))
    if sites:
        items.append(html.Li([html.Span(className="map-key-site", **{"aria-hidden": "true"}), i18n.t("sites", lang)]))
    for name, colour, symbol, edge in layers:
        shape = (
            "map-key-outline"
            if "open" in symbol
            else "map-key-square"
            if "square" in symbol
            else "map-key-line"
            if symbol == "line"
            else "map-key-layer"
        )
        mark = html.Span(className=shape, style={"borderColor": edge, "color": colour}, **{"aria-hidden": "true"})
        items.append(html.Li([mark, name]))
    return html.Ul(items, className="map-key", **{"aria-label": i18n.t("map_key", lang)})


def _swatch(colour: str) -> html.Span:
    return html.Span(className="swatch", style={"background": colour}, **{"aria-hidden": "true"})
