"""What the items notes are written on are called: commitment titles, indicator names and area
names, for lists that would otherwise show bare codes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    commitments: dict[str, str]  # id → title
    indicators: dict[str, str]  # code → name
    areas: dict[str, str]  # code → name

    def about(self, kind: str, item_id: str, area: str | None) -> str:
        """"Sector work academies (RET-JOBS-001)", "Employment rate, Birmingham"."""
        if kind == "commitment":
            title = self.commitments.get(item_id)
            return f"{title} ({item_id})" if title else f"Commitment {item_id}"
        name = self.indicators.get(item_id, f"Indicator {item_id}")
        return f"{name}, {self.areas.get(area, area)}" if area else name


def labels(conn: sqlite3.Connection) -> Labels:
    def pairs(sql: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in conn.execute(sql)}

    return Labels(
        pairs("SELECT id, title FROM commitment WHERE superseded_by IS NULL"),
        pairs("SELECT code, name FROM indicator WHERE superseded_by IS NULL"),
        pairs("SELECT code, name FROM area"))
