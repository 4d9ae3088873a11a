"""The links of current commitment updates, and the facts of current commitments a link's
progress needs (start date, authority, wards, theme)."""

from __future__ import annotations

import sqlite3


def update_links(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(commitment id, quarter, links JSON) of every current update that links an indicator,
    for current commitments (in no set order)."""
    return [tuple(r) for r in conn.execute(
        "SELECT u.commitment_id, u.quarter, u.links FROM commitment_update u"
        " WHERE u.superseded_by IS NULL AND u.links <> '[]' AND EXISTS (SELECT 1 FROM"
        " commitment c WHERE c.id = u.commitment_id AND c.superseded_by IS NULL)")]


def latest_quarters(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(commitment id, quarter) of every current update of a current commitment."""
    return [tuple(r) for r in conn.execute(
        "SELECT u.commitment_id, u.quarter FROM commitment_update u"
        " WHERE u.superseded_by IS NULL AND EXISTS (SELECT 1 FROM commitment c"
        " WHERE c.id = u.commitment_id AND c.superseded_by IS NULL)")]


def commitment_facts(conn: sqlite3.Connection) -> list[tuple[str, str | None, str | None, str,
                                                             str]]:
    """(id, authority code, start date, theme code, wards) of every current commitment."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, authority_code, start_date, theme_code, wards FROM commitment"
        " WHERE superseded_by IS NULL")]


def defined_indicators(conn: sqlite3.Connection) -> set[str]:
    """The codes of the current indicator definitions."""
    return {r[0] for r in conn.execute("SELECT code FROM indicator WHERE superseded_by IS NULL")}
