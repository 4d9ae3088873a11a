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

#: 76 rows × 13 values = 988 parameters, within the 999 of even the oldest SQLite builds
ROWS_PER_STATEMENT = 76


def insert_grid(conn: sqlite3.Connection, import_id: int, columns: Sequence[str],
                grid: np.ndarray) -> None:
    """Insert the rows of ``grid`` (one object array, a row per observation, its values in the
    order of the table's ``columns``, None for NULL), ``ROWS_PER_STATEMENT`` to a statement,
    all stamped with the import."""
    one = f"({', '.join('?' * len(columns))}, {int(import_id)})"
    head = f"INSERT INTO observation({', '.join(columns)}, import_id) VALUES "
    whole = len(grid) - len(grid) % ROWS_PER_STATEMENT
    if whole:
        many = grid[:whole].reshape(-1, ROWS_PER_STATEMENT * len(columns))
        conn.executemany(head + ", ".join([one] * ROWS_PER_STATEMENT), many.tolist())
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
