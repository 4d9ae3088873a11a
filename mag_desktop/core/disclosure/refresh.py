"""Keeping ``observation.withheld`` right: after an import, an undo or a restore, the slices
(indicator, period) it touched are worked out again over every current row, across all areas,
and only the flags that change are written.

Only slices whose figures add up are protected: counts, and any indicator held with numerators
or denominators (the counts a subtraction would use). Rates or percentages published without
their counts cannot be subtracted, so there is nothing to protect.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.disclosure import worker
from mag_desktop.core.disclosure.linked import protect_together
from mag_desktop.core.disclosure.protect import protection_cost, withhold
from mag_desktop.core.disclosure.relations import relations
from mag_desktop.core.distinct import codes_of
from mag_desktop.core.store import withheld


def _children(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Area -> the areas it is the sum of: an authority's wards, the WMCA area's constituent
    authorities."""
    found: dict[str, list[str]] = {}
    for code, parent, level, membership in withheld.area_parents(conn):
        if level == "ward" or (level == "authority" and membership == "constituent"):
            found.setdefault(parent, []).append(code)
    return {p: tuple(kids) for p, kids in found.items()}


def _definitions(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, float]]:
    """Indicator -> unit, and indicator -> reliability threshold."""
    rows = withheld.indicator_units(conn)
    return {c: str(u) for c, u, _ in rows}, {c: float(n or 10) for c, _, n in rows}


