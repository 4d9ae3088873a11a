"""An import's writes of indicator definitions, commitments and commitment updates.

Each is versioned (see ``schema.py``): a changed row is not overwritten but marked as replaced
by the import (``superseded_by``) and a new current row added. The importer
(``ingest/commit.py``) decides what changed; this module holds the SQL it runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Literal

#: The fields of a definition compared and written, in this order (after its code).
DEFINITION_FIELDS = ("name", "theme_code", "unit", "polarity", "source", "frequency", "notes",
                     "decimals", "population", "min_count")
#: The fields of a commitment compared and written, in this order (after its id).
COMMITMENT_FIELDS = ("title", "description", "theme_code", "priority", "lead", "partners",
                     "authority_code", "wards", "principles", "start_date", "due_date")
#: The fields of a commitment update compared and written, in this order.
UPDATE_FIELDS = ("status", "narrative", "milestones", "reason", "links")

Versioned = Literal["indicator", "commitment", "commitment_update"]


def supersede_row(conn: sqlite3.Connection, table: Versioned, import_id: int,
                  row_id: int) -> None:
    """Inside a write: mark one current row as replaced by the import."""
    if table not in ("indicator", "commitment", "commitment_update"):
        raise ValueError(f"not a versioned table: {table}")
    conn.execute(f"UPDATE {table} SET superseded_by = ? WHERE row_id = ?", (import_id, row_id))


def current_definition(conn: sqlite3.Connection, code: str) -> tuple[Any, ...] | None:
    """(row_id, *DEFINITION_FIELDS) of the indicator's current definition, or None."""
    row = conn.execute(
        f"SELECT row_id, {', '.join(DEFINITION_FIELDS)} FROM indicator"
        " WHERE code = ? AND superseded_by IS NULL", (code,),
    ).fetchone()
    return tuple(row) if row is not None else None


def insert_definition(conn: sqlite3.Connection, code: str, values: Sequence[object],
                      import_id: int) -> None:
    """Inside a write: a new current definition (``values`` in :data:`DEFINITION_FIELDS`)."""
    conn.execute(
        f"INSERT INTO indicator(code, {', '.join(DEFINITION_FIELDS)}, import_id)"
        f" VALUES ({', '.join('?' * (len(DEFINITION_FIELDS) + 2))})",
        (code, *values, import_id),
    )


def current_commitment(conn: sqlite3.Connection, commitment_id: str) -> tuple[Any, ...] | None:
    """(row_id, *COMMITMENT_FIELDS) of the commitment's current row, or None."""
    row = conn.execute(
        f"SELECT row_id, {', '.join(COMMITMENT_FIELDS)} FROM commitment"
        " WHERE id = ? AND superseded_by IS NULL", (commitment_id,),
    ).fetchone()
    return tuple(row) if row is not None else None


def insert_commitment(conn: sqlite3.Connection, commitment_id: str, values: Sequence[object],
                      import_id: int) -> None:
    """Inside a write: a new current commitment (``values`` in :data:`COMMITMENT_FIELDS`)."""
    conn.execute(
        f"INSERT INTO commitment(id, {', '.join(COMMITMENT_FIELDS)}, import_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (commitment_id, *values, import_id),
    )


def current_update(conn: sqlite3.Connection, commitment_id: str,
                   quarter: str) -> tuple[Any, ...] | None:
    """(row_id, *UPDATE_FIELDS, import_id) of a commitment's current update for a quarter."""
    row = conn.execute(
        f"SELECT row_id, {', '.join(UPDATE_FIELDS)}, import_id FROM commitment_update"
        " WHERE commitment_id = ? AND quarter = ? AND superseded_by IS NULL",
        (commitment_id, quarter),
    ).fetchone()
    return tuple(row) if row is not None else None


def insert_update(conn: sqlite3.Connection, commitment_id: str, quarter: str,
                  values: Sequence[object], import_id: int) -> None:
    """Inside a write: a new current update (``values`` in :data:`UPDATE_FIELDS`)."""
    conn.execute(
        f"INSERT INTO commitment_update(commitment_id, quarter, {', '.join(UPDATE_FIELDS)},"
        f" import_id) VALUES ({', '.join('?' * (len(UPDATE_FIELDS) + 3))})",
        (commitment_id, quarter, *values, import_id),
    )
