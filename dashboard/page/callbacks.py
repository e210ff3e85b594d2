"""Thin adapters: browser events -> view state (the URL) -> views -> outputs.

One callback carries the page, in one round trip per interaction (``update_view``): a control change (or a click on
the map or a bar) gives the new URL and every view of it; a URL change (a pasted link, back/forward, a story step)
gives the controls and every view of it. Control values are read back through the same parser as the URL, so a
forged callback payload meets the same validation as a forged link; every view is drawn from the view state
alone, so a link always reproduces the page. The table's own sort and page buttons have a callback of theirs
(``table_page``).

Outputs are declared and answered by name (Dash's dict outputs): ``render.VIEW_OUTPUTS`` for the views,
``CONTROL_IDS`` for the controls.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import quote

from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update

from .. import i18n, ids
from ..describe import column_labels
from ..exports.links import LINK_RULES
from ..state import ViewState, Vocabulary, parse_query, to_query
from . import changes, player, share, story
from .caches import PageCaches
from .htmltext import to_html
from .render import VIEW_OUTPUTS, render
from .table import SORTABLE, Sort, SortedView, html_rows, page_count, page_number, page_status, table_key
from .table import prepare as prepare_table

log = logging.getLogger(__name__)

#: Maps the browser keeps (assets/app.js reads it from the page's client settings); a longer list sent is cut.
MAPS_HELD = 8

CONTROL_IDS = (
    ids.MEASURE,
    ids.COUNTRY,
    ids.INSTRUMENT,
    ids.CONTINENT,
    ids.THEME,
    ids.LAB,
    ids.STATUS,
    ids.YEARS,
    ids.LINKS,
    ids.SINCE,  # "Compare with": the version of the data compared with (since=)
)
#: The clicks that sync_view reads and then clears (so that a second click on the same point fires again).
CLICK_IDS = (ids.MAP, ids.TOP_CHART, ids.CONTINENT_CHART)


def client_settings() -> dict:
    """What the page's script (assets/app.js) needs to know, given by the server so that each rule has one home:
    component ids, the number of maps the browser keeps, and each download link's rule (its path and the URL
    parameters it leaves out of the view's query; ``exports.links``)."""
    return {
        "ids": {
            "page": ids.PAGE,
            "map": ids.MAP,
            "mapSent": ids.MAP_SENT,
            "storyPrev": ids.STORY_PREV,
            "storyNext": ids.STORY_NEXT,
            "presentExit": ids.PRESENT_EXIT,
        },
        "mapsHeld": MAPS_HELD,
        "links": {link: {"path": path, "drop": list(dropped)} for link, (path, dropped) in LINK_RULES.items()},
        "player": player.client_settings(),
        "share": share.client_settings(),
    }


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return [str(value)]


def query_from_controls(
    measure, countries, instruments, continents, themes, labs, statuses, years, bounds, *, links=None, since=None
) -> str:
    """A query string from raw control values (which may be anything a client sends). ``links`` is the "Show links"
    check box's value: the list of its ticked values (``["1"]``), empty or None when not ticked; ``since`` is the
    value of "Compare with"."""
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
    if _as_list(links):
        parts.append("links=1")
    if isinstance(since, str) and since.strip():
        parts.append(f"since={quote(since.strip(), safe='')}")
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


def controls_of(state: ViewState, bounds) -> dict:
    """Control id -> the value that shows ``state`` (every id of CONTROL_IDS)."""
    return {
        ids.MEASURE: state.measure,
        ids.COUNTRY: list(state.countries),
        ids.INSTRUMENT: list(state.instruments),
        ids.CONTINENT: list(state.continents),
        ids.THEME: list(state.themes),
        ids.LAB: list(state.labs),
        ids.STATUS: list(state.statuses),
        ids.YEARS: list(state.years) if state.years else list(bounds),
        ids.LINKS: ["1"] if state.links else [],
        ids.SINCE: state.since or "",
    }


