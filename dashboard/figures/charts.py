"""The linked charts: by continent, top countries, by instrument type, active per year."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..schema import INSTRUMENT_TYPES, TYPE_COLORS
from .style import FONT_SIZE, GRID, MUTED, base_layout, empty_figure, new_figure

NO_DATA_MESSAGE = "No collaboration in this view"


def _bargap(categories: int) -> float:
    """Keep bars about as thick with one category as with eight (a lone bar would fill the chart)."""
    return max(0.25, min(0.85, 1 - 0.12 * categories))


def _stacked_bars(table: pd.DataFrame, category: str, *, order: list[str], customdata_col: str | None = None) -> go.Figure:
    """Horizontal bars of ``table['count']`` per ``category``, stacked by instrument type."""
    fig = new_figure()
    for kind in INSTRUMENT_TYPES:
        part = table[table["type"] == kind].set_index(category).reindex(order)
        if part["count"].fillna(0).sum() == 0:
            continue
        fig.add_trace(go.Bar(
            name=kind,
            y=order,
            x=part["count"].fillna(0).astype(int),
            orientation="h",
            marker={"color": TYPE_COLORS[kind]},
            customdata=[[c, kind, INSTRUMENT_TYPES[kind]] for c in (part[customdata_col] if customdata_col else order)],
            hovertemplate="<b>%{y}</b><br>%{customdata[2]} (%{customdata[1]}): %{x}<extra></extra>",
        ))
    totals = table.groupby(category)["count"].sum().reindex(order).fillna(0).astype(int)
    fig.add_trace(go.Scatter(
        x=totals.values, y=order, mode="text", text=[f"  {v}" for v in totals.values], textposition="middle right",
        showlegend=False, hoverinfo="skip", textfont={"size": FONT_SIZE, "color": MUTED},
    ))
    fig.update_layout(barmode="stack", bargap=_bargap(len(order)))
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=order, title=None, showgrid=False)
    fig.update_xaxes(title=None, gridcolor=GRID, rangemode="tozero", range=[0, max(totals.max(), 1) * 1.15])
    return fig


def build_continent_chart(table: pd.DataFrame, *, height: int = 320) -> go.Figure:
    """Collaborations per continent, stacked by instrument type.

    table: columns continent, type, count (``aggregate.by_continent``), already in display order.
    """
    if table.empty:
        return empty_figure(NO_DATA_MESSAGE, height=height)
    order = list(dict.fromkeys(table["continent"]))
    fig = _stacked_bars(table, "continent", order=order)
    return base_layout(fig, height=height)


def build_top_countries_chart(table: pd.DataFrame, *, height: int = 380) -> go.Figure:
    """The partner countries with most collaborations, stacked by type; bars carry the ISO3 code.

    table: columns iso3, name, type, count (``aggregate.top_countries``), largest country first.
    """
    if table.empty:
        return empty_figure(NO_DATA_MESSAGE, height=height)
    order = list(dict.fromkeys(table["name"]))
    iso_of = dict(zip(table["name"], table["iso3"]))
    fig = _stacked_bars(table.assign(iso=table["iso3"]), "name", order=order, customdata_col="iso")
    for trace in fig.data:
        if isinstance(trace, go.Bar):
            trace.customdata = [[iso_of[name], trace.name, INSTRUMENT_TYPES[trace.name]] for name in order]
    return base_layout(fig, height=max(height, 28 * len(order) + 60))


def build_type_chart(table: pd.DataFrame, *, height: int = 300) -> go.Figure:
    """Number of instruments per type. table: columns type, count (``aggregate.by_type``)."""
    table = table[table["count"] > 0]
    if table.empty:
        return empty_figure(NO_DATA_MESSAGE, height=height)
    labels = [f"{INSTRUMENT_TYPES[t]} ({t})" for t in table["type"]]
    fig = new_figure(go.Bar(
        x=table["count"], y=labels, orientation="h",
        marker={"color": [TYPE_COLORS[t] for t in table["type"]]},
        text=table["count"], textposition="outside", cliponaxis=False,
        customdata=table["type"],
        hovertemplate="<b>%{y}</b><br>%{x} instruments<extra></extra>",
    ))
    fig.update_layout(bargap=_bargap(len(table)))
    fig.update_yaxes(autorange="reversed", title=None, showgrid=False)
    fig.update_xaxes(title=None, gridcolor=GRID, range=[0, table["count"].max() * 1.18])
    return base_layout(fig, height=height)


def build_timeline_chart(table: pd.DataFrame, *, years: tuple[int, int] | None = None, height: int = 300) -> go.Figure:
    """Collaborations active each year, stacked by type. table: columns year, type, count (``aggregate.per_year``).

    ``years`` shades the active-in-year filter.
    """
    if table.empty:
        return empty_figure("No collaboration with a known start year in this view", height=height)
    fig = new_figure()
    for kind in INSTRUMENT_TYPES:
        part = table[table["type"] == kind]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            name=kind, x=part["year"], y=part["count"], marker={"color": TYPE_COLORS[kind]},
            hovertemplate=f"<b>%{{x}}</b><br>{INSTRUMENT_TYPES[kind]} ({kind}): %{{y}}<extra></extra>",
        ))
    if years:
        fig.add_vrect(x0=years[0] - 0.5, x1=years[1] + 0.5, fillcolor="#f2a900", opacity=0.12, line_width=0)
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_xaxes(title=None, dtick=5, showgrid=False)
    fig.update_yaxes(title=None, gridcolor=GRID, rangemode="tozero")
    return base_layout(fig, height=height)
