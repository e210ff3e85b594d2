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


@dataclass(frozen=True)
class PageCaches:
    """The views (``render``'s outputs), the maps (one per set of filters) and the sorted tables of a worker."""

    views: DataCache = field(default_factory=lambda: DataCache(VIEW_CACHE_SIZE))
    maps: DataCache = field(default_factory=lambda: DataCache(MAP_CACHE_SIZE))
    tables: DataCache = field(default_factory=lambda: DataCache(TABLE_CACHE_SIZE))
