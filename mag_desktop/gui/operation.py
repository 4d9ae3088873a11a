"""One way in for long work from a dialog: an operation run in the background, with typed
``success`` / ``failure`` callbacks and optional progress, in the spirit of Anki's ``QueryOp``
and ``CollectionOp``.

A dialog receives an :class:`Operations` (the window's runner and session, a way to say that
the data changed, to report an error and to leave a word in the status bar) instead of the
whole main window, and writes each action in a few lines::

    ops.read(self, list_imports, success=self.show_rows).run_in_background()
    ops.write(self, lambda store, progress, cancel: undo_import(store, n),
              success=self.undone).failure(self.not_undone).run_in_background()

A :class:`QueryOp` reads or computes; a :class:`CollectionOp` writes to the store and, once it
has succeeded, tells the window the data changed so every tab reloads. Callbacks run on the GUI
thread; the work never touches a widget.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Self, TypeVar

from PySide6.QtWidgets import QWidget

from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.runner import JobRunner, Progress

if TYPE_CHECKING:
    from mag_desktop.gui.session import Session
    from mag_desktop.gui.views.main_window import MainWindow

T = TypeVar("T")


class QueryOp(Generic[T]):
    """``op(progress, cancel)`` on a worker; ``success(result)`` on the GUI thread."""

    def __init__(self, ops: Operations, parent: QWidget | None, *,
                 op: Callable[[Progress, CancelToken], T], success: Callable[[T], None]) -> None:
        self._ops, self._parent, self._op, self._success = ops, parent, op, success
        self._failure: Callable[[str], None] = ops.error
        self._label: str | None = None
        self._progress: Progress | None = None

    def failure(self, on_failure: Callable[[str], None]) -> Self:
        """Called with a plain sentence when the work is refused, fails or is cancelled
        (without it, the window's error dialog says it)."""
        self._failure = on_failure
        return self

    def with_progress(self, label: str) -> Self:
        """A progress dialog with Cancel, shown only when the work lasts half a second."""
        self._label = label
        return self

    def on_progress(self, report: Progress) -> Self:
        """Progress reported to the dialog's own bar (fraction 0–1 and a message)."""
        self._progress = report
        return self

    def _succeeded(self, result: T) -> None:
        self._success(result)

    def _failed(self, message: str) -> None:
        self._failure(message)

    def run_in_background(self) -> CancelToken:
        """Start the work; the token it returns stops it where stopping is safe."""
        return self._ops.runner.run(self._op, self._succeeded, self._failed,
                                    progress_label=self._label, on_progress=self._progress,
                                    parent=self._parent)


class CollectionOp(QueryOp[T]):
    """A write to the store: after it succeeds the window is told the data changed. A write
    that keeps part of its work when stopped (``partial=True``) tells it after a failure too."""

    def __init__(self, ops: Operations, parent: QWidget | None, *,
                 op: Callable[[Progress, CancelToken], T], success: Callable[[T], None],
                 partial: bool = False) -> None:
        super().__init__(ops, parent, op=op, success=success)
        self._partial = partial

    def _succeeded(self, result: T) -> None:
        try:
            self._success(result)
        finally:
            self._ops.changed()

    def _failed(self, message: str) -> None:
        if self._partial:  # what was written before the stop is shown behind the message
            self._ops.changed()
        self._failure(message)


class Operations:
    """What a dialog needs of the window, and nothing more. ``session`` is asked each time (a
    member's window may switch to a newly installed release)."""

    def __init__(self, runner: JobRunner, session: Callable[[], Session], *,
                 changed: Callable[[], None], error: Callable[[str], None],
                 tell: Callable[[str], None]) -> None:
        self.runner = runner
        self._session = session
        self.changed = changed  # the store's content changed: the window reloads
        self.error = error  # a plain sentence in a dialog (kept, when the window is unattended)
        self.tell = tell  # a short word in the status bar

    @property
    def session(self) -> Session:
        return self._session()

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def query(self, parent: QWidget | None, op: Callable[[Progress, CancelToken], T], *,
              success: Callable[[T], None]) -> QueryOp[T]:
        """Any work off the GUI thread (reading a file, verifying a release, saving)."""
        return QueryOp(self, parent, op=op, success=success)

    def read(self, parent: QWidget | None, fn: Callable[[sqlite3.Connection], T], *,
             success: Callable[[T], None]) -> QueryOp[T]:
        """``fn(conn)`` on a read-only connection of the job's own."""
        return QueryOp(self, parent, op=self.session.read(fn), success=success)

    def write(self, parent: QWidget | None,
              fn: Callable[[Store, Progress, CancelToken], T], *,
              success: Callable[[T], None], partial: bool = False) -> CollectionOp[T]:
        """``fn(store, progress, cancel)``, writing; the window reloads after it."""
        return CollectionOp(self, parent, op=self._writing(fn), success=success,
                            partial=partial)

    def dry_run(self, parent: QWidget | None,
                fn: Callable[[Store, Progress, CancelToken], T], *,
                success: Callable[[T], None]) -> QueryOp[T]:
        """Work that goes through the store's writer but keeps nothing (a check, packs
        recorded in the log): the window does not reload after it."""
        return QueryOp(self, parent, op=self._writing(fn), success=success)

    def _writing(self, fn: Callable[[Store, Progress, CancelToken], T]
                 ) -> Callable[[Progress, CancelToken], T]:
        session = self.session
        store = session.store
        return session.writing(lambda progress, cancel: fn(store, progress, cancel))


def window_operations(window: MainWindow) -> Operations:
    """The main window's runner, session, reload, error dialog and status bar, as the dialogs
    need them: the one place that knows the window's parts."""
    return Operations(window.runner, lambda: window.session,
                      changed=lambda: window.controller.data_changed(), error=window.error,
                      tell=lambda text: window.statusBar().showMessage(text, 10000))
