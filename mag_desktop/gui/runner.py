"""Running core work off the GUI thread, with results and progress back through queued signals.

``JobRunner.run(fn, on_done, on_error, progress_label=...)`` calls ``fn(progress, cancel)`` on a
QThreadPool worker. The worker's signals are connected to slots of the runner, which lives on
the GUI thread, so every widget is touched only there. A progress dialog appears only when a
job has run for half a second, so quick jobs never flash one.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from mag_desktop.core.errors import MagError
from mag_desktop.core.store import faults
from mag_desktop.core.tasks import Cancelled, CancelToken
from mag_desktop.logs import log

T = TypeVar("T")
Progress = Callable[[float, str], None]  # fraction done (0–1) and a message
Work = Callable[[Progress, CancelToken], object]
SHOW_AFTER_MS = 500


@dataclass
class _Waiting:
    """A job started and not yet answered, as the GUI thread keeps it."""

    done: Callable[[Any], None]  # the job's own result type (checked where it is started)
    error: Callable[[str], None] | None
    cancel: CancelToken
    label: str | None
    progress: Progress | None
    parent: QWidget | None
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    last: tuple[float, str] | None = None  # the latest progress, for a dialog shown later


class _Signals(QObject):
    progress = Signal(int, float, str)
    done = Signal(int, object)
    failed = Signal(int, str, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Work, cancel: CancelToken, signals: _Signals,
                 store_path: Path | None = None) -> None:
        super().__init__()
        self.job_id, self.work, self.cancel, self.signals = job_id, work, cancel, signals
        self.store_path = store_path
        self.setAutoDelete(True)

    def run(self) -> None:
        def progress(fraction: float, message: str) -> None:
            # Only reports: the core checks the cancel token where stopping is safe.
            self.signals.progress.emit(self.job_id, float(fraction), str(message))

        try:
            result = self.work(progress, self.cancel)
        except Cancelled as exc:
            self.signals.failed.emit(self.job_id, "cancelled", str(exc))
        except MagError as exc:
            log.warning("refused: %s", exc)
            self.signals.failed.emit(self.job_id, "error", str(exc))
        except faults.FAULTS as exc:  # a store or disk fault, said plainly if known
            fault = faults.plain(exc, self.store_path)
            if fault is None:
                self._bug(exc)
            else:
                log.warning("refused: %s", fault, exc_info=exc)
                self.signals.failed.emit(self.job_id, "error", str(fault))
        except Exception as exc:  # a bug: keep the details for the log, show a plain line
            self._bug(exc)
        else:
            self.signals.done.emit(self.job_id, result)

    def _bug(self, exc: BaseException) -> None:
        log.error("unexpected error in a background job", exc_info=exc)
        detail = "".join(traceback.format_exception(exc))
        self.signals.failed.emit(self.job_id, "bug", f"{type(exc).__name__}: {exc}\n{detail}")


class JobRunner(QObject):
    """Owns the pool; one object per window. Jobs are numbered; stale results can be dropped."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(4)  # reads keep flowing while a write waits
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._next = 0
        self._jobs: dict[int, _Waiting] = {}
        self.store_path: Path | None = None  # named in store faults (with its backups)

    @property
    def active(self) -> int:
        return len(self._jobs)

    def run(self, work: Callable[[Progress, CancelToken], T], on_done: Callable[[T], None],
            on_error: Callable[[str], None] | None = None, *,
            progress_label: str | None = None,
            on_progress: Progress | None = None,
            parent: QWidget | None = None) -> CancelToken:
        """``work(progress, cancel)`` on a worker; ``on_done(result)`` or ``on_error(message)``
        on the GUI thread. With ``progress_label``, a progress dialog over ``parent`` (or the
        dialog open, or the window) once the work has lasted half a second."""
        self._next += 1
        job_id = self._next
        cancel = CancelToken()
        job = _Waiting(on_done, on_error, cancel, progress_label, on_progress, parent)
        self._jobs[job_id] = job
        if progress_label:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._show_dialog(job_id))
            timer.start(SHOW_AFTER_MS)
            job.timer = timer
        self.busy_changed.emit(True)
        self._pool.start(_Job(job_id, work, cancel, self._signals, self.store_path))
        return cancel

    def _show_dialog(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        parent = (job.parent or QApplication.activeModalWidget()  # above an open dialog
                  or self._parent)
        label = job.label or ""
        dialog = QProgressDialog(label, "Cancel", 0, 1000, parent)
        dialog.setWindowTitle("MAG Desktop")
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel.cancel)
        job.dialog = dialog
        if job.last is not None:  # what the work said before the dialog was due
            self._update(dialog, label, *job.last)
        dialog.show()

    @Slot(int, float, str)
    def _on_progress(self, job_id: int, fraction: float, message: str) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.last = (fraction, message)
        if job.progress is not None:
            job.progress(fraction, message)
        if job.dialog is not None:
            self._update(job.dialog, job.label or "", fraction, message)

    @staticmethod
    def _update(dialog: QProgressDialog, label: str, fraction: float, message: str) -> None:
        dialog.setValue(int(fraction * 1000))
        dialog.setLabelText(f"{label}\n{message}")

    def _finish(self, job_id: int) -> _Waiting | None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return None
        if job.timer is not None:
            job.timer.stop()
            job.timer.deleteLater()
        if job.dialog is not None:
            job.dialog.close()
            job.dialog.deleteLater()
        if not self._jobs:
            self.busy_changed.emit(False)
        return job

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        job = self._finish(job_id)
        if job:
            job.done(result)

    @Slot(int, str, str)
    def _on_failed(self, job_id: int, kind: str, message: str) -> None:
        job = self._finish(job_id)
        if job and job.error is not None:  # a cancelled job says so too
            job.error(f"Unexpected error: {message.split(chr(10), 1)[0]}\n\nThe details "
                         "are in the log (Help › Show log folder)." if kind == "bug" else message)

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job is done (for tests and for closing the window)."""
        return bool(self._pool.waitForDone(msecs))
