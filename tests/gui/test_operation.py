"""The operation helper: work runs off the GUI thread and its result comes back on it; a failure
goes to ``failure`` (or the window's error); a write tells the window the data changed after it
succeeds (and after a failure only when it keeps part of its work); progress reaches the
dialog's own bar."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from mag_desktop.core.errors import MagError
from mag_desktop.core.store import Store, import_log
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import JobRunner, Progress
from mag_desktop.gui.session import Session


class Seen:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[str] = []
        self.changed = 0
        self.told: list[str] = []
        self.threads: list[threading.Thread] = []


@pytest.fixture
def ops(qtbot, sample_store: Path):  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    session = Session(sample_store)
    seen = Seen()

    def changed() -> None:
        seen.changed += 1

    made = Operations(runner, lambda: session, changed=changed, error=seen.errors.append,
                      tell=seen.told.append)
    yield made, seen
    runner.wait()
    session.close()


def test_a_query_runs_off_the_gui_thread_and_answers_on_it(ops, qtbot) -> None:  # type: ignore[no-untyped-def]
    made, seen = ops
    answered_on: list[threading.Thread] = []

    def count(conn) -> int:  # type: ignore[no-untyped-def]
        seen.threads.append(threading.current_thread())
        return int(conn.execute("SELECT count(*) FROM theme").fetchone()[0])

    def success(themes: int) -> None:
        answered_on.append(threading.current_thread())
        seen.results.append(themes)

    made.read(None, count, success=success).run_in_background()
    qtbot.waitUntil(lambda: bool(seen.results), timeout=10000)
    assert seen.results == [8]
    assert seen.threads[0] is not threading.main_thread()
    assert answered_on == [threading.main_thread()]
    assert seen.changed == 0  # a read changes nothing


def test_a_failure_goes_to_failure_or_else_to_the_windows_error(ops, qtbot) -> None:  # type: ignore[no-untyped-def]
    made, seen = ops

    def refused(_progress: Progress, _cancel: CancelToken) -> int:
        raise MagError("the file is not a spreadsheet")

    mine: list[str] = []
    made.query(None, refused, success=seen.results.append).failure(mine.append) \
        .run_in_background()
    made.query(None, refused, success=seen.results.append).run_in_background()
    qtbot.waitUntil(lambda: bool(mine) and bool(seen.errors), timeout=10000)
    assert mine == ["the file is not a spreadsheet"] == seen.errors
    assert seen.results == []


def test_a_write_tells_the_window_after_success_only(ops, qtbot) -> None:  # type: ignore[no-untyped-def]
    made, seen = ops

    def write(store: Store, _progress: Progress, _cancel: CancelToken) -> str:
        with store.write("importing t.xlsx") as conn:
            import_log.begin(conn, file_name="t.xlsx", sha256="t" * 64, kind="indicators",
                             sheet=None, period=None, rows_read=1, rows_valid=1,
                             started_at="2026-01-01T00:00:00", os_user="clerk",
                             backup_path="")
        return "written"

    def fail(_store: Store, _progress: Progress, _cancel: CancelToken) -> str:
        raise MagError("nothing was imported")

    made.write(None, write, success=seen.results.append).run_in_background()
    qtbot.waitUntil(lambda: seen.changed == 1, timeout=10000)
    assert seen.results == ["written"]
    made.write(None, fail, success=seen.results.append).run_in_background()
    qtbot.waitUntil(lambda: bool(seen.errors), timeout=10000)
    assert seen.changed == 1  # all or nothing: a failed write changed nothing
    made.write(None, fail, success=seen.results.append, partial=True).run_in_background()
    qtbot.waitUntil(lambda: len(seen.errors) == 2, timeout=10000)
    assert seen.changed == 2  # what a stopped write kept is shown


def test_progress_reaches_the_dialogs_bar_and_cancel_stops(ops, qtbot) -> None:  # type: ignore[no-untyped-def]
    made, seen = ops
    reported: list[tuple[float, str]] = []
    started = threading.Event()

    def long(progress: Progress, cancel: CancelToken) -> int:
        progress(0.25, "a quarter")
        started.set()
        for _ in range(500):
            cancel.check()
            threading.Event().wait(0.01)
        return 1

    token = made.query(None, long, success=seen.results.append) \
        .on_progress(lambda f, m: reported.append((f, m))).with_progress("Working") \
        .failure(seen.errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(reported), timeout=10000)
    assert reported[0] == (0.25, "a quarter")
    token.cancel()
    qtbot.waitUntil(lambda: bool(seen.errors), timeout=10000)
    assert seen.results == []
    QApplication.processEvents()
