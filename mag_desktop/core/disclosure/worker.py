"""Disclosure control of a large import, worked out in a process of its own.

The withheld flags of a million new rows take about two seconds of work that holds Python's
lock for most of it (many small array operations on each indicator's breakdowns). On a thread
of the importing process it cannot overlap with writing the rows, which needs the lock too, so
it used to wait for the index rebuild and then hold up the commit. In a process of its own it
has its own lock, and runs on the other core while the rows are written.

The worker is started ("spawn", never "fork": the caller may run a QApplication and threads)
as a large file's import begins, so that its start (a new interpreter importing pandas) falls
in the pre-flight, when the second core is idle; it serves that import and ends with it. It is
given the rows as numbered codes and plain arrays (a tenth of the bytes of the objects), and
runs the same function as the importing process would, so the flags are the same. If it cannot
be started, dies, fails, or does not answer in time, the flags are worked out in this process
instead, as for a small import: the import never depends on the worker to be right. An import
that ends before it needs the flags (a rejected file, a full disk) stops the worker at once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import codes_of

#: the columns of an import's rows that disclosure control reads
COLUMNS = ("indicator", "period", "area_code", "group_code", "value", "numerator",
           "denominator", "marker")
Packed = dict[str, tuple[np.ndarray, np.ndarray | None, Any]]
Compute = Callable[[pd.DataFrame], np.ndarray]
READY = "ready"  # the worker's first message, once it has imported what it needs
#: how long a worker may take to start, or to answer beyond its work (a slow laptop's start
#: is a few seconds; the benchmark's million rows take two); then it is stopped and the
#: flags are worked out in the importing process
START_SECONDS = 120.0
SECONDS_PER_MILLION = 120.0

_STANDING: ContextVar[Worker | None] = ContextVar("disclosure_worker", default=None)


def pack(frame: pd.DataFrame) -> Packed:
    """The columns disclosure control reads: numbers as they are, text as (codes, the distinct
    values), which pickle as a few arrays rather than a million objects."""
    packed: Packed = {}
    for name in COLUMNS:
        column = frame[name]
        if column.dtype.kind in "biuf":
            packed[name] = (column.to_numpy(), None, column.dtype)
        else:
            codes, uniques = codes_of(column.to_numpy(dtype=object))
            packed[name] = (codes, uniques, column.dtype)
    return packed


def unpack(packed: Packed) -> pd.DataFrame:
    """The frame :func:`pack` was given, restricted to :data:`COLUMNS` (the same values, of
    the same types: None and NaN kept apart)."""
    return pd.DataFrame({
        name: pd.Series(values if uniques is None else uniques[values], dtype=dtype, copy=False)
        for name, (values, uniques, dtype) in packed.items()})


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """The worker's loop: say it is ready, then one job at a time, until told to stop or the
    importer is gone."""
    from mag_desktop.core.disclosure.refresh import flags_in_memory  # imported before any job

    try:
        conn.send(READY)
        while (job := conn.recv()) is not None:
            packed, args = job
            try:
                reply: tuple[str, Any] = ("ok", flags_in_memory(unpack(packed), *args))
            except Exception as exc:  # the importer works them out itself, and sees it there
                reply = ("failed", f"{type(exc).__name__}: {exc}")
            conn.send(reply)
    except Exception:  # the importer has gone, or stopped the job half sent: nothing to do
        return


class Worker:
    """One process that works out withheld flags, started now and stopped by :meth:`close`."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), name="mag-disclosure",
                                        daemon=True)
        try:
            self._process.start()
        finally:
            child.close()
        self._lock = threading.Lock()  # one job at a time on the pipe
        self._ready = False
        self._closing = threading.Event()
        self._waiting: threading.Thread | None = None
        self.ended = threading.Event()  # set once the process has ended and been waited for

    def submit(self, frame: pd.DataFrame, args: tuple[object, ...],
               here: Compute) -> Future[np.ndarray]:
        """Flags for ``frame`` from the worker; ``here(frame)`` works them out in this process
        if the worker cannot (it is then run on a thread of its own). The rows are sent from
        that thread too, so the caller goes on while the worker takes them in."""
        done: Future[np.ndarray] = Future()
        packed = pack(frame)

        def wait() -> None:
            reply = None
            with self._lock:
                if not self._closing.is_set():
                    reply = self._job(packed, args, len(frame))
            if reply is None and self._closing.is_set():
                done.cancel()  # the import has ended without them: nobody waits
                return
            try:
                done.set_result(reply if reply is not None else here(frame))
            except BaseException as exc:  # raised to the caller by result()
                done.set_exception(exc)

        self._waiting = threading.Thread(target=wait, name="disclosure-wait", daemon=True)
        self._waiting.start()
        return done

    def _job(self, packed: Packed, args: tuple[object, ...], rows: int) -> np.ndarray | None:
        """The worker's flags, or None if it is gone, failed, or did not answer in time (it
        is then stopped)."""
        try:
            if not self._ready:
                self._ready = self._message(START_SECONDS) == READY
                if not self._ready:
                    self._stop()
                    return None
            self._conn.send((packed, args))
            reply = self._message(START_SECONDS + SECONDS_PER_MILLION * rows / 1e6)
        except (EOFError, OSError, ValueError):
            return None
        if not isinstance(reply, tuple):
            self._stop()
            return None
        status, value = reply
        return value if status == "ok" else None

    def _message(self, timeout: float) -> object:
        """The worker's next message; None if it ends or says nothing within ``timeout``."""
        ready = multiprocessing.connection.wait([self._conn, self._process.sentinel], timeout)
        if self._conn not in ready or not self._conn.poll():
            return None
        return self._conn.recv()

    def _stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        return None

    def close(self) -> None:
        """Stop the worker, and leave it to end on its own: a thread waits for it, so the
        import is not kept waiting. A job still in flight (the import failed before it needed
        the flags) is stopped at once."""
        self._closing.set()
        threading.Thread(target=self._end, name="disclosure-end", daemon=True).start()

    def _end(self) -> None:
        try:
            if self._lock.acquire(blocking=False):  # no job in flight: ask it to stop
                try:
                    with suppress(OSError, ValueError):
                        self._conn.send(None)
                finally:
                    self._lock.release()
                self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=5)
            if self._waiting is not None:
                self._waiting.join(timeout=10)
            self._conn.close()
        finally:
            self.ended.set()


@contextmanager
def standing_by(wanted: bool) -> Iterator[None]:
    """Start a worker for the block (when ``wanted`` and the machine has a second core); the
    flags of new rows worked out in the block use it (:func:`standing`)."""
    worker = None
    if wanted and (os.cpu_count() or 1) >= 2 and _main_is_guarded():
        try:
            worker = Worker()
        except (OSError, RuntimeError):  # cannot start a process here: threads will do
            worker = None
    token = _STANDING.set(worker)
    try:
        yield
    finally:
        _STANDING.reset(token)
        if worker is not None:
            worker.close()


def _main_is_guarded() -> bool:
    """Whether a spawned process may import the main script again: a new process runs the
    main script's top level, so one without ``if __name__ == "__main__":`` would run the
    whole import a second time. The command line, the window, a frozen build and an
    interactive session are safe; a script without the guard gets threads instead."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(sys, "frozen", False) or not path:
        return True
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"""__name__\s*==\s*["']__main__["']""", source) is not None


def standing() -> Worker | None:
    """The worker started for the import under way, if any."""
    return _STANDING.get()