def notice_children(notices: list[str], lang: str):
    if not notices:
        return None
    return [html.Strong(i18n.t("notice_link", lang)), "; ".join(notices) + "."]


def register_callbacks(app, store, caches: PageCaches) -> None:
    """Attach the page's callbacks to ``app``; each call works on ``store.current()``, the data served now, and keeps
    what it computes in ``caches``."""
    # The default view, computed now: under gunicorn --preload every worker starts with it.
    first = store.current()
    compare = changes.comparison(store, first, ViewState())
    caches.views.get_or_compute(first, ViewState(), lambda: render(first, ViewState(), caches.maps, compare))
    prepare_table(first)

    table_outputs = {
        "rows": Output(ids.TABLE_BODY, "html", allow_duplicate=True),
        "status": Output(ids.TABLE_STATUS, "children", allow_duplicate=True),
        "state": Output(ids.TABLE_STATE, "data", allow_duplicate=True),
        "sorted": {column: Output(ids.table_header(column), "aria-sort", allow_duplicate=True) for column in SORTABLE},
        "moves": {move: Output(move, "aria-disabled", allow_duplicate=True) for move in ids.TABLE_MOVES},
    }

    @app.callback(
        output={
            "search": Output(ids.URL, "search"),
            "controls": {c: Output(c, "value") for c in CONTROL_IDS},
            "clicks": {c: Output(c, "clickData") for c in CLICK_IDS},
            "notice": Output(ids.NOTICE, "children"),
            "outline": Output(ids.MAP_OUTLINE, "data"),
            "views": {name: Output(*target) for name, target in VIEW_OUTPUTS.items()},
            "key": Output(ids.MAP_KEY, "data"),
            "table": table_outputs,
        },
        inputs={
            "search": Input(ids.URL, "search"),
            "controls": {c: Input(c, "value") for c in CONTROL_IDS},
            "clicks": {c: Input(c, "clickData") for c in CLICK_IDS},
            "clear": Input(ids.CLEAR_SELECTION, "n_clicks"),
            "reset": Input(ids.RESET, "n_clicks"),
            "shown_map": State(ids.MAP_KEY, "data"),
            "held_maps": State(ids.MAP_HELD, "data"),
            "table_state": State(ids.TABLE_STATE, "data"),
        },
        prevent_initial_call=True,  # the page arrives with its controls and views set (prefill.py)
    )
    def update_view(search, controls, clicks, clear, reset, shown_map=None, held_maps=None, table_state=None):
        """Any change of the view (a control, a click on the map or a bar, the address) answered in one round trip:
        the new address and controls, and every view of the new state with its table's first page."""
        ds = store.current()
        answer, state = sync(ds, ctx.triggered_id, search, controls, clicks)
        compare = changes.comparison(store, ds, state)  # since=: compared in the data folder served
        answer["notice"] = changes.notice_children(answer["notice"], compare.notices, state.lang)
        views = dict(caches.views.get_or_compute(ds, state, lambda: render(ds, state, caches.maps, compare)))
        key = map_key(ds, state)
        held = held_maps if isinstance(held_maps, list) else []
        # The map on screen is this one (the selection's outline is drawn in the browser), or the browser keeps it
        # from earlier (showMap in assets/app.js puts it back when the key changes): it is not sent again.
        if key == shown_map or key in held[:MAPS_HELD]:
            views["map"] = no_update
        # the table's first page, in the sort the person chose (a new view keeps it)
        return {**answer, "views": views, "key": key, "table": table_answer(caches, ds, state, None, table_state)}

    @app.callback(
        output={**table_outputs, "state": Output(ids.TABLE_STATE, "data", allow_duplicate=True)},
        inputs={
            "sorts": {column: Input(ids.table_sort(column), "n_clicks") for column in SORTABLE},
            "moves": {move: Input(move, "n_clicks") for move in ids.TABLE_MOVES},
            "search": State(ids.URL, "search"),
            "state": State(ids.TABLE_STATE, "data"),
        },
        prevent_initial_call=True,  # the page arrives with the first page of its table (prefill.py)
    )
    def table_page(sorts, moves, search, state):
        """Another page or sort of the view's table, sorted over every row of the view; a new sort starts at page 1."""
        ds = store.current()
        view, _ = parse_query(search, Vocabulary.from_dataset(ds))
        return table_answer(caches, ds, view, ctx.triggered_id, state)

    # Back/forward across a change of language: reload, so that every label of the layout follows.
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="reloadOnLanguageChange"),
        Output(ids.PAGE_LANG, "data"),
        Input(ids.URL, "search"),
        State(ids.PAGE_LANG, "data"),
    )
    # The selected countries outlined on the map, with no redraw of the map (sync_view names them). No output.
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="outlineSelection"),
        Input(ids.MAP_OUTLINE, "data"),
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
    # The download links follow the address, made in the browser by each link's rule (exports.links.LINK_RULES).
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="viewLinks"),
        [Output(link, "href") for link in LINK_RULES],
        Input(ids.URL, "search"),
        [State(link, "href") for link in LINK_RULES],
        prevent_initial_call=True,  # the page arrives with them (prefill.py)
    )
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="toggleFullscreen"),
        Output(ids.FULLSCREEN, "n_clicks"),
        Input(ids.FULLSCREEN, "n_clicks"),
        prevent_initial_call=True,
    )
    # Issue 14: the year player, the story's countries, the embed code (each module's own).
    player.register(app)
    story.register(app)
    share.register(app)


