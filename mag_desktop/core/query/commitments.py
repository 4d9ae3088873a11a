"""Commitments as one frame: each current commitment with its latest update and the one before.

Decisions:

* The **as-at quarter** is the latest quarter among the current updates of current commitments,
  store-wide: a filter never changes it, so every view says "as at" the same quarter.
* The **previous update** is the commitment's latest update before its latest one (normally the
  quarter before); ``previous_quarter`` says which quarter it was.
* **overdue**: the due date is on or before the last day of the as-at quarter and the status is
  open (a commitment due on 31 March and still open at the March quarter is overdue).
* **slipped**: the latest update is *for the as-at quarter* and worse than the update before
  it (normally last quarter's; after a missed quarter, the one members last saw): Not started,
  On track or At risk before, worse now on the scale On track < At risk < Off track (Not
  started counts as On track). Without an update for the as-at quarter a commitment is never
  "slipped", whatever its older updates say: it is "no update this quarter".
* **no_update**: still open, and the latest update is older than the as-at quarter (or there
  is none); a complete, closed or withdrawn commitment needs no more updates.
* A **ward** filter keeps commitments naming one of the wards, commitments of the ward's
  authority that name no wards, and Regional ones (when ``include_regional``).
* Period and ethnic group choices do not apply to commitments.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.domain import IndicatorLink, Milestone
from mag_desktop.core.links.codec import links_from_json
from mag_desktop.core.query import lookups
from mag_desktop.core.query.catalogue import remember
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.store.reads import areas as area_rows
from mag_desktop.core.store.reads import commitments as commitment_rows

REGIONAL = "Regional"
COLUMNS = [
    "id", "title", "description", "theme", "theme_name", "theme_short", "priority", "lead",
    "partners",
    "authority_code", "authority_name", "wards", "start_date", "due_date", "quarter", "status",
    "status_label", "status_glyph", "status_colour", "status_rank", "narrative",
    "previous_status", "previous_quarter", "overdue", "off_track", "slipped", "no_update",
    "theme_position", "principles", "gap_widening",
]
FLAGS = ("overdue", "off_track", "slipped", "no_update")
SEARCHED = ("id", "title", "description", "lead", "partners", "narrative")
_WATCHED = ("NOT_STARTED", "ON_TRACK", "AT_RISK")  # statuses that can slip ...
_WORSE = ("AT_RISK", "OFF_TRACK")  # ... into these
_CODE = r"[^\s,;|]+"  # codes are separated by spaces, commas, semicolons or bars

_quarters_cache: dict[tuple[str, int], tuple[str, ...]] = {}


def update_quarters(conn: sqlite3.Connection) -> list[str]:
    """The quarters of current updates of current commitments, oldest first (cached per store
    file and data version)."""
    key = lookups.store_key(conn)
    cached = _quarters_cache.get(key)
    if cached is None:
        cached = tuple(lookups.period_order(commitment_rows.update_quarters(conn)))
        remember(_quarters_cache, key, cached)
    return list(cached)


def as_at_quarter(conn: sqlite3.Connection) -> str | None:
    """The latest quarter of any current update of a current commitment (None when none)."""
    quarters = update_quarters(conn)
    return quarters[-1] if quarters else None


def _flags(frame: pd.DataFrame, as_at: str | None, as_at_rank: int) -> pd.DataFrame:
    period = lookups.period_of(as_at) if as_at else None
    as_at_end = pd.Timestamp(period.end) if period else pd.NaT
    open_status = frame["status_open"].fillna(0).astype(bool)
    worse = frame["status_rank"].fillna(0) > frame["previous_rank"].fillna(99)
    current = frame["quarter_rank"].fillna(-1) == as_at_rank  # updated for the as-at quarter
    return frame.assign(
        overdue=(frame["due_date"] <= as_at_end).fillna(False).astype(bool) & open_status,
        off_track=frame["status"].eq("OFF_TRACK").fillna(False).astype(bool),
        slipped=(current & frame["previous_status"].isin(_WATCHED)
                 & frame["status"].isin(_WORSE) & worse).astype(bool),
        no_update=~current & ~frame["status_open"].eq(0),  # finished: no more updates due
    )


_all_cache: dict[tuple[str, int, tuple[str, ...]], pd.DataFrame] = {}


def _all_commitments(conn: sqlite3.Connection, quarters: list[str]) -> pd.DataFrame:
    """Every current commitment with its updates and flags, unfiltered and unsorted; cached per
    (store file, data version), so a filter change only filters. Callers must not modify it."""
    key = (*lookups.store_key(conn), tuple(quarters))
    cached = _all_cache.get(key)
    if cached is None:
        cached = _read_all_commitments(conn, quarters)
        remember(_all_cache, key, cached)
    return cached


def _read_all_commitments(conn: sqlite3.Connection, quarters: list[str]) -> pd.DataFrame:
    frame = commitment_rows.with_updates(conn, quarters, REGIONAL)
    for column in ("start_date", "due_date"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    codes = frame["wards"].fillna("").str.upper().str.findall(_CODE)
    frame["ward_key"] = "|" + codes.str.join("|") + "|"  # "|E05...|E05...|" for matching
    frame["wards"] = codes.map(tuple)
    frame["principles"] = frame["principles"].fillna("").str.upper().str.findall(_CODE).map(tuple)
    as_at = quarters[-1] if quarters else None
    from mag_desktop.core.links.listing import widening_ids  # links read the commitments

    frame["gap_widening"] = frame["id"].isin(widening_ids(conn))
    return _flags(frame, as_at, len(quarters) - 1)


def _ward_mask(conn: sqlite3.Connection, frame: pd.DataFrame, flt: Filter) -> pd.Series:
    names_one = pd.Series(False, index=frame.index)
    for ward in flt.wards:  # one vectorised pass per chosen ward
        names_one |= frame["ward_key"].str.contains(f"|{ward}|", regex=False)
    parents = set(lookups.ward_authorities(conn, flt.wards).values())
    no_wards = frame["ward_key"].eq("||") & frame["authority_code"].isin(parents)
    return names_one | no_wards


def _search_text(frame: pd.DataFrame) -> pd.Series:
    """The searched columns joined per row (column by column, vectorised), case-folded."""
    text = pd.Series("", index=frame.index, dtype=str)
    for column in SEARCHED:
        text = text + "\n" + frame[column].fillna("").astype(str)
    return text.str.casefold()


def filter_commitments(
    conn: sqlite3.Connection, frame: pd.DataFrame, flt: Filter
) -> pd.DataFrame:
    """The rows of ``frame`` the filter keeps (all choices vectorised)."""
    keep = pd.Series(True, index=frame.index)
    regional = frame["authority_code"].isna() & flt.include_regional
    if flt.authorities:
        keep &= frame["authority_code"].isin(flt.authorities) | regional
    if flt.wards:
        keep &= _ward_mask(conn, frame, flt) | regional
    if flt.themes:
        keep &= frame["theme"].isin(flt.themes)
    if flt.statuses:
        keep &= frame["status"].isin(flt.statuses)
    if flt.text:
        keep &= _search_text(frame).str.contains(flt.text.casefold(), regex=False)
    return frame[keep]


def commitments_frame(conn: sqlite3.Connection, flt: Filter | None = None) -> pd.DataFrame:
    """One row per current commitment the filter keeps, sorted by theme position then id.

    ``frame.attrs["as_at"]`` holds the as-at quarter the flags were computed against.
    """
    quarters = update_quarters(conn)
    as_at = quarters[-1] if quarters else None
    kept = filter_commitments(conn, _all_commitments(conn, quarters), flt or Filter())
    result = kept.sort_values(["theme_position", "id"], kind="stable")[COLUMNS]
    result = result.reset_index(drop=True)
    result.attrs["as_at"] = as_at
    return result


# -- one commitment ---------------------------------------------------------------------------
class HistoryEntry(NamedTuple):
    quarter: str
    status: str
    status_label: str
    glyph: str
    narrative: str
    links: tuple[IndicatorLink, ...] = ()  # the indicators this quarter's update aims to move


@dataclass(frozen=True)
class CommitmentDetail:
    """Everything about one commitment: its fields, latest update, flags and history."""

    id: str
    title: str
    description: str
    theme: str
    theme_name: str
    priority: str
    lead: str
    partners: str
    authority_code: str | None
    authority_name: str
    wards: tuple[str, ...]
    principles: tuple[str, ...]
    start_date: date | None
    due_date: date | None
    quarter: str | None
    status: str | None
    status_label: str | None
    status_glyph: str | None
    status_colour: str | None
    narrative: str
    reason: str
    milestones: tuple[Milestone, ...]
    previous_status: str | None
    previous_quarter: str | None
    overdue: bool
    off_track: bool
    slipped: bool
    no_update: bool
    as_at: str | None
    history: list[HistoryEntry] = field(default_factory=list)
    #: the indicators the latest update names as those the commitment aims to move
    links: tuple[IndicatorLink, ...] = ()
    ward_names: tuple[str, ...] = ()  # ``wards`` as members read them
    principle_names: tuple[str, ...] = ()  # ``principles`` as members read them


def _date(value: object) -> date | None:
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def parse_milestones(text: str | None) -> tuple[Milestone, ...]:
    """Milestones from the update's JSON list of {name, baseline, forecast, actual}; text that
    is not such a list gives none (the importer validates what it writes)."""
    try:
        raw = json.loads(text or "[]")
    except (TypeError, ValueError):
        return ()
    items = [m for m in raw if isinstance(m, dict)] if isinstance(raw, list) else []
    return tuple(
        Milestone(
            name=str(m.get("name") or m.get("milestone") or ""),
            baseline=_date(m.get("baseline")),
            forecast=_date(m.get("forecast")),
            actual=_date(m.get("actual")),
        )
        for m in items
    )


def _optional(value: object) -> Any:
    return None if value is None or (not isinstance(value, tuple) and pd.isna(value)) else value


def commitment_detail(conn: sqlite3.Connection, commitment_id: str) -> CommitmentDetail:
    """One current commitment; NotFoundError when there is none with this id."""
    quarters = update_quarters(conn)
    as_at = quarters[-1] if quarters else None
    frame = _all_commitments(conn, quarters)
    found = frame[frame["id"] == commitment_id]
    if found.empty:
        raise lookups.NotFoundError(f"there is no current commitment {commitment_id}")
    row = {k: _optional(v) for k, v in found.iloc[0].items()}
    updates = commitment_rows.updates_of(conn, commitment_id)
    updates.sort(key=lambda u: lookups.period_key(u[0]))
    last = updates[-1] if updates else (None,) * 8
    derived = {"history", "milestones", "reason", "start_date", "due_date", "as_at", "links",
               "ward_names", "principle_names"}
    columns = {f.name for f in fields(CommitmentDetail)} - derived
    values: dict[str, Any] = {name: row.get(name) for name in columns}
    names = area_rows.local_names(conn)
    principles = {p.code: p.name for p in vocab.principles()}
    values.update({flag: bool(values[flag]) for flag in FLAGS})
    return CommitmentDetail(
        **values,
        start_date=_date(row["start_date"]),
        due_date=_date(row["due_date"]),
        as_at=as_at,
        reason=last[6] or "",
        milestones=parse_milestones(last[5]),
        history=[HistoryEntry(u[0], u[1], u[2], u[3], u[4], links_from_json(u[7]))
                 for u in updates],
        links=links_from_json(last[7]),
        ward_names=tuple(names.get(w, w) for w in values["wards"] or ()),
        principle_names=tuple(principles.get(p, p) for p in values["principles"] or ()),
    )
