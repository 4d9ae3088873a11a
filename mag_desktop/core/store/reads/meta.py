"""The store's own facts: its data version (moved on by every change) and its file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


def data_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(conn: sqlite3.Connection) -> int:
    """Inside a write: the next data version (it never repeats within one store file)."""
    conn.execute(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        " WHERE key = 'data_version'"
    )
    return data_version(conn)


def set_data_version(conn: sqlite3.Connection, version: int) -> None:
    """Inside a write: put the data version at ``version`` (a restore never moves it back)."""
    conn.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", (str(version),))


def database_file(conn: sqlite3.Connection) -> str:
    """The file the connection reads ("memory:<id>" for a database in memory)."""
    path = ""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            path = file or f"memory:{id(conn)}"
    return path


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


def page_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_size").fetchone()[0])


def is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the store holds no commitment and no observation (current or not)."""
    return bool(conn.execute("SELECT NOT EXISTS (SELECT 1 FROM commitment)"
                             " AND NOT EXISTS (SELECT 1 FROM observation)").fetchone()[0])


@contextmanager
def one_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Every read inside sees one state of the store (a read transaction), unless the
    connection is already in a transaction, whose state they see."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")
