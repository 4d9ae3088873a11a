"""Summaries for the one-page briefing: counts by theme and status, exceptions, what changed since
the last quarter, and the state of the data itself.

"The previous quarter" is the latest quarter with commitment updates before the as-at quarter
(the quarter the last meeting saw). When the store holds only one quarter, the calendar quarter
before it stands in, so new data can still be reported.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import timedelta

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.query import catalogue, lookups
from mag_desktop.core.query.commitments import commitments_frame, update_quarters
from mag_desktop.core.query.filters import Filter

TOTAL = "total"
_CHANGE_COLUMNS = [
    "id", "title", "theme", "from_quarter", "from_status", "from_label", "from_glyph",
    "quarter", "to_status", "to_label", "to_glyph",
]
_NEW_COLUMNS = ["id", "title", "theme", "quarter", "status", "status_label", "status_glyph"]
_DATA_COLUMNS = ["code", "name", "theme", "latest_period"]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns)


def theme_status_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Commitments counted by theme (all 8 rows, strategy order, zeros kept) and status (codes
    in rank order), plus ``total``. A commitment with no update yet counts in ``total`` only."""
    themes = [t.code for t in vocab.themes()]
    statuses = [s.code for s in sorted(vocab.statuses(), key=lambda s: s.rank)]
    counts = frame.value_counts(["theme", "status"]).unstack(fill_value=0)
    table = counts.reindex(index=themes, columns=statuses, fill_value=0).astype("int64")
    table[TOTAL] = frame["theme"].value_counts().reindex(themes, fill_value=0).astype("int64")
    table.index.name = "theme"
    table.columns.name = None
    return table


@dataclass(frozen=True)
class Exceptions:
    """The commitments members ask about, each a slice of the commitments frame."""

    overdue: pd.DataFrame
    off_track: pd.DataFrame
    slipped: pd.DataFrame
    no_update: pd.DataFrame

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ("overdue", "off_track", "slipped",
                                                            "no_update")}


def exceptions(frame: pd.DataFrame) -> Exceptions:
    """Overdue, off track, slipped and not updated commitments, in the frame's order."""
    return Exceptions(
        *(frame[frame[flag]].reset_index(drop=True)
          for flag in ("overdue", "off_track", "slipped", "no_update"))
    )


@dataclass(frozen=True)
class Changes:
    """What changed between the previous quarter and the as-at quarter."""

    as_at: str | None
    previous_quarter: str | None
    status_changes: pd.DataFrame = field(default_factory=lambda: _empty(_CHANGE_COLUMNS))
    new_commitments: pd.DataFrame = field(default_factory=lambda: _empty(_NEW_COLUMNS))
    new_data: pd.DataFrame = field(default_factory=lambda: _empty(_DATA_COLUMNS))


def _status_changes(conn: sqlite3.Connection, frame: pd.DataFrame, as_at: str) -> pd.DataFrame:
    changed = frame[
        frame["quarter"].eq(as_at)
        & frame["previous_status"].notna()
        & frame["previous_status"].ne(frame["status"])
    ]
    status = lookups.statuses(conn).set_index("code")
    return changed.assign(
        from_quarter=changed["previous_quarter"],
        from_status=changed["previous_status"],
        from_label=changed["previous_status"].map(status["label"]),
        from_glyph=changed["previous_status"].map(status["glyph"]),
        to_status=changed["status"],
        to_label=changed["status_label"],
        to_glyph=changed["status_glyph"],
    )[_CHANGE_COLUMNS].reset_index(drop=True)


def _new_data(conn: sqlite3.Connection, flt: Filter, previous: str) -> pd.DataFrame:
    """Indicators with data imported after the previous quarter ended, or whose latest period
    is newer than it; read from the import log, so no observation is scanned."""
    period = lookups.period_of(previous)
    if period is None:
        return _empty(_DATA_COLUMNS)
    after = (period.end + timedelta(days=1)).isoformat()
    latest: dict[str, str] = {}
    recent: set[str] = set()
    for finished, contents in conn.execute(
        "SELECT coalesce(finished_at, ''), contents FROM import_log WHERE outcome = 'committed'"
    ):
        for code, periods in json.loads(contents or "{}").items():
            if code.startswith(("commitment:", "_")):  # not indicators
                continue
            candidates = [*periods, latest[code]] if code in latest else list(periods)
            latest[code] = lookups.latest_period(candidates) or latest.get(code, "")
            if finished >= after:
                recent.add(code)
    listed = catalogue.definitions(conn)
    if flt.themes:
        listed = listed[listed["theme"].isin(flt.themes)]
    listed = listed.assign(latest_period=listed["code"].map(latest))
    newer = lookups.period_end(listed["latest_period"]) > pd.Timestamp(period.end)
    return listed[listed["code"].isin(recent) | newer][_DATA_COLUMNS].reset_index(drop=True)


def since_last_quarter(conn: sqlite3.Connection, flt: Filter | None = None,
                       frame: pd.DataFrame | None = None) -> Changes:
    """Status changes, new commitments and new data since the previous quarter.

    ``frame`` may pass the filter's commitments frame when the caller already has it.
    """
    flt = flt or Filter()
    quarters = update_quarters(conn)
    if not quarters:
        return Changes(as_at=None, previous_quarter=None)
    as_at = quarters[-1]
    previous = quarters[-2] if len(quarters) > 1 else None
    frame = commitments_frame(conn, flt) if frame is None else frame
    new = frame[frame["quarter"].eq(as_at) & frame["previous_quarter"].isna()]
    as_at_period = lookups.period_of(as_at)
    baseline = previous or (as_at_period.previous().label if as_at_period else None)
    return Changes(
        as_at=as_at,
        previous_quarter=previous,
        status_changes=_status_changes(conn, frame, as_at),
        new_commitments=new[_NEW_COLUMNS].reset_index(drop=True),
        new_data=_new_data(conn, flt, baseline) if baseline else _empty(_DATA_COLUMNS),
    )


@dataclass(frozen=True)
class DataStatus:
    """How current the store is: the as-at quarter, the last import, the data version, counts."""

    as_at: str | None
    last_import_at: str | None
    last_import_file: str | None
    data_version: int
    counts: dict[str, int]


def data_status(conn: sqlite3.Connection) -> DataStatus:
    """The store's as-at quarter, last committed import, data version and content counts."""
    last = conn.execute(
        "SELECT finished_at, file_name FROM import_log WHERE outcome = 'committed'"
        " ORDER BY coalesce(finished_at, started_at) DESC, id DESC LIMIT 1"
    ).fetchone()
    counts = {
        name: int(conn.execute(sql).fetchone()[0])
        for name, sql in (
            ("indicators", "SELECT count(*) FROM indicator WHERE superseded_by IS NULL"),
            ("commitments", "SELECT count(*) FROM commitment WHERE superseded_by IS NULL"),
            ("commitment updates",
             "SELECT count(*) FROM commitment_update WHERE superseded_by IS NULL"),
            ("imports", "SELECT count(*) FROM import_log WHERE outcome = 'committed'"),
        )
    }
    counts["observations"] = int(catalogue.observation_cells(conn)["n"].sum())
    quarters = update_quarters(conn)
    return DataStatus(
        as_at=quarters[-1] if quarters else None,
        last_import_at=last[0] if last else None,
        last_import_file=last[1] if last else None,
        data_version=lookups.data_version(conn),
        counts=counts,
    )
