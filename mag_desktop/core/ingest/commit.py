"""Comparing validated rows with the store, and writing them: new rows inserted, changed rows
superseding the current ones (kept as history), unchanged rows left alone."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mag_desktop.core import disclosure
from mag_desktop.core.domain import CommitmentUpdate, IndicatorDef
from mag_desktop.core.errors import StoreError
from mag_desktop.core.ingest.bulk import indexes_rebuilt, insert_observations
from mag_desktop.core.ingest.commitments import CommitmentRows
from mag_desktop.core.ingest.observations import KEY, NUMERIC
from mag_desktop.core.links.codec import links_to_json
from mag_desktop.core.periods import parse_period
from mag_desktop.core.store import definitions_write as versioned
from mag_desktop.core.store import observations_write as rows_of
from mag_desktop.core.store import withheld


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0  # changed rows: each supersedes one current row
    unchanged: int = 0
    #: the earlier imports whose current rows this file restated unchanged: undoing one of
    #: them would take away values this import also sent, so this import depends on them
    confirms: set[int] = field(default_factory=set)

    def __iadd__(self, other: Counts) -> Counts:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.confirms |= other.confirms
        return self


def ensure_periods(conn: sqlite3.Connection, labels: list[str]) -> None:
    rows = []
    for label in labels:
        p = parse_period(label)
        rows.append((p.label, p.kind, p.start.isoformat(), p.end.isoformat()))
    rows_of.add_periods(conn, rows)


def diff_observations(conn: sqlite3.Connection, frame: pd.DataFrame
                      ) -> tuple[pd.Series, list[int], set[int]]:
    """(status per row: "new" | "changed" | "unchanged", row ids of current rows to supersede,
    the imports whose rows were restated unchanged)."""
    status = pd.Series("new", index=frame.index, dtype=object)
    pairs = frame[["indicator", "period"]].drop_duplicates()
    if pairs.empty:
        return status, [], set()
    codes = sorted(pairs["indicator"].unique().tolist())
    periods = sorted(pairs["period"].unique().tolist())
    existing = pd.DataFrame(
        rows_of.current_rows(conn, codes, periods),
        columns=["row_id", "import_id", *KEY, *NUMERIC, "marker"],
    )
    if existing.empty:
        return status, [], set()
    merged = frame[[*KEY, *NUMERIC, "marker"]].merge(
        existing, on=KEY, how="left", suffixes=("", "_old"), validate="one_to_one"
    )
    merged.index = frame.index
    found = merged["row_id"].notna()
    same = pd.Series(True, index=frame.index)
    for name in NUMERIC:
        a, b = merged[name].astype(float), merged[f"{name}_old"].astype(float)
        same &= np.isclose(a, b, rtol=1e-12, atol=0, equal_nan=True)
    same &= merged["marker"].fillna("") == merged["marker_old"].fillna("")
    status[found & same] = "unchanged"
    status[found & ~same] = "changed"
    confirms = set(merged.loc[found & same, "import_id"].astype(int).unique().tolist())
    return status, merged.loc[found & ~same, "row_id"].astype(int).tolist(), confirms


def check_codes(conn: sqlite3.Connection, frame: pd.DataFrame) -> None:
    """Every distinct area and group code must be in the store (the import writes with foreign
    keys checked this way, once per code, rather than once per row)."""
    for column, table in (("area_code", "area"), ("group_code", "ethnic_group")):
        codes = frame[column].unique().tolist()
        found = rows_of.known_codes(conn, table, codes)
        missing = sorted(set(codes) - found)
        if missing:
            raise StoreError(f"codes not in the store's {table} table: {', '.join(missing[:5])}")


def _held_slices(conn: sqlite3.Connection, frame: pd.DataFrame) -> set[tuple[str, str]]:
    """The file's (indicator, period) slices that the store already holds rows for."""
    codes = sorted(frame["indicator"].unique().tolist())
    periods = sorted(frame["period"].unique().tolist())
    if not codes:
        return set()
    return rows_of.held_slices(conn, codes, periods)


