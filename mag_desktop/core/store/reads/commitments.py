"""Current commitments with their latest update and the one before, and their updates."""

from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd

# Each commitment's latest update (OFFSET 0) and the one before it (OFFSET 1), through the
# commitment_update_current index. {rank} ranks quarters in period order (computed with
# parse_period and passed in as parameters), so SQLite never compares labels as text.
_PICK = """(SELECT u.row_id FROM commitment_update u
    WHERE u.commitment_id = c.id AND u.superseded_by IS NULL
    ORDER BY {rank} DESC, u.row_id DESC LIMIT 1 OFFSET {offset})"""
_FRAME_SQL = """
WITH picks AS MATERIALIZED (
    SELECT c.row_id AS crow, {latest} AS lrow, {previous} AS prow
    FROM commitment c WHERE c.superseded_by IS NULL)
SELECT c.id, c.title, c.description, c.theme_code AS theme, t.name AS theme_name,
       t.short_name AS theme_short,
       t.position AS theme_position, c.priority, c.lead, c.partners, c.authority_code,
       coalesce(a.name, :regional) AS authority_name, c.wards, c.principles, c.start_date,
       c.due_date, l.quarter, l.status, s.label AS status_label, s.glyph AS status_glyph,
       s.colour AS status_colour, s.rank AS status_rank, s.open AS status_open,
       coalesce(l.narrative, '') AS narrative, {latest_rank} AS quarter_rank,
       p.status AS previous_status, p.quarter AS previous_quarter, ps.rank AS previous_rank
FROM picks JOIN commitment c ON c.row_id = picks.crow
JOIN theme t ON t.code = c.theme_code
LEFT JOIN area a ON a.code = c.authority_code
LEFT JOIN commitment_update l ON l.row_id = picks.lrow
LEFT JOIN status s ON s.code = l.status
LEFT JOIN commitment_update p ON p.row_id = picks.prow
LEFT JOIN status ps ON ps.code = p.status
"""


def _rank_sql(table: str, count: int) -> str:
    """A CASE that turns ``table``.quarter into its rank (:q0 -> :r0, ...), NULL for none."""
    whens = " ".join(f"WHEN :q{i} THEN :r{i}" for i in range(count))
    return f"CASE {table}.quarter {whens} END" if count else "NULL"


def _frame_sql(quarters: list[str], regional: str) -> tuple[str, dict[str, object]]:
    """The frame's SQL with the quarters' ranks as named parameters."""
    params: dict[str, object] = {"regional": regional}
    for rank, label in enumerate(quarters):
        params[f"q{rank}"], params[f"r{rank}"] = label, rank
    pick = _rank_sql("u", len(quarters))
    sql = _FRAME_SQL.format(
        latest=_PICK.format(rank=pick, offset=0),
        previous=_PICK.format(rank=pick, offset=1),
        latest_rank=_rank_sql("l", len(quarters)),
    )
    return sql, params


def with_updates(conn: sqlite3.Connection, quarters: list[str], regional: str) -> pd.DataFrame:
    """Every current commitment with its theme, authority (``regional`` when none), latest
    update and the one before it; ``quarters`` are the update quarters in period order, which
    rank the updates (``quarter_rank``: the latest update's place in them)."""
    sql, params = _frame_sql(quarters, regional)
    cursor = conn.execute(sql, params)
    return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def update_quarters(conn: sqlite3.Connection) -> list[str]:
    """The quarters of current updates of current commitments (in no set order)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT quarter FROM commitment_update u WHERE superseded_by IS NULL AND EXISTS"
        " (SELECT 1 FROM commitment c WHERE c.id = u.commitment_id AND c.superseded_by IS NULL)"
    )]


def updates_of(conn: sqlite3.Connection, commitment_id: str) -> list[tuple[Any, ...]]:
    """(quarter, status, status label, glyph, narrative, milestones JSON, reason, links JSON)
    of each current update of one commitment (in no set order)."""
    return [tuple(r) for r in conn.execute(
        "SELECT u.quarter, u.status, s.label, s.glyph, u.narrative, u.milestones, u.reason,"
        " u.links"
        " FROM commitment_update u JOIN status s ON s.code = u.status"
        " WHERE u.commitment_id = ? AND u.superseded_by IS NULL",
        (commitment_id,),
    )]


def update_extras(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(commitment ID, quarter, reason, milestones JSON) of every current update of a current
    commitment (in no set order): what an update holds beyond the commitments frame."""
    return [tuple(r) for r in conn.execute(
        "SELECT u.commitment_id, u.quarter, coalesce(u.reason, ''), u.milestones"
        " FROM commitment_update u WHERE u.superseded_by IS NULL AND EXISTS (SELECT 1 FROM"
        " commitment c WHERE c.id = u.commitment_id AND c.superseded_by IS NULL)"
    )]
