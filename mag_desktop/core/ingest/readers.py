"""Readers: a workbook or CSV file as named sheets of rows, with Excel's row and column numbers.

Spreadsheets are read with python-calamine, which uses cached values and never evaluates a
formula or loads a macro. CSV files are decoded as Excel writes them (see :mod:`csvtext`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as pc

from mag_desktop.core.ingest import csvtext, split
from mag_desktop.core.ingest.preflight import FileRefused, Preflight

Cell = Any
Row = list[Cell]


@dataclass
class Sheet:
    """One sheet: rows from Excel row 1 down; cell ``j`` of a row is column ``col_offset + j``."""

    name: str
    col_offset: int
    height: int
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    #: gives the sheet's Excel error cells, (row, col) → "#N/A"; asked for only when the data
    #: is read, so the background scan of the file overlaps the parsing of every sheet
    error_source: Callable[[], dict[tuple[int, int], str]] | None = None
    _errors: dict[tuple[int, int], str] | None = None
    _source: Any = None
    _rows: list[Row] | None = None

    @property
    def errors(self) -> dict[tuple[int, int], str]:
        if self._errors is None:
            self._errors = self.error_source() if self.error_source else {}
        return self._errors

    def iter_rows(self) -> Iterator[Row]:
        if self._rows is not None:
            yield from self._rows
        elif self._source is not None:
            yield from self._source.iter_rows()

    def head(self, n: int) -> list[Row]:
        out: list[Row] = []
        for row in self.iter_rows():
            out.append(list(row))
            if len(out) >= n:
                break
        return out


class Workbook:
    """The sheets of one file, opened lazily."""

    def __init__(self, pre: Preflight) -> None:
        self.pre = pre
        self.path = pre.path
        self._book: pc.CalamineWorkbook | None = None
        self._csv: Sheet | None = None
        self._sheets: dict[str, Sheet] = {}
        if pre.format == "csv":
            self._csv = read_csv(pre.path)
        else:
            try:
                self._book = pc.CalamineWorkbook.from_path(str(pre.path))
            except pc.PasswordError as exc:
                raise FileRefused(
                    f"{pre.path.name}: this file is password-protected: save an unprotected copy"
                ) from exc
            except Exception as exc:  # calamine raises several kinds for damaged files
                raise FileRefused(
                    f"{pre.path.name}: the file cannot be read as {pre.format.upper()}; it may "
                    f"be damaged ({exc})"
                ) from exc

    @property
    def sheet_names(self) -> list[str]:
        if self._csv is not None:
            return [self._csv.name]
        assert self._book is not None
        return list(self._book.sheet_names)

    def sheet(self, name: str) -> Sheet:
        """A sheet, loaded once (loading parses the whole sheet, so it is cached)."""
        if self._csv is not None:
            return self._csv
        if name not in self._sheets:
            self._sheets[name] = self._load(name)
        return self._sheets[name]

    def _load(self, name: str) -> Sheet:
        assert self._book is not None
        part = self.pre.cells.part_of(name)
        try:
            raw = (split.parse_in_two(self.path, part, name) if part else None
                   ) or self._book.get_sheet_by_name(name)
        except Exception as exc:
            raise FileRefused(f"{self.path.name}: sheet {name!r} cannot be read ({exc})") from exc
        start = raw.start
        return Sheet(
            name=name,
            col_offset=start[1] if start else 0,
            height=raw.end[0] + 1 if raw.end else 0,
            merged=list(raw.merged_cell_ranges or []),
            error_source=lambda: self.pre.ready_cells().errors_of(name),
            _source=raw,
        )

    def close(self) -> None:
        """Free the parsed sheets (a large sheet holds hundreds of MB until then)."""
        for sheet in self._sheets.values():
            sheet._source = None
        self._sheets.clear()
        if self._book is not None:
            self._book.close()


def read_csv(path: Path) -> Sheet:
    """A CSV file as one sheet (see :mod:`csvtext` for the encoding and delimiter rules)."""
    try:
        text, _encoding = csvtext.decode(path.read_bytes())
        rows = list(csvtext.rows(text, csvtext.sniff(text)))
    except csvtext.CsvRefused as exc:
        raise FileRefused(f"{path.name}: {exc}") from exc
    return Sheet(name=path.stem, col_offset=0, height=len(rows), _rows=rows)
