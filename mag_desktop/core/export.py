"""Exporting what is on screen to xlsx or csv, safe from formula injection.

A text cell that begins with = + - @ (or a tab or carriage return) could run as a formula when
the file is opened in a spreadsheet. In csv such text is prefixed with an apostrophe (OWASP's
advice); in xlsx it is written as a string cell, which Excel never evaluates.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from mag_desktop.core.errors import MagError

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS) else value


def put_text(cell: Any, value: str) -> None:
    """Write text into an openpyxl cell as a string cell, which Excel never evaluates (openpyxl
    itself would store text beginning with = as a formula)."""
    cell._value = value
    cell.data_type = "s"


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()  # type: ignore[no-any-return]
    return value


def stamp(now: datetime | None = None) -> str:
    """When a file was exported, in words: "3 Dec 2026 22:40"."""
    return (now or datetime.now()).strftime("%d %b %Y %H:%M").lstrip("0")


def export_titles(what: str, filter_words: str, data_version: int, as_at: str | None,
                  now: datetime | None = None) -> list[str]:
    """The lines above an exported table: what it is, the filter in words (see
    :func:`mag_desktop.core.query.filter_words.filter_sentence`), the data version, the data's
    "as at" quarter and when it was exported."""
    return [f"MAG Desktop: {what}", f"Filter: {filter_words}",
            f"Data version {data_version} · data as at {as_at or 'not known'}"
            f" · exported {stamp(now)}"]


@dataclass(frozen=True)
class Sheet:
    """A further sheet of an xlsx export: its name, frame and (key, heading) columns."""

    name: str
    frame: pd.DataFrame
    columns: Sequence[tuple[str, str]]


def _rows(frame: pd.DataFrame, columns: Sequence[tuple[str, str]]) -> list[list[object]]:
    keys = [k for k, _ in columns]
    return [[_plain(v) for v in row] for row in frame[keys].itertuples(index=False)]


def _fill(ws: Any, columns: Sequence[tuple[str, str]], rows: list[list[object]],
          titles: Sequence[str] = ()) -> None:
    """One worksheet: ``titles`` (one cell each), a blank line, the headings and the rows."""
    for r, line in enumerate(titles, start=1):
        put_text(ws.cell(row=r, column=1), line)
    head = len(titles) + (2 if titles else 1)  # the header's row, after a blank line
    for c, (_, heading) in enumerate(columns, start=1):
        cell = ws.cell(row=head, column=c)
        put_text(cell, heading)
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=head + 1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                put_text(cell, value)
            elif isinstance(value, (date, datetime)):
                cell.value = value
                cell.number_format = "dd/mm/yyyy"
            else:
                cell.value = value
    ws.freeze_panes = f"A{head + 1}"


def export_frame(frame: pd.DataFrame, columns: Sequence[tuple[str, str]], path: Path,
                 title: str = "", titles: Sequence[str] = (), more: Sequence[Sheet] = ()) -> Path:
    """Write ``frame``'s ``columns`` ((key, heading) pairs) to ``path`` (.xlsx or .csv), under
    ``titles`` (one cell each) and a blank line when there are any; an xlsx workbook also
    holds the sheets ``more`` (a CSV file holds one table, so it leaves them out)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise MagError(f"cannot export to {path.name}: choose a name ending in .xlsx or .csv")
    rows = _rows(frame, columns)

    def write(tmp: Path) -> None:
        if suffix == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                for line in titles:
                    writer.writerow([safe_text(line)])
                if titles:
                    writer.writerow([])
                writer.writerow([h for _, h in columns])
                for row in rows:
                    writer.writerow(["" if v is None else
                                     safe_text(v) if isinstance(v, str) else v for v in row])
            return
        book = Workbook()
        ws = book.active
        assert ws is not None
        ws.title = (title or "Export")[:31]
        _fill(ws, columns, rows, titles)
        for sheet in more:
            _fill(book.create_sheet(sheet.name[:31]), sheet.columns,
                  _rows(sheet.frame, sheet.columns))
        book.save(tmp)

    return write_then_rename(path, write)


def write_then_rename(path: Path, write: Callable[[Path], None]) -> Path:
    """``write`` a file under a temporary name beside ``path``, then rename it: a reader never
    sees half a file, and a failure leaves nothing behind (told in plain words)."""
    tmp = path.with_name(path.name + ".part")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise MagError(f"cannot write {path}: {exc}") from exc
    return path