def apply_observations(conn: sqlite3.Connection, import_id: int, frame: pd.DataFrame) -> Counts:
    """Write the rows, keeping disclosure control right: slices the store did not hold are
    protected in memory, and their withheld flags set once the rows are in; slices it held
    are worked out again from the store."""
    held = _held_slices(conn, frame)
    status, supersede, confirms = diff_observations(conn, frame)
    check_codes(conn, frame)
    ensure_periods(conn, sorted(frame["period"].unique().tolist()))
    rows_of.supersede(conn, import_id, supersede)
    rows = frame[status.to_numpy() != "unchanged"]
    # the flags of new slices are worked out beside the writing by the worker process that
    # stands by for a large import; else on threads of this process while SQLite builds the
    # indexes again (which it does without Python's lock: writing the rows needs the lock,
    # so threads beside the writing would stall it)
    beside = disclosure.standing() is not None
    protecting = disclosure.flags_of_new_started(conn, frame, held) if beside else None
    with indexes_rebuilt(conn, len(rows)):
        for start in range(0, len(rows), INSERT_BATCH):
            insert_observations(conn, import_id, rows.iloc[start : start + INSERT_BATCH])
        if protecting is None:
            protecting = disclosure.flags_of_new_started(conn, frame, held)
    flags = protecting.result()
    marked = frame.iloc[np.flatnonzero(flags)]  # rows of new slices only: all written above
    withheld.set_flags_of_current(conn, zip(
        flags[flags != 0].tolist(), *(marked[k].tolist() for k in KEY), strict=True))
    disclosure.refresh(conn, held)
    counts = _counts(status)
    counts.confirms = confirms
    return counts


INSERT_BATCH = 100_000  # rows put in one grid at a time, to bound the memory it takes


def _counts(status: pd.Series) -> Counts:
    vc = status.value_counts()
    return Counts(int(vc.get("new", 0)), int(vc.get("changed", 0)), int(vc.get("unchanged", 0)))


def count_observations(conn: sqlite3.Connection, frame: pd.DataFrame) -> Counts:
    return _counts(diff_observations(conn, frame)[0])


def _def_values(d: IndicatorDef) -> tuple[object, ...]:
    """The definition's values in the order of ``DEFINITION_FIELDS``."""
    return (d.name, d.theme, str(d.unit), str(d.polarity), d.source, d.frequency, d.notes,
            d.decimals, d.population, d.min_count)


def apply_definitions(conn: sqlite3.Connection, import_id: int | None,
                      defs: list[IndicatorDef]) -> Counts:
    """Write (or, with ``import_id`` None, only count) indicator definitions."""
    counts = Counts()
    for d in defs:
        current = versioned.current_definition(conn, d.code)
        if current and tuple(current[1:]) == _def_values(d):
            counts.unchanged += 1
            continue
        if current:
            counts.updated += 1
        else:
            counts.inserted += 1
        if import_id is None:
            continue
        if current:
            versioned.supersede_row(conn, "indicator", import_id, current[0])
        versioned.insert_definition(conn, d.code, _def_values(d), import_id)
        if current and (current[3], current[10]) != (str(d.unit), d.min_count):
            # whether its figures add up, and what a second figure must be, may have changed
            disclosure.refresh(conn, rows_of.slices_of_indicator(conn, d.code))
    return counts


def _update_values(u: CommitmentUpdate) -> tuple[object, ...]:
    milestones = json.dumps([
        {"name": m.name, **{k: getattr(m, k).isoformat() if getattr(m, k) else None
                            for k in ("baseline", "forecast", "actual")}}
        for m in u.milestones
    ])
    return (u.status, u.narrative, milestones, u.reason, links_to_json(u.links))


_FIELDS = len(versioned.UPDATE_FIELDS)  # an update row: row_id, the fields, then import_id


def apply_commitments(conn: sqlite3.Connection, import_id: int | None,
                      rows: CommitmentRows) -> Counts:
    """Write (or, with ``import_id`` None, only count) commitments and their quarter's update.

    Counts are of update rows: each row of the file is one commitment's update for a quarter.
    """
    counts = Counts()
    if import_id is not None:  # a dry run writes nothing, not even a period
        ensure_periods(conn, sorted({u.quarter for u in rows.updates}))
    for c, u in zip(rows.commitments, rows.updates, strict=True):
        values = (c.title, c.description, c.theme, c.priority, c.lead, c.partners,
                  c.authority_code, ";".join(c.wards), ";".join(c.principles),
                  c.start.isoformat() if c.start else None, c.due.isoformat() if c.due else None)
        current = versioned.current_commitment(conn, c.id)
        if import_id is not None and (current is None or tuple(current[1:]) != values):
            if current:
                versioned.supersede_row(conn, "commitment", import_id, current[0])
            versioned.insert_commitment(conn, c.id, values, import_id)
        update = versioned.current_update(conn, u.commitment_id, u.quarter)
        new_values = _update_values(u)
        changed_commitment = current is not None and tuple(current[1:]) != values
        same = update is not None and tuple(update[1:_FIELDS + 1]) == new_values
        if update is not None and same and not changed_commitment:
            counts.unchanged += 1
            counts.confirms.add(int(update[_FIELDS + 1]))
            continue
        if update or changed_commitment:
            counts.updated += 1
        else:
            counts.inserted += 1
        if import_id is None or same:
            continue
        if update:
            versioned.supersede_row(conn, "commitment_update", import_id, update[0])
        versioned.insert_update(conn, u.commitment_id, u.quarter, new_values, import_id)
    return counts
