"""The four charts of a view as PowerPoint's own charts (python-pptx), for the slide deck: their numbers are embedded
in the file, so a colleague can restyle a chart, read its table (Edit Data) or paste it elsewhere.

Each chart is drawn from the view model's tables, as the page's charts and the images are: by continent and top
partner countries as horizontal bars stacked by instrument type, by instrument type as bars, active per year as a
line per type (a stacked column of some forty years has no room for its numbers; the lines carry the data year's
value at their end). Types in their colours (``schema.TYPE_COLORS``), names in the deck's language, values written
on the bars, a legend. :func:`chart_table` gives what a chart shows (categories, series and values), which the
tests read back from the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from .. import describe, i18n
from ..look import GRID, INK, MUTED, UNHIGHLIGHTED_OPACITY, readable_on
from ..schema import INSTRUMENT_TYPES, TYPE_COLORS
from ..views import View

#: The number format of the values: whole numbers, zeros left unwritten (a type absent from a bar).
NUMBERS = "#,##0;-#,##0;;"
FONT_PT = 14


@dataclass(frozen=True)
class ChartTable:
    """What a chart shows: its categories (in the deck's language), and per series its name, colour(s) and values
    (one per category)."""

    kind: object  # XL_CHART_TYPE
    categories: list[str]
    series: list[tuple[str, list[str], list[int]]]  # (name, colours: one, or one per category, values)


def chart_table(view: View, name: str, lang: str) -> ChartTable | None:
    """The table of chart ``name`` (``views.CHART_IDS``) of ``view`` in ``lang``; None when it has nothing."""
    if name == "type":
        table = view.by_type[view.by_type["count"] > 0]
        if table.empty:
            return None
        types = list(table["type"])
        return ChartTable(
            XL_CHART_TYPE.BAR_CLUSTERED,
            [describe.type_label(t, lang) for t in types],
            [(i18n.t("col_count", lang), [TYPE_COLORS[t] for t in types], [int(c) for c in table["count"]])],
        )
    if name == "timeline":
        table = view.per_year
        if table.empty:
            return None
        years = list(range(int(table["year"].min()), int(table["year"].max()) + 1))  # every year, none left out
        counts = {(int(y), t): int(c) for y, t, c in zip(table["year"], table["type"], table["count"])}
        series = [
            (kind, [TYPE_COLORS[kind]], [counts.get((y, kind), 0) for y in years])
            for kind in INSTRUMENT_TYPES
            if any((y, kind) in counts for y in years)
        ]
        return ChartTable(XL_CHART_TYPE.LINE_MARKERS, [str(y) for y in years], series)
    bars = describe.stacked_bars(view, name, lang)
    if bars is None:
        return None
    order, wide, categories = bars
    # a selection keeps every bar, its own in their colours and the others faded (as on the page and the images)
    wanted = set(view.highlight_continents if name == "continent" else view.highlight_countries)
    kept = [c in wanted for c in order] if wanted.intersection(order) else None
    series = [
        (
            kind,
            [TYPE_COLORS[kind]]
            if kept is None
            else [TYPE_COLORS[kind] if k else faded(TYPE_COLORS[kind]) for k in kept],
            [int(v) for v in wide[:, j]],
        )
        for j, kind in enumerate(INSTRUMENT_TYPES)
        if wide[:, j].sum()
    ]
    return ChartTable(XL_CHART_TYPE.BAR_STACKED, categories, series)


def faded(color: str) -> str:
    """``color`` as the page draws a bar left out of the selection: at ``UNHIGHLIGHTED_OPACITY`` on white (a chart's
    bars in PowerPoint have no opacity of their own that every viewer draws)."""
    rgb = [int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * UNHIGHLIGHTED_OPACITY):02x}" for c in rgb)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def add_chart(slide, view: View, name: str, lang: str, box) -> object | None:
    """Chart ``name`` of ``view`` on ``slide`` in ``box`` (left, top, width, height: EMU), as a native chart with its
    data; None (nothing added) when the chart has nothing to show."""
    table = chart_table(view, name, lang)
    if table is None:
        return None
    data = CategoryChartData(number_format=NUMBERS)
    data.categories = table.categories
    for series_name, _, values in table.series:
        data.add_series(series_name, values)
    frame = slide.shapes.add_chart(table.kind, *box, data)
    chart = frame.chart
    chart.font.size = Pt(FONT_PT)
    chart.font.color.rgb = _rgb(INK)
    plot = chart.plots[0]
    line = table.kind == XL_CHART_TYPE.LINE_MARKERS
    if not line:
        plot.gap_width = 60
        if table.kind == XL_CHART_TYPE.BAR_STACKED:
            plot.overlap = 100
        plot.vary_by_categories = False
    for series, (series_name, colors, values) in zip(plot.series, table.series):
        if line:
            series.format.line.color.rgb = _rgb(colors[0])
            series.format.line.width = Pt(2.5)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(colors[0])
            series.marker.format.line.color.rgb = _rgb(colors[0])
            series.marker.size = 4
            # the value of the data year, at the end of each line
            label = series.points[len(values) - 1].data_label
            label.position = XL_LABEL_POSITION.RIGHT
            label.font.size = Pt(FONT_PT)
            label.font.bold = True
            label.font.color.rgb = _rgb(colors[0])
            continue
        series.format.fill.solid()  # the series' own colour (its legend's key); a faded bar's is set on its point
        series.format.fill.fore_color.rgb = _rgb(TYPE_COLORS.get(series_name, colors[0]))
        if len(colors) > 1:  # one colour per bar (by instrument type, or faded out of a selection)
            for point, color in zip(series.points, colors):
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(color)
        labels = series.data_labels
        labels.show_value = True
        labels.number_format = NUMBERS
        labels.number_format_is_linked = False
        labels.font.size = Pt(FONT_PT - 1 if table.kind == XL_CHART_TYPE.BAR_STACKED else FONT_PT)
        if table.kind == XL_CHART_TYPE.BAR_STACKED:
            labels.position = XL_LABEL_POSITION.CENTER
            own = TYPE_COLORS.get(series_name, colors[0])
            labels.font.color.rgb = _rgb(readable_on(own))
            if len(colors) > 1:  # a faded bar's number in ink
                for i, (color, value) in enumerate(zip(colors, values)):
                    if value and readable_on(color) != readable_on(own):
                        label = series.points[i].data_label
                        label.position = XL_LABEL_POSITION.CENTER
                        label.font.size = Pt(FONT_PT - 1)
                        label.font.color.rgb = _rgb(readable_on(color))
        else:
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.color.rgb = _rgb(MUTED)
    categories, values = chart.category_axis, chart.value_axis
    categories.format.line.color.rgb = _rgb(GRID)
    categories.tick_labels.font.size = Pt(FONT_PT)
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb(GRID)
    values.format.line.fill.background()
    values.tick_labels.font.size = Pt(FONT_PT - 2)
    values.tick_labels.font.color.rgb = _rgb(MUTED)
    values.tick_labels.number_format = "#,##0"
    values.tick_labels.number_format_is_linked = False
    values.minimum_scale = 0
    if not line:
        # the first category on top, as on the page; the reversed categories take the values' axis to the top: its
        # numbers are written at the other end, under the bars, away from the legend
        categories.reverse_order = True
        values.tick_label_position = XL_TICK_LABEL_POSITION.HIGH
    else:
        categories.tick_labels.font.size = Pt(FONT_PT - 2)
    chart.has_title = False  # the slide's title says it (one series would otherwise be named above the chart)
    chart.has_legend = len(table.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False if not line else True
        chart.legend.font.size = Pt(FONT_PT)
    return frame
