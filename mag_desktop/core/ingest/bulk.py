"""Writing many observation rows quickly, inside the import's one transaction.

Two things make a large import fast (see :mod:`mag_desktop.core.store.bulk_write`, which runs
the SQL): rows go in many to a statement, and a large insert drops the observation indexes
first and builds them again afterwards. This module lays the validated rows out as the table
wants them and decides when an insert is large enough for the rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from mag_desktop.core.ingest.observations import KEY, NUMERIC
from mag_desktop.core.store import bulk_write

#: the validated frame's columns, in the order of the observation table's in TABLE_COLUMNS
FRAME_COLUMNS = (*KEY, *NUMERIC, "marker", "group_label", "limits_source", "withheld")
TABLE_COLUMNS = ("indicator_code", *FRAME_COLUMNS[1:])
#: text columns that may hold NULL (the others are codes and labels, never empty)
MAY_BE_EMPTY = ("marker", "limits_source")
#: below this many rows (or fewer than the table already holds) the indexes are kept
BULK_ROWS = 50_000


def grid_of(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(the rows as one object array in table order, NaN as None (SQL NULL); True where it
    holds None), the second for :func:`bulk_write.insert_grid`."""
    grid = np.empty((len(rows), len(FRAME_COLUMNS)), dtype=object)
    empty = np.zeros(grid.shape, dtype=bool)
    for j, name in enumerate(FRAME_COLUMNS):
        if name in NUMERIC:
            values = rows[name].to_numpy(dtype="float64")
            column = values.astype(object)
            empty[:, j] = np.isnan(values)
            column[empty[:, j]] = None
            grid[:, j] = column
        elif name == "withheld":  # set once the rows are in (disclosure control)
            grid[:, j] = 0
        else:
            column = rows[name].to_numpy(dtype=object)
            if name in MAY_BE_EMPTY:
                empty[:, j] = pd.isna(column)
            grid[:, j] = column
    return grid, empty


def insert_observations(conn: sqlite3.Connection, import_id: int, rows: pd.DataFrame) -> None:
    """Insert the rows, many to a statement, all stamped with the import."""
    grid, empty = grid_of(rows)
    bulk_write.insert_grid(conn, import_id, TABLE_COLUMNS, grid, empty=empty)


@contextmanager
def indexes_rebuilt(conn: sqlite3.Connection, adding: int) -> Iterator[None]:
    """For a large insert, drop the observation indexes and build them again afterwards
    (inside the import's transaction: a failure, even rebuilding them, rolls everything back)."""
    if adding < BULK_ROWS or adding < bulk_write.highest_row_id(conn):
        yield
        return
    with bulk_write.indexes_dropped(conn):
        yield
