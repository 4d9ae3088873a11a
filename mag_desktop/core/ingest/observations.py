"""Validating an observations table, chunk by chunk and column by column.

The result is a compact frame of valid observations; every problem goes to the report with its
row, column, value and what was expected. Rows are never fixed silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mag_desktop.core.ingest.area_tally import AreaTally
from mag_desktop.core.ingest.cells import Cells, parse_numbers
from mag_desktop.core.ingest.dfe_areas import dfe_area_codes
from mag_desktop.core.ingest.dfe_periods import contextual_periods, identifier_column
from mag_desktop.core.ingest.limits import LimitsCheck
from mag_desktop.core.ingest.mapping import Mapping
from mag_desktop.core.ingest.obs_markers import (
    cell_texts,
    count_markers,
    marked_figures,
    note_markers,
)
from mag_desktop.core.ingest.percent import SCALED, PercentCells
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.resolve import (
    Outcome,
    Where,
    area_decider,
    codes_of,
    group_decider,
    indicator_decider,
    period_decider,
    remembered,
    resolve_column,
)
from mag_desktop.core.ingest.rules import check_numbers, units_of
from mag_desktop.core.ingest.skip_values import Skips
from mag_desktop.core.ingest.table import Table, cell_text
from mag_desktop.core.ingest.trailing import TailWatch
from mag_desktop.core.ingest.translations import Translations
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.tasks import Progress, no_progress

CHUNK_ROWS = 100_000
NUMERIC = ("value", "numerator", "denominator", "lower", "upper")
KEY = ["indicator", "area_code", "period", "group_code"]


@dataclass
class ObsContext:
    resolver: AreaResolver
    units: dict[str, str]  # indicator code → unit, from the store and this file
    group_labels: dict[str, str] = field(default_factory=dict)
    keep_rows: dict[int, set[str]] = field(default_factory=dict)  # column index → kept values
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field → value map
    decimals: dict[str, int] = field(default_factory=dict)  # indicator code → decimals
    areas: AreaTally = field(default_factory=AreaTally)  # rows skipped for their area
    notes: Translations = field(default_factory=Translations)  # reported once, with counts
    percents: PercentCells = field(default_factory=PercentCells)  # numbers shown as "56.3%"
    skips: Skips = field(default_factory=Skips)  # the profile's skip_values, by column
    left_out: dict[int, int] = field(default_factory=dict)  # keep_rows column → rows left out
    deciders: dict[str, Callable[..., Outcome]] = field(default_factory=dict)

    def decider(self, name: str, make: Callable[[], Callable[..., Outcome]]
                ) -> Callable[..., Outcome]:
        """The decider of one field, made once an import, each distinct cell decided once."""
        if name not in self.deciders:
            self.deciders[name] = remembered(make())
        return self.deciders[name]


def validate_observations(
    table: Table, mapping: Mapping, ctx: ObsContext, report: Report,
    progress: Progress = no_progress, total_rows: int = 0,
) -> tuple[pd.DataFrame, int]:
    """(valid observations, rows read). Columns: KEY + NUMERIC + marker, group_label,
    limits_source, row. Limits are computed where counts are given without them."""
    frames: list[pd.DataFrame] = []
    read = 0
    limits = LimitsCheck(ctx.units, ctx.decimals)
    tail = TailWatch.of(table)  # notes and tables below the rows the survey saw
    for rows, cols in tail.chunks(table.data_chunks(CHUNK_ROWS)):
        read += len(rows)
        rows, cols = _keep(rows, cols, ctx)
        if len(rows):
            frames.append(_validate_chunk(rows, cols, table, mapping, ctx, report, limits))
        progress(min(1.0, read / total_rows) if total_rows else 0.5, f"checked {read:,} rows")
    tail.warn(report)
    for j, rows_left in ctx.left_out.items():  # one line per rule, its rows counted once
        ctx.notes.note("keep-rows", Translations.kept_rule(table.headers[j], ctx.keep_rows[j]),
                       rows_left, table.headers[j])
    limits.finish(report)
    ctx.percents.flush(report)
    ctx.areas.flush(report)
    ctx.notes.flush(report)
    if not frames:
        return pd.DataFrame(columns=[*KEY, *NUMERIC, "marker", "group_label", "limits_source",
                                     "row"]), read
    frame = pd.concat(frames, ignore_index=True)
    return _duplicates(frame, report, table, mapping), read


def _keep(rows: np.ndarray, cols: list[np.ndarray],
          ctx: ObsContext) -> tuple[np.ndarray, list[np.ndarray]]:
    """Only the rows a profile keeps (e.g. the total of all tactics, not each tactic), less
    those of the values its skip_values lists (counted in one warning per value)."""
    if ctx.keep_rows:
        mask = np.ones(len(rows), dtype=bool)
        for j, allowed in ctx.keep_rows.items():
            kept = np.isin(cell_texts(cols[j]), list(allowed))
            ctx.left_out[j] = ctx.left_out.get(j, 0) + int((mask & ~kept).sum())
            mask &= kept
        rows, cols = rows[mask], [c[mask] for c in cols]
    if ctx.skips and len(rows):
        mask = ctx.skips.mask(cols, ctx.notes)
        rows, cols = rows[mask], [c[mask] for c in cols]
    return rows, cols


def _taken(cells: Cells, rows: np.ndarray) -> Cells:
    """The cells of these rows (numbered from 0)."""
    if isinstance(cells, np.ndarray):
        return cells[rows]
    return [cells[i] for i in rows.tolist()]


def _column(cols: list[np.ndarray], mapping: Mapping, name: str, n: int,
            ctx: ObsContext) -> Cells:
    """A field's cells: its column as read (not copied), or its constant on every row."""
    cells: Cells
    if name in mapping.fields:
        cells = np.asarray(cols[mapping.fields[name]], dtype=object)
    else:
        cells = np.full(n, mapping.constants.get(name, ""), dtype=object)
    if name in ctx.values:
        table = ctx.values[name]
        cells = [table.get(cell_text(c), c) for c in cells]
    return cells


