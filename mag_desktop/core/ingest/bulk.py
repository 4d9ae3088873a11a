"""Writing many observation rows quickly, inside the import's one transaction.

Two things make a large import fast. Rows go in many to a statement: SQLite then does the
work of dozens of rows per call, instead of Python binding and stepping one row at a time.
And a large insert drops the observation indexes first and builds them again afterwards:
sorting once is much faster than a million random B-tree inserts. (Building them with SQLite's
helper threads and a small sort cache was measured too: no faster, so not done.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from mag_desktop.core.ingest.observations import KEY, NUMERIC

#: the validated frame's columns, in the order of the observation table's columns below
FRAME_COLUMNS = (*KEY, *NUMERIC, "marker", "group_label", "limits_source", "withheld")
TABLE_COLUMNS = ("indicator_code", *FRAME_COLUMNS[1:])
#: 76 rows × 13 values = 988 parameters, within the 999 of even the oldest SQLite builds
ROWS_PER_STATEMENT = 76
#: below this many rows (or fewer than the table already holds) the indexes are kept
BULK_ROWS = 50_000


def _grid(rows: pd.DataFrame) -> np.ndarray:
    """The rows as one object array in table order, NaN as None (SQL NULL)."""
    grid = np.empty((len(rows), len(FRAME_COLUMNS)), dtype=object)
    for j, name in enumerate(FRAME_COLUMNS):
        if name in NUMERIC:
            values = rows[name].to_numpy(dtype="float64")
            column = values.astype(object)
            column[np.isnan(values)] = None
            grid[:, j] = column
        elif name == "withheld":
            grid[:, j] = (rows[name].to_numpy(dtype=np.int64) if name in rows
                          else np.zeros(len(rows), dtype=np.int64)).astype(object)
        else:
            grid[:, j] = rows[name].to_numpy(dtype=object)
    return grid


def insert_observations(conn: sqlite3.Connection, import_id: int, rows: pd.DataFrame) -> None:
    """Insert the rows, ``ROWS_PER_STATEMENT`` to a statement, all stamped with the import."""
    grid = _grid(rows)
    one = f"({', '.join('?' * len(TABLE_COLUMNS))}, {int(import_id)})"
    head = f"INSERT INTO observation({', '.join(TABLE_COLUMNS)}, import_id) VALUES "
    whole = len(grid) - len(grid) % ROWS_PER_STATEMENT
    if whole:
        many = grid[:whole].reshape(-1, ROWS_PER_STATEMENT * len(TABLE_COLUMNS))
        conn.executemany(head + ", ".join([one] * ROWS_PER_STATEMENT), many.tolist())
    if whole < len(grid):
        conn.executemany(head + one, grid[whole:].tolist())


@contextmanager
def indexes_rebuilt(conn: sqlite3.Connection, adding: int) -> Iterator[None]:
    """For a large insert, drop the observation indexes and build them again afterwards.

    It all happens inside the import's transaction, so a failure (even rebuilding the unique
    index) rolls everything back. The import index only ever grows at its end, so it is kept.
    """
    present = conn.execute("SELECT max(row_id) FROM observation").fetchone()[0] or 0
    if adding < BULK_ROWS or adding < present:
        yield
        return
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observation'"
        " AND sql IS NOT NULL AND name != 'observation_import'"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)
