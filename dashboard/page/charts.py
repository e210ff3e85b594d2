"""The four linked charts of a view as HTML: bars laid out by the browser from the view model, no plotly.

plotly redrew the four charts at every click and filter change, one long task of 150-500 ms on this machine (about
130-230 ms even for plain plotly.js, with no Dash around it): bars are a few hundred elements that React puts in
place in a few milliseconds, and the page arrives with them drawn (``prefill``) instead of waiting for plotly.

Each chart keeps the plotly chart's box (its height), its colours (``schema.TYPE_COLORS``, ``look``), its legend
(the instrument types it shows, when more than one), the value at the end of each bar, the count axis with its
grid, the gaps between bars (``look.bar_gap``) and, for the timeline, the years axis (every five years) and the
years asked for shaded. Hovering a bar's part names its type and count (``title``), as plotly's hover did.

The charts are built here as ``dash.html`` components (read as such by the tests) and sent to the page as their HTML
text (:func:`chart_html`, ``htmltext.to_html``), one :class:`~dashboard.page.htmltext.HtmlBlock` per chart: as
hundreds of Dash components they cost Dash's renderer more than plotly's redraw did (bench/notes.md).

Accessible: each chart is a ``figure`` named by its title. The bars of *By continent* and *Top partner countries*
are buttons (a click, Enter or Space) that toggle the continent filter or select the country, as a click on a
plotly bar did: each carries its continent's or country's code in ``data-pick``, which the block gives
``update_view`` as the chart's ``clickData`` (its input since the charts were plotly's); ``aria-pressed`` says
whether the continent is filtered on or the country selected, and each button is named by its name, its total and
its counts by type. *By instrument type* is rows of text (type, count). The timeline, some forty years of stacked
bars, is an image (``role="img"``) whose name says what it shows year by year.
"""

from __future__ import annotations

from dash import html

from .. import describe, i18n
from ..look import GRID, HIGHLIGHT, TIMELINE_GAP, YEARS_SHADE_OPACITY, bar_gap
from ..schema import INSTRUMENT_TYPES, NO_COUNTRY, TYPE_COLORS
from ..views import View, stacked_counts
from .htmltext import to_html

#: Each chart's height (px): the plotly charts' own, so the cards keep their boxes. *Top partner countries* grows
#: with its bars, as it did (28 px a bar and 60 px of axes).
HEIGHTS = {"continent": 320, "top": 380, "type": 300, "timeline": 300}
#: Room past the longest bar for its value, as a fraction of it (the plotly charts' axis ranges).
ROOM_STACKED = 0.15
ROOM_TYPE = 0.18
#: Room above the highest year of the timeline (plotly's autorange for bars).
ROOM_TIMELINE = 0.05
#: The most ticks on a count axis: horizontal (under the bars), vertical (the timeline's, as plotly chose them).
MOST_TICKS = 6
MOST_TICKS_VERTICAL = 8
#: Years between the timeline's ticks.
YEAR_TICK = 5


def chart_html(view: View, lang: str) -> dict[str, str]:
    """The four charts of ``view`` as the page gets them: the HTML text of :func:`chart_components`."""
    return {name: to_html(chart) for name, chart in chart_components(view, lang).items()}


def chart_components(view: View, lang: str) -> dict:
    """The four charts of ``view`` (by ``views.CHART_IDS``), in ``lang``, as ``dash.html`` components."""
    return {
        "continent": continent_chart(view, lang),
        "top": top_countries_chart(view, lang),
        "type": type_chart(view, lang),
        "timeline": timeline_chart(view, lang),
    }


# -- The charts --------------------------------------------------------------------------------------------


def continent_chart(view: View, lang: str) -> html.Figure:
    """Collaborations per continent, stacked by type; each continent's bar toggles the continent filter (the bar of
    collaborations with no country is not a filter: it is not a button)."""
    table = view.by_continent
    if table.empty:
        return _empty("continent", i18n.t("no_data", lang), HEIGHTS["continent"])
    order, wide = stacked_counts(table, "continent")
    chosen = set(view.state.continents)
    faded = _faded(order, view.highlight_continents)
    bars = [
        _Bar(
            label=i18n.continent_name(c, lang),
            counts=wide[i],
            pick=None if c == NO_COUNTRY else c,
            pressed=c in chosen,
            faded=c in faded,
        )
        for i, c in enumerate(order)
    ]
    title = i18n.t("chart_bar_continent", lang)
    return _stacked("continent", bars, lang=lang, height=HEIGHTS["continent"], title=title)


