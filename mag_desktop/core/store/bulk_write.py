"""Writing many observation rows quickly, inside the import's one transaction.

Two things make a large import fast. Rows go in many to a statement: SQLite then does the
work of dozens of rows per call, instead of Python binding and stepping one row at a time.
And a large insert drops the observation indexes first and builds them again afterwards:
sorting once is much faster than a million random B-tree inserts. (Building them with SQLite's
helper threads and a small sort cache was measured too: no faster, so not done.) The importer
(``ingest/bulk.py``) lays the rows out and decides when a large insert is worth the rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

#: parameters to a statement: within the 999 of even the oldest SQLite builds (76 rows of 13)
PARAMETERS = 999


def insert_grid(conn: sqlite3.Connection, import_id: int | None, columns: Sequence[str],
                grid: np.ndarray, table: str = "observation", empty: np.ndarray | None = None
                ) -> None:
    """Insert the rows of ``grid`` (one object array, a row per observation, its values in the
    order of the table's ``columns``, None for NULL), as many to a statement as
    :data:`PARAMETERS` allows, all stamped with the import (unless ``import_id`` is None).

    ``empty`` (the same shape, True where the grid holds None) lets the rows be grouped by the
    cells they leave empty, each group written with NULL in the statement rather than bound:
    Python's sqlite3 looks for an adapter for every None it binds, which costs more than
    binding a number. Rows are then written group by group, not in the grid's order."""
    if empty is None or not empty.any():
        _insert(conn, import_id, columns, grid, table)
        return
    pattern = empty.astype(np.int64) @ (1 << np.arange(len(columns), dtype=np.int64))
    for code in np.unique(pattern).tolist():
        kept = [j for j in range(len(columns)) if not (code >> j) & 1]
        rows = grid[pattern == code][:, kept]
        _insert(conn, import_id, columns, rows, table, nulls=[
            j for j in range(len(columns)) if (code >> j) & 1])


def _insert(conn: sqlite3.Connection, import_id: int | None, columns: Sequence[str],
            grid: np.ndarray, table: str, nulls: Sequence[int] = ()) -> None:
    """``grid`` holds the values of the columns not in ``nulls``, which are written NULL."""
    stamp, stamped = ("", "") if import_id is None else (f", {int(import_id)}", ", import_id")
    values = ", ".join("NULL" if j in nulls else "?" for j in range(len(columns)))
    one = f"({values}{stamp})"
    head = f"INSERT INTO {table}({', '.join(columns)}{stamped}) VALUES "
    if not grid.shape[1]:  # every value NULL: nothing to bind
        conn.executemany(head + one, [()] * len(grid))
        return
    per = max(1, PARAMETERS // grid.shape[1])
    whole = len(grid) - len(grid) % per
    if whole:
        many = grid[:whole].reshape(-1, per * grid.shape[1])
        conn.executemany(head + ", ".join([one] * per), many.tolist())
    if whole < len(grid):
        conn.executemany(head + one, grid[whole:].tolist())


def highest_row_id(conn: sqlite3.Connection) -> int:
    """The largest observation row id (0 for none): about how many rows the table holds."""
    return int(conn.execute("SELECT max(row_id) FROM observation").fetchone()[0] or 0)


@contextmanager
def indexes_dropped(conn: sqlite3.Connection) -> Iterator[None]:
    """Drop the observation indexes, and build them again when the block ends.

    It all happens inside the import's transaction, so a failure (even rebuilding the unique
    index) rolls everything back. The import index only ever grows at its end, so it is kept.
    """
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observation'"
        " AND sql IS NOT NULL AND name != 'observation_import'"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)
