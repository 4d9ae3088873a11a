"""Exporting indicator figures to xlsx or csv, in a file that imports again.

Layout (both formats): four title lines (what the file is; the filter; the data version, the
data's "as at" quarter and when it was exported; that suppressed figures are not in it), and a
fifth after the filter when the window's active filter is given, a blank line, then the table.
Its first 13 columns are the import template's, in its order and under its headers; the columns
after them (Unit, Limits, Comparator group and the comparisons) have headers the importer
ignores. The importer's table finder skips the title lines (each is
a single cell), so the file goes back through ``mag-desktop import`` as it is.

An xlsx has two more sheets: "Indicators", the exported indicators' definitions under the
definitions template's headers (so the workbook imports into an empty store), and "About", the
filter, data version, counts and the rules on suppression and comparisons in words. A csv holds
one table only: it imports into a store that already knows the indicators.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from mag_desktop.core.errors import MagError
from mag_desktop.core.export import stamp
from mag_desktop.core.export_writer import Sheet, check_suffix, write_sheets
from mag_desktop.core.geography import REGION_CODE
from mag_desktop.core.indicator_figures import (
    COLUMNS,
    DEFINITION_COLUMNS,
    Figures,
    Selection,
    figures,
)
from mag_desktop.core.query.indicators import NATIONAL_CODES
from mag_desktop.core.tasks import Cancelled, CancelToken, Progress, no_progress

__all__ = ["Exported", "Selection", "export_indicators", "stamp", "write_figures"]

_CHUNK = 20_000  # rows turned into Python lists at a time: a large export is not held twice


@dataclass(frozen=True)
class Exported:
    """What was written: the file, its rows and what the file states about them."""

    path: Path
    rows: int
    suppressed: int
    low_reliability: int
    data_version: int
    as_at: str | None


def title_lines(figs: Figures, now: datetime | None = None) -> list[str]:
    """The lines above the table: what it is, the filter, the data version and "as at" (and,
    from the window, its active filter in words on a line of its own)."""
    shown = figs.selection.shown_filter
    return [
        "MAG Desktop: indicator figures",
        f"Filter: {figs.filter_text}",
        *([f"Filter in the window: {shown}"] if shown else []),
        f"Data version {figs.data_version} · data as at {figs.as_at or 'not known'}"
        f" · exported {stamp(now)}",
        "Suppressed figures show their marker only: their numbers, and those withheld to "
        "protect them, are not in this file.",
    ]


def about_rows(figs: Figures, now: datetime | None = None) -> list[list[object]]:
    """The "About" sheet: one (topic, words or number) pair per row."""
    window: list[list[object]] = ([["Filter in the window", figs.selection.shown_filter]]
                                  if figs.selection.shown_filter else [])
    return [
        ["Exported by", "MAG Desktop"], ["Exported on", stamp(now)],
        ["Filter", figs.filter_text], *window,
        ["Data version", figs.data_version],
        ["Data as at", figs.as_at or "not known"],
        ["Rows", len(figs.rows)], ["Suppressed cells", figs.suppressed],
        ["Low reliability ([u])", figs.low_reliability],
        ["Figures", "As the store holds them, unrounded. The first 13 columns are the import "
         "template's: the file can be imported again."],
        ["Suppression", "A suppressed cell shows [c] in Value and has no numerator, denominator "
         "or limits, whether the publisher suppressed it or it is withheld so that another "
         "suppressed figure cannot be worked out by subtraction; the two look alike on "
         "purpose."],
        ["Low reliability", "[u] in Note: the figure rests on fewer events than the indicator's "
         "threshold (Reliable from count, on the Indicators sheet)."],
        ["Comparisons", "Against the comparator group of the same area and period (White "
         f"British, else White, else All), the WMCA ({REGION_CODE}), the national figure "
         f"(England, {NATIONAL_CODES[0]}, else England and Wales, {NATIONAL_CODES[1]}) and, "
         "for a ward, its authority: different only when the 95% confidence intervals do not "
         "overlap; 'not compared' when a value or a limit is missing; empty for an area "
         "against itself."],
    ]


def _plain_rows(frame: pd.DataFrame, keys: list[str]) -> Iterator[list[object]]:
    """The rows as lists of plain values (None for missing), made a chunk at a time."""
    for start in range(0, len(frame), _CHUNK):
        cells = frame.iloc[start:start + _CHUNK][keys].astype(object)
        yield from cells.where(cells.notna(), None).to_numpy().tolist()


def write_figures(figs: Figures, path: Path, progress: Progress = no_progress,
                  now: datetime | None = None) -> Exported:
    """Write the figures to ``path`` (.xlsx or .csv; see the module's note on the layout)."""
    table = Sheet("Observations", [h for _, h in COLUMNS],
                  _plain_rows(figs.rows, [k for k, _ in COLUMNS]), len(figs.rows),
                  title_lines(figs, now), widths={1: 40, 4: 28, 6: 36, 12: 30})
    definitions = Sheet("Indicators", [h for _, h in DEFINITION_COLUMNS],
                        _plain_rows(figs.definitions, [k for k, _ in DEFINITION_COLUMNS]),
                        widths={1: 50, 7: 60})
    about = Sheet("About", ["About this file", ""], about_rows(figs, now),
                  widths={0: 24, 1: 100})
    written = write_sheets(path, [table, definitions, about], progress)
    return Exported(written, len(figs.rows), figs.suppressed, figs.low_reliability,
                    figs.data_version, figs.as_at)


def export_indicators(conn: sqlite3.Connection, sel: Selection, path: Path,
                      progress: Progress = no_progress,
                      cancel: CancelToken | None = None) -> Exported:
    """Read, compare and write a selection's figures; MagError when there are none.
    Cancelling stops between rows and leaves no file behind."""
    check_suffix(Path(path))

    def step(fraction: float, message: str) -> None:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("cancelled: no file was written")
        progress(fraction, message)

    step(0.0, "reading the figures")
    figs = figures(conn, sel)
    if figs.rows.empty:
        raise MagError(f"nothing to export: the store has no figures for {figs.filter_text}")
    step(0.3, f"writing {len(figs.rows):,} rows")
    return write_figures(figs, Path(path), lambda f, m: step(0.3 + 0.7 * f, m))