def top_countries_chart(view: View, lang: str) -> html.Figure:
    """The partner countries with most collaborations, stacked by type; each bar selects its country (again:
    deselects it), as a click on the map does."""
    table = view.top_countries
    if table.empty:
        return _empty("top", i18n.t("no_data", lang), HEIGHTS["top"])
    order, wide = stacked_counts(table, "iso3")
    names = describe.top_country_names(table, order, lang)
    chosen = set(view.selection)
    faded = _faded(order, view.highlight_countries)
    bars = [
        _Bar(label=name, counts=wide[i], pick=iso, pressed=iso in chosen, faded=iso in faded)
        for i, (iso, name) in enumerate(zip(order, names))
    ]
    height = max(HEIGHTS["top"], 28 * len(bars) + 60)
    return _stacked("top", bars, lang=lang, height=height, title=i18n.t("chart_bar_country", lang))


def type_chart(view: View, lang: str) -> html.Figure:
    """The number of instruments of each type: one bar each, in its type's colour."""
    table = view.by_type[view.by_type["count"] > 0]
    if table.empty:
        return _empty("type", i18n.t("no_data", lang), HEIGHTS["type"])
    types = table["type"].tolist()
    counts = [int(c) for c in table["count"]]
    span = max(counts) * (1 + ROOM_TYPE)
    unit = i18n.t("instruments_hover", lang)
    rows = [
        html.Div(
            [
                html.Span(describe.type_label(kind, lang), className="hbar-label"),
                html.Span(
                    [
                        html.Span(
                            html.Span(
                                className="hbar-part",
                                style={"flexGrow": count, "background": TYPE_COLORS[kind]},
                                title=f"{describe.type_label(kind, lang)}: {i18n.number(count, lang)} {unit}",
                            ),
                            className="hbar-stack",
                            style={"width": _pct(count, span)},
                            **{"aria-hidden": "true"},
                        ),
                        html.Span(i18n.number(count, lang), className="hbar-value", style={"left": _pct(count, span)}),
                    ],
                    className="hbar-track",
                ),
            ],
            className="hbar hbar-static",
        )
        for kind, count in zip(types, counts)
    ]
    figure = _bars_figure("type", rows, span, gap=bar_gap(len(rows)), lang=lang, height=HEIGHTS["type"], kinds=[])
    figure.className += " hchart-wide-labels"  # the types' full names, as plotly gave them room
    return figure


