"""Why a sheet holds no table the importer can read, said from its first rows.

When no header row is found, the refusal names what the sheet does look like, so a clerk can
tell the partner what to send, or see that the file cannot serve at all:
- records running across the columns (column A holds field names, one record per column);
- periods running across the columns with rows that are neither areas nor ethnic groups
  (national totals by age or sex: nothing MAG Desktop can show by area and ethnic group).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from mag_desktop.core.ethnicity import map_label
from mag_desktop.core.ingest.mapping import match_header, period_of_header

_CODE = re.compile(r"^[EWSNK]\d{8}$")
_ID = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9_./-]{3,40}$")
_MIN_ACROSS = 4
_SHOWN = 3


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _is_period(value: object) -> bool:
    if isinstance(value, date | datetime):
        return True
    text = _text(value)
    return bool(text) and period_of_header(text) is not None


def _listing(values: list[str]) -> str:
    shown = ", ".join(repr(v[:40]) for v in values[:_SHOWN])
    return shown + (" …" if len(values) > _SHOWN else "")


def _ids_across(rows: list[list[object]]) -> bool:
    """The first row is a label then three or more distinct identifiers ("BEIS_0004_1920-Q2")."""
    first = next((r for r in rows if any(_text(c) for c in r)), [])
    ids = [_text(c) for c in first[1:] if _text(c)]
    return (bool(first) and bool(_text(first[0])) and len(ids) >= 3 and len(set(ids)) == len(ids)
            and all(_ID.match(i) for i in ids))


def _fields_down_column_a(rows: list[list[object]]) -> str | None:
    labels = [_text(r[0]) for r in rows if r and _text(r[0]) and len(_text(r[0])) <= 80]
    fields = [t for t in labels
              if match_header("commitments", t) or match_header("observations", t)]
    wide = max((sum(1 for c in r[1:] if _text(c)) for r in rows if r), default=0)
    if len(labels) >= 3 and wide >= 3 and (len(fields) >= 2 or _ids_across(rows)):
        return (f"its records run across the columns: column A holds field names "
                f"({_listing(labels)}) with one record per column; turn the table round so "
                "that each record is a row")
    return None


def _periods_across(rows: list[list[object]]) -> str | None:
    for index, row in enumerate(rows):
        periods = [c for c in row if _is_period(c)]
        if len(periods) < _MIN_ACROSS:
            continue
        labels = [_text(r[0]) for r in rows[index + 1:] if r and _text(r[0])]
        if not labels:
            return None
        grouped = (any(map_label(t).code not in (None, "ALL") for t in labels)
                   or any(_CODE.match(t) for t in labels))
        if grouped:
            return None  # a wide table of periods by group or area: a profile can map it
        shown = [str(p)[:10] for p in periods]
        return (f"row {index + 1} holds periods across the columns ({_listing(shown)}) and "
                f"the rows below are {_listing(labels)}: neither areas nor ethnic groups, so "
                "the sheet holds no figure by area and ethnic group")
    return None


def hint(rows: list[list[object]]) -> str | None:
    """A sentence saying why these first rows hold no readable table, when the shape tells."""
    return _fields_down_column_a(rows) or _periods_across(rows)
