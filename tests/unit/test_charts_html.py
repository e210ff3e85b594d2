"""The charts as HTML (dashboard/page/charts.py), read as a person reads them: bars, their values, the legend, the
axes, the empty state, French, and the bars a click or a key uses (the mini fixture, counted by hand: Japan has an
IRL and an IRN, Argentina an IRP and an infrastructure, Switzerland, China and South Korea one each; 5 IEA and a
space mission have no country)."""

from __future__ import annotations

import pytest
from dash import html

from dashboard import ids
from dashboard.page import charts
from dashboard.page.callbacks import sync
from dashboard.page.htmltext import to_html
from dashboard.page.render import VIEW_OUTPUTS, render
from dashboard.schema import INSTRUMENT_TYPES, TYPE_COLORS
from dashboard.state import ViewState
from dashboard.views import build_view


def view_of(ds, **state):
    return build_view(ds, ViewState(**state), with_table=False)


def walk(component):
    """Every component under ``component`` (itself first)."""
    yield component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, (str, int, float)):
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from walk(child)


def text(component) -> str:
    """The text a person reads in ``component`` (hidden helper text included, as a screen reader reads it)."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return "".join(text(c) for c in children)
    return text(children)


def having(component, class_name: str) -> list:
    return [c for c in walk(component) if class_name in (getattr(c, "className", None) or "").split()]


def bars_of(chart) -> dict[str, object]:
    """Each bar of a horizontal chart by its label."""
    return {text(having(bar, "hbar-label")[0]): bar for bar in having(chart, "hbar")}


def test_chh001_continent_bars_stack_by_type_with_totals_and_legend(mini):
    chart = charts.continent_chart(view_of(mini), "en")
    bars = bars_of(chart)
    assert list(bars) == ["Europe", "Asia", "South America", "No country"]
    totals = {label: text(having(bar, "hbar-value")[0]) for label, bar in bars.items()}
    assert totals == {"Europe": "1", "Asia": "2", "South America": "2", "No country": "6"}
    asia = [part.style["background"] for part in having(bars["Asia"], "hbar-part")]
    assert asia == [TYPE_COLORS["IRL"], TYPE_COLORS["IRN"]]
    assert bars["Asia"].to_plotly_json()["props"]["aria-label"] == "Asia: 2 (IRL 1, IRN 1)"  # as a button reads
    assert text(bars["No country"]) == "No country6 (IEA 5, INFRA 1)"  # not a button: read as text
    # the longest bar (6) ends at 1/1.15 of the axis, a bar of 2 at a third of it
    assert having(bars["No country"], "hbar-stack")[0].style["width"] == "86.957%"
    assert having(bars["Asia"], "hbar-stack")[0].style["width"] == "28.986%"
    legend = having(chart, "chart-legend")[0]
    assert [text(item) for item in legend.children] == ["IRL", "IRP", "IRN", "IEA", "INFRA"]
    assert legend.children[0].children[1].title == "International Research Laboratory"
    axis = having(chart, "hchart-axis")[0]
    assert [text(tick) for tick in axis.children] == ["0", "2", "4", "6"]  # at most 6 ticks under 6 x 1.15
    assert chart.style["height"] == "320px" and chart.to_plotly_json()["props"]["aria-label"] == "By continent"


def picks(chart) -> list[str]:
    """What each clickable bar of ``chart`` picks (its ``data-pick``), in order."""
    return [c.to_plotly_json()["props"]["data-pick"] for c in walk(chart) if isinstance(c, html.Button)]


def test_chh002_clickable_bars_carry_their_country_or_continent(mini):
    view = view_of(mini, countries=("JPN",), continents=("Asia",))
    top = charts.top_countries_chart(view_of(mini, countries=("JPN",)), "en")
    buttons = [c for c in walk(top) if isinstance(c, html.Button)]
    # the whole picture, Japan selected (pressed) and the others faded (issue 13: View.highlight_countries)
    assert picks(top) == ["ARG", "JPN", "CHE", "CHN", "KOR"]
    pressed = {b.to_plotly_json()["props"]["data-pick"]: b.to_plotly_json()["props"]["aria-pressed"] for b in buttons}
    assert pressed == {"ARG": "false", "JPN": "true", "CHE": "false", "CHN": "false", "KOR": "false"}
    faded = {b.to_plotly_json()["props"]["data-pick"] for b in buttons if "hbar-faded" in b.className}
    assert faded == {"ARG", "CHE", "CHN", "KOR"}
    assert all(b.type == "button" and b.title.startswith("Select this country") for b in buttons)
    assert picks(charts.top_countries_chart(view_of(mini), "en")) == ["ARG", "JPN", "CHE", "CHN", "KOR"]
    continent = charts.continent_chart(view, "en")
    assert picks(continent) == ["Asia"]  # the continent filter keeps Asia only
    button = next(c for c in walk(continent) if isinstance(c, html.Button))
    assert button.to_plotly_json()["props"]["aria-pressed"] == "true"
    everything = charts.continent_chart(view_of(mini), "en")
    assert picks(everything) == ["Europe", "Asia", "South America"]  # "No country" is no filter: not a button
    assert "No country" in text(everything)
    # in the HTML the page gets, each button with its pick
    page = charts.chart_html(view_of(mini), "en")["top"]
    assert page.count("<button") == 5 and 'data-pick="JPN"' in page and 'aria-pressed="false"' in page


def test_chh003_a_click_on_a_bar_selects_its_country_or_toggles_its_continent(mini):
    """The block gives a click on a bar as the chart's clickData, the input update_view had for plotly's bars."""
    controls = {ids.COUNTRY: ["KOR"], ids.CONTINENT: []}

    def click(value):
        return {"points": [{"customdata": [value]}]}

    answer, new = sync(mini, ids.TOP_CHART, "?country=KOR", controls, {ids.TOP_CHART: click("JPN")})
    assert new.countries == ("JPN", "KOR") and answer["search"] == "?country=JPN,KOR"
    assert answer["controls"][ids.COUNTRY] == ["JPN", "KOR"] and answer["outline"] == ["JPN", "KOR"]
    assert answer["clicks"][ids.TOP_CHART] is None  # cleared: a second click on Japan counts again
    _, new = sync(mini, ids.TOP_CHART, "?country=KOR", controls, {ids.TOP_CHART: click("KOR")})
    assert new.countries == ()
    answer, new = sync(mini, ids.CONTINENT_CHART, "?country=KOR", controls, {ids.CONTINENT_CHART: click("Asia")})
    assert new.continents == ("Asia",) and answer["controls"][ids.CONTINENT] == ["Asia"]
    _, new = sync(
        mini,
        ids.CONTINENT_CHART,
        "?continent=Asia,Europe",
        {ids.CONTINENT: ["Asia", "Europe"]},
        {ids.CONTINENT_CHART: click("Asia")},
    )
    assert new.continents == ("Europe",)
    for chart, forged in [(ids.TOP_CHART, "XXX"), (ids.CONTINENT_CHART, "Atlantis"), (ids.TOP_CHART, None)]:
        _, new = sync(mini, chart, "?country=KOR", controls, {chart: click(forged)})
        assert new == ViewState(countries=("KOR",))


def test_chh004_type_chart_is_rows_of_names_and_counts(mini):
    chart = charts.type_chart(view_of(mini), "en")
    rows = bars_of(chart)
    assert list(rows) == [
        "International Research Laboratory (IRL)",
        "International Research Programme (IRP)",
        "International Research Network (IRN)",
        "International Emerging Action (IEA)",
        "Research infrastructure (INFRA)",
    ]  # no agreement in the mini data: no bar of 0
    assert [text(having(r, "hbar-value")[0]) for r in rows.values()] == ["1", "1", "1", "5", "3"]
    assert not [c for c in walk(chart) if isinstance(c, html.Button)]  # nothing to click
    assert not having(chart, "chart-legend")  # one bar per type, in its colour: no legend
    parts = having(rows["Research infrastructure (INFRA)"], "hbar-part")
    assert parts[0].style["background"] == TYPE_COLORS["INFRA"] and parts[0].title == (
        "Research infrastructure (INFRA): 3 instruments"
    )


def test_chh005_timeline_has_its_years_axis_grid_shade_and_a_text_alternative(mini):
    # the collaborations active in 2000-2010, each drawn over all its years (to the data year, 2026)
    view = view_of(mini, years=(2000, 2010))
    chart = charts.timeline_chart(view, "en")
    props = chart.to_plotly_json()["props"]
    assert props["role"] == "img"
    label = props["aria-label"]
    assert label.startswith("Active collaborations per year, 2005 to 2026") and "most in 2012 (3)" in label
    assert "Each year: 2005: 1; 2006: 1; 2007: 1; 2008: 2; 2009: 2; 2010: 3; 2011: 3; 2012: 3; 2013: 2;" in label
    assert "The years asked for are highlighted: 2000–2010." in label
    ticks = ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert [text(t) for t in having(chart, "vchart-xaxis")[0].children] == ticks
    assert [text(t) for t in having(chart, "vchart-yaxis")[0].children] == ["0", "1", "2", "3"]
    bars = having(chart, "vbar")
    assert len(bars) == 22 and bars[5].style["height"] == "95.238%"  # 2010: 3 of 3 x 1.05
    shade = having(chart, "vchart-shade")[0]
    # the axis runs from 1999.5 (the years asked for are on it) to 2026.5: the shade covers 1999.5 to 2010.5
    assert (shade.style["left"], shade.style["width"]) == ("0.000%", "40.741%")
    assert shade.style["background"] == "#f2a900"
    kinds_2010 = view.per_year[view.per_year["year"] == 2010]["type"]  # in the types' order
    assert [p.style["background"] for p in bars[5].children] == [TYPE_COLORS[k] for k in kinds_2010]
    assert [p.title for p in bars[5].children][0] == f"2010 · {charts.describe.type_label(kinds_2010.iloc[0], 'en')}: 1"
    legend = having(chart, "chart-legend")[0]
    drawn = set(view.per_year["type"])
    assert (
        [text(item) for item in legend.children]
        == [k for k in INSTRUMENT_TYPES if k in drawn]
        == ["IRL", "IRP", "INFRA"]
    )


def test_chh006_charts_with_nothing_say_so_in_their_box(mini):
    view = view_of(mini, instruments=("AGR",))  # no agreement in the mini data
    shown = charts.chart_components(view, "en")
    assert {name: text(chart) for name, chart in shown.items()} == {
        "continent": "No collaboration in this view",
        "top": "No collaboration in this view",
        "type": "No collaboration in this view",
        "timeline": "No collaboration with a known start year in this view",
    }
    assert {name: chart.style["height"] for name, chart in shown.items()} == {
        "continent": "320px",
        "top": "380px",
        "type": "300px",
        "timeline": "300px",
    }
    assert text(charts.type_chart(view, "fr")) == "Aucune collaboration dans cette vue"


def test_chh007_french_words_names_and_numbers(mini):
    view = view_of(mini, years=(2020, 2020))
    continent = charts.continent_chart(view_of(mini), "fr")
    assert list(bars_of(continent)) == ["Europe", "Asie", "Amérique du Sud", "Sans pays"]
    assert continent.to_plotly_json()["props"]["aria-label"] == "Par continent"
    button = next(c for c in walk(continent) if isinstance(c, html.Button))
    assert button.title.startswith("N'afficher que ce continent")
    legend = having(continent, "chart-legend")[0]
    assert legend.children[0].children[1].title == "Laboratoire de recherche international"
    top = charts.top_countries_chart(view, "fr")
    assert "Japon" in bars_of(top) and "Corée du Sud" in bars_of(top)
    kinds = bars_of(charts.type_chart(view, "fr"))
    assert "Infrastructure de recherche (INFRA)" in kinds
    label = charts.timeline_chart(view, "fr").to_plotly_json()["props"]["aria-label"]
    assert label.startswith("Collaborations actives par année, de 2008 à 2026, empilées par type d'instrument")
    assert "Les années demandées sont mises en évidence : 2020." in label
    big = charts._ticks(12_000 * 1.15)
    assert [charts.i18n.number(t, "fr") for t in big[:3]] == ["0", "5\u202f000", "10\u202f000"]


@pytest.mark.parametrize("state", [ViewState(), ViewState(countries=("JPN",), lang="fr")])
def test_chh008_the_page_gets_its_charts_as_html_in_the_charts_places(mini, state):
    outputs = render(mini, state)
    for name, chart_id in (
        ("continent_chart", ids.CONTINENT_CHART),
        ("top_chart", ids.TOP_CHART),
        ("type_chart", ids.TYPE_CHART),
        ("timeline_chart", ids.TIMELINE_CHART),
    ):
        assert VIEW_OUTPUTS[name] == (chart_id, "html")  # one HtmlBlock per chart
        assert outputs[name].startswith('<figure class="chart ')
    assert 'data-pick="JPN"' in outputs["top_chart"]
    assert ('aria-pressed="true"' in outputs["top_chart"]) == bool(state.countries)
    assert outputs["type_chart"] == to_html(charts.type_chart(build_view(mini, state, with_table=False), state.lang))


def test_chh009_the_html_text_escapes_data_and_keeps_only_safe_links():
    node = html.Div(
        [
            html.Span("<script>alert(1)</script> & co", title='"quoted" <b>'),
            html.A("x", href="javascript:alert(1)"),
            html.A("y", href=" JaVaScRiPt:alert(1)"),
            html.A("source", href="https://example.org/?a=1&b=2"),
            html.A("view", href="?country=JPN"),
            html.Img(src="data:image/svg+xml,%3Csvg/%3E"),
            html.Img(src="data:text/html,<script>"),
        ],
        className="a b",
        style={"minHeight": 320, "flexGrow": 2, "--bar": "0.6"},
        hidden=False,
        **{"data-pick": 'J"P'},
    )
    text_ = to_html(node)
    assert text_.startswith('<div class="a b" style="min-height:320px;flex-grow:2;--bar:0.6" data-pick="J&quot;P">')
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text_ and "<script>" not in text_
    assert 'title="&quot;quoted&quot; &lt;b&gt;"' in text_
    assert "javascript" not in text_.lower() and "<a>x</a>" in text_ and "<a>y</a>" in text_
    assert 'href="https://example.org/?a=1&amp;b=2"' in text_ and 'href="?country=JPN"' in text_
    assert '<img src="data:image/svg+xml,%3Csvg/%3E">' in text_ and "<img>" in text_
    assert "hidden" not in text_
