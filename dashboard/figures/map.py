"""The world choropleth: countries coloured by a measure in readable classes, France as home, sites as markers."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from .. import i18n
from .style import FONT_SIZE, INK, MUTED, Figure, figure, layout

#: Sequential blues (ColorBrewer "Blues", colour-blind safe), light to dark. The lightest blue is kept
#: clearly apart from the grey of "no collaboration".
CLASS_COLORS = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
NO_DATA_COLOR = "#e3e6ea"
HOME_COLOR = "#4a4a4a"
SELECTED_LINE = "#f2a900"
SITE_COLOR = "#D55E00"
BORDER_COLOR = "#ffffff"

#: Visible longitude/latitude ranges per continent (the map zooms to the continent filter).
VIEWPORTS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "Europe": ((-25, 45), (34, 71)),
    "Asia": ((25, 150), (-10, 60)),
    "North America": ((-170, -50), (5, 75)),
    "South America": ((-95, -30), (-57, 15)),
    "Africa": ((-20, 55), (-36, 38)),
    "Oceania": ((110, 180), (-50, 0)),
    "Antarctica": ((-180, 180), (-90, -60)),
}
WORLD_VIEW = ((-180, 180), (-58, 84))


def class_breaks(max_value: int) -> list[tuple[int, int]]:
    """Classes of whole numbers from 1 to ``max_value``: single values while few, then 3–4, 5–9, 10–19, ...

    At most ``len(CLASS_COLORS)`` classes; the last is open-ended ("20+").
    """
    if max_value <= 0:
        return []
    if max_value <= len(CLASS_COLORS):
        return [(v, v) for v in range(1, max_value + 1)]
    edges = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
    bins = []
    for lo, nxt in zip(edges, edges[1:]):
        bins.append((lo, nxt - 1))
        if nxt > max_value:
            break
    else:
        bins.append((edges[-1], max_value))
    if len(bins) > len(CLASS_COLORS):
        bins = bins[: len(CLASS_COLORS) - 1] + [(bins[len(CLASS_COLORS) - 1][0], max_value)]
    lo, _ = bins[-1]
    bins[-1] = (lo, max(max_value, lo))
    return bins


def _label(lo: int, hi: int, last: bool) -> str:
    if lo == hi:
        return f"{lo}"
    return f"{lo}+" if last else f"{lo}–{hi}"


def _classes(values: pd.Series, bins) -> pd.Series:
    """The class of each value: the first of ``bins`` whose upper bound it does not pass (the last for larger)."""
    upper = np.array([hi for _, hi in bins])
    return pd.Series(
        np.minimum(np.searchsorted(upper, values.to_numpy(), side="left"), len(bins) - 1), index=values.index
    )


def _palette(n: int) -> list[str]:
    if n <= 0:
        return []
    if n == 1:
        return [CLASS_COLORS[3]]
    step = (len(CLASS_COLORS) - 1) / (n - 1)
    return [CLASS_COLORS[round(i * step)] for i in range(n)]


def build_map(
    values: pd.DataFrame,
    countries: pd.DataFrame,
    sites: pd.DataFrame | None = None,
    *,
    selected: tuple[str, ...] = (),
    unit: str = "collaborations",
    home_iso3: str = "FRA",
    home_hover: str = "home of IN2P3",
    continents: tuple[str, ...] = (),
    height: int = 560,
    lang: str = i18n.DEFAULT_LANG,
    large: bool = False,
) -> Figure:
    """World choropleth of ``values['value']`` per ISO3 country.

    values: indexed by ISO3, columns value (> 0), breakdown (text shown on hover).
    countries: every country of the map, indexed by ISO3, columns name, lon, lat, small (bool).
    sites: infrastructure rows with lat, lon, name, kind, site, status, labs, countries.
    Countries with no value are drawn grey; the home country apart; ``selected`` countries outlined.
    Every country trace carries its ISO3 code as ``location`` or ``customdata[0]`` for clicks.
    Country names are CLDR's in ``lang``; ``unit`` and ``home_hover`` are given in that language.
    ``large`` sets the legend and the colour scale in projector-size type (presentation mode).
    """
    size = FONT_SIZE + 5 if large else FONT_SIZE
    traces = []

    fallback = countries["name"].to_dict()

    def name(iso: str) -> str:
        return i18n.country_name(iso, lang, fallback=fallback[iso])

    values = values[values.index != home_iso3]
    bins = class_breaks(int(values["value"].max()) if len(values) else 0)
    colors = _palette(len(bins))

    empty = countries.index.difference(values.index).difference([home_iso3])
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
            "marker": {"line": {"color": BORDER_COLOR, "width": 0.5}},
            "hovertemplate": "<b>%{customdata[1]}</b><br>"
            + i18n.t("no_unit_in_view", lang, unit=unit)
            + "<extra></extra>",
        }
    )

    if len(values):
        klass = _classes(values["value"], bins)
        scale = []
        for i, color in enumerate(colors):
            scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
        labels = [_label(lo, hi, i == len(bins) - 1) for i, (lo, hi) in enumerate(bins)]
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
                "z": klass.tolist(),
                "zmin": -0.5,
                "zmax": len(bins) - 0.5,
                "customdata": custom,
                "colorscale": scale,
                "marker": {"line": {"color": BORDER_COLOR, "width": 0.5}},
                "showlegend": False,
                "colorbar": {
                    "title": {"text": unit.capitalize(), "side": "top", "font": {"size": size}},
                    "tickvals": list(range(len(bins))),
                    "ticktext": labels,
                    "tickfont": {"size": size},
                    "orientation": "h",
                    "x": 0.5,
                    "xanchor": "center",
                    "y": -0.02,
                    "yanchor": "top",
                    "len": min(0.12 * len(bins) + 0.1, 0.8),
                    "thickness": 16,
                    "outlinewidth": 0,
                },
                "hovertemplate": hover,
            }
        )
        small = values[values.index.isin(countries.index[countries["small"]])]
        if len(small):
            traces.append(
                {
                    "type": "scattergeo",
                    "name": i18n.t("small_countries", lang),
                    "lon": countries.loc[small.index, "lon"].to_numpy(),
                    "lat": countries.loc[small.index, "lat"].to_numpy(),
                    "mode": "markers",
                    "marker": {
                        "size": 11,
                        "color": [colors[k] for k in klass[small.index]],
                        "line": {"color": INK, "width": 1},
                    },
                    "customdata": [c for c in custom if c[0] in small.index],
                    "hovertemplate": hover,
                    "showlegend": False,
                }
            )

    if home_iso3 in countries.index:
        traces.append(
            {
                "type": "choropleth",
                "name": i18n.t("home", lang, country=name(home_iso3)),
                "locations": [home_iso3],
                "z": [0],
                "customdata": [[home_iso3, name(home_iso3), home_hover]],
                "colorscale": [[0, HOME_COLOR], [1, HOME_COLOR]],
                "showscale": False,
                "showlegend": True,
                "marker": {"line": {"color": BORDER_COLOR, "width": 0.5}},
                "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            }
        )

    if sites is not None and len(sites):
        # Columns as lists (a pandas string column read item by item costs ten times more), each distinct text
        # escaped once (statuses, kinds and lab lists repeat).
        texts: dict = {}

        def text(value) -> str:
            if value not in texts:
                texts[value] = as_text(value)
            return texts[value]

        no_lab = i18n.t("no_lab_named", lang)
        statuses = [i18n.status_name(v, lang) for v in sites["status"].tolist()]
        labs = [v or no_lab for v in sites["labs"].tolist()]
        traces.append(
            {
                "type": "scattergeo",
                "name": i18n.t("sites", lang),
                "lon": sites["lon"].to_numpy(),
                "lat": sites["lat"].to_numpy(),
                "mode": "markers",
                "marker": {
                    "size": 10,
                    "symbol": "diamond",
                    "color": SITE_COLOR,
                    "line": {"color": "white", "width": 1},
                },
                "customdata": [
                    [(codes[0] if codes else ""), *map(text, row)]
                    for codes, *row in zip(
                        sites["countries"].tolist(),
                        sites["name"].tolist(),
                        sites["kind"].tolist(),
                        sites["site"].tolist(),
                        statuses,
                        labs,
                    )
                ],
                "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
                f"{i18n.t('site_status', lang)}: %{{customdata[4]}}<br>"
                f"{i18n.t('site_labs', lang)}: %{{customdata[5]}}<extra></extra>",
            }
        )

    # The selected countries' outline, always the last trace (empty when nothing is selected). The page's map is
    # built without it (views.build_view(outline_selection=False)): the browser draws the outline itself
    # (assets/app.js), so a click on a country redraws no map; the exported images draw it from this trace.
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
            "marker": {"line": {"color": SELECTED_LINE, "width": 3}},
            "hoverinfo": "skip",
        }
    )

    lon_range, lat_range = WORLD_VIEW
    if continents:
        views = [VIEWPORTS[c] for c in continents if c in VIEWPORTS]
        if views:
            lon_range = (min(v[0][0] for v in views), max(v[0][1] for v in views))
            lat_range = (min(v[1][0] for v in views), max(v[1][1] for v in views))
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
        "oceancolor": "#f4f8fb",
        "showlakes": False,
        "lonaxis": {"range": list(lon_range)},
        "lataxis": {"range": list(lat_range)},
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
    spec["uirevision"] = ",".join(continents) or "world"
    return figure(traces, spec)


def as_text(value) -> str:
    """Data text for a plotly label or hover, shown as the very characters: plotly reads tags such as <b> or <a>
    in labels, and decodes entities, so ``<`` ``>`` ``&`` are written as entities."""
    return html.escape(str(value), quote=False)