def sync(ds, trigger, search, controls: dict, clicks: dict) -> tuple[dict, ViewState]:
    """What a change does to the address and the controls (testable without Dash): (the new URL, the controls and
    clicks that change, the notice, the countries to outline; the view state they show). ``trigger`` is the id of
    what changed (None or ids.URL: the address itself, set by a link, back or forward)."""
    vocabulary, bounds = Vocabulary.from_dataset(ds), ds.year_bounds
    current, url_notices = parse_query(search, vocabulary)
    unchanged_clicks = dict.fromkeys(CLICK_IDS, no_update)
    if trigger in (None, ids.URL):
        current = story.expand_step(ds, current)  # "?present=1&step=2": that step's own view
        return {
            "search": no_update,
            "controls": controls_of(current, bounds),
            "clicks": unchanged_clicks,
            "notice": notice_children(url_notices, current.lang),
            "outline": list(current.countries),
        }, current
    # kept through a change of the controls (the comparison is a control of its own: "Compare with"; links, shown or
    # not, changes only by its own check box)
    keep = {"lang": current.lang, "present": current.present, "embed": current.embed}
    if trigger == ids.RESET:  # the comparison and the links are kept, as the language and presentation mode are
        state = ViewState(**keep, since=current.since, links=current.links)
        return {
            "search": to_query(state),
            "controls": controls_of(state, bounds),
            "clicks": dict.fromkeys(CLICK_IDS),
            "notice": None,
            "outline": [],
        }, state
    filters = (controls.get(c) for c in CONTROL_IDS if c not in (ids.LINKS, ids.SINCE))
    chosen = controls.get(ids.SINCE)  # "" is "No comparison"; None: the payload does not say (the address's stays)
    query = query_from_controls(
        *filters, bounds, links=controls.get(ids.LINKS), since=current.since if chosen is None else chosen
    )
    state, notices = parse_query(query, vocabulary)
    state = state.with_(**{**keep, "links": state.links if trigger == ids.LINKS else current.links})
    new_controls = dict.fromkeys(CONTROL_IDS, no_update)
    if trigger == ids.CLEAR_SELECTION:
        state = state.with_(countries=())
        new_controls = controls_of(state, bounds)
    elif trigger in (ids.MAP, ids.TOP_CHART):
        code = clicked_value(clicks.get(trigger))
        if code in vocabulary.countries:
            state = state.toggle_country(code)
        new_controls = controls_of(state, bounds)
    elif trigger == ids.CONTINENT_CHART:
        name = clicked_value(clicks.get(trigger))
        if name in vocabulary.continents:
            chosen = set(state.continents) ^ {name}
            state = state.with_(continents=tuple(c for c in vocabulary.continents if c in chosen))
        new_controls = controls_of(state, bounds)
    elif notices:
        new_controls = controls_of(state, bounds)
    new_search = to_query(state)
    # Only what changes is sent: an unchanged control or an empty click left as it is is not drawn again.
    return {
        "search": no_update if new_search == (search or "") else new_search,
        "controls": {
            c: no_update if value is not no_update and value == controls.get(c) else value
            for c, value in new_controls.items()
        },
        "clicks": {c: None if clicks.get(c) is not None else no_update for c in CLICK_IDS},
        "notice": notice_children(notices, state.lang),
        "outline": list(state.countries),
    }, state


