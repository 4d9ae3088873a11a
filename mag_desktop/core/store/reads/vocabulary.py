"""The vocabularies as the store holds them: themes, statuses and the periods it knows."""

from __future__ import annotations

import sqlite3
from typing import Any


def statuses(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(code, label, glyph, colour, rank, open) of every status, in rank order."""
    return [tuple(r) for r in conn.execute(
        "SELECT code, label, glyph, colour, rank, open FROM status ORDER BY rank")]


def status_labels(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT code, label FROM status"))


def themes(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(code, name, kind, short_name) of every theme, in strategy order."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT code, name, kind, short_name FROM theme ORDER BY position")]


def theme_short_names(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT code, short_name FROM theme"))


def period_labels(conn: sqlite3.Connection) -> list[str]:
    """Every period label the store knows (in no set order)."""
    return [r[0] for r in conn.execute("SELECT label FROM period")]
