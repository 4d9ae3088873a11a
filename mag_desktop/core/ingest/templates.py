"""Blank xlsx templates for partners: an instructions sheet, a header row, and drop-down lists.

Drop-downs (themes, priorities, statuses, authorities, ethnic groups, units, polarities) are
openpyxl data validations that point at a hidden "Lists" sheet, so long lists are not limited
by Excel's 255-character inline list.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mag_desktop.core import ethnicity, vocab
from mag_desktop.core.domain import Unit
from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest.mapping import columns

ROWS = 2000
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def _lists() -> dict[str, list[str]]:
    geo = load_geography()
    return {
        "themes": [t.name for t in vocab.themes()],
        "priorities": [p for t in vocab.themes() for p in t.priorities],
        "statuses": [s.label for s in vocab.statuses()],
        "authorities": ["Regional", *(a.name for a in geo.authorities)],
        "groups": [g.label for g in ethnicity.groups()],
        "units": [unit.value for unit in Unit],
        "polarities": ["Higher is better", "Lower is better", "No judgement"],
        "principles": [p.name for p in vocab.principles()],
        "aims": ["Narrow the gap", "Lower", "Raise"],
    }


DROPDOWNS = {
    "commitments": {"theme": "themes", "priority": "priorities", "status": "statuses",
                    "authority": "authorities"},
    "definitions": {"theme": "themes", "unit": "units", "polarity": "polarities"},
    "observations": {"ethnic_group": "groups"},
    "milestones": {},
    "links": {"group": "groups", "comparator": "groups", "aim": "aims"},
}
#: A heading's note (shown when the cell is pointed at), with an example.
HELP = {
    ("commitments", "indicators"): "The indicators this commitment aims to move: IDs or names "
    "as the Indicators tab shows them, separated by semicolons, each with its ethnic group and "
    "the group compared with in brackets if it targets one. Example: CLAIMANT_RATE (Black "
    "Caribbean vs White British); YJ_FTE",
    ("links", "aim"): "Narrow the gap (also Reduce the gap, Close the gap), Lower (Reduce, "
    "Decrease, Fewer) or Raise (Increase, More); empty means narrow the gap.",
}

INSTRUCTIONS = {
    "commitments": [
        "One row per commitment, for one quarter. Keep the header row as it is.",
        "Commitment ID: a stable reference (e.g. RET-HOUSING-004) used every quarter.",
        "Local authority: an authority's name or ONS code, or 'Regional' for all authorities.",
        "Wards: optional ward names or codes of that authority, separated by semicolons.",
        "Status: Not started, On track, At risk, Off track, Complete, Closed or Withdrawn "
        "(Closed and Withdrawn need a reason).",
        "Update quarter: the quarter the status and narrative describe, e.g. 2026 Q3.",
        "Dates: day/month/year or Excel dates. Milestones go on the Milestones sheet.",
        "Linked indicators: optional; the indicators the commitment aims to move, by ID or "
        "name, separated by semicolons, each with its groups in brackets, e.g. CLAIMANT_RATE "
        "(Black Caribbean vs White British); YJ_FTE.",
        "Links sheet: one row per linked indicator, for several links or an aim other than "
        "narrowing the gap: Commitment ID, Indicator, Ethnic group, Compared with, Aim "
        "(Narrow the gap, Lower or Raise; empty means narrow the gap).",
    ],
    "indicators": [
        "Indicators sheet: one row per indicator (its ID, name, theme, unit and polarity).",
        "Observations sheet: one row per indicator, period, area and ethnic group.",
        "Area: an ONS code (E08…, E05…) or the name of a WMCA authority or ward.",
        "Ethnic group: a 2021 Census group or heading, 'All ethnic groups' or 'Unknown'.",
        "Suppressed values: write the marker ([c], [x], [z], [u]) in Value and leave the "
        "numerator, denominator and limits empty.",
        "Numbers may use thousands separators; percentages 0–100; limits must contain the value.",
    ],
}


def _sheet(book: Workbook, title: str, kind: str, lists: dict[str, int]) -> Worksheet:
    ws = book.create_sheet(title)
    for j, col in enumerate(columns(kind), start=1):
        cell = ws.cell(row=1, column=j, value=col.header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = max(14, len(col.header) + 4)
        if (kind, col.field) in HELP:
            cell.comment = Comment(HELP[(kind, col.field)], "MAG Desktop", 160, 320)
        source = DROPDOWNS[kind].get(col.field)
        if source:
            letter = get_column_letter(list(lists).index(source) + 1)
            dv = DataValidation(type="list", formula1=f"=Lists!${letter}$2:${letter}$"
                                f"{lists[source] + 1}", allow_blank=not col.required)
            dv.error = f"Choose a value from the list for {col.header}."
            dv.prompt = f"Choose {col.header.lower()} from the list."
            ws.add_data_validation(dv)
            dv.add(f"{get_column_letter(j)}2:{get_column_letter(j)}{ROWS}")
    ws.freeze_panes = "A2"
    return ws


def _instructions(book: Workbook, kind: str) -> None:
    ws = book.active
    assert ws is not None
    ws.title = "Instructions"
    ws["A1"] = f"MAG Desktop: {kind} template"
    ws["A1"].font = Font(bold=True, size=14)
    for i, line in enumerate(INSTRUCTIONS[kind], start=3):
        ws.cell(row=i, column=1, value=line)
    ws.column_dimensions["A"].width = 110


def _list_sheet(book: Workbook) -> dict[str, int]:
    ws = book.create_sheet("Lists")
    sizes = {}
    for j, (name, values) in enumerate(_lists().items(), start=1):
        ws.cell(row=1, column=j, value=name)
        for i, value in enumerate(values, start=2):
            ws.cell(row=i, column=j, value=value)
        sizes[name] = len(values)
    ws.sheet_state = "hidden"
    return sizes


def write_templates(folder: Path) -> list[Path]:
    """Write commitments.xlsx and indicators.xlsx into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sheets in (("commitments", [("Commitments", "commitments"),
                                          ("Milestones", "milestones"),
                                          ("Links", "links")]),
                         ("indicators", [("Indicators", "definitions"),
                                         ("Observations", "observations")])):
        book = Workbook()
        _instructions(book, name)
        lists = _list_sheet(book)
        for title, kind in sheets:
            _sheet(book, title, kind, lists)
        book.move_sheet("Lists", offset=len(book.sheetnames))
        path = folder / f"{name}_template.xlsx"
        book.save(path)
        written.append(path)
    return written