def timeline_chart(view: View, lang: str) -> html.Figure:
    """Collaborations active each year, stacked by type, the years asked for shaded; an image whose name gives the
    count of every year."""
    table = view.per_year
    height = HEIGHTS["timeline"]
    if table.empty:
        return _empty("timeline", i18n.t("no_start_year", lang), height)
    years = sorted(set(table["year"].tolist()))
    first, last = years[0], years[-1]
    per_year = {y: {} for y in years}
    for year, kind, count in zip(table["year"].tolist(), table["type"].tolist(), table["count"].tolist()):
        per_year[year][kind] = per_year[year].get(kind, 0) + int(count)
    totals = {y: sum(parts.values()) for y, parts in per_year.items()}
    top = max(totals.values())
    span = max(top, 1) * (1 + ROOM_TIMELINE)
    # Each year's bar is centred on it; the years asked for are all on the axis, as plotly's range took them in.
    x0 = min((first, *(view.years or ()))) - 0.5
    x1 = max((last, *(view.years or ()))) + 0.5
    width = x1 - x0
    bar_width = (1 - TIMELINE_GAP) / width * 100

    def x(value: float) -> str:
        return f"{(value - x0) / width * 100:.3f}%"

    kinds = [k for k in INSTRUMENT_TYPES if any(k in parts for parts in per_year.values())]
    bars = []
    for year, parts in per_year.items():
        pieces = [
            html.Span(
                className="vbar-part",
                style={"flexGrow": parts[k], "background": TYPE_COLORS[k]},
                title=f"{year} · {describe.type_label(k, lang)}: {i18n.number(parts[k], lang)}",
            )
            for k in kinds
            if parts.get(k)
        ]
        left = (year - 0.5 + TIMELINE_GAP / 2 - x0) / width * 100
        bars.append(
            html.Span(
                pieces,
                className="vbar",
                style={"left": f"{left:.3f}%", "width": f"{bar_width:.3f}%", "height": _pct(totals[year], span)},
            )
        )
    ticks = _ticks(span, MOST_TICKS_VERTICAL)
    area = [html.Span(className="chart-gridline", style={"bottom": _pct(t, span)}) for t in ticks if t]
    if view.years:
        lo, hi = view.years[0] - 0.5, view.years[1] + 0.5
        if hi > lo:
            area.append(
                html.Span(
                    className="vchart-shade",
                    style={
                        "left": x(lo),
                        "width": f"{(hi - lo) / width * 100:.3f}%",
                        "background": HIGHLIGHT,
                        "opacity": YEARS_SHADE_OPACITY,
                    },
                )
            )
    year_ticks = [y for y in range(int(x0) - int(x0) % YEAR_TICK, int(x1) + 1, YEAR_TICK) if x0 <= y <= x1]
    plot = html.Div(
        [
            html.Div(
                [html.Span(i18n.number(t, lang), style={"bottom": _pct(t, span)}) for t in ticks],
                className="vchart-yaxis",
                style={"minWidth": f"{len(i18n.number(ticks[-1], lang)) + 1}ch"},
            ),
            html.Div(area + bars, className="vchart-area"),
            html.Div([html.Span(str(y), style={"left": x(y)}) for y in year_ticks], className="vchart-xaxis"),
        ],
        className="vchart-plot",
    )
    peak = max(years, key=lambda y: (totals[y], y))
    summary = i18n.t(
        "chart_timeline_summary",
        lang,
        title=describe.chart_title("timeline", lang),
        first=first,
        last=last,
        peak=peak,
        n=i18n.number(totals[peak], lang),
        years="; ".join(f"{y}: {i18n.number(totals[y], lang)}" for y in years),
    )
    if view.years:
        lo, hi = view.years
        summary += i18n.t("chart_timeline_shaded", lang, years=str(lo) if lo == hi else f"{lo}–{hi}")
    return html.Figure(
        [_legend(kinds, lang), plot],
        className="chart vchart",
        role="img",
        style={"height": f"{height}px", "--chart-grid": GRID},
        **{"aria-label": summary, "data-chart": "timeline"},
    )


# -- Parts ---------------------------------------------------------------------------------------------------


class _Bar:
    """A horizontal bar stacked by type: its label, its counts (one per ``INSTRUMENT_TYPES``), what a click on it picks
    (a continent, an ISO3 code; None: not clickable) and whether that continent or country is chosen."""

    __slots__ = ("label", "counts", "pick", "pressed", "faded")

    def __init__(self, *, label: str, counts, pick: str | None, pressed: bool, faded: bool = False):
        self.label, self.counts, self.pick, self.pressed = label, [int(c) for c in counts], pick, pressed
        self.faded = faded


def _faded(order, highlight) -> set:
    """The categories of ``order`` whose bars are faded: all but the ``highlight`` ones (the selection's countries or
    continents, ``View.highlight_*``), when any of them is in the chart; none otherwise (as the plotly charts and the
    images do: ``look.UNHIGHLIGHTED_OPACITY``)."""
    wanted = set(highlight or ())
    return set(order) - wanted if wanted.intersection(order) else set()


