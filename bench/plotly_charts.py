"""The four charts as the page drew them with plotly until issue 12 (``dashboard/figures/charts.py`` as it was on
main at 0b8f133, with issue 13's highlight), kept for the interaction floor only (``bench/floor.py``).

The page now draws its charts as HTML (``dashboard/page/charts.py``); the floor still measures what plain plotly.js
costs to apply the same views as the app, so it draws these charts where the app's are: the cost the page no longer
pays. Nothing in ``dashboard/`` imports this module.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import describe, i18n
from dashboard.figures.style import FONT_SIZE, Figure, figure, layout
from dashboard.look import GRID, HIGHLIGHT, MUTED, TIMELINE_GAP, UNHIGHLIGHTED_OPACITY, YEARS_SHADE_OPACITY, bar_gap
from dashboard.schema import INSTRUMENT_TYPES, TYPE_COLORS
from dashboard.views import View, stacked_counts


def chart_figures(view: View, lang: str) -> dict[str, Figure]:
    """The four plotly charts of ``view`` (by ``dashboard.views.CHART_IDS``), in ``lang``."""
    return {
        "continent": build_continent_chart(view.by_continent, lang=lang, highlight=view.highlight_continents),
        "top": build_top_countries_chart(view.top_countries, lang=lang, highlight=view.highlight_countries),
        "type": build_type_chart(view.by_type, lang=lang),
        "timeline": build_timeline_chart(view.per_year, years=view.years, lang=lang),
    }


def empty_figure(message: str, *, height: int = 320) -> Figure:
    """A blank figure that says why it is blank."""
    spec = layout(height=height)
    spec["annotations"] = [
        {
            "text": message,
            "showarrow": False,
            "x": 0.5,
            "y": 0.5,
            "xref": "paper",
            "yref": "paper",
            "font": {"size": FONT_SIZE + 1, "color": MUTED},
        }
    ]
    spec["xaxis"] = {"visible": False}
    spec["yaxis"] = {"visible": False}
    return figure([], spec)


def bar_opacities(order: list[str], highlight=()) -> list[float] | None:
    """Per category of ``order``, its bars' opacity: the ``highlight`` ones full, the others faded; None (all full)
    when none of them is highlighted."""
    wanted = set(highlight)
    if not wanted.intersection(order):
        return None
    return [1.0 if c in wanted else UNHIGHLIGHTED_OPACITY for c in order]


def _stacked_bars(
    order: list[str], wide: np.ndarray, *, labels: list[str], lang: str, height: int, highlight=()
) -> Figure:
    """Horizontal bars of the categories ``order`` (shown as ``labels``), stacked by instrument type: ``wide`` holds
    their counts (``views.stacked_counts``). The categories of ``highlight`` stand out: the others' bars are faded.

    Each bar's ``customdata[0]`` is its category value (a continent, an ISO3 code), for clicks.
    """
    opacity = bar_opacities(order, highlight)
    traces = []
    for k, kind in enumerate(INSTRUMENT_TYPES):
        if wide[:, k].sum() == 0:
            continue
        traces.append(
            {
                "type": "bar",
                "name": kind,
                "y": labels,
                "x": wide[:, k].copy(),
                "orientation": "h",
                "marker": {"color": TYPE_COLORS[kind], **({"opacity": opacity} if opacity else {})},
                "customdata": [[c, kind, i18n.instrument_name(kind, lang)] for c in order],
                "hovertemplate": "<b>%{y}</b><br>%{customdata[2]} (%{customdata[1]}): %{x}<extra></extra>",
            }
        )
    totals = wide.sum(axis=1)
    traces.append(
        {
            "type": "scatter",
            "x": totals,
            "y": labels,
            "mode": "text",
            "text": [f"  {v}" for v in totals],
            "textposition": "middle right",
            "showlegend": False,
            "hoverinfo": "skip",
            "textfont": {"size": FONT_SIZE, "color": MUTED},
        }
    )
    spec = layout(height=height)
    spec.update(
        barmode="stack",
        bargap=bar_gap(len(order)),
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": labels,
            "title": {},
            "showgrid": False,
        },
        xaxis={"title": {}, "gridcolor": GRID, "rangemode": "tozero", "range": [0, max(totals.max(), 1) * 1.15]},
    )
    return figure(traces, spec)


def build_continent_chart(
    table: pd.DataFrame, *, height: int = 320, lang: str = i18n.DEFAULT_LANG, highlight=()
) -> Figure:
    """Collaborations per continent, stacked by instrument type; bars carry the continent's English name.

    table: columns continent, type, count (``aggregate.by_continent``), already in display order. ``highlight``: the
    continents to stand out (``View.highlight_continents``: the selection's).
    """
    if table.empty:
        return empty_figure(i18n.t("no_data", lang), height=height)
    order, wide = stacked_counts(table, "continent")
    labels = [i18n.continent_name(c, lang) for c in order]
    return _stacked_bars(order, wide, labels=labels, lang=lang, height=height, highlight=highlight)


def build_top_countries_chart(
    table: pd.DataFrame, *, height: int = 380, lang: str = i18n.DEFAULT_LANG, highlight=()
) -> Figure:
    """The partner countries with most collaborations, stacked by type; bars carry the ISO3 code.

    table: columns iso3, name, type, count (``aggregate.top_countries``), largest country first. ``highlight``: the
    countries to stand out (``View.highlight_countries``: the selection).
    """
    if table.empty:
        return empty_figure(i18n.t("no_data", lang), height=height)
    order, wide = stacked_counts(table, "iso3")
    labels = describe.top_country_names(table, order, lang)
    height = max(height, 28 * len(order) + 60)
    return _stacked_bars(order, wide, labels=labels, lang=lang, height=height, highlight=highlight)


def build_type_chart(table: pd.DataFrame, *, height: int = 300, lang: str = i18n.DEFAULT_LANG) -> Figure:
    """Number of instruments per type. table: columns type, count (``aggregate.by_type``)."""
    table = table[table["count"] > 0]
    if table.empty:
        return empty_figure(i18n.t("no_data", lang), height=height)
    labels = [describe.type_label(t, lang) for t in table["type"]]
    bar = {
        "type": "bar",
        "x": table["count"].to_numpy(),
        "y": labels,
        "orientation": "h",
        "marker": {"color": [TYPE_COLORS[t] for t in table["type"]]},
        # The counts as floats, as plotly's validation of a text array left them (the browser shows 5, not 5.0).
        "text": table["count"].to_numpy(dtype=float),
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": table["type"].to_numpy(),
        "hovertemplate": f"<b>%{{y}}</b><br>%{{x}} {i18n.t('instruments_hover', lang)}<extra></extra>",
    }
    spec = layout(height=height)
    spec.update(
        bargap=bar_gap(len(table)),
        yaxis={"autorange": "reversed", "title": {}, "showgrid": False},
        xaxis={"title": {}, "gridcolor": GRID, "range": [0, table["count"].max() * 1.18]},
    )
    return figure([bar], spec)


def build_timeline_chart(
    table: pd.DataFrame, *, years: tuple[int, int] | None = None, height: int = 300, lang: str = i18n.DEFAULT_LANG
) -> Figure:
    """Collaborations active each year, stacked by type. table: columns year, type, count (``aggregate.per_year``).

    ``years`` shades the active-in-year filter.
    """
    if table.empty:
        return empty_figure(i18n.t("no_start_year", lang), height=height)
    traces = []
    for kind in INSTRUMENT_TYPES:
        part = table[table["type"] == kind]
        if part.empty:
            continue
        traces.append(
            {
                "type": "bar",
                "name": kind,
                "x": part["year"].to_numpy(),
                "y": part["count"].to_numpy(),
                "marker": {"color": TYPE_COLORS[kind]},
                "hovertemplate": f"<b>%{{x}}</b><br>{i18n.instrument_name(kind, lang)} ({kind}): %{{y}}<extra></extra>",
            }
        )
    spec = layout(height=height)
    spec.update(
        barmode="stack",
        bargap=TIMELINE_GAP,
        xaxis={"title": {}, "dtick": 5, "showgrid": False},
        yaxis={"title": {}, "gridcolor": GRID, "rangemode": "tozero"},
    )
    if years:
        # The shading spans the years on x and the whole height of the plot ("y domain"), as plotly's add_vrect
        # draws it (the empty list of annotations is add_vrect's too).
        spec["shapes"] = [
            {
                "type": "rect",
                "xref": "x",
                "yref": "y domain",
                "x0": years[0] - 0.5,
                "x1": years[1] + 0.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": HIGHLIGHT,
                "opacity": YEARS_SHADE_OPACITY,
                "line": {"width": 0},
            }
        ]
        spec["annotations"] = []
    return figure(traces, spec)
