"""Thin adapters: browser events -> view state (the URL) -> aggregation -> figures -> outputs.

Two callbacks carry the page:

* ``sync_view`` keeps the controls and the URL in step. A control change (or a map click) writes the URL;
  a URL change (a pasted link, back/forward) sets the controls. Control values are read back through the
  same parser as the URL, so a forged callback payload meets the same validation as a forged link.
* ``render_view`` draws every view from the URL alone, so a link always reproduces the page.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from dash import Input, Output, Patch, State, ctx, html, no_update

from . import aggregate, ids, schema
from .figures import build_continent_chart, build_map, build_timeline_chart, build_top_countries_chart, build_type_chart
from .state import ViewState, Vocabulary, parse_query, to_query
from .viewcache import ViewCache

log = logging.getLogger(__name__)

#: Views kept computed per worker (outputs of ``render``; about 100 kB each with the shipped data).
VIEW_CACHE_SIZE = 64

CONTROL_IDS = (ids.MEASURE, ids.COUNTRY, ids.INSTRUMENT, ids.CONTINENT, ids.THEME, ids.LAB, ids.STATUS, ids.YEARS)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return [str(value)]


def query_from_controls(measure, countries, instruments, continents, themes, labs, statuses, years, bounds) -> str:
    """A query string from raw control values (which may be anything a client sends)."""
    parts = []
    for name, value in (("instrument", instruments), ("continent", continents), ("country", countries),
                        ("theme", themes), ("lab", labs), ("status", statuses)):
        items = [quote(v.replace(",", " "), safe="") for v in _as_list(value)]
        if items:
            parts.append(f"{name}={','.join(items)}")
    if isinstance(years, (list, tuple)) and len(years) == 2 and all(isinstance(y, (int, float)) for y in years):
        first, last = int(years[0]), int(years[1])
        if (first, last) != tuple(bounds):
            parts.append(f"year={first}-{last}")
    if isinstance(measure, str) and measure:
        parts.append(f"measure={quote(measure, safe='')}")
    return "?" + "&".join(parts)


def clicked_value(click) -> str | None:
    """The ISO3 code of a click on the map (a country polygon, a small-country or a site marker) or a bar.

    Returns the point's ``location``, else the first item of its ``customdata``; None for anything else.
    """
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    code = point.get("location")
    if not code:
        custom = point.get("customdata")
        code = custom[0] if isinstance(custom, (list, tuple)) and custom else custom
    return code if isinstance(code, str) and code else None


def controls_of(state: ViewState, bounds) -> list:
    """Control values that show ``state`` (order of CONTROL_IDS)."""
    years = list(state.years) if state.years else list(bounds)
    return [state.measure, list(state.countries), list(state.instruments), list(state.continents),
            list(state.themes), list(state.labs), list(state.statuses), years]


def notice_children(notices: list[str]):
    if not notices:
        return None
    return [html.Strong("Part of the link was not understood: "), "; ".join(notices) + "."]


def register_callbacks(app, ds) -> None:
    """Attach the page's callbacks to ``app`` for the data set ``ds``."""
    vocabulary = Vocabulary.from_dataset(ds)
    bounds = ds.year_bounds
    views = app.server.config["VIEW_CACHE"] = ViewCache(VIEW_CACHE_SIZE)
    # The default view, computed now: under gunicorn --preload every worker starts with it.
    views.get_or_compute(ds, ViewState(), lambda: render(ds, ViewState()))

    @app.callback(
        Output(ids.URL, "search"),
        *[Output(c, "value") for c in CONTROL_IDS],
        Output(ids.MAP, "clickData"),
        Output(ids.TOP_CHART, "clickData"),
        Output(ids.CONTINENT_CHART, "clickData"),
        Output(ids.NOTICE, "children"),
        Input(ids.URL, "search"),
        *[Input(c, "value") for c in CONTROL_IDS],
        Input(ids.MAP, "clickData"),
        Input(ids.CLEAR_SELECTION, "n_clicks"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.TOP_CHART, "clickData"),
        Input(ids.CONTINENT_CHART, "clickData"),
        prevent_initial_call=True,  # the page arrives with its controls set (prefill.py)
    )
    def sync_view(search, measure, countries, instruments, continents, themes, labs, statuses, years, click, _clear, _reset,
                  bar_click, continent_click):
        trigger = ctx.triggered_id
        keep = [no_update] * len(CONTROL_IDS)
        if trigger in (None, ids.URL):
            state, notices = parse_query(search, vocabulary)
            return [no_update, *controls_of(state, bounds), no_update, no_update, no_update, notice_children(notices)]
        if trigger == ids.RESET:
            return ["", *controls_of(ViewState(), bounds), None, None, None, None]
        query = query_from_controls(measure, countries, instruments, continents, themes, labs, statuses, years, bounds)
        state, notices = parse_query(query, vocabulary)
        controls = keep
        if trigger == ids.CLEAR_SELECTION:
            state = state.with_(countries=())
            controls = controls_of(state, bounds)
        elif trigger in (ids.MAP, ids.TOP_CHART):
            code = clicked_value(click if trigger == ids.MAP else bar_click)
            if code in vocabulary.countries:
                state = state.toggle_country(code)
            controls = controls_of(state, bounds)
        elif trigger == ids.CONTINENT_CHART:
            name = clicked_value(continent_click)
            if name in vocabulary.continents:
                chosen = set(state.continents) ^ {name}
                state = state.with_(continents=tuple(c for c in vocabulary.continents if c in chosen))
            controls = controls_of(state, bounds)
        elif notices:
            controls = controls_of(state, bounds)
        new_search = to_query(state)
        if new_search == (search or ""):
            new_search = no_update
        return [new_search, *controls, None, None, None, notice_children(notices)]

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.MAP_CAPTION, "children"),
        Output(ids.MAP_NOTE, "children"),
        Output(ids.SELECTION, "children"),
        Output(ids.FIGURES, "children"),
        Output(ids.CONTINENT_CHART, "figure"),
        Output(ids.TOP_CHART, "figure"),
        Output(ids.TYPE_CHART, "figure"),
        Output(ids.TIMELINE_CHART, "figure"),
        Output(ids.TIMELINE_NOTE, "children"),
        Output(ids.TABLE, "data"),
        Output(ids.TABLE, "tooltip_data"),
        Output(ids.TABLE_CAPTION, "children"),
        Output(ids.DOWNLOAD_CSV, "href"),
        Output(ids.MAP_KEY, "data"),
        Input(ids.URL, "search"),
        State(ids.MAP_KEY, "data"),
        prevent_initial_call=True,  # the page arrives with its views drawn (prefill.py)
    )
    def render_view(search, shown_map=None):
        state, _ = parse_query(search, vocabulary)
        outputs = views.get_or_compute(ds, state, lambda: render(ds, state))
        key = map_key(ds, state)
        if key == shown_map:  # the map on screen differs only by its selection: send just that
            outputs = (selection_patch(outputs[0]), *outputs[1:])
        return (*outputs, key)


