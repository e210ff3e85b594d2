"""What changed since a version, on the map (``since=``): the countries with a change outlined in the colour of
their change, a layer over the choropleth (``meta="changes"``), with its legend and a hover that counts them.

A country's colour says what happened there, counted as ``datastore.compare`` counts a country: only new
collaborations (green), only ended ones (red), or anything else: changed ones, or new and ended together (purple).
Small countries, too small for an outline, get a ring round their marker.
"""

from __future__ import annotations

from .. import describe, i18n
from ..datastore.compare import CHANGED, ENDED, NEW, Changes, Counts
from ..views import MapModel

#: The colour of each kind of change on the map (and of the page's counts of changes): bluish green, red, purple,
#: apart from the map's blues, the selection's amber and the sites' orange.
CHANGE_COLORS = {NEW: "#007a5a", ENDED: "#c0142b", CHANGED: "#7b3294"}
#: Width of the outlines, in screen pixels.
CHANGE_WIDTH = 3


def country_kind(counts: Counts) -> str:
    """What happened in a country: ``new`` (only new collaborations), ``ended`` (only ended ones), else ``changed``."""
    if counts.new and not (counts.ended or counts.changed):
        return NEW
    if counts.ended and not (counts.new or counts.changed):
        return ENDED
    return CHANGED


def change_layer(changes: Changes | None, model: MapModel, lang: str) -> list[dict]:
    """The traces of the map's layer of changes (none without a comparison, or when nothing changed on the map):
    per kind, the outlines (a choropleth), their key in the legend, and rings round the small countries' markers."""
    if changes is None or not changes.by_country:
        return []
    countries = model.countries
    fallback = countries["name"].to_dict()
    small = set(countries.index[countries["small"]])
    date = describe.since_date(changes, lang)
    values, unit = model.values, describe.unit(model.measure, lang)
    traces = []
    for kind in (NEW, ENDED, CHANGED):
        codes = [
            iso for iso, counts in changes.by_country.items() if iso in countries.index and country_kind(counts) == kind
        ]
        if not codes:
            continue
        custom = [
            [
                iso,
                i18n.country_name(iso, lang, fallback=fallback[iso]),
                (f"{int(values.at[iso, 'value'])} {unit}<br>" if iso in values.index else "")
                + i18n.t("since_hover", lang, date=date, counts=describe.change_counts(changes.by_country[iso], lang)),
            ]
            for iso in codes
        ]
        name = describe.change_kind(kind, lang, n=2)  # the legend's name: the kind, of collaborations
        traces.append(
            {
                "type": "choropleth",
                "meta": "changes",
                "name": name,
                "legendgroup": f"changes-{kind}",
                "locations": codes,
                "z": [0] * len(codes),
                "customdata": custom,
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "showscale": False,
                "showlegend": False,
                "marker": {"line": {"color": CHANGE_COLORS[kind], "width": CHANGE_WIDTH}},
                "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            }
        )
        traces.append(  # its key in the legend (an outline with no fill draws no key of its own)
            {
                "type": "scattergeo",
                "meta": "changes",
                "name": name,
                "legendgroup": f"changes-{kind}",
                "lon": [None],
                "lat": [None],
                "mode": "markers",
                "marker": {
                    "size": 13,
                    "symbol": "square-open",
                    "color": CHANGE_COLORS[kind],
                    "line": {"width": CHANGE_WIDTH},
                },
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )
        rings = [c for c in custom if c[0] in small]
        if rings:
            traces.append(
                {
                    "type": "scattergeo",
                    "meta": "changes",
                    "name": name,
                    "legendgroup": f"changes-{kind}",
                    "lon": countries.loc[[c[0] for c in rings], "lon"].tolist(),
                    "lat": countries.loc[[c[0] for c in rings], "lat"].tolist(),
                    "mode": "markers",
                    "marker": {
                        "size": 19,
                        "symbol": "circle-open",
                        "color": CHANGE_COLORS[kind],
                        "line": {"width": CHANGE_WIDTH},
                    },
                    "customdata": rings,
                    "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
                    "showlegend": False,
                }
            )
    return traces
