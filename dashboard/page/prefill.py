"""The page as it looks once its callbacks have run for the address it is opened at.

Without this, a first load draws every control and graph empty, then asks the server for the controls and the
views of the URL (``update_view``), and draws everything a second time: a round trip and five empty graphs on the
way to the map. Here the layout handed to the browser already carries what that callback would answer (the same
functions compute it: ``controls_of``, ``notice_children``, ``render``, ``table_answer``, by the same output
names), and the callbacks are not called at load (``prevent_initial_call``). They run for every later change.
"""

from __future__ import annotations

from urllib.parse import urlparse

import flask

from .. import ids
from ..exports.links import export_links
from ..state import Vocabulary, parse_query
from . import changes
from .caches import PageCaches
from .callbacks import controls_of, map_key, notice_children, table_answer
from .layout import build_layout
from .render import VIEW_OUTPUTS, render
from .share import mark_embed
from .story import expand_step

#: Where the first frame puts each output of ``render`` when it differs from the callback's: the map goes to the
#: graph itself, drawn with the page's first frame (later maps come through their store, which the browser keeps).
FIRST_FRAME = {**VIEW_OUTPUTS, "map": (ids.MAP, "figure")}


def request_search() -> str:
    """The query string (with its ``?``, or "") of the page whose layout is being asked for.

    Dash fetches the layout with a request of its own (``/_dash-layout``) whose referrer is the page's address.
    Outside a request (Dash checking the layout at start-up) it is the default view, "".
    """
    if not flask.has_request_context():
        return ""
    page = flask.request.referrer if flask.request.path.endswith("_dash-layout") else flask.request.url
    query = urlparse(page or "").query
    return f"?{query}" if query else ""


def _component(layout, component_id: str):
    """The component ``component_id`` of ``layout``, the root included (Dash's lookup searches children only)."""
    return layout if getattr(layout, "id", None) == component_id else layout[component_id]


def prefilled_layout(ds, search: str, caches: PageCaches, store=None):
    """``build_layout(ds)`` with the controls, the notice and every view of ``search`` filled in; ``store`` (the
    ``DataStore`` serving ``ds``) is where the versions to compare with are (``since=``)."""
    state, notices = parse_query(search, Vocabulary.from_dataset(ds))
    state = expand_step(ds, state)  # "?present=1&step=2": that step's own view
    compare = changes.comparison(store, ds, state)
    layout = build_layout(ds, state.lang)
    mark_embed(layout, state)  # the embedded view (embed=1): the same layout, its parts shown by the stylesheet
    layout[ids.URL].search = search  # dcc.Location then sees no change of the query: no callback at load
    for component_id, value in controls_of(state, ds.year_bounds).items():
        layout[component_id].value = value
    layout[ids.NOTICE].children = changes.notice_children(
        notice_children(notices, state.lang), compare.notices, state.lang
    )
    layout[ids.MAP_OUTLINE].data = list(state.countries)
    outputs = caches.views.get_or_compute(ds, state, lambda: render(ds, state, caches.maps, compare))
    for name, (component_id, prop) in FIRST_FRAME.items():
        setattr(_component(layout, component_id), prop, outputs[name])
    layout[ids.MAP_KEY].data = map_key(ds, state)
    for component_id, href in export_links(state).items():  # then kept up to date by the browser (viewLinks)
        layout[component_id].href = href
    # The table's first page, by the callback's own function and output names (table_answer).
    table = table_answer(caches, ds, state)
    layout[ids.TABLE_BODY].children = table["rows"]
    layout[ids.TABLE_STATUS].children = table["status"]
    layout[ids.TABLE_STATE].data = table["state"]
    for move, disabled in table["moves"].items():
        setattr(layout[move], "aria-disabled", disabled)
    return layout
