"""Rows left out or read differently because of their area, counted and reported once.

A Census file for every MSOA of England, or a DfE file for every local authority, holds
thousands of rows for areas the store does not hold. They are left out, and the report says so
in one warning that counts them by level ("skipped 6,810 rows for areas the store does not
hold ...: 6,800 MSOAs (e.g. E02000001), 10 local authorities (e.g. Leeds)"), not in a warning
per row. Retired ward codes read as their successors are counted the same way.

A file none of whose areas is in the WMCA cannot serve: when rows were left out for their area
and no row is kept for a WMCA area (at most for England or England and Wales, comparators with
nothing to compare), the import is refused with one error that says so and counts the areas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mag_desktop.core.area_levels import level_name, level_of_code
from mag_desktop.core.ingest.report import Report, column_letter

OUTSIDE = "outside"
SUCCESSOR = "successor"
_EXAMPLES = 2


def _shown(examples: list[str]) -> str:
    """Examples joined by commas; one that holds a comma ("K04000001, J99000001") quoted."""
    return ", ".join(f"'{e}'" if "," in e else e for e in examples)


def outside_key(level: str | None) -> str:
    return f"{OUTSIDE}:{level or 'area'}"


def successor_key(old: str, new: str) -> str:
    return f"{SUCCESSOR}:{old}:{new}"


@dataclass
class AreaTally:
    """Row numbers by tally key, gathered chunk by chunk; :meth:`flush` reports them."""

    rows: dict[str, list[np.ndarray]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    place: dict[str, tuple[int | None, str]] = field(default_factory=dict)  # kind -> column
    distinct: dict[str, set[str]] = field(default_factory=dict)  # key -> the values left out
    held: set[str] = field(default_factory=set)  # the codes of the rows kept

    def keep(self, codes: list[str]) -> None:
        """Note the codes of rows whose area the store holds."""
        self.held.update(codes)

    def add(self, key: str, value: str, rows: np.ndarray, column: int | None = None,
            header: str = "") -> None:
        """Count ``rows`` under ``key``; the first column met is the one the report names."""
        self.place.setdefault(key.split(":", 1)[0], (column, header))
        self.rows.setdefault(key, []).append(np.asarray(rows, dtype=np.int64))
        if key.startswith(OUTSIDE):
            self.distinct.setdefault(key, set()).add(value)
        shown = self.examples.setdefault(key, [])
        if value and value not in shown and len(shown) < _EXAMPLES:
            shown.append(value)

    def _counts(self, kind: str) -> list[tuple[str, int, list[str]]]:
        out = []
        for key, parts in self.rows.items():
            if key.split(":", 1)[0] == kind:
                count = len(np.unique(np.concatenate(parts)))  # a wide row counts once
                out.append((key.split(":", 1)[1], count, self.examples.get(key, [])))
        return sorted(out, key=lambda t: (-t[1], t[0]))

    def _rows_of(self, kind: str) -> np.ndarray:
        parts = [a for key, arrays in self.rows.items() if key.split(":", 1)[0] == kind
                 for a in arrays]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)

    def skipped_rows(self) -> int:
        return len(self._rows_of(OUTSIDE))

    def _where(self, kind: str, first: list[str]) -> dict[str, object]:
        """Column (and, for a single row, the row and its value) of a summary warning."""
        column, header = self.place.get(kind, (None, ""))
        rows = self._rows_of(kind)
        one = len(rows) == 1
        return {"column": column, "header": header, "row": int(rows[0]) if one else None,
                "value": first[0] if one and first else None}

    def _none_in_wmca(self, report: Report, outside: list[tuple[str, int, list[str]]]) -> None:
        """The error of a file whose areas are all outside the WMCA (England aside)."""
        local = {c for c in self.held if level_of_code(c) != "country"}
        if local or not outside:
            return
        count = sum(len(v) for v in self.distinct.values())
        parts = []
        for level, _rows, examples in outside:
            n = len(self.distinct.get(f"{OUTSIDE}:{level}", ()))
            what = level_name(level, n) if level != "area" else f"other area{'s' * (n != 1)}"
            parts.append(f"{n:,} {what}" + (f" (e.g. {_shown(examples)})" if examples else ""))
        column, header = self.place.get(OUTSIDE, (None, ""))
        where = f" in column {column_letter(column)} ({header})" if column is not None else ""
        national = sorted(self.held)
        also = (f"; only {', '.join(national)} would be stored, comparators with no WMCA "
                "figure beside them") if national else ""
        report.error("area-none-wmca",
                     f"none of the {count:,} areas{where} is in the West Midlands Combined "
                     f"Authority: {'; '.join(parts)}{also}", column=column, header=header)

    def flush(self, report: Report) -> None:
        """One warning for the rows left out, one for the retired codes read as successors."""
        outside = self._counts(OUTSIDE)
        self._none_in_wmca(report, outside)
        if outside:
            parts = []
            for level, count, examples in outside:
                what = f"{count:,} {level_name(level, count)}" if level != "area" else (
                    f"{count:,} other area{'s' * (count != 1)}")
                parts.append(what + (f" (e.g. {_shown(examples)})" if examples else ""))
            total = self.skipped_rows()
            report.warning(
                "area-outside",
                f"skipped {total:,} {'row' if total == 1 else 'rows'} for areas the store does "
                f"not hold (outside the WMCA, or below ward level): {'; '.join(parts)}",
                **self._where(OUTSIDE, outside[0][2]),
            )
        replaced = self._counts(SUCCESSOR)
        if replaced:
            total = sum(count for _, count, _ in replaced)
            pairs = [f"{key.replace(':', ' as ')} ({count:,} rows)"
                     for key, count, _ in replaced[:5]]
            more = f" and {len(replaced) - 5} more" if len(replaced) > 5 else ""
            report.warning(
                "area-retired",
                f"read retired 2019 ward codes as the wards that succeeded them in {total:,} "
                f"rows: {', '.join(pairs)}{more}",
                **self._where(SUCCESSOR, replaced[0][2]),
            )
        self.rows.clear()
        self.examples.clear()
        self.place.clear()
        self.distinct.clear()
        self.held.clear()
