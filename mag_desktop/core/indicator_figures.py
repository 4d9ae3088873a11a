"""Indicator figures as the window shows them, for export: one row per observation with its
marker, note and comparisons, under the import template's fields (``columns.json``,
"observations") then :data:`EXTRA`; :mod:`.export_indicators` writes them.

Decisions:
* Figures are read only through :func:`mag_desktop.core.store.reads.shown.shown_columns`: a figure
  withheld to protect a suppressed one comes out as "[c]" with no numbers, and comparisons are
  made from the masked figures, so none can hint at a withheld value.
* Values are the store's, unrounded (rounding is for reading; an export is for reuse).
* A suppressed cell's value is its marker; a marker beginning with a formula character (the
  older "-") is given as "[x]" (not available), which every spreadsheet reads as text.
* Low reliability (:func:`mag_desktop.core.disclosure.low_reliability`) is "[u]" in the note;
  the value stays, as on screen.
* Comparisons as the window makes them (95% intervals not overlapping), vectorised per
  polarity: each group against the comparator group of its area and period (White British,
  else White, else All); each area against the WMCA and the national figure (England, else
  England and Wales); each ward against its authority. An area against itself is left empty.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from mag_desktop.core import ethnicity, vocab
from mag_desktop.core.disclosure.reliability import (
    LOW_RELIABILITY,
    LOW_RELIABILITY_MEANING,
    low_reliability,
)
from mag_desktop.core.export import DANGEROUS
from mag_desktop.core.geography import REGION_CODE
from mag_desktop.core.ingest.mapping import columns
from mag_desktop.core.query import lookups
from mag_desktop.core.query.catalogue import definitions
from mag_desktop.core.query.commitments import as_at_quarter
from mag_desktop.core.query.indicators import FALLBACK_COMPARATORS, NATIONAL_CODES
from mag_desktop.core.stats import NOT_COMPARED, compare_arrays
from mag_desktop.core.store.reads import areas as areas_table
from mag_desktop.core.store.reads import indicators as indicator_rows
from mag_desktop.core.store.reads import meta, observations
from mag_desktop.core.store.reads.shown import withheld_meaning

TEMPLATE = [(c.field, c.header) for c in columns("observations")]
EXTRA = [
    ("unit", "Unit"), ("limits", "Limits"), ("comparator_group", "Comparator group"),
    ("vs_group", "Compared with the comparator group"), ("vs_region", "Compared with the WMCA"),
    ("vs_england", "Compared with England (or England and Wales)"),
    ("vs_authority", "Compared with the ward's authority"),
]
COLUMNS = TEMPLATE + EXTRA
DEFINITION_COLUMNS = [(c.field, c.header) for c in columns("definitions")]
AREA_TYPES = {"england": "country", "region": "combined authority",
              "authority": "local authority", "ward": "ward"}
LIMITS = {"supplied": "supplied by the partner", "wilson": "computed: Wilson score method",
          "exact": "computed: exact Poisson method", "byar": "computed: Byar's method"}
POLARITY_WORDS = {"higher": "Higher is better", "lower": "Lower is better", "none": "No judgement"}
_VALUES = ["value", "lower", "upper"]
_CELL = ["indicator_code", "area_code", "period"]
_LEVEL_ORDER = {"england": 0, "region": 1, "authority": 2, "ward": 3}


@dataclass(frozen=True)
class Selection:
    """What to export; None (or no groups) means all."""

    indicator: str | None = None
    area: str | None = None
    period: str | None = None
    groups: tuple[str, ...] = ()
    #: the window's active filter in words, recorded in the file ("" from the command line)
    shown_filter: str = ""


@dataclass(frozen=True)
class Figures:
    """The rows to export (``COLUMNS`` keys) with what the file says about them."""

    selection: Selection
    rows: pd.DataFrame
    definitions: pd.DataFrame  # ``DEFINITION_COLUMNS`` keys, one row per exported indicator
    data_version: int
    as_at: str | None
    filter_text: str
    suppressed: int
    low_reliability: int


def _read(conn: sqlite3.Connection, sel: Selection, areas: list[str] | None) -> pd.DataFrame:
    frame = observations.selection(conn, sel.indicator, sel.period, areas)
    for column in ("value", "numerator", "denominator", "lower", "upper"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _compare(frame: pd.DataFrame, ref: pd.DataFrame) -> np.ndarray:
    """Each row of ``frame`` against the same row of ``ref`` (ref_value, ref_lower,
    ref_upper), with the row's indicator polarity."""
    out = np.full(len(frame), NOT_COMPARED, dtype=object)
    for polarity in frame["polarity"].unique():
        m = (frame["polarity"] == polarity).to_numpy()
        value, lower, upper = (frame[c].to_numpy()[m] for c in _VALUES)
        ref_value, ref_lower, ref_upper = (ref[f"ref_{c}"].to_numpy()[m] for c in _VALUES)
        out[m] = compare_arrays(value, lower, upper, ref_value, ref_lower, ref_upper,
                                str(polarity))
    return out


