"""Summaries for the one-page briefing: counts by theme and status, exceptions, what changed since
the last quarter, and the state of the data itself.

Decisions:

* "The previous quarter" is the latest quarter with commitment updates before the as-at quarter
  (the quarter the last meeting saw). When the store holds only one quarter, the calendar
  quarter before it stands in, so new data can still be reported.
* **Exceptions** are four lists (overdue, off track, slipped, no update this quarter) and one
  commitment can be in several; the number "needing attention" counts each commitment once,
  and how many sit in more than one list is counted too.
* **New data** means new *periods* of data: an indicator has new data when the store holds a
  current figure for it for a period that ends after the previous quarter ended (figures the
  last meeting's pack could not have held). When a file was imported does not matter: Census
  2021 data imported today is not new data, and a revision of a period already held is not
  new data either. Late figures for an older period are not listed here (the Indicators tab
  shows every period held). New data follows the filter's themes, not its areas: it is news
  for every audience.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.query import catalogue, lookups
from mag_desktop.core.query.commitments import FLAGS, commitments_frame, update_quarters
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.store import import_log
from mag_desktop.core.store.reads.counts import current_counts

TOTAL = "total"
_CHANGE_COLUMNS = [
    "id", "title", "theme", "from_quarter", "from_status", "from_label", "from_glyph",
    "quarter", "to_status", "to_label", "to_glyph",
]
_NEW_COLUMNS = ["id", "title", "theme", "quarter", "status", "status_label", "status_glyph"]
_DATA_COLUMNS = ["code", "name", "theme", "first_new_period", "latest_period", "new_periods"]
_new_data_cache: dict[tuple[str, int, str], pd.DataFrame] = {}


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
    """The commitments members ask about, each a slice of the commitments frame.

    ``attention`` holds every commitment in at least one list, once; ``in_several`` counts
    those in two lists or more.
    """

    overdue: pd.DataFrame
    off_track: pd.DataFrame
    slipped: pd.DataFrame
    no_update: pd.DataFrame
    attention: pd.DataFrame = field(default_factory=pd.DataFrame)
    in_several: int = 0

    def counts(self) -> dict[str, int]:
        """Commitments per list (one commitment may count in several lists)."""
        return {name: len(getattr(self, name)) for name in FLAGS}

    @property
    def distinct(self) -> int:
        """Commitments in at least one list, each counted once."""
        return len(self.attention)


def exceptions(frame: pd.DataFrame) -> Exceptions:
    """Overdue, off track, slipped and not updated commitments, in the frame's order."""
    flags = frame[list(FLAGS)].astype(bool)
    in_lists = flags.sum(axis=1)
    lists = {flag: frame[flags[flag]].reset_index(drop=True) for flag in FLAGS}
    return Exceptions(
        overdue=lists["overdue"], off_track=lists["off_track"], slipped=lists["slipped"],
        no_update=lists["no_update"],
        attention=frame[in_lists > 0].reset_index(drop=True),
        in_several=int((in_lists > 1).sum()),
    )


@dataclass(frozen=True)
class Changes:
    """What changed between the previous quarter and the as-at quarter."""

    as_at: str | None
    previous_quarter: str | None
    baseline_quarter: str | None = None  # new data is for periods after this one ends
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
    """Indicators holding current figures for a period that ends after ``previous`` ends, with
    the first and latest such period and how many there are; read from the cached count of
    observations per indicator, area and period, so no observation is scanned."""
    period = lookups.period_of(previous)
    if period is None:
        return _empty(_DATA_COLUMNS)
    key = (*lookups.store_key(conn), previous)
    listed = _new_data_cache.get(key)
    if listed is None:  # every theme's, once per store version: a filter only picks themes
        cells = catalogue.observation_cells(conn)[["code", "period", "rank"]].drop_duplicates()
        new = cells[lookups.period_end(cells["period"]) > pd.Timestamp(period.end)]
        new = new.sort_values(["code", "rank"], kind="stable")
        grouped = new.groupby("code", sort=False)["period"]
        listed = catalogue.definitions(conn)
        listed = listed[listed["code"].isin(new["code"].unique())]
        listed = listed.assign(
            first_new_period=listed["code"].map(grouped.first()),
            latest_period=listed["code"].map(grouped.last()),
            new_periods=listed["code"].map(grouped.nunique()).astype("int64"),
        )
        catalogue.remember(_new_data_cache, key, listed)
    if flt.themes:
        listed = listed[listed["theme"].isin(flt.themes)]
    return listed[_DATA_COLUMNS].reset_index(drop=True)


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
        baseline_quarter=baseline,
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

    @property
    def empty(self) -> bool:
        """True before the first import (data version 0)."""
        return self.data_version == 0

    def line(self) -> str:
        """The state of the data in one line, for a status bar: "Data as at 2026 Q3 · data
        version 11", or "No data yet" before the first import."""
        if self.empty:
            return "No data yet"
        return f"Data as at {self.as_at or '–'} · data version {self.data_version:,}"

    def sentence(self) -> str:
        """The state of the data as a sentence: the as-at quarter, the last import, the data
        version; "No data has been imported yet." before the first import."""
        if self.empty:
            return "No data has been imported yet."
        last = (f"{str(self.last_import_at).replace('T', ' ')[:16]} "
                f"({self.last_import_file or ''})") if self.last_import_at else "none yet"
        return (f"Data as at {self.as_at or '–'}; last import {last}; data version "
                f"{self.data_version:,}.")


def data_status(conn: sqlite3.Connection) -> DataStatus:
    """The store's as-at quarter, last committed import, data version and content counts."""
    last = import_log.last_committed(conn)
    counts = current_counts(conn, "indicators", "commitments", "commitment updates")
    counts["imports"] = import_log.count_committed(conn)
    counts["observations"] = int(catalogue.observation_cells(conn)["n"].sum())
    quarters = update_quarters(conn)
    return DataStatus(
        as_at=quarters[-1] if quarters else None,
        last_import_at=last[0] if last else None,
        last_import_file=last[1] if last else None,
        data_version=lookups.data_version(conn),
        counts=counts,
    )
