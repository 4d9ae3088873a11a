"""Numbers formatted as percentages, read as the spreadsheet shows them.

A cell holding 0.563 with a percent format shows "56.3%"; MAG Desktop keeps percentages as 0 to
100, so for an indicator whose unit is "%" the value and its limits are read as shown (×100),
and the report says so once per column with its count. For an indicator of another unit the
number is kept as it is and a warning names the column, so the clerk checks the unit.

Pre-flight finds the cells (:mod:`xlsx_cells`, :mod:`ods_extent`); nothing here runs when a
sheet has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from mag_desktop.core.ingest.report import Report

SCALED = ("value", "lower", "upper")


@dataclass
class _Tally:
    header: str
    count: int = 0
    before: float = float("nan")
    after: float = float("nan")
    row: int = 0
    units: set[str] = field(default_factory=set)


@dataclass
class PercentCells:
    """One sheet's percent-formatted numbers: Excel column → sorted Excel rows."""

    by_column: dict[int, np.ndarray] = field(default_factory=dict)
    read: dict[int, _Tally] = field(default_factory=dict)  # column → cells read ×100
    other: dict[int, _Tally] = field(default_factory=dict)  # column → cells of another unit
    #: gives the cells when first needed (the pre-flight's scan may still be running)
    source: Callable[[], set[tuple[int, int]]] | None = None

    @classmethod
    def of(cls, cells: set[tuple[int, int]]) -> PercentCells:
        columns: dict[int, list[int]] = {}
        for row, col in cells:
            columns.setdefault(col, []).append(row)
        return cls({col: np.array(sorted(rows), dtype=np.int64)
                    for col, rows in columns.items()})

    @classmethod
    def later(cls, source: Callable[[], set[tuple[int, int]]]) -> PercentCells:
        """The cells ``source`` gives, asked for only when the first rows are checked."""
        return cls(source=source)

    def _ready(self) -> dict[int, np.ndarray]:
        if self.source is not None:
            self.by_column, self.source = self.of(self.source()).by_column, None
        return self.by_column

    def __bool__(self) -> bool:
        return bool(self._ready())

    def apply(self, values: np.ndarray, rows: np.ndarray, columns: np.ndarray,
              units: np.ndarray, header: Callable[[int], str]) -> None:
        """Scale in place the percent-formatted numbers of "%" indicators; count the rest.

        ``columns`` is each cell's Excel column (-1 where the field has no column), ``units``
        each row's indicator unit (None when the indicator is unknown).
        """
        for col in np.unique(columns):
            found = self._ready().get(int(col))
            if found is None:
                continue
            mask = (columns == col) & np.isin(rows, found) & ~np.isnan(values)
            if not mask.any():
                continue
            percent = mask & (units == "%")
            if percent.any():
                first = int(np.flatnonzero(percent)[0])
                tally = self.read.setdefault(int(col), _Tally(header(int(col))))
                if not tally.count:
                    tally.before, tally.row = float(values[first]), int(rows[first])
                values[percent] = np.round(values[percent] * 100, 9)
                if not tally.count:
                    tally.after = float(values[first])
                tally.count += int(percent.sum())
            elsewhere = mask & (units != "%") & np.array([u is not None for u in units], dtype=bool)
            if elsewhere.any():
                first = int(np.flatnonzero(elsewhere)[0])
                tally = self.other.setdefault(int(col), _Tally(header(int(col))))
                if not tally.count:
                    tally.before, tally.row = float(values[first]), int(rows[first])
                tally.count += int(elsewhere.sum())
                tally.units.update(str(u) for u in units[elsewhere])

    def flush(self, report: Report) -> None:
        """One line per column: what was read as shown, and what may be in the wrong unit."""
        for col, t in sorted(self.read.items()):
            cells = "cell" if t.count == 1 else "cells"
            report.warning("percent-format", f"read {t.count:,} {cells} formatted as "
                           f"percentages as the per cent shown: {_show(t.before)} → "
                           f"{_show(t.after)}", row=t.row, column=col, header=t.header,
                           value=_show(t.before))
        for col, t in sorted(self.other.items()):
            cells = "cell is" if t.count == 1 else "cells are"
            units = ", ".join(repr(u) for u in sorted(t.units))
            report.warning("percent-format-unit", f"{t.count:,} {cells} formatted as "
                           f"percentages (Excel shows {_show(t.before)} as "
                           f"{_show(t.before * 100)}%) but the indicator's unit is {units}: "
                           "kept as the number stored; check the indicator's unit",
                           row=t.row, column=col, header=t.header, value=_show(t.before))
        self.read.clear()
        self.other.clear()


def _show(number: float) -> str:
    return f"{number:.10g}"
