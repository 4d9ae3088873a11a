"""Validating indicator definitions (a small table: one row per indicator)."""

from __future__ import annotations

import re

from mag_desktop.core.domain import IndicatorDef, Polarity, Unit
from mag_desktop.core.ingest.cells import clean_text, is_blank
from mag_desktop.core.ingest.mapping import Mapping
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.table import Table
from mag_desktop.core.ingest.textcheck import checked_text
from mag_desktop.core.vocab import match_theme

_UNITS = {
    "%": Unit.PERCENT, "percent": Unit.PERCENT, "percentage": Unit.PERCENT, "pct": Unit.PERCENT,
    "per1000": Unit.PER_1000, "rateper1000": Unit.PER_1000, "per1000population": Unit.PER_1000,
    "per100000": Unit.PER_100000, "rateper100000": Unit.PER_100000,
    "count": Unit.COUNT, "number": Unit.COUNT, "people": Unit.COUNT, "n": Unit.COUNT,
    "£": Unit.POUNDS, "gbp": Unit.POUNDS, "pounds": Unit.POUNDS, "rate": Unit.RATE,
    "£thousand": Unit.POUNDS_THOUSAND, "£000": Unit.POUNDS_THOUSAND,
    "£000s": Unit.POUNDS_THOUSAND, "£k": Unit.POUNDS_THOUSAND,
    "thousandpounds": Unit.POUNDS_THOUSAND, "gbpthousand": Unit.POUNDS_THOUSAND,
    "score": Unit.SCORE, "averagescore": Unit.SCORE, "meanscore": Unit.SCORE,
    "points": Unit.SCORE, "averagepoints": Unit.SCORE,
}
_POLARITY = {
    "higherisbetter": Polarity.HIGHER_IS_BETTER, "higher": Polarity.HIGHER_IS_BETTER,
    "high": Polarity.HIGHER_IS_BETTER, "up": Polarity.HIGHER_IS_BETTER,
    "lowerisbetter": Polarity.LOWER_IS_BETTER, "lower": Polarity.LOWER_IS_BETTER,
    "low": Polarity.LOWER_IS_BETTER, "down": Polarity.LOWER_IS_BETTER,
    "nojudgement": Polarity.NO_JUDGEMENT, "none": Polarity.NO_JUDGEMENT,
    "neutral": Polarity.NO_JUDGEMENT, "na": Polarity.NO_JUDGEMENT,
    "notapplicable": Polarity.NO_JUDGEMENT, "nopolarity": Polarity.NO_JUDGEMENT,
}
ID_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]{0,63}$")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9%£]+", "", text.lower())


def parse_unit(text: str) -> Unit | None:
    return _UNITS.get(_key(text))


def parse_polarity(text: str) -> Polarity | None:
    return _POLARITY.get(_key(text))


def _whole(raw: object, default: int, highest: int) -> int | None:
    """A whole number from 0 to ``highest``; ``default`` for a blank cell, None when invalid."""
    if is_blank(raw):
        return default
    try:
        number = float(str(raw))
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 <= number <= highest else None


def definition_from_dict(raw: dict[str, object], report: Report, row: int | None = None,
                         columns: dict[str, tuple[int, str]] | None = None) -> IndicatorDef | None:
    """One definition from field → cell; problems reported against ``row`` and its columns."""
    columns = columns or {}
    ok = True

    def fail(field: str, message: str) -> None:
        nonlocal ok
        ok = False
        column, header = columns.get(field, (None, field))
        report.error(f"definition-{field}", message, row=row, column=column, header=header,
                     value=raw.get(field))

    def text(field: str, limit: int) -> str:
        column, header = columns.get(field, (None, field))
        return checked_text(report, raw.get(field), limit, row=row, column=column, header=header)

    code = clean_text(raw.get("indicator_id"), 64).upper()
    if not ID_PATTERN.match(code):
        fail("indicator_id", "expected an indicator ID of letters, digits, '_', '-' or '.'")
    name = text("name", 300)
    if not name:
        fail("name", "an indicator name is required")
    theme = match_theme(clean_text(raw.get("theme")))
    if theme is None:
        fail("theme", "expected one of the strategy's 8 themes (e.g. 'Health and wellbeing')")
    unit = parse_unit(clean_text(raw.get("unit")))
    if unit is None:
        fail("unit", "expected a unit: %, per 1,000, per 100,000, count, £, £ thousand, rate "
                     "or score")
    polarity = parse_polarity(clean_text(raw.get("polarity")))
    if polarity is None:
        fail("polarity", "expected 'Higher is better', 'Lower is better' or 'No judgement'")
    decimals = _whole(raw.get("decimals"), 1, 4)
    if decimals is None:
        fail("decimals", "expected a whole number of decimal places from 0 to 4")
    min_count = _whole(raw.get("min_count"), 10, 1000)
    if min_count is None:
        fail("min_count", "expected a whole number of events from 0 to 1,000 (figures "
                          "resting on fewer are marked low reliability; 0 for never)")
    if not ok or theme is None or unit is None or polarity is None or decimals is None \
            or min_count is None:
        return None
    return IndicatorDef(
        code=code, name=name, theme=theme.code, unit=unit, polarity=polarity,
        source=text("source", 500), frequency=text("frequency", 100),
        notes=text("notes", 4000), decimals=decimals,
        population=text("population", 100), min_count=min_count,
    )


def validate_definitions(table: Table, mapping: Mapping, report: Report) -> list[IndicatorDef]:
    columns = {f: (table.excel_column(j), table.headers[j]) for f, j in mapping.fields.items()}
    seen: dict[str, int] = {}
    out: list[IndicatorDef] = []
    for row_number, cells in table.data_rows():
        raw = {f: cells[j] for f, j in mapping.fields.items()}
        raw.update({k: v for k, v in mapping.constants.items() if k not in raw})
        definition = definition_from_dict(raw, report, row_number, columns)
        if definition is None:
            continue
        if definition.code in seen:
            column, header = columns["indicator_id"]
            report.error("duplicate", f"indicator {definition.code} is already defined in row "
                         f"{seen[definition.code]}; expected each indicator once",
                         row=row_number, column=column, header=header, value=definition.code)
            continue
        seen[definition.code] = row_number
        out.append(definition)
    return out
