"""Two windows on one store: an idle window holds no lock, so the second opens ready to write;
a write that meets another window's write is refused in plain words, and the next one works."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreBusyError
from mag_desktop.core.store import import_log
from mag_desktop.gui.session import Session


def _log_an_import(conn, name: str) -> None:  # type: ignore[no-untyped-def]
    import_log.begin(conn, file_name=name, sha256=name[:1] * 64, kind="indicators", sheet=None,
                     period=None, rows_read=1, rows_valid=1, started_at="2026-01-01T00:00:00",
                     os_user="clerk", backup_path="")


def test_second_session_on_an_idle_store_can_write(sample_store: Path) -> None:
    path = sample_store
    first, second = Session(path), Session(path)
    try:
        assert not first.read_only and not second.read_only, second.read_only_reason
        with second.store.write("importing b.xlsx") as conn:
            _log_an_import(conn, "b.xlsx")
        with first.store.write("importing a.xlsx") as conn:  # the first still writes after
            _log_an_import(conn, "a.xlsx")
    finally:
        first.close()
        second.close()


def test_a_write_during_another_windows_import_is_refused_plainly(sample_store: Path) -> None:
    path = sample_store
    first, second = Session(path), Session(path)
    inside, leave = threading.Event(), threading.Event()

    def importing(_progress, _cancel) -> None:  # type: ignore[no-untyped-def]
        with first.store.write("importing q3.xlsx") as conn:
            _log_an_import(conn, "q3.xlsx")
            inside.set()
            assert leave.wait(20)

    thread = threading.Thread(target=first.writing(importing), args=(None, None))
    thread.start()
    try:
        assert inside.wait(20)
        def undo(_progress, _cancel) -> None:  # type: ignore[no-untyped-def]
            with second.store.write("undoing import 1"):
                pass

        with pytest.raises(StoreBusyError) as caught:
            second.writing(undo)(None, None)
        message = str(caught.value)
        assert message.startswith("Another MAG Desktop window on this computer is importing "
                                  "q3.xlsx (since ")
        assert "Nothing was changed here" in message
        assert " on vm" not in message and "process" not in message
    finally:
        leave.set()
        thread.join(20)
    with second.store.write("importing later.xlsx") as conn:  # free again once it ends
        _log_an_import(conn, "later.xlsx")
    assert second.read(lambda conn: conn.execute(
        "SELECT count(*) FROM import_log WHERE file_name = 'later.xlsx'").fetchone()[0])() == 1
    first.close()
    second.close()
