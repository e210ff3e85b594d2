"""The page's first HTML: the view drawn before Dash has started, its map as a picture until plotly draws it.

Dash's page is an empty shell until its scripts have run, fetched the layout and drawn it (about 2 s on this
machine); the map comes after plotly.js has drawn it. The first answer carries the view as HTML instead: the very
layout Dash then fetches (``prefill.prefilled_layout``, kept for that request in ``caches.layouts``), written out by
``htmltext.to_html``, with a picture of the view's map (``preview.map_preview``: an inline SVG) in the map's box.
It is inert (no focus, no clicks, hidden from screen readers: nothing in it works yet). When Dash has drawn the
page, assets/firstframe.js moves the picture into the same box of Dash's page and removes this copy; the picture
goes when plotly has drawn the map. No box moves: both copies are the same layout with the same styles.
"""

from __future__ import annotations

import logging

from .. import ids
from ..state import Vocabulary, parse_query
from ..views import build_map_model, map_filters
from . import changes
from .caches import PageCaches
from .htmltext import to_html
from .preview import map_preview
from .render import PageMap
from .story import expand_step

log = logging.getLogger(__name__)

#: The id of the first frame's element (assets/firstframe.js, style.css).
FIRST_FRAME = "first-frame"


def first_frame(ds, search: str, caches: PageCaches, geometry_file, layout, store=None) -> str:
    """The first frame of the page at ``search``: ``layout`` (the page's prefilled layout) as inert HTML, with the
    picture of its map in the map's box; ``store``: where the versions to compare with are (as for prefill)."""
    state, _ = parse_query(search, Vocabulary.from_dataset(ds))
    state = expand_step(ds, state)  # a story step's own view, as prefill shows it

    def compute():
        compare = changes.comparison(store, ds, state)
        return PageMap(build_map_model(ds, state), changes.view_part(compare, state, with_selection=False))

    page_map = caches.maps.get_or_compute(ds, map_filters(state), compute)
    picture = map_preview(page_map.model, geometry_file, state.countries)
    preview = f'<div class="map-preview" data-map-preview aria-hidden="true">{picture}</div>'
    page = to_html(layout, after={ids.MAP: preview})
    return f'<div id="{FIRST_FRAME}" inert>{page}</div>'
