"""The four charts of a view drawn with matplotlib from its view model, as the page's plotly charts draw them:
bars stacked by instrument type in the types' colours, each bar's total, the same gaps, the years asked for
shaded on the timeline."""

from __future__ import annotations

from typing import NamedTuple

from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from ... import describe, i18n
from ...look import GRID, HIGHLIGHT, MUTED, TIMELINE_GAP, UNHIGHLIGHTED_OPACITY, YEARS_SHADE_OPACITY, bar_gap
from ...schema import INSTRUMENT_TYPES, TYPE_COLORS
from ...views import View


class Series(NamedTuple):
    """One colour of bars: its name in the legend (None: no legend), and per bar its position, value and colour."""

    name: str | None
    positions: list[float]
    values: list[float]
    colors: list[str]


class Bars(NamedTuple):
    """A bar chart to draw: its categories (labels, or years), series, and how they stand."""

    categories: list
    series: list[Series]
    horizontal: bool
    stacked: bool
    gap: float
    labels: list[tuple[float, float, str]]  # (position, value, text) written at the end of a bar
    shade: tuple[float, float] | None = None  # positions shaded (the years asked for)
    alphas: list[float] | None = None  # per category, its bars' opacity (a highlight: the others faded)


def draw_chart(ax, view: View, name: str, lang: str) -> None:
    """Draw chart ``name`` (``views.CHART_IDS``) of ``view`` on ``ax``, or say why it is empty."""
    bars = chart_bars(view, name, lang)
    if bars is None:
        message = i18n.t("no_start_year" if name == "timeline" else "no_data", lang)
        ax.set_axis_off()
        ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=18, color=MUTED, transform=ax.transAxes)
        return
    _draw_bars(ax, bars, lang)


def chart_bars(view: View, name: str, lang: str) -> Bars | None:
    """The bars of chart ``name`` of ``view``, with its labels in ``lang``; None when it has none."""
    if name == "type":
        table = view.by_type[view.by_type["count"] > 0]
        if table.empty:
            return None
        counts = [float(c) for c in table["count"]]
        types = list(table["type"])
        return Bars(
            categories=[describe.type_label(t, lang) for t in types],
            series=[Series(None, list(range(len(types))), counts, [TYPE_COLORS[t] for t in types])],
            horizontal=True,
            stacked=False,
            gap=bar_gap(len(types)),
            labels=[(i, c, i18n.number(int(c), lang)) for i, c in enumerate(counts)],
        )
    if name == "timeline":
        table = view.per_year
        if table.empty:
            return None
        series = []
        for kind in INSTRUMENT_TYPES:
            part = table[table["type"] == kind]
            if not part.empty:
                years = [float(y) for y in part["year"]]
                series.append(Series(kind, years, [float(c) for c in part["count"]], [TYPE_COLORS[kind]] * len(years)))
        categories = list(dict.fromkeys(y for s in series for y in s.positions))
        shade = (view.years[0] - 0.5, view.years[1] + 0.5) if view.years else None
        return Bars(categories, series, horizontal=False, stacked=True, gap=TIMELINE_GAP, labels=[], shade=shade)
    bars = describe.stacked_bars(view, name, lang)
    if bars is None:
        return None
    order, wide, categories = bars
    positions = list(range(len(order)))
    series = [
        Series(kind, positions, [float(v) for v in wide[:, k]], [TYPE_COLORS[kind]] * len(order))
        for k, kind in enumerate(INSTRUMENT_TYPES)
        if wide[:, k].sum()
    ]
    totals = wide.sum(axis=1)
    labels = [(i, total, i18n.number(int(total), lang)) for i, total in enumerate(totals)]
    wanted = set(view.highlight_continents if name == "continent" else view.highlight_countries)
    alphas = [1.0 if c in wanted else UNHIGHLIGHTED_OPACITY for c in order] if wanted.intersection(order) else None
    return Bars(
        categories, series, horizontal=True, stacked=True, gap=bar_gap(len(order)), labels=labels, alphas=alphas
    )


def _draw_bars(ax, bars: Bars, lang: str) -> None:
    """Horizontal or vertical bars, stacked or not, with their labels, axes and legend."""
    horizontal, gap = bars.horizontal, bars.gap
    top = dict.fromkeys(range(len(bars.categories)) if horizontal else bars.categories, 0.0)  # each bar's end
    for series in bars.series:
        start = [top[p] if bars.stacked else 0.0 for p in series.positions]
        kwargs = {"color": series.colors, "label": series.name or "_nolegend_", "linewidth": 0}
        if horizontal:
            drawn = ax.barh(series.positions, series.values, left=start, height=1 - gap, **kwargs)
            if bars.alphas:
                for patch, position in zip(drawn.patches, series.positions):
                    patch.set_alpha(bars.alphas[int(position)])
        else:
            ax.bar(series.positions, series.values, bottom=start, width=1 - gap, **kwargs)
        for p, v in zip(series.positions, series.values):
            top[p] = top[p] + v if bars.stacked else max(top[p], v)
    for position, value, text in bars.labels:
        _value_label(ax, position, value, text, horizontal)
    if bars.shade:
        ax.axvspan(*bars.shade, color=HIGHLIGHT, alpha=YEARS_SHADE_OPACITY, linewidth=0, zorder=0)

    counts = ax.xaxis if horizontal else ax.yaxis
    counts.set_major_locator(MaxNLocator(integer=True, nbins=6))
    counts.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(int(v), lang) if v == int(v) else ""))
    highest = max(top.values()) if top else 1
    if horizontal:
        ax.set_yticks(range(len(bars.categories)), [str(c) for c in bars.categories])
        ax.set_ylim(len(bars.categories) - 0.5, -0.5)  # first category on top, as on the page
        ax.set_xlim(0, max(highest, 1) * 1.12)
        ax.grid(axis="x", color=GRID, linewidth=1)
        ax.tick_params(axis="y", length=0, labelsize=15)
        ax.tick_params(axis="x", length=0, labelsize=13)
    else:
        ax.xaxis.set_major_locator(MultipleLocator(5))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))  # years: no thousands separator
        ax.set_xlim(min(bars.categories) - 0.7, max(bars.categories) + 0.7)
        ax.set_ylim(0, max(highest, 1) * 1.08)
        ax.grid(axis="y", color=GRID, linewidth=1)
        ax.tick_params(axis="both", length=0, labelsize=13)
        ax.tick_params(axis="y", labelcolor=MUTED)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left" if horizontal else "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left" if not horizontal else "bottom"].set_visible(False)
    named = [s for s in bars.series if s.name]
    if len(named) > 1:  # plotly shows a legend for two traces or more
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=len(named),
            frameon=False,
            fontsize=13,
            handlelength=1.0,
            handleheight=1.0,
            borderaxespad=0,
            columnspacing=1.2,
        )


def _value_label(ax, position, value, text: str, horizontal: bool) -> None:
    if horizontal:
        ax.annotate(
            text,
            (value, position),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=14,
            color=MUTED,
        )
    else:
        ax.annotate(
            text,
            (position, value),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=12,
            color=MUTED,
        )
