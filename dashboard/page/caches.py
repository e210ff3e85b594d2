"""What the page keeps computed, in one object handed to the callbacks and to the first frame (``prefill``).

Each gunicorn worker holds one :class:`PageCaches`; every entry is kept for the data set it was computed from
(``caching.DataCache``), so an import never serves a view of the data it replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..caching import DataCache

#: Views kept computed per worker (outputs of ``render``; about 100 kB each with the shipped data).
VIEW_CACHE_SIZE = 64
#: Maps kept per worker (``render.PageMap``: the map model and its figure per language), one for all the selections
#: and languages of a set of filters (about 60 kB a figure).
MAP_CACHE_SIZE = 32
#: Tables kept sorted per worker (``table.SortedView``: 8 bytes per collaboration in view and per sort asked).
TABLE_CACHE_SIZE = 32
#: Page layouts kept per worker, by address: a page load asks for its layout twice (its first HTML, firstframe.py,
#: then Dash's ``/_dash-layout``), which is built once (about 40 ms with the shipped data).
LAYOUT_CACHE_SIZE = 16


@dataclass(frozen=True)
class PageCaches:
    """The views (``render``'s outputs), the maps (one per set of filters), the sorted tables and the page layouts of a
    worker."""

    views: DataCache = field(default_factory=lambda: DataCache(VIEW_CACHE_SIZE))
    maps: DataCache = field(default_factory=lambda: DataCache(MAP_CACHE_SIZE))
    tables: DataCache = field(default_factory=lambda: DataCache(TABLE_CACHE_SIZE))
    layouts: DataCache = field(default_factory=lambda: DataCache(LAYOUT_CACHE_SIZE))
