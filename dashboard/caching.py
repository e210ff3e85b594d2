"""Results computed from a data set, kept per worker and served again only for that very data set.

Two kinds: :class:`DataCache` for what is derived from one data set, :class:`KeyCache` for the rest.

One cache for the page's views, maps and sorted tables (bounded by count: ``DataCache(64)``) and for the
exports' rendered files (bounded by bytes: ``DataCache(64 * 2**20, sizeof=len)``). A view state is a frozen
dataclass (hashable), so the same link, a click undone, back and forward and the page's default view on every
first load are answered without computing again.

The least-recently-used bookkeeping is cachetools' ``LRUCache`` (by count, or by size through ``getsizeof``);
around it, what the app needs:

* the key is (data set, key), the data set by identity and held weakly: an entry is served only for the very
  data set it was computed from (never for another one, even one that took the place of a freed one in
  memory), and a data set replaced by an import is freed once no request uses it;
* a lock, as cachetools' caches are not thread-safe; the value is computed outside it, so two threads may
  compute the same value once each, and never wait for each other;
* hits and misses counted (tests and benchmarks read them).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable

import cachetools


class DataCache:
    """Least-recently-used mapping (data set, key) -> value, at most ``maxsize`` entries, or ``maxsize`` in
    total of ``sizeof(value)`` when ``sizeof`` is given (a value larger than that is computed, not kept)."""

    def __init__(self, maxsize: int, *, sizeof: Callable[[object], int] | None = None):
        self.maxsize = maxsize
        self._entries = cachetools.LRUCache(maxsize, getsizeof=(lambda entry: sizeof(entry[1])) if sizeof else None)
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, ds, key: Hashable, compute: Callable[[], object]):
        """The value kept for (``ds``, ``key``), else ``compute()``'s, kept for next time."""
        slot = (id(ds), key)
        with self._lock:
            entry = self._entries.get(slot)
            if entry is not None and entry[0]() is ds:
                self.hits += 1
                return entry[1]
        value = compute()
        with self._lock:
            self.misses += 1
            try:
                self._entries[slot] = (weakref.ref(ds), value)
            except ValueError:  # larger than the whole cache: served, not kept
                pass
        return value


class KeyCache:
    """Least-recently-used mapping key -> value, at most ``maxsize`` entries, safe to share between threads: for
    what is not derived from one data set (the data sets of old versions, which never change once written)."""

    def __init__(self, maxsize: int):
        self._entries = cachetools.LRUCache(maxsize)
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], object]):
        """The value kept for ``key``, else ``compute()``'s (computed outside the lock), kept for next time."""
        with self._lock:
            if key in self._entries:
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
