"""The window's session keeps no write lock of its own: write jobs on worker threads take their
turn inside the store, and read jobs run while a write is in progress."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mag_desktop.core.store import import_log
from mag_desktop.gui.session import Session


def test_two_write_jobs_at_once_take_turns_and_reads_go_on(tmp_path: Path) -> None:
    session = Session(tmp_path / "store.sqlite")
    assert not hasattr(session, "write_lock")
    order: list[str] = []
    writing = threading.Event()
    failures: list[BaseException] = []

    def job(name: str):  # type: ignore[no-untyped-def]
        def body(_progress, _cancel):  # type: ignore[no-untyped-def]
            with session.store.write(f"job {name}") as conn:
                order.append(f"{name} in")
                writing.set()
                import_log.begin(conn, file_name=f"{name}.xlsx", sha256=name * 64,
                                 kind="indicators", sheet=None, period=None, rows_read=1,
                                 rows_valid=1, started_at="2025-01-01T00:00:00",
                                 os_user="clerk", backup_path="")
                time.sleep(0.2)
                order.append(f"{name} out")
            return name
        return session.writing(body)

    def run(work) -> None:  # type: ignore[no-untyped-def]
        try:
            work(None, None)
        except BaseException as exc:  # the assertion below reports it
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(job(n),)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    assert writing.wait(10)
    counted = session.read(lambda conn: import_log.count_committed(conn))()
    assert counted in (0, 1)  # a read during the writes sees committed rows only, at once
    for thread in threads:
        thread.join(20)
    assert failures == []
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    assert session.read(import_log.count_committed)() == 2
    session.close()