def map_key(ds, state: ViewState) -> str:
    """What the map depends on apart from the selection: the data set and every other part of the view."""
    return f"{id(ds):x}{to_query(state.with_(countries=()))}"


def selection_patch(fig) -> Patch:
    """A partial update of a map drawn for the same view: the locations of its last trace, "Selected"."""
    selected = fig.data[-1]
    patch = Patch()
    patch["data"][len(fig.data) - 1]["locations"] = list(selected.locations)
    patch["data"][len(fig.data) - 1]["z"] = list(selected.z)
    return patch


def render(ds, state: ViewState) -> tuple:
    """Every output of the page for ``state`` (the body of ``render_view``, testable without Dash)."""
    filtered = aggregate.filter_collaborations(ds, state, with_selection=False)
    in_view = aggregate.filter_collaborations(ds, state)
    unit = {"instruments": "collaborations", "partners": "partner institutions", "infrastructures": "infrastructures"}[state.measure]
    values = aggregate.country_values(ds, filtered, state)
    home = ds.countries.at[schema.HOME_ISO3, "name"] if schema.HOME_ISO3 in ds.countries.index else "France"
    home_links = aggregate.visible_links(ds, filtered, state)
    home_count = int(home_links.loc[home_links["iso3"] == schema.HOME_ISO3, "count"].sum())
    fig_map = build_map(
        values, ds.countries, aggregate.infrastructure_sites(ds, filtered),
        selected=state.countries, unit=unit, continents=state.continents,
        home_hover=f"home of IN2P3<br>{home_count} collaborations sited in {home}",
    )
    caption = f"Countries coloured by the number of {schema.MEASURES[state.measure]}."
    if state.measure == "instruments":
        caption += " A collaboration counts once in each of its countries."
    figures = aggregate.key_figures(ds, in_view, state)
    note = ""
    if figures.without_country:
        unlocated = in_view[~in_view["located"]]
        parts = unlocated.groupby("type", observed=True)["count"].sum()
        detail = ", ".join(f"{n} {t}" for t, n in parts.items() if n)
        note = (f"Not on the map: {figures.without_country} collaborations with no published country or a site in space "
                f"({detail}).")
    selection = _selection_summary(ds, state)
    years_table, left_out = aggregate.per_year(ds, in_view)
    timeline_note = (f"{left_out} collaborations in view have no known start year and are not drawn." if left_out else "")
    table = aggregate.collaboration_table(ds, in_view, limit=TABLE_ROWS)
    rows, tooltips = _table_rows(table)
    table_caption = (f"{len(in_view)} rows, {int(in_view['count'].sum()) if len(in_view) else 0} instruments"
                     f"{' in the selected countries' if state.countries else ''}. Sort by clicking a column header; "
                     "hover a name for the notes on its sources.")
    if len(in_view) > TABLE_ROWS:
        table_caption += f" The table holds the first {TABLE_ROWS} rows (by type); the CSV has all {len(in_view)}."
    return (
        fig_map, caption, note, selection, _figure_cards(figures),
        build_continent_chart(aggregate.by_continent(ds, in_view, state)),
        build_top_countries_chart(aggregate.top_countries(ds, in_view, state)),
        build_type_chart(aggregate.by_type(in_view)),
        build_timeline_chart(years_table, years=state.years),
        timeline_note,
        rows, tooltips, table_caption,
        "/export/collaborations.csv" + to_query(state.with_(measure=schema.DEFAULT_MEASURE)),
    )