def _against(frame: pd.DataFrame, ref: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``ref`` (``keys`` + value, lower, upper) lined up with ``frame``'s rows."""
    ref = ref[[*keys, *_VALUES]].rename(columns={c: f"ref_{c}" for c in _VALUES})
    return frame[keys].merge(ref, on=keys, how="left")


def _comparisons(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {g: i for i, g in enumerate(FALLBACK_COMPARATORS)}
    found = frame[frame["group_code"].isin(rank) & frame["value"].notna()]
    found = found.assign(r=found["group_code"].map(rank)).sort_values("r", kind="stable")
    chosen = found.drop_duplicates(_CELL)[[*_CELL, "group_code"]]
    frame = frame.merge(chosen.rename(columns={"group_code": "comparator_code"}), on=_CELL,
                        how="left")
    ref = found.drop_duplicates(_CELL).rename(columns={"group_code": "comparator_code"})
    frame["vs_group"] = _compare(frame, _against(frame, ref, [*_CELL, "comparator_code"]))
    frame.loc[frame["group_code"] == frame["comparator_code"], "vs_group"] = NOT_COMPARED
    same = ["indicator_code", "period", "group_code"]
    frame["vs_region"] = np.where(frame["area_code"] == REGION_CODE, "", _compare(
        frame, _against(frame, frame[frame["area_code"] == REGION_CODE], same)))
    frame["vs_england"] = _national(frame, same)
    ref = frame.loc[frame["level"] == "authority", [*same, "area_code", *_VALUES]]
    ref = ref.rename(columns={"area_code": "parent_code"})
    vs_parent = _compare(frame, _against(frame, ref, [*same, "parent_code"]))
    frame["vs_authority"] = np.where(frame["level"] == "ward", vs_parent, "")
    return frame


def _national(frame: pd.DataFrame, same: list[str]) -> np.ndarray:
    """Against the national figure of the same indicator and period, as the window chooses
    it: England, else England and Wales (never an area against itself: left empty)."""
    slices = frame[["indicator_code", "period"]]
    out = np.where(frame["level"] == "england", "", NOT_COMPARED).astype(object)
    chosen = np.zeros(len(frame), dtype=bool)
    for code in NATIONAL_CODES:
        held = frame.loc[frame["area_code"] == code, ["indicator_code", "period"]]
        here = slices.merge(held.drop_duplicates().assign(_h=True), how="left",
                            on=["indicator_code", "period"])["_h"].notna().to_numpy()
        use = here & ~chosen & (frame["area_code"] != code).to_numpy()
        if use.any():
            ref = frame[frame["area_code"] == code]
            out[use] = _compare(frame, _against(frame, ref, same))[use]
        chosen |= here & (frame["area_code"] != code).to_numpy()
    return out


def _notes(frame: pd.DataFrame, low: pd.Series) -> pd.Series:
    meanings = vocab.suppression_markers()
    marker = frame["marker"]
    note = marker.map(meanings).where(marker.notna(), "")
    note = note.where(~(marker.notna() & note.isna()), "not available").fillna("")
    note = note.where(frame["withheld"].fillna(0).astype(int) == 0, withheld_meaning())
    words = frame["min_count"].map({n: f"{LOW_RELIABILITY} {LOW_RELIABILITY_MEANING.format(n=n)}"
                                    for n in frame["min_count"].unique()})
    return note.where(~low, words)


def _value_cells(frame: pd.DataFrame) -> pd.Series:
    """The value, or for a suppressed cell its marker (one a spreadsheet reads as text)."""
    marker = frame["marker"].map({m: "[x]" if m.startswith(DANGEROUS) else m
                                  for m in frame["marker"].dropna().unique()})
    return frame["value"].astype(object).where(frame["marker"].isna(), marker)


def _ordered(frame: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """Indicators in strategy order, then periods oldest first, England, the WMCA,
    authorities and wards (by name), and groups in publishing order."""
    return frame.assign(
        _i=frame["indicator_code"].map({c: i for i, c in enumerate(indicators)}),
        _p=lookups.period_rank(frame["period"]),
        _l=frame["level"].map(_LEVEL_ORDER),
        _g=frame["group_code"].map({g.code: g.order for g in ethnicity.groups()})
        .fillna(1 << 30),
    ).sort_values(["_i", "_p", "_l", "area_name", "_g"], kind="stable")


def _table(frame: pd.DataFrame, low: pd.Series) -> pd.DataFrame:
    """The rows under :data:`COLUMNS` keys."""
    groups = ethnicity.groups()
    has_limits = frame["lower"].notna() & frame["upper"].notna()
    return pd.DataFrame({
        "indicator_id": frame["indicator_code"], "indicator_name": frame["name"],
        "period": frame["period"], "area_code": frame["area_code"],
        "area_name": frame["area_name"], "area_type": frame["level"].map(AREA_TYPES),
        "ethnic_group": frame["group_code"].map({g.code: g.label for g in groups})
        .fillna(frame["group_code"]),
        "value": _value_cells(frame),
        **{c: frame[c] for c in ("numerator", "denominator", "lower", "upper")},
        "note": _notes(frame, low), "unit": frame["unit"],
        "limits": frame["limits_source"].fillna("supplied").map(LIMITS).where(has_limits, ""),
        "comparator_group": frame["comparator_code"].map({g.code: g.short_label for g in groups})
        .fillna(""),
        **{c: frame[c] for c in ("vs_group", "vs_region", "vs_england", "vs_authority")},
    }).reset_index(drop=True)


def _definitions(defs: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """The definitions of ``codes`` under :data:`DEFINITION_COLUMNS` keys, as the
    definitions template writes them."""
    shown = defs.loc[codes].reset_index()
    return pd.DataFrame({
        "indicator_id": shown["code"], "name": shown["name"], "theme": shown["theme_name"],
        "unit": shown["unit"], "polarity": shown["polarity"].map(POLARITY_WORDS),
        "source": shown["source"], "frequency": shown["frequency"], "notes": shown["notes"],
        "decimals": shown["decimals"], "population": shown["population"],
        "min_count": shown["min_count"],
    })


def figures(conn: sqlite3.Connection, sel: Selection) -> Figures:
    """The rows a selection exports, with comparisons, notes and the file's statements, all
    read in one transaction (an import committed meanwhile cannot mix two data versions).

    Raises :class:`lookups.NotFoundError` for an indicator or area the store does not hold.
    """
    with meta.one_snapshot(conn):
        return _figures(conn, sel)


def _figures(conn: sqlite3.Connection, sel: Selection) -> Figures:
    if sel.period:
        found = lookups.period_of(sel.period)
        sel = replace(sel, period=found.label if found is not None else sel.period)
    defs = definitions(conn).set_index("code")
    if sel.indicator and sel.indicator not in defs.index:
        raise lookups.NotFoundError(f"there is no indicator {sel.indicator} in the store")
    areas = None
    if sel.area:
        info = lookups.area_info(conn, sel.area)
        areas = list(dict.fromkeys(c for c in (sel.area, REGION_CODE, *NATIONAL_CODES,
                                               info.parent_code) if c))
    frame = _read(conn, sel, areas)
    frame = frame[frame["indicator_code"].isin(defs.index)]
    area = pd.DataFrame(areas_table.all_areas(conn),
                        columns=["area_code", "area_name", "level", "parent_code"])
    frame = frame.merge(area, on="area_code", how="left")
    for key in ("polarity", "min_count", "unit", "name"):
        frame[key] = frame["indicator_code"].map(defs[key])
    frame = _comparisons(frame)
    if sel.area:
        frame = frame[frame["area_code"] == sel.area]
    if sel.groups:
        frame = frame[frame["group_code"].isin({*sel.groups}) |
                      (frame["group_code"] == frame["comparator_code"])]
    frame = _ordered(frame, list(defs.index))
    low = pd.Series(low_reliability(frame["numerator"], frame["min_count"]), index=frame.index)
    rows = _table(frame, low)
    return Figures(
        selection=sel, rows=rows,
        definitions=_definitions(defs, list(dict.fromkeys(rows["indicator_id"]))),
        data_version=lookups.data_version(conn), as_at=as_at_quarter(conn),
        filter_text=describe(conn, sel),
        suppressed=int(frame["marker"].notna().sum()), low_reliability=int(low.sum()),
    )


def describe(conn: sqlite3.Connection, sel: Selection) -> str:
    """The selection in words: "indicator CLAIMANT_RATE (Claimant rate …) · area …"."""
    parts = ["all indicators", "all areas", "all periods"]
    if sel.indicator:
        name = indicator_rows.name_of(conn, sel.indicator)
        parts[0] = f"indicator {sel.indicator}" + (f" ({name})" if name else "")
    if sel.area:
        info = lookups.area_info(conn, sel.area)
        parts[1] = f"area {info.name} ({info.code})"
    if sel.period:
        parts[2] = f"period {sel.period}"
    if sel.groups:
        labels = {g.code: g.short_label for g in ethnicity.groups()}
        parts.append("ethnic groups " + ", ".join(labels.get(g, g) for g in sel.groups))
    return " · ".join(parts)

