"""Periods as publishers write them beyond the quarterly forms: spans of years, "as at" a day,
months and calendar years said so (``mag_desktop.core.period_forms``)."""

from __future__ import annotations

from datetime import date

import pytest

from mag_desktop.core.periods import PeriodError, from_label, parse_period


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2018 to 2020", date(2018, 1, 1), date(2020, 12, 31), "Jan 2018 to Dec 2020"),  # ONS
    ("2015 - 17", date(2015, 1, 1), date(2017, 12, 31), "Jan 2015 to Dec 2017"),  # Fingertips
    ("2017-18 to 2021-22", date(2017, 4, 1), date(2022, 3, 31), "Apr 2017 to Mar 2022"),
    ("2017/18 to 2021/22 academic years", date(2017, 9, 1), date(2022, 8, 31),
     "Sep 2017 to Aug 2022"),
    ("as at 30 June 2020", date(2020, 6, 1), date(2020, 6, 30), "Jun 2020 to Jun 2020"),
    ("As at 30/06/2020", date(2020, 6, 1), date(2020, 6, 30), "Jun 2020 to Jun 2020"),
    ("June 2020", date(2020, 6, 1), date(2020, 6, 30), "Jun 2020 to Jun 2020"),
    ("Jan 2021-Dec 2021", date(2021, 1, 1), date(2021, 12, 31), "2021"),  # Nomis
    ("Calendar year 2021", date(2021, 1, 1), date(2021, 12, 31), "2021"),
    ("2021 calendar year", date(2021, 1, 1), date(2021, 12, 31), "2021"),
])
def test_more_forms(text: str, start: date, end: date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert from_label(period.label) == period


def test_consecutive_years_stay_a_financial_year() -> None:
    assert parse_period("2015-16").kind == "fyear"
    assert parse_period("2015-2016").label == "2015/16"


@pytest.mark.parametrize("text", [
    "2020 to 2018", "2021-22 to 2017-18", "as at 31 February 2020", "2020-06-30",
    "30-Jun-09(1)", "Smarch 2020", "2015/17"])
def test_not_periods(text: str) -> None:
    with pytest.raises(PeriodError, match="cannot read"):
        parse_period(text)