#: The table holds at most this many rows (a page shows 15; the CSV export has every row): what the browser
#: receives and what the server builds for a view stay bounded when the data grows.
TABLE_ROWS = 500
#: The table shows this many partner names per row; the full list is in the cell's tooltip and the CSV.
PARTNERS_SHOWN = 3


def _table_rows(table) -> tuple[list[dict], list[dict]]:
    """DataTable rows (long partner lists shortened, source as a link) and the matching tooltips."""
    rows, tooltips = [], []
    for record in table.to_dict("records"):
        names = [n for n in record["partners"].split("; ") if n]
        tip = {"name": {"value": record.pop("notes"), "type": "text"}} if record.get("notes") else {}
        record.pop("notes", None)
        if len(names) > PARTNERS_SHOWN:
            record["partners"] = "; ".join(names[:PARTNERS_SHOWN]) + f"; and {len(names) - PARTNERS_SHOWN} more"
            tip["partners"] = {"value": "; ".join(names), "type": "text"}
        record["source_url"] = f"[source]({record['source_url']})"
        rows.append(record)
        tooltips.append(tip)
    return rows, tooltips


def _selection_summary(ds, state: ViewState):
    if not state.countries:
        return html.Span("Click a country to select it; click again to deselect.", className="selection-hint")
    names = [ds.countries.at[c, "name"] for c in state.countries if c in ds.countries.index]
    return html.Span([html.Span("Selected: ", className="selection-label"), ", ".join(names)], className="selection-list")


def _figure_cards(f: aggregate.KeyFigures) -> list:
    by_type = " · ".join(f"{n} {t}" for t, n in f.instruments_by_type.items()) or "none"
    cards = [
        ("Collaborations", f.instruments, by_type),
        ("Partner countries", f.partner_countries, "countries on the map, France not counted"),
        ("Partner institutions", f.partner_institutions, "named in the sources"),
        ("Continents", f.continents, "with a partner country"),
        ("Research infrastructures", f.infrastructures, "IN2P3 labs contribute to"),
    ]
    return [
        html.Div([html.Div(str(value), className="figure-value"), html.Div(label, className="figure-label"),
                  html.Div(detail, className="figure-detail")], className="figure-card", **{"data-figure": label})
        for label, value, detail in cards
    ]
