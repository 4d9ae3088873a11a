"""A small, bounded, per-process memo keyed by the store (file, data version).

Packs for the wards of one authority ask the same questions again and again: the same
indicator definitions, the same areas, the authority's, the WMCA's and England's figures.
A :class:`StoreMemo` answers each once per store file and data version: every change to the
data moves the version on, so an answer read before a change is never given after it (the
entries of an older version of the same file are dropped as soon as a newer one is seen).
The least recently used entries go first when the memo is full.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from mag_desktop.core.query import lookups

T = TypeVar("T")


class StoreMemo(Generic[T]):
    """``get(conn, key, make)``: ``make()`` once per (store file, data version, key)."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[tuple[Any, ...], T] = OrderedDict()
        self._versions: dict[str, int] = {}
        self._lock = threading.Lock()

    def get(self, conn: sqlite3.Connection, key: Hashable, make: Callable[[], T]) -> T:
        store, version = lookups.store_key(conn)
        return self.get_at((store, version), key, make)

    def get_at(self, store_key: tuple[str, int], key: Hashable, make: Callable[[], T]) -> T:
        """As :meth:`get`, with the store's key already read."""
        store, version = store_key
        full = (store, version, key)
        with self._lock:
            if self._versions.get(store) != version:
                for old in [k for k in self._items if k[0] == store]:
                    del self._items[old]
                self._versions[store] = version
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
        value = make()
        with self._lock:
            if self._versions.get(store) == version:
                self._items[full] = value
                while len(self._items) > self.maxsize:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._versions.clear()

    def __len__(self) -> int:
        return len(self._items)
