"""The one way in for long work: a progress callback and a cancel token.

A core function that may take more than a moment accepts ``progress`` and ``cancel``. The window
runs it on a worker thread and shows a bar; the CLI prints one; tests pass nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from mag_desktop.core.errors import MagError

#: progress(fraction from 0 to 1, a short message for people)
Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """The default progress callback: report nothing."""


class Cancelled(MagError):
    """The user cancelled; nothing was written."""

    exit_code = 130

    def __init__(self, message: str = "cancelled: nothing was changed") -> None:
        super().__init__(message)


class CancelToken:
    """Thread-safe flag: the GUI sets it, the worker checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled()


class Steps:
    """Map the progress of consecutive steps onto one 0–1 bar, with weights per step."""

    def __init__(self, progress: Progress, cancel: CancelToken | None, **weights: float) -> None:
        self._progress = progress
        self._cancel = cancel or CancelToken()
        total = sum(weights.values()) or 1.0
        self._spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, weight in weights.items():
            self._spans[name] = (start, weight / total)
            start += weight / total

    def report(self, step: str, fraction: float, message: str) -> None:
        self._cancel.check()
        start, width = self._spans[step]
        self._progress(min(1.0, start + width * max(0.0, min(1.0, fraction))), message)

    def check(self) -> None:
        self._cancel.check()


_paused = 0
_paused_lock = threading.Lock()
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while bulk work makes millions of short-lived objects.

    Reading a large sheet creates a list per row; each burst of allocations would otherwise
    set off a collection that walks every object still alive (about a third of an import's
    reading time). Nothing built here forms reference cycles, so nothing waits to be freed.
    The collector is process-wide: the last of several overlapping pauses turns it back on.
    """
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
