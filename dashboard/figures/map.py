"""The world choropleth: countries coloured by a measure in readable classes, France as home, sites as markers."""

from __future__ import annotations

import html

import numpy as np

from .. import describe, i18n
from ..datastore.compare import Changes
from ..look import (
    BORDER_COLOR,
    BORDER_WIDTH,
    HOME_COLOR,
    INK,
    MUTED,
    NO_DATA_COLOR,
    OCEAN_COLOR,
    SELECTED_LINE,
    SELECTED_WIDTH,
    SITE_COLOR,
    class_colors,
)
from ..views import MapModel
from .changes import change_layer
from .labels import add_count_labels
from .style import FONT_SIZE, Figure, figure, layout


def build_map(
    model: MapModel,
    *,
    lang: str = i18n.DEFAULT_LANG,
    selected: tuple[str, ...] = (),
    large: bool = False,
    height: int = 560,
    changes: Changes | None = None,
) -> Figure:
    """World choropleth of a view's map (``views.MapModel``), with its words in ``lang``.

    Countries are coloured by their class; countries with no value grey; the home country apart; small countries
    get a marker too; infrastructure sites are diamonds; the ``selected`` countries are outlined (the page draws
    its outline in the browser and builds its map with none). Every country trace carries its ISO3 code as
    ``location`` or ``customdata[0]`` for clicks. Country names are CLDR's in ``lang``. ``large`` sets the legend
    and the colour scale in projector-size type (presentation mode). ``changes`` (since a version, in the map's view:
    ``views.view_changes``) outlines the countries where something changed (``figures/changes.py``).
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
