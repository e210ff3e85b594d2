"""Thin adapters: browser events -> view state (the URL) -> views -> outputs.

Two callbacks carry the page:

* ``sync_view`` keeps the controls and the URL in step. A control change (or a click on the map or a bar)
  writes the URL; a URL change (a pasted link, back/forward, a story step) sets the controls. Control values
  are read back through the same parser as the URL, so a forged callback payload meets the same validation
  as a forged link.
* ``render_view`` draws every view from the URL alone, so a link always reproduces the page.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import quote

from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update

from .. import i18n, ids
from ..caching import DataCache
from ..exports.links import export_links
from ..state import ViewState, Vocabulary, parse_query, to_query
from ..views import build_view
from .table import Sort, SortedView, table_key
from .table import prepare as prepare_table

log = logging.getLogger(__name__)

#: Views kept computed per worker (outputs of ``render``; about 100 kB each with the shipped data).
VIEW_CACHE_SIZE = 64
#: Maps (figure, caption, summary) kept per worker, one for all the selections of a view (about 60 kB each).
MAP_CACHE_SIZE = 32
#: Tables kept sorted per worker (``table.SortedView``: 8 bytes per collaboration in view and per sort asked).
TABLE_CACHE_SIZE = 32
#: Maps the browser keeps (assets/app.js ``in2p3Maps.HELD`` must say the same); a longer list sent is cut.
MAPS_HELD = 8

CONTROL_IDS = (ids.MEASURE, ids.COUNTRY, ids.INSTRUMENT, ids.CONTINENT, ids.THEME, ids.LAB, ids.STATUS, ids.YEARS)
#: The download links (CSV, Excel, slides, images): made in the browser from the address (``viewLinks``).
EXPORT_LINK_IDS = tuple(export_links(ViewState()))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return [str(value)]


def query_from_controls(measure, countries, instruments, continents, themes, labs, statuses, years, bounds) -> str:
    """A query string from raw control values (which may be anything a client sends)."""
    parts = []
    for name, value in (
        ("instrument", instruments),
        ("continent", continents),
        ("country", countries),
        ("theme", themes),
        ("lab", labs),
        ("status", statuses),
    ):
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
    return [
        state.measure,
        list(state.countries),
        list(state.instruments),
        list(state.continents),
        list(state.themes),
        list(state.labs),
        list(state.statuses),
        years,
    ]


def notice_children(notices: list[str], lang: str):
    if not notices:
        return None
    return [html.Strong(i18n.t("notice_link", lang)), "; ".join(notices) + "."]


def register_callbacks(app, store) -> None:
    """Attach the page's callbacks to ``app``; each call works on ``store.current()``, the data served now."""
    views = app.server.config["VIEW_CACHE"] = DataCache(VIEW_CACHE_SIZE)
    tables = app.server.config["TABLE_CACHE"] = DataCache(TABLE_CACHE_SIZE)
    maps = app.server.config["MAP_CACHE"] = DataCache(MAP_CACHE_SIZE)
    # The default view, computed now: under gunicorn --preload every worker starts with it.
    first = store.current()
    views.get_or_compute(first, ViewState(), lambda: render(first, ViewState(), maps))
    prepare_table(first)

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
    def sync_view(
        search,
        measure,
        countries,
        instruments,
        continents,
        themes,
        labs,
        statuses,
        years,
        click,
        _clear,
        _reset,
        bar_click,
        continent_click,
    ):
        ds = store.current()
        vocabulary, bounds = Vocabulary.from_dataset(ds), ds.year_bounds
        trigger = ctx.triggered_id
        current, url_notices = parse_query(search, vocabulary)
        if trigger in (None, ids.URL):
            return [
                no_update,
                *controls_of(current, bounds),
                no_update,
                no_update,
                no_update,
                notice_children(url_notices, current.lang),
            ]
        keep = {"lang": current.lang, "present": current.present}
        if trigger == ids.RESET:
            state = ViewState(**keep)
            return [to_query(state), *controls_of(state, bounds), None, None, None, None]
        query = query_from_controls(measure, countries, instruments, continents, themes, labs, statuses, years, bounds)
        state, notices = parse_query(query, vocabulary)
        state = state.with_(**keep)
        controls = [no_update] * len(CONTROL_IDS)
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
        # Only what changes is sent: an unchanged control or an empty click left as it is is not drawn again.
        shown = (measure, countries, instruments, continents, themes, labs, statuses, years)
        controls = [
            no_update if value is not no_update and value == before else value for value, before in zip(controls, shown)
        ]
        clicks = [None if before is not None else no_update for before in (click, bar_click, continent_click)]
        return [new_search, *controls, *clicks, notice_children(notices, state.lang)]

    @app.callback(
        Output(ids.MAP_SENT, "data"),
        Output(ids.MAP_CAPTION, "children"),
        Output(ids.MAP_NOTE, "children"),
        Output(ids.MAP_SUMMARY, "children"),
        Output(ids.SELECTION, "children"),
        Output(ids.FIGURES, "children"),
        Output(ids.CONTINENT_CHART, "figure"),
        Output(ids.TOP_CHART, "figure"),
        Output(ids.TYPE_CHART, "figure"),
        Output(ids.TIMELINE_CHART, "figure"),
        Output(ids.TIMELINE_NOTE, "children"),
        Output(ids.TABLE_CAPTION, "children"),
        Output(ids.PAGE, "className"),
        Output(ids.PRESENT_TITLE, "children"),
        Output(ids.PRESENT_CAPTION, "children"),
        Output(ids.PRESENT_STEP, "children"),
        Output(ids.STORY_PREV, "href"),
        Output(ids.STORY_NEXT, "href"),
        Output(ids.PRESENT_EXIT, "href"),
        Output(ids.PRESENT_ENTER, "href"),
        Output(ids.LANG_SWITCH, "href"),
        Output(ids.MAP_KEY, "data"),
        Input(ids.URL, "search"),
        State(ids.MAP_KEY, "data"),
        State(ids.MAP_HELD, "data"),
        prevent_initial_call=True,  # the page arrives with its views drawn (prefill.py)
    )
    def render_view(search, shown_map=None, held_maps=None):
        ds = store.current()
        state, _ = parse_query(search, Vocabulary.from_dataset(ds))
        outputs = views.get_or_compute(ds, state, lambda: render(ds, state, maps))
        key = map_key(ds, state)
        held = held_maps if isinstance(held_maps, list) else []
        # The map on screen is this one (the selection's outline is drawn in the browser), or the browser keeps it
        # from earlier (showMap in assets/app.js puts it back when the key changes): it is not sent again.
        if key == shown_map or key in held[:MAPS_HELD]:
            outputs = (no_update, *outputs[1:])
        return (*outputs, key)

    @app.callback(
        Output(ids.TABLE, "data"),
        Output(ids.TABLE, "tooltip_data"),
        Output(ids.TABLE, "page_count"),
        Output(ids.TABLE, "page_current"),
        Input(ids.URL, "search"),
        Input(ids.TABLE, "page_current"),
        Input(ids.TABLE, "sort_by"),
        prevent_initial_call=True,  # the page arrives with the first page of its table (prefill.py)
    )
    def table_page(search, page_current, sort_by):
        """One page of the view's table, sorted over every row of the view; a new view or sort starts at page 1."""
        ds = store.current()
        state, _ = parse_query(search, Vocabulary.from_dataset(ds))
        number = page_current if f"{ids.TABLE}.page_current" in (ctx.triggered_prop_ids or {}) else 0
        page = table_page_of(tables, ds, state, number, Sort.from_dash(sort_by))
        return page.rows, page.tooltips, page.count, page.number

    # Back/forward across a change of language: reload, so that every label of the layout follows.
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="reloadOnLanguageChange"),
        Output(ids.PAGE_LANG, "data"),
        Input(ids.URL, "search"),
        State(ids.PAGE_LANG, "data"),
    )
    # The selected countries outlined on the map, from the URL, with no round trip and no redraw of the map.
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="outlineSelection"),
        Output(ids.MAP_OUTLINE, "data"),
        Input(ids.URL, "search"),
    )
    # The map: a new one from the server (kept by the browser), or one the browser keeps, for the key of the view.
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="showMap"),
        Output(ids.MAP, "figure"),
        Output(ids.MAP_HELD, "data"),
        Input(ids.MAP_SENT, "data"),
        Input(ids.MAP_KEY, "data"),
        State(ids.MAP, "figure"),
    )
    # The download links follow the address, made in the browser by export_links' rule (no output of render_view).
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="viewLinks"),
        *[Output(link, "href") for link in EXPORT_LINK_IDS],
        Input(ids.URL, "search"),
        *[State(link, "href") for link in EXPORT_LINK_IDS],
        prevent_initial_call=True,  # the page arrives with them (prefill.py)
    )
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="toggleFullscreen"),
        Output(ids.FULLSCREEN, "n_clicks"),
        Input(ids.FULLSCREEN, "n_clicks"),
        prevent_initial_call=True,
    )


