"""The count labels of presentation mode on the page's plotly map (positions: ``dashboard/map_labels.py``): a text
layer and its leader lines (``meta="labels"``), and the "Also" box of the countries with no room for their number."""

from __future__ import annotations

from .. import i18n
from ..look import INK
from ..map_labels import ALSO_FONT_PX, also_lines, label_color, place_labels
from ..views import MapModel


def add_count_labels(traces: list, spec: dict, model: MapModel, lang: str, present: bool) -> None:
    """In presentation mode (``present``), put the counts of ``model`` on the plotly map being built: a text layer
    and its leader lines (``meta="labels"``), before the selection's outline (always the last trace), and the
    "Also" box as an annotation at the bottom left of the map."""
    if not present or not len(model.values):
        return
    placement = place_labels(model, lang)
    at = len(traces) - 1 if traces and traces[-1].get("name") == "Selected" else len(traces)
    added = []
    leaders = [label for label in placement.labels if label.leader]
    if leaders:
        lon, lat = [], []
        for label in leaders:
            (a_lon, a_lat), (b_lon, b_lat) = label.leader
            lon += [a_lon, b_lon, None]
            lat += [a_lat, b_lat, None]
        for color, width in (("#ffffff", 3.6), (INK, 1.4)):  # ink on a white halo: seen on light and dark blues
            added.append(
                {
                    "type": "scattergeo",
                    "meta": "labels",
                    "name": i18n.t("labels_name", lang),
                    "mode": "lines",
                    "lon": lon,
                    "lat": lat,
                    "line": {"color": color, "width": width},
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    if placement.labels:
        colors = [label_color(label, len(model.breaks))[0] for label in placement.labels]
        added.append(
            {
                "type": "scattergeo",
                "meta": "labels",
                "name": i18n.t("labels_name", lang),
                "mode": "text",
                "lon": [label.lon for label in placement.labels],
                "lat": [label.lat for label in placement.labels],
                "text": [label.text for label in placement.labels],
                "customdata": [[label.iso3] for label in placement.labels],
                "textposition": "middle center",
                "textfont": {"size": placement.font_px, "color": colors, "weight": "bold", "shadow": "auto"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    traces[at:at] = added
    lines = also_lines(placement.listed, model, lang, escape=True)
    if lines:
        spec.setdefault("annotations", []).append(
            {
                "name": "labels-also",
                "text": "<br>".join(lines),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": ALSO_FONT_PX, "color": INK},
                "bgcolor": "rgba(255,255,255,0.9)",
                "bordercolor": "#c9d1d9",
                "borderpad": 6,
            }
        )