def _validate_chunk(
    row_numbers: np.ndarray, cols: list[np.ndarray], table: Table, mapping: Mapping,
    ctx: ObsContext, report: Report, limits: LimitsCheck,
) -> pd.DataFrame:
    n = len(row_numbers)
    get = {f: _column(cols, mapping, f, n, ctx) for f in (
        "indicator_id", "period", "area_code", "area_name", "area_type", "ethnic_group",
        *NUMERIC, "note")}
    time_id = identifier_column(table.headers)
    get["period"] = contextual_periods(
        get["period"], cols[time_id] if time_id is not None else None, ctx.notes)
    if "area_code" in mapping.fields:  # DfE: a national row's code is in country_code
        get["area_code"] = dfe_area_codes(table.headers, cols, get["area_code"], ctx.notes)
    value_col = [mapping.fields.get("value")]
    if mapping.wide:  # unpivot: one observation per (row, wide column)
        width = len(mapping.wide_columns)
        row_numbers = np.tile(row_numbers, width)
        for name in get:
            get[name] = list(get[name]) * width
        get["value"] = [c for j, _ in mapping.wide_columns for c in cols[j]]
        get[mapping.wide] = [h for _, h in mapping.wide_columns for _ in range(n)]
        value_col = [j for j, _ in mapping.wide_columns for _ in range(n)]

    def where(name: str, i: int | None = None) -> Where:
        """Where a field sits; in a wide layout each row's value has its own column."""
        j = mapping.fields.get(name)
        if name == "value" and mapping.wide and i is not None:
            j = value_col[i]
        if j is None:
            return Where(None, name)
        return Where(table.excel_column(j), table.headers[j])

    area_fields = ("area_code", "area_name", "area_type")
    area, bad, skip = resolve_column([get[f] for f in area_fields], row_numbers,
                                     ctx.decider("area", lambda: area_decider(ctx.resolver)),
                                     report,
                                     [where(f) for f in area_fields], ctx.areas)
    if skip.any():  # rows for areas the store does not hold: counted once, checked no further
        kept = np.flatnonzero(~skip)
        row_numbers, area, bad, skip = row_numbers[kept], area[kept], bad[kept], skip[kept]
        get = {name: _taken(cells, kept) for name, cells in get.items()}
        value_col = [value_col[i] for i in kept] if mapping.wide else value_col
    out: dict[str, object] = {"row": row_numbers}
    for key, source, decide, columns in (
        ("indicator", "indicator_id",
         ctx.decider("indicator", lambda: indicator_decider(set(ctx.units))),
         [get["indicator_id"]]),
        ("period", "period", ctx.decider("period", period_decider), [get["period"]]),
        ("area_code", "", None, []),
        ("group_code", "ethnic_group",
         ctx.decider("group", lambda: group_decider(ctx.group_labels)), [get["ethnic_group"]]),
    ):
        if decide is None:
            out[key] = area
            continue
        codes, b, s = resolve_column(columns, row_numbers, decide, report, where(source))
        out[key], bad, skip = codes, bad | b, skip | s
    out["group_label"] = cell_texts(get["ethnic_group"])
    numbers = {}
    for name in NUMERIC:
        values, markers, wrong, cautions = parse_numbers(get[name])
        numbers[name], bad = values, bad | wrong
        marked_figures(get[name], markers, cautions, where(name).header, ctx.notes)
        for i in np.flatnonzero(wrong):
            col = value_col[i if mapping.wide else 0] if name == "value" else None
            w = where(name) if col is None else Where(table.excel_column(col),
                                                       table.headers[col])
            report.error("number", f"expected a number for {name} (or a suppression marker "
                         "such as [c] for the value)", row=int(row_numbers[i]), column=w.column,
                         header=w.header, value=get[name][i])
        if name == "value":
            out["marker"], unreadable = markers, wrong
        elif name in ("numerator", "denominator"):
            count_markers(out, numbers, markers, name, where(name), row_numbers, report)
    note_markers(out, get["note"], numbers["value"], unreadable)
    if ctx.percents:
        _as_shown(numbers, out, row_numbers, value_col, table, mapping, ctx)
    bad |= check_numbers(out, numbers, ctx.units, report, row_numbers, where, unreadable)
    keep = ~(bad | skip)
    out["limits_source"] = limits.chunk(np.asarray(out["indicator"], dtype=object), numbers,
                                        row_numbers, where, report, keep)
    frame = pd.DataFrame({k: pd.Series(np.asarray(v)[keep], dtype=object)  # no str inference
                          for k, v in out.items() if k != "row"})
    frame["row"] = np.asarray(out["row"])[keep]
    for name in NUMERIC:
        frame[name] = numbers[name][keep]
    return frame