def table_page_of(tables: DataCache, ds, state: ViewState, number=0, sort: Sort | None = None):
    """Page ``number`` of the table of ``state`` sorted by ``sort`` (``table.Page``), from the cache ``tables``."""
    view = tables.get_or_compute(ds, table_key(state), lambda: SortedView(ds, state))
    return view.page(number, sort or Sort())


def map_key(ds, state: ViewState) -> str:
    """What the page's map depends on: the data set and every part of the view but the selection (whose outline
    the browser draws over the map: ``outlineSelection`` in assets/app.js), in 16 characters (the browser sends
    the keys of the maps it keeps with every request for the views)."""
    text = f"{id(ds):x}{to_query(state.with_(countries=()))}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def story_links(ds, state: ViewState) -> tuple[str, str, str, str]:
    """(title, "3 / 11", previous step's URL, next step's URL) of presentation mode."""
    stories = ds.stories
    if not stories:
        return "", "", "", ""
    steps = [s.step for s in stories]
    position = steps.index(state.step) if state.step in steps else -1
    title = stories[position].title(state.lang) if position >= 0 else ""

    vocabulary = Vocabulary.from_dataset(ds)

    def link(index: int) -> str:
        story = stories[index]
        target, _ = parse_query(story.query, vocabulary)  # checked when the data was loaded
        return to_query(target.with_(lang=state.lang, present=True, step=story.step))

    prev_href = link(position - 1) if position > 0 else ""
    next_href = link(position + 1) if position + 1 < len(stories) else ""
    step = i18n.t("step_of", state.lang, step=position + 1, total=len(stories)) if position >= 0 else ""
    return title, step, prev_href, next_href


