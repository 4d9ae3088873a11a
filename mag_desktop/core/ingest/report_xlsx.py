"""The import report as an xlsx workbook to send back to the partner: a summary sheet (the
file, the outcome, the rows counted), one line per problem (grouped by rule, column and value,
with its rows) and every example row. Text goes through export.py's guard as string cells,
never formulas, so a value such as "=HYPERLINK(…)" found in the partner's file stays text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from mag_desktop.core.errors import MagError
from mag_desktop.core.export import put_text, write_then_rename

if TYPE_CHECKING:
    from mag_desktop.core.ingest.service import ImportResult

PROBLEMS = ["Kind", "Sheet", "Column", "Header", "Value found", "Rows", "First rows",
            "What is wrong, and what was expected"]
EXAMPLES = ["Kind", "Sheet", "Row", "Column", "Header", "Value found",
            "What is wrong, and what was expected"]
WIDTHS = {"What is wrong, and what was expected": 90, "Value found": 30, "Header": 28,
          "First rows": 30}


def write_report(result: ImportResult, path: Path) -> Path:
    """Write ``result``'s report to ``path`` (.xlsx), atomically."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise MagError(f"cannot save the report as {path.name}: choose a name ending in .xlsx")
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _rows(summary, ["", ""], _summary(result))
    _rows(book.create_sheet("Problems"), PROBLEMS, [
        [g.severity, g.sheet, g.column, g.header, g.value, g.count,
         ", ".join(str(r) for r in sorted(g.rows)) + (" …" if g.count > len(g.rows) else ""),
         g.message] for g in result.groups])
    _rows(book.create_sheet("Rows"), EXAMPLES, [
        [i.severity, i.sheet, i.row, i.column, i.header, i.value, i.message]
        for i in [*result.errors, *result.warnings]])
    return write_then_rename(path, book.save)


def _summary(result: ImportResult) -> list[list[object]]:
    outcome = {"ok": "would import" if result.dry_run else "imported"}.get(
        result.status, "rejected: nothing was imported")
    return [
        ["File", result.file], ["Sheet", result.sheet], ["Kind", result.kind],
        ["Outcome", outcome], ["Message", result.message],
        ["Rows read", result.rows_read], ["Rows valid", result.rows_valid],
        ["Rows with errors", result.rows_invalid],
        ["Rows left out (with a warning)", result.rows_skipped],
        ["Records the valid rows give", result.records],
        ["Errors", sum(1 for g in result.groups if g.severity == "error")],
        ["Warnings", sum(1 for g in result.groups if g.severity == "warning")],
        *[["More", line] for line in result.omitted],  # type: ignore[list-item]
    ]


def _rows(sheet: Worksheet, headings: list[str], rows: list[list[object]]) -> None:
    body: list[list[object]] = rows if not any(headings) else [list(headings), *rows]
    for r, row in enumerate(body, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):  # a string cell: never read as a formula (export.py)
                put_text(cell, value)
            elif value is not None:
                cell.value = value
    if any(headings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for c, heading in enumerate(headings, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = (
                WIDTHS.get(heading, 12))
    else:
        sheet.column_dimensions["A"].width = 30
        sheet.column_dimensions["B"].width = 90