def _as_shown(numbers: dict[str, np.ndarray], out: dict[str, object], row_numbers: np.ndarray,
              value_col: list[int | None], table: Table, mapping: Mapping,
              ctx: ObsContext) -> None:
    """Numbers formatted as percentages read as the per cent shown, for "%" indicators."""
    unit = units_of(out["indicator"], ctx.units)
    n = len(row_numbers)
    for name in SCALED:
        if name == "value" and mapping.wide:
            columns = np.array([table.excel_column(j) if j is not None else -1
                                for j in value_col], dtype=np.int64)
        elif (j := mapping.fields.get(name)) is not None:
            columns = np.full(n, table.excel_column(j), dtype=np.int64)
        else:
            continue
        ctx.percents.apply(numbers[name], row_numbers, columns, unit,
                           lambda col: table.headers[col - table.sheet.col_offset])


def _repeated(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose key came before (``duplicated(KEY)``, from each column's distinct values
    numbered once, rather than pandas' look for missing values in four object columns)."""
    combined = np.zeros(len(frame), dtype=np.int64)
    room = 1
    for name in KEY:
        codes, uniques = codes_of(frame[name].to_numpy(dtype=object))
        room *= max(len(uniques), 1)
        if room >= 2**62:  # too many to number together (never for real data)
            return frame.duplicated(KEY, keep="first").to_numpy()
        combined = combined * max(len(uniques), 1) + codes
    return pd.Series(combined).duplicated(keep="first").to_numpy()


def _duplicates(frame: pd.DataFrame, report: Report, table: Table,
                mapping: Mapping) -> pd.DataFrame:
    dup = _repeated(frame)
    if not dup.any():
        return frame
    first = frame.drop_duplicates(KEY, keep="first").set_index(KEY)["row"]
    j = next((mapping.fields[f] for f in ("area_code", "area_name", "indicator_id", "period",
                                          "ethnic_group") if f in mapping.fields),
             table.first_col)  # the report names a column: the area's, when there is one
    for _, r in frame[dup].iterrows():
        original = first.loc[tuple(r[k] for k in KEY)]
        report.error(
            "duplicate", f"the same indicator, area, period and ethnic group as row {original}; "
            "expected each observation once per file", row=int(r["row"]),
            column=table.excel_column(j), header=table.headers[j],
            value=f"{r['indicator']} {r['area_code']} {r['period']} {r['group_label']}",
        )
    return frame.drop(frame.index[frame.duplicated(KEY, keep=False)])