def _stacked(chart: str, bars: list[_Bar], *, lang: str, height: int, title: str) -> html.Figure:
    """Horizontal bars stacked by instrument type, each bar a button when it picks something (``title`` says what a
    click does)."""
    kinds = [k for j, k in enumerate(INSTRUMENT_TYPES) if any(b.counts[j] for b in bars)]
    span = max(max(sum(b.counts) for b in bars), 1) * (1 + ROOM_STACKED)
    rows = []
    for bar in bars:
        total = sum(bar.counts)
        parts = [(kind, n) for kind, n in zip(INSTRUMENT_TYPES, bar.counts) if n]
        stack = html.Span(
            [
                html.Span(
                    className="hbar-part",
                    style={"flexGrow": n, "background": TYPE_COLORS[kind]},
                    title=f"{bar.label} · {describe.type_label(kind, lang)}: {i18n.number(n, lang)}",
                )
                for kind, n in parts
            ],
            className="hbar-stack",
            style={"width": _pct(total, span)},
            **{"aria-hidden": "true"},
        )
        detail = ", ".join(f"{kind} {i18n.number(n, lang)}" for kind, n in parts)
        children = [
            html.Span(bar.label, className="hbar-label"),
            html.Span(
                [stack, html.Span(i18n.number(total, lang), className="hbar-value", style={"left": _pct(total, span)})],
                className="hbar-track",
            ),
        ]
        if bar.pick is None:  # read as text, its counts by type after it
            children.append(html.Span(f" ({detail})", className="visually-hidden"))
            rows.append(html.Div(children, className="hbar hbar-static" + (" hbar-faded" if bar.faded else "")))
        else:
            # its name, value and counts by type, as one name: "Asia: 2 (IRL 1, IRN 1)"
            name = f"{bar.label}{' :' if lang == 'fr' else ':'} {i18n.number(total, lang)} ({detail})"
            rows.append(
                html.Button(
                    children,
                    type="button",
                    className="hbar hbar-faded" if bar.faded else "hbar",
                    title=title,
                    **{"aria-pressed": "true" if bar.pressed else "false", "aria-label": name, "data-pick": bar.pick},
                )
            )
    return _bars_figure(chart, rows, span, gap=bar_gap(len(rows)), lang=lang, height=height, kinds=kinds)


def _bars_figure(chart: str, rows: list, span: float, *, gap: float, lang: str, height: int, kinds) -> html.Figure:
    """Horizontal bars in rows of equal height (each bar ``1 - gap`` of its row), over the count axis's grid, its
    ticks under them, the legend of ``kinds`` above."""
    ticks = _ticks(span)
    n = len(rows)
    for i, row in enumerate(rows):  # each in its row: the grid's lines take the rows' second column
        row.style = {"gridRow": str(i + 1)}
    plot = html.Div(
        [
            html.Div(
                [html.Span(className="chart-gridline", style={"left": _pct(t, span)}) for t in ticks],
                className="hchart-grid",
                **{"aria-hidden": "true"},
            ),
            *rows,
            html.Div(
                [html.Span(i18n.number(t, lang), style={"left": _pct(t, span)}) for t in ticks],
                className="hchart-axis",
                style={"gridRow": str(n + 1)},
                **{"aria-hidden": "true"},
            ),
        ],
        className="hchart-plot",
        style={"gridTemplateRows": f"repeat({n}, minmax(0, 1fr)) auto", "--bar": f"{1 - gap:.3f}"},
    )
    return html.Figure(
        [_legend(kinds, lang), plot],
        className="chart hchart",
        style={"height": f"{height}px", "--chart-grid": GRID},
        **{"aria-label": describe.chart_title(chart, lang), "data-chart": chart},
    )


def _legend(kinds, lang: str):
    """The instrument types drawn, in their colours (shown for two or more, as plotly did), or None."""
    if len(kinds) < 2:
        return None
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(className="swatch", style={"background": TYPE_COLORS[k]}, **{"aria-hidden": "true"}),
                    html.Abbr(k, title=i18n.instrument_name(k, lang)),
                ]
            )
            for k in kinds
        ],
        className="chart-legend",
    )


def _empty(chart: str, message: str, height: int) -> html.Figure:
    """A chart with nothing to draw says why, in its box."""
    return html.Figure(
        html.P(message, className="chart-empty"),
        className="chart chart-none",
        style={"height": f"{height}px"},
        **{"data-chart": chart},
    )


def _ticks(span: float, most: int = MOST_TICKS) -> list[int]:
    """Whole-number ticks from 0 under ``span``, at a step of 1, 2 or 5 times a power of ten: at most ``most``."""
    step = 1
    while span / step > most - 1:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, ...
            step = int(step * factor)
            if span / step <= most - 1:
                break
    return list(range(0, int(span) + 1, step))


def _pct(value: float, span: float) -> str:
    return f"{value / span * 100:.3f}%"
