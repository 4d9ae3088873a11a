"""The store is safe from any thread: writes wait their turn inside the store, reads run on
each thread's own connection while a write is in progress, and close() closes them all."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import Store


def _log_row(conn: sqlite3.Connection, name: str) -> int:
    cur = conn.execute(
        "INSERT INTO import_log(file_name, sha256, kind, started_at, os_user, outcome)"
        " VALUES (?, 'abc', 'indicators', '2024-10-01T10:00:00', 'clerk', 'committed')",
        (name,),
    )
    return int(cur.lastrowid or 0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "store.sqlite")
    yield opened  # type: ignore[misc]
    opened.close()


def test_two_threads_writing_at_once_take_turns(store: Store) -> None:
    errors: list[BaseException] = []
    inside: list[str] = []
    start = threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            start.wait(5)
            for i in range(5):
                with store.write(f"writing {name}") as conn:
                    inside.append(f"{name} in")
                    _log_row(conn, f"{name}-{i}")
                    time.sleep(0.01)  # long enough for the other thread to try to come in
                    _log_row(conn, f"{name}-{i}-b")
                    store.bump_data_version(conn)
                    inside.append(f"{name} out")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []  # no "database is locked", no transaction inside a transaction
    # Every write ran whole before the next began: "in" and "out" alternate, same name.
    pairs = list(zip(inside[::2], inside[1::2], strict=True))
    assert all(a.split()[0] == b.split()[0] and a.endswith("in") and b.endswith("out")
               for a, b in pairs)
    assert len(pairs) == 10
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM import_log").fetchone()[0] == 20
    assert store.data_version() == 10


def test_a_failed_write_on_one_thread_lets_the_next_one_in(store: Store) -> None:
    def failing() -> None:
        with pytest.raises(RuntimeError), store.write() as conn:
            _log_row(conn, "lost")
            raise RuntimeError("stop")

    thread = threading.Thread(target=failing)
    thread.start()
    thread.join(10)
    with store.write() as conn:
        _log_row(conn, "kept")
    with store.read() as conn:
        assert [r[0] for r in conn.execute("SELECT file_name FROM import_log")] == ["kept"]


def test_worker_threads_read_while_a_write_runs(store: Store) -> None:
    with store.write() as conn:
        _log_row(conn, "first")
        store.bump_data_version(conn)
    inside, finish = threading.Event(), threading.Event()

    def writer() -> None:
        with store.write() as conn:
            _log_row(conn, "second")
            store.bump_data_version(conn)
            with store.read() as own:  # inside its write, a thread reads what it wrote
                assert own.execute("SELECT count(*) FROM import_log").fetchone()[0] == 2
            inside.set()
            finish.wait(10)

    seen: list[tuple[int, int]] = []
    failures: list[BaseException] = []

    def reader() -> None:
        try:
            with store.read() as conn:
                count = conn.execute("SELECT count(*) FROM import_log").fetchone()[0]
            seen.append((count, store.data_version()))
        except BaseException as exc:
            failures.append(exc)

    writing = threading.Thread(target=writer)
    writing.start()
    try:
        assert inside.wait(10)
        readers = [threading.Thread(target=reader) for _ in range(4)]
        started = time.perf_counter()
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join(10)
        assert time.perf_counter() - started < 5  # the readers never waited for the write
    finally:
        finish.set()
        writing.join(10)
    assert failures == []
    assert seen == [(1, 1)] * 4  # the last committed state, never the write in progress
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM import_log").fetchone()[0] == 2


def test_each_thread_keeps_one_read_connection_and_close_closes_them(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store.sqlite")
    held: list[sqlite3.Connection] = []
    gate = threading.Event()

    def reader() -> None:
        with store.read() as first, store.read() as second:
            assert first is second
            held.append(first)
        gate.wait(10)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    while len(held) < 3:
        time.sleep(0.01)
    with store.read() as mine:
        held.append(mine)
    assert len({id(c) for c in held}) == 4
    gate.set()
    for thread in threads:
        thread.join(10)
    store.close()
    for conn in held:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    with pytest.raises(StoreError, match="closed"), store.read():
        pass


def test_read_connections_of_finished_threads_are_closed(store: Store) -> None:
    held: list[sqlite3.Connection] = []

    def reader() -> None:
        with store.read() as conn:
            held.append(conn)

    for _ in range(3):
        thread = threading.Thread(target=reader)
        thread.start()
        thread.join(10)
    with store.read():
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        held[0].execute("SELECT 1")
    assert store._readers.open_count() == 1  # this thread's only