def _read(conn: sqlite3.Connection, indicator: str, periods: list[str]) -> pd.DataFrame:
    frame = withheld.slice_rows(conn, indicator, periods)
    for column in ("value", "numerator", "denominator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _additive(frame: pd.DataFrame, unit: str) -> pd.Series:
    """Per row: whether its slice holds figures that add up."""
    counted = frame["numerator"].notna() | frame["denominator"].notna()
    if unit == "count":
        counted |= frame["value"].notna()
    return counted.groupby(frame["period"]).transform("any")


def flags(frame: pd.DataFrame, unit: str, children: dict[str, tuple[str, ...]],
          threshold: float = 10.0) -> np.ndarray:
    """The withheld flag for every row of ``frame`` (one indicator's current rows; a
    ``withheld`` column, when present, holds the flags of rows already withheld, which stay).

    Rows are taken in a canonical order (period, area, group) and every choice depends on a
    slice's own rows, so a slice is protected the same whether alone or with others."""
    out = np.zeros(len(frame), dtype=bool)
    if frame.empty:
        return out
    order = np.lexsort(tuple(pd.factorize(frame[c], sort=True)[0]  # whole numbers sort fast
                             for c in ("group_code", "area_code", "period")))
    ordered = frame.iloc[order].reset_index(drop=True)
    additive = _additive(ordered, unit).to_numpy(dtype=bool)
    part = ordered[additive]
    secret = part["marker"].isin(vocab.confidential_markers()).to_numpy()
    if part.empty or not secret.any():
        return out
    kept = (part["withheld"].fillna(0).to_numpy(dtype=bool) if "withheld" in part
            else np.zeros(len(part), dtype=bool))
    count = part["numerator"].fillna(part["value"]).fillna(part["denominator"])
    cost = protection_cost(count.to_numpy(dtype=float), threshold)
    totals = _shared_totals(part)
    if len(totals):  # each one known to anyone reading the denominators: never hidden
        part = pd.concat([part, totals], ignore_index=True)
        secret = np.r_[secret, np.zeros(len(totals), dtype=bool)]
        kept = np.r_[kept, np.zeros(len(totals), dtype=bool)]
        cost = np.r_[cost, np.full(len(totals), 1e30)]
    members = relations(part, children)
    found = np.zeros(len(ordered), dtype=bool)
    found[np.flatnonzero(additive)] = withhold(members, secret, cost, kept)[:int(additive.sum())]
    out[order] = found
    return out


def _shared_totals(part: pd.DataFrame) -> pd.DataFrame:
    """For an area whose rows are shares of one whole (every row's denominator the same) but
    that has no "All ethnic groups" row: that whole as an "All" row, shown by the
    denominators, so that the shares' numerators are protected as parts of it."""
    periods, period_names = codes_of(part["period"].to_numpy(dtype=object))
    areas, area_names = codes_of(part["area_code"].to_numpy(dtype=object))
    key = periods * max(len(area_names), 1) + areas  # (period, area) as one whole number
    denominator = part["denominator"].to_numpy(dtype=float)
    shared = ~np.isnan(denominator)
    if not shared.any():
        return part.iloc[0:0]
    spread = pd.Series(denominator[shared]).groupby(key[shared]).agg(["min", "max", "size"])
    whole = spread[(spread["min"] == spread["max"]) & (spread["size"] >= 2)]
    has_all = set(key[part["group_code"].to_numpy(dtype=object) == "ALL"].tolist())
    rows = sorted((period_names[k // max(len(area_names), 1)],
                   area_names[k % max(len(area_names), 1)], d)
                  for k, d in whole["min"].items() if k not in has_all)
    if not rows:
        return part.iloc[0:0]
    first = part.iloc[0]
    return pd.DataFrame({
        "indicator_code": first["indicator_code"], "period": [r[0] for r in rows],
        "area_code": [r[1] for r in rows], "group_code": "ALL",
        "value": np.nan, "numerator": [r[2] for r in rows], "denominator": [r[2] for r in rows],
        "marker": None,
    })


def flags_of_new_started(conn: sqlite3.Connection, frame: pd.DataFrame,
                         held: set[tuple[str, str]]) -> Future[np.ndarray]:
    """Withheld flags for an import's rows (columns indicator, period, area_code, group_code,
    value, numerator, denominator, marker) before they are written: worked out in memory for
    the slices the store does not hold yet (every row of such a slice is in the file); 0 for
    rows of ``held`` slices, which :func:`refresh` works out after the write. The work runs
    while the caller goes on: in the worker process that stands by for a large import
    (:mod:`.worker`), else on threads of this one; what it needs of the store is read here,
    before this returns."""
    if frame.empty:
        done: Future[np.ndarray] = Future()
        done.set_result(np.zeros(0, dtype=np.int64))
        return done
    children = _children(conn)
    units, thresholds = _definitions(conn)

    def here(rows: pd.DataFrame) -> np.ndarray:
        return flags_in_memory(rows, held, children, units, thresholds)

    if (standing := worker.standing()) is not None:  # one core of its own: one thread
        return standing.submit(frame, (held, children, units, thresholds, 1), here)
    started: Future[np.ndarray] = Future()

    def work() -> None:
        try:
            started.set_result(here(frame))
        except BaseException as exc:  # raised to the caller by result()
            started.set_exception(exc)

    threading.Thread(target=work, name="protect", daemon=True).start()
    return started


def flags_in_memory(frame: pd.DataFrame, held: set[tuple[str, str]],
                    children: dict[str, tuple[str, ...]], units: dict[str, str],
                    thresholds: dict[str, float], threads: int = 2) -> np.ndarray:
    """The flags :func:`flags_of_new_started` works out, indicators ``threads`` at a time."""
    out = np.zeros(len(frame), dtype=np.int64)
    fresh = (~pd.MultiIndex.from_frame(frame[["indicator", "period"]]).isin(list(held))
             if held else np.ones(len(frame), dtype=bool))
    if not fresh.any():
        return out
    rows = frame[fresh].rename(columns={"indicator": "indicator_code"}).assign(withheld=0)
    at = np.flatnonzero(fresh)
    codes = rows["indicator_code"].to_numpy()
    parts = {indicator: part.reset_index(drop=True)
             for indicator, part in rows.groupby("indicator_code", sort=False)}

    def one(indicator: str, part: pd.DataFrame) -> np.ndarray:
        return flags(part, units.get(indicator, ""), children, thresholds.get(indicator, 10))

    # indicators one by one, two at a time (numpy works without the GIL for much of it)...
    with ThreadPoolExecutor(max_workers=max(1, min(threads, os.cpu_count() or 1))) as pool:
        first = dict(zip(parts, pool.map(one, parts, parts.values()), strict=True))
    # ...then indicators that show the same counts, together
    for indicator, found in protect_together(parts, units, one, first).items():
        out[at[codes == indicator]] = found
    return out


def refresh(conn: sqlite3.Connection, slices: Iterable[tuple[str, str]]) -> int:
    """Recompute the flags of the (indicator, period) slices given; the number of rows whose
    flag changed. Call inside the write transaction that changed the data."""
    by_indicator: dict[str, set[str]] = {}
    for indicator, period in slices:
        by_indicator.setdefault(indicator, set()).add(period)
    if not by_indicator:
        return 0
    children = _children(conn)
    units, thresholds = _definitions(conn)
    frames: dict[str, pd.DataFrame] = {}
    for indicator, periods in by_indicator.items():
        ordered = sorted(periods)
        frames[indicator] = pd.concat(
            [_read(conn, indicator, ordered[start:start + 500])
             for start in range(0, len(ordered), 500)], ignore_index=True)

    def one(indicator: str, frame: pd.DataFrame) -> np.ndarray:
        return flags(frame, units.get(indicator, ""), children, thresholds.get(indicator, 10))

    changed = 0
    for indicator, new in protect_together(dict(frames), units, one).items():
        frame = frames[indicator]
        old = frame["withheld"].fillna(0).to_numpy(dtype=bool)
        moved = frame.loc[new != old, "row_id"].to_numpy()
        withheld.set_flags(conn, [(int(f), int(r))
                                  for f, r in zip(new[new != old], moved, strict=True)])
        changed += len(moved)
    return changed


def slices_of_import(conn: sqlite3.Connection, import_id: int) -> list[tuple[str, str]]:
    """The (indicator, period) slices an import wrote to (and so superseded rows in)."""
    return withheld.slices_of_import(conn, import_id)


def refresh_all(conn: sqlite3.Connection) -> int:
    """Recompute every current slice (after a restore, or a migration)."""
    return refresh(conn, withheld.current_slices(conn))