#: The sort buttons of the table's column headers, by id.
SORT_BUTTONS = {ids.table_sort(column): column for column in SORTABLE}


def table_answer(caches: PageCaches, ds, view: ViewState, trigger=None, state=None) -> dict:
    """The answer of ``table_page`` (testable without Dash; also the page's first table, prefill.py): the rows of the
    page asked for, its status, the table's new state, each header's ``aria-sort`` (sent when the sort changes) and
    which page buttons lead nowhere (``aria-disabled``). ``trigger`` is what was clicked (a sort button, a page
    button; None or the URL: a new view), ``state`` the table's state as the page holds it (anything: a client may
    send it), ``{"page": n, "sort_by": [...]}``."""
    state = state if isinstance(state, dict) else {}
    sort = Sort.from_dash(state.get("sort_by"))
    rows = caches.tables.get_or_compute(ds, table_key(view), lambda: SortedView(ds, view))
    count = page_count(len(rows))
    current = page_number(state.get("page"), count)
    sorted_now = trigger in SORT_BUTTONS
    if sorted_now:
        sort, number = sort.then(SORT_BUTTONS[trigger]), 0
    else:
        number = {
            ids.TABLE_FIRST: 0,
            ids.TABLE_PREVIOUS: current - 1,
            ids.TABLE_NEXT: current + 1,
            ids.TABLE_LAST: count - 1,
        }.get(trigger, 0)
    page = rows.page(number, sort)
    lang = view.lang
    directions = {False: "ascending", True: "descending"}
    return {
        "rows": to_html(html_rows(page, list(column_labels(lang)), lang)),  # one HtmlBlock, not ~300 components
        "status": page_status(page, lang),
        "state": {"page": page.number, "sort_by": sort.to_dash()},
        "sorted": {
            column: (directions[sort.descending] if column == sort.column else None) if sorted_now else no_update
            for column in SORTABLE
        },
        "moves": {
            ids.TABLE_FIRST: "true" if page.number == 0 else None,
            ids.TABLE_PREVIOUS: "true" if page.number == 0 else None,
            ids.TABLE_NEXT: "true" if page.number >= page.count - 1 else None,
            ids.TABLE_LAST: "true" if page.number >= page.count - 1 else None,
        },
    }


def table_page_of(caches: PageCaches, ds, state: ViewState, number=0, sort: Sort | None = None):
    """Page ``number`` of the table of ``state`` sorted by ``sort`` (``table.Page``), kept in ``caches.tables``."""
    view = caches.tables.get_or_compute(ds, table_key(state), lambda: SortedView(ds, state))
    return view.page(number, sort or Sort())


def map_key(ds, state: ViewState) -> str:
    """What the page's map depends on: the data set and every part of the view but the selection (whose outline
    the browser draws over the map: ``outlineSelection`` in assets/app.js), in 16 characters (the browser sends
    the keys of the maps it keeps with every request for the views). With the links shown, the selection is part
    of it: the links that touch none of the selected countries are faded (``render.PageMap``)."""
    text = f"{id(ds):x}{to_query(state if state.links else state.with_(countries=()))}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
