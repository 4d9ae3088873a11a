"""An iterator run on a thread of its own, a few items ahead of its reader.

For work that runs without Python's lock (inflating a part with ISA-L, cutting a sheet into
pieces), so that it overlaps the checks that read its items on the caller's thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Ahead(Generic[T]):
    """The items of an iterator, made on a thread of its own a few ahead of the caller; what
    it raises is raised to the caller in the item's place. :meth:`close` stops it."""

    def __init__(self, make: Callable[[], Iterator[T]], ahead: int = 2,
                 name: str = "cut-pieces") -> None:
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, args=(make,), name=name, daemon=True)
        self._thread.start()

    def _run(self, make: Callable[[], Iterator[T]]) -> None:
        items: Iterator[T] | None = None
        try:
            items = make()
            for item in items:
                if not self._put("item", item):
                    return
            self._put("end", None)
        except BaseException as exc:  # given to the caller, who raises it
            self._put("error", exc)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    def _put(self, kind: str, value: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put((kind, value), timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Ahead[T]:
        return self

    def __next__(self) -> T:
        while not self._done:
            try:
                kind, value = self._queue.get(timeout=0.1)
                break
            except queue.Empty:  # closed, or ended without a word: nothing more comes
                ended = not self._thread.is_alive() and self._queue.empty()
                self._done = self._stop.is_set() or ended
        if self._done:
            raise StopIteration
        if kind == "item":
            return value  # type: ignore[return-value]
        self._done = True
        if isinstance(value, BaseException):
            raise value
        raise StopIteration

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
