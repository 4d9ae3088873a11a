"""Why a sheet holds no readable table, told from its shape: records across the columns, or
periods across the columns by something that is neither an area nor an ethnic group."""

from __future__ import annotations

from datetime import date

from mag_desktop.core.ingest.shape_hints import hint


def test_records_across_the_columns_are_named() -> None:
    rows: list[list[object]] = [
        ["Commitment ID", "C-001", "C-002", "C-003"],
        ["Title", "Mentoring", "Apprenticeships", "Housing advice"],
        ["Status", "Green", "Amber", "Red"],
        ["Lead organisation", "Birmingham", "Coventry", "Dudley"],
    ]
    said = hint(rows)
    assert said is not None and "records run across the columns" in said
    assert "'Commitment ID', 'Title', 'Status' …" in said


def test_periods_across_by_age_are_not_by_area_or_group() -> None:
    rows: list[list[object]] = [
        ["Table 1: people by age"], [],
        ["", date(2018, 3, 31), date(2019, 3, 31), date(2020, 3, 31), date(2021, 3, 31)],
        ["All ages", 10, 11, 12, 13], ["0-15", 1, 2, 3, 4],
    ]
    said = hint(rows)
    assert said is not None and "row 3 holds periods across the columns" in said
    assert "neither areas nor ethnic groups" in said


def test_periods_across_by_ethnic_group_or_area_get_no_hint() -> None:
    by_group: list[list[object]] = [
        ["", "2019", "2020", "2021", "2022"], ["Total", 1, 2, 3, 4], ["Pakistani", 1, 2, 3, 4]]
    by_area: list[list[object]] = [
        ["", "2019", "2020", "2021", "2022"], ["E08000025", 1, 2, 3, 4]]
    assert hint(by_group) is None
    assert hint(by_area) is None


def test_an_ordinary_table_gets_no_hint() -> None:
    rows: list[list[object]] = [["Indicator ID", "Period", "Ethnic group", "Value"],
                                ["EMP", "2026 Q3", "White", 70.1]]
    assert hint(rows) is None
