"""The page as it looks once its callbacks have run for the address it is opened at.

Without this, a first load draws every control and graph empty, then asks the server to set the controls
from the URL (``sync_view``), then for the views (``render_view``), and draws everything a second time: two
round trips and five empty plotly graphs on the way to the map. Here the layout handed to the browser
already carries what those two callbacks would answer (the same functions compute it: ``controls_of``,
``notice_children``, ``render``), and the callbacks are not called at load (``prevent_initial_call``).
They run as before for every later change of the URL.
"""

from __future__ import annotations

from urllib.parse import urlparse

import flask

from .. import ids
from ..exports.links import export_links
from ..state import Vocabulary, parse_query
from .callbacks import CONTROL_IDS, controls_of, map_key, notice_children, render, table_page_of
from .layout import build_layout


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


def outputs_of(app, callback_name: str) -> list[tuple[str, str]]:
    """(component id, property) of each output of the callback named ``callback_name``, in order."""
    for key, spec in app.callback_map.items():
        function = spec.get("callback")
        if (
            getattr(function, "__name__", None) == callback_name
            or getattr(getattr(function, "__wrapped__", None), "__name__", None) == callback_name
        ):
            return [tuple(part.rsplit(".", 1)) for part in key.strip(".").split("...")]
    raise LookupError(f"no callback named {callback_name!r}")


def _component(layout, component_id: str):
    """The component ``component_id`` of ``layout``, the root included (Dash's lookup searches children only)."""
    return layout if getattr(layout, "id", None) == component_id else layout[component_id]


def prefilled_layout(app, ds, search: str):
    """``build_layout(ds)`` with the controls, the notice and every view of ``search`` filled in."""
    state, notices = parse_query(search, Vocabulary.from_dataset(ds))
    layout = build_layout(ds, state.lang)
    layout[ids.URL].search = search  # dcc.Location then sees no change of the query: no callback at load
    for component_id, value in zip(CONTROL_IDS, controls_of(state, ds.year_bounds)):
        layout[component_id].value = value
    layout[ids.NOTICE].children = notice_children(notices, state.lang)
    config = app.server.config  # the caches of register_callbacks: views, maps and tables computed once per worker
    views, maps, tables = config["VIEW_CACHE"], config["MAP_CACHE"], config["TABLE_CACHE"]
    outputs = views.get_or_compute(ds, state, lambda: render(ds, state, maps))
    for (component_id, prop), value in zip(outputs_of(app, "render_view"), outputs):
        setattr(_component(layout, component_id), prop, value)
    for component_id, href in export_links(state).items():  # then kept up to date by the browser (viewLinks)
        layout[component_id].href = href
    # The map goes to the graph itself (its store is for the callbacks' answers): drawn with the page's first frame.
    layout[ids.MAP].figure, layout[ids.MAP_SENT].data = layout[ids.MAP_SENT].data, None
    layout[ids.MAP_KEY].data = map_key(ds, state)
    page = table_page_of(tables, ds, state)
    table = layout[ids.TABLE]
    table.data, table.tooltip_data, table.page_count, table.page_current = (
        page.rows,
        page.tooltips,
        page.count,
        page.number,
    )
    return layout