def render(ds, state: ViewState, maps: DataCache | None = None) -> tuple:
    """Every output of ``render_view`` for ``state`` (testable without Dash); ``maps`` keeps the maps built."""
    lang = state.lang
    # The table comes a page at a time (table_page); the selection's outline is drawn by the browser, so the map
    # is the same for every selection (kept in ``maps``).
    view = build_view(ds, state, with_table=False, outline_selection=False, maps=maps)
    title, step, prev_href, next_href = story_links(ds, state)
    plain = state.with_(present=False, step=None)
    other = "fr" if lang == "en" else "en"
    return (
        view.map,
        view.map_caption,
        view.map_note,
        view.map_summary,
        _selection_summary(state, lang),
        _figure_cards(view.key_figures),
        view.charts["continent"][2],
        view.charts["top"][2],
        view.charts["type"][2],
        view.charts["timeline"][2],
        view.timeline_note,
        view.table_caption,
        "page present" if state.present else "page",
        title,
        view.caption,
        step,
        prev_href,
        next_href,
        to_query(plain) or "?",
        to_query(state.with_(present=True)),
        to_query(state.with_(lang=other)) or "?",
    )


def _selection_summary(state: ViewState, lang: str):
    if not state.countries:
        return html.Span(i18n.t("click_hint", lang), className="selection-hint")
    names = [i18n.country_name(c, lang) for c in state.countries]
    return html.Span(
        [html.Span(i18n.t("selected", lang), className="selection-label"), ", ".join(names)], className="selection-list"
    )


def _figure_cards(figures) -> list:
    return [
        html.Div(
            [
                html.Div(str(f.value), className="figure-value"),
                html.Div(f.label, className="figure-label"),
                html.Div(f.detail, className="figure-detail"),
            ],
            className="figure-card",
            **{"data-figure": f.key},
        )
        for f in figures
    ]
