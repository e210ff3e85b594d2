"""A small cache of computed views, keyed by the data set and the view state.

A view state is a frozen dataclass (hashable): the same link, a click undone, back and forward, and the
page's default view on every first load are answered without recomputing. The data set is part of the key
by identity, and held by the entry, so an entry can never be served for another data set.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class ViewCache:
    """Least-recently-used mapping (data set, key) -> value, safe to share between threads."""

    def __init__(self, size: int = 64):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, ds, key: Hashable, compute: Callable[[], object]):
        """The value cached for (``ds``, ``key``), else ``compute()``, kept for next time."""
        slot = (id(ds), key)
        with self._lock:
            entry = self._entries.get(slot)
            if entry is not None and entry[0] is ds:
                self._entries.move_to_end(slot)
                self.hits += 1
                return entry[1]
        value = compute()  # outside the lock: two threads may compute the same view once each, never wait
        with self._lock:
            self.misses += 1
            self._entries[slot] = (ds, value)
            self._entries.move_to_end(slot)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
