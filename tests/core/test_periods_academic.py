"""Academic years (September to August) and DfE's six-digit periods kept as what they are."""

from __future__ import annotations

from datetime import date

import pytest

from mag_desktop.core.periods import academic_year, from_label, parse_period
from mag_desktop.core.query.lookups import period_order


@pytest.mark.parametrize("text", ["201617", "2016/17 academic year", "Academic year 2016/17",
                                  "AY 2016-17", "2016-2017 academic year", 201617, 201617.0])
def test_academic_year_forms(text: object) -> None:
    p = parse_period(text)
    assert (p.kind, p.label) == ("ayear", "2016/17 academic year")
    assert (p.start, p.end) == (date(2016, 9, 1), date(2017, 8, 31))
    assert p == academic_year(2016)


def test_a_financial_year_is_still_a_financial_year() -> None:
    p = parse_period("2016/17")
    assert (p.kind, p.start, p.end) == ("fyear", date(2016, 4, 1), date(2017, 3, 31))
    assert p != parse_period("201617")


def test_the_label_reads_back_and_previous_is_the_year_before() -> None:
    p = parse_period("201819")
    assert from_label(p.label) == p
    assert p.previous().label == "2017/18 academic year"
    assert p.months == 12
    assert p.contains(parse_period("2019 Q1"))


def test_academic_years_sort_by_their_dates_among_other_periods() -> None:
    labels = ["2017 Q3", "2016/17 academic year", "2016/17", "2017/18 academic year", "2017"]
    order = period_order(labels)
    assert sorted(labels, key=order.__getitem__) == [
        "2016/17", "2016/17 academic year", "2017 Q3", "2017", "2017/18 academic year"]


@pytest.mark.parametrize("text", ["201618", "202413", "201601"])
def test_six_digits_that_are_not_a_dfe_year_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="201617"):
        parse_period(text)
