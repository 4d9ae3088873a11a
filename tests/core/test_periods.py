"""Tests for mag_desktop.core.periods."""

from __future__ import annotations

import pickle
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mag_desktop.core.periods import (
    ACCEPTED_FORMS,
    Period,
    PeriodError,
    from_label,
    parse_period,
    quarter_of,
)

YEARS = st.integers(min_value=1950, max_value=2090)
QUARTERS = st.integers(min_value=1, max_value=4)
MONTH_NAMES = ("January", "Feb", "March", "Apr", "May", "June",
               "Jul", "August", "Sept", "Oct", "November", "Dec")


def _vary(text: str, draw_case: list[bool], pad: tuple[str, str]) -> str:
    cased = "".join(
        c.upper() if flip else c.lower() for c, flip in zip(text, draw_case, strict=False)
    )
    return pad[0] + cased + text[len(draw_case):] + pad[1]


PADS = st.tuples(st.sampled_from(["", " ", "  ", "\t", "\xa0"]), st.sampled_from(["", " ", " \n"]))
CASES = st.lists(st.booleans(), max_size=30)


# --- examples of every form -------------------------------------------------


@pytest.mark.parametrize("text", ["2024 Q3", "2024-Q3", "2024Q3", "Q3 2024", "q3-2024",
                                  "  2024 q3 ", "Q3-2024", "2024 - Q3"])
def test_calendar_quarter(text: str) -> None:
    p = parse_period(text)
    assert p.kind == "quarter"
    assert p.label == "2024 Q3"
    assert (p.start, p.end) == (date(2024, 7, 1), date(2024, 9, 30))
    assert p.months == 3


def test_calendar_quarter_one_is_january_to_march() -> None:
    p = parse_period("2024 Q1")
    assert (p.start, p.end) == (date(2024, 1, 1), date(2024, 3, 31))


@pytest.mark.parametrize("text", ["Q3 2024/25", "2024/25 Q3", "Q3 2024-25", "q3 2024/2025",
                                  " 2024-25  q3", "Q3 FY2024/25"])
def test_financial_quarter(text: str) -> None:
    p = parse_period(text)
    assert p.kind == "fquarter"
    assert p.label == "2024/25 Q3"
    assert (p.start, p.end) == (date(2024, 10, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("q", "start", "end"),
    [
        (1, date(2024, 4, 1), date(2024, 6, 30)),
        (2, date(2024, 7, 1), date(2024, 9, 30)),
        (3, date(2024, 10, 1), date(2024, 12, 31)),
        (4, date(2025, 1, 1), date(2025, 3, 31)),
    ],
)
def test_financial_quarter_dates(q: int, start: date, end: date) -> None:
    p = parse_period(f"Q{q} 2024/25")
    assert (p.start, p.end) == (start, end)
    assert p.label == f"2024/25 Q{q}"


@pytest.mark.parametrize("text", ["2023/24", "2023-24", "2023/2024", "2023-2024", "FY2023/24",
                                  "fy 2023-24", " 2023 / 24 ", "2023–24"])
def test_financial_year(text: str) -> None:
    p = parse_period(text)
    assert p.kind == "fyear"
    assert p.label == "2023/24"
    assert (p.start, p.end) == (date(2023, 4, 1), date(2024, 3, 31))
    assert p.months == 12


def test_financial_year_across_century() -> None:
    p = parse_period("1999/00")
    assert p.label == "1999/00"
    assert (p.start, p.end) == (date(1999, 4, 1), date(2000, 3, 31))
    assert parse_period("1999/2000") == p


@pytest.mark.parametrize("value", ["2021", " 2021 ", 2021, 2021.0, "2021.0"])
def test_calendar_year(value: object) -> None:
    p = parse_period(value)
    assert p.kind == "year"
    assert p.label == "2021"
    assert (p.start, p.end) == (date(2021, 1, 1), date(2021, 12, 31))


@pytest.mark.parametrize("text", ["Apr 2023 to Mar 2024", "April 2023 - March 2024",
                                  "Apr 2023 – Mar 2024", "apr 2023 TO mar 2024",
                                  "Apr. 2023 to Mar. 2024", "April 2023—March 2024"])
def test_range_covering_financial_year(text: str) -> None:
    assert parse_period(text) == parse_period("2023/24")
    assert parse_period(text).label == "2023/24"


def test_range_covering_calendar_year_and_quarter() -> None:
    assert parse_period("Jan 2022 to Dec 2022").label == "2022"
    assert parse_period("Jan 2022 to Dec 2022").kind == "year"
    q = parse_period("July 2024 - September 2024")
    assert (q.kind, q.label) == ("quarter", "2024 Q3")
    assert parse_period("Oct 2024 to Dec 2024") == parse_period("2024 Q4")


def test_general_range() -> None:
    p = parse_period("April 2023 - Sept 2023")
    assert (p.kind, p.label) == ("range", "Apr 2023 to Sep 2023")
    assert (p.start, p.end) == (date(2023, 4, 1), date(2023, 9, 30))
    assert p.months == 6
    assert parse_period(p.label) == p
    feb = parse_period("Feb 2024 to Feb 2024")
    assert feb.end == date(2024, 2, 29)
    assert feb.months == 1
    long = parse_period("Jan 2020 to Dec 2021")
    assert (long.kind, long.months) == ("range", 24)


# --- rejections --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2024 Q5", "Q0 2024", "2023/25", "13/2024", "", "   ", None, "next year",
     "Mar 2024 to Apr 2023", "1899", "2101", "1899 Q4", "Q1 2024/26", "2100/01",
     "Foo 2023 to Mar 2024", "2024 Q3 Q4", True, 2021.5, float("nan"), "2023/22",
     [2021], date(2021, 1, 1)],
)
def test_rejections(value: object) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(value)
    assert isinstance(info.value, ValueError)
    assert "cannot read" in str(info.value)


def test_error_message_format() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("2024 Q5")
    message = str(info.value)
    assert message.startswith('cannot read "2024 Q5" as a period')
    assert message.endswith(
        "accepted forms: 2024 Q3, 2024-Q3, Q3 2024, Q3 2024/25 (financial quarter), "
        "2023/24, 2023-24, 2021, Apr 2023 to Mar 2024, 2016/17 academic year, "
        "201617 (DfE academic year)"
    )


def test_error_pickles() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("nonsense")
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)


@pytest.mark.parametrize("form", ACCEPTED_FORMS)
def test_every_accepted_form_parses(form: str) -> None:
    assert parse_period(form).label


@given(st.one_of(st.text(max_size=25), st.integers(), st.floats(), st.none()))
def test_every_error_lists_every_accepted_form(value: object) -> None:
    try:
        parse_period(value)
    except PeriodError as exc:
        message = str(exc)
        for form in ACCEPTED_FORMS:
            assert form in message


# --- ordering, equality, previous, contains ----------------------------------


def test_ordering_of_quarters() -> None:
    q1, q2, q3 = (parse_period(f"2024 Q{q}") for q in (1, 2, 3))
    assert q1 < q2 < q3
    assert q3 > q1
    assert q1 <= q1
    assert sorted([q3, q1, q2]) == [q1, q2, q3]


def test_financial_year_sorts_by_end_date() -> None:
    fy = parse_period("2023/24")
    q4_2023, q1_2024, q2_2024 = (parse_period(t) for t in ("2023 Q4", "2024 Q1", "2024 Q2"))
    # Ends 31 Mar 2024 with 2024 Q1, but is longer so sorts first.
    assert sorted([q2_2024, q1_2024, fy, q4_2023]) == [q4_2023, fy, q1_2024, q2_2024]
    assert parse_period("2023") < parse_period("2023/24") < parse_period("2024")


def test_same_dates_different_kind() -> None:
    cal = parse_period("2024 Q4")
    fin = parse_period("2024/25 Q3")
    assert (cal.start, cal.end) == (fin.start, fin.end)
    assert cal != fin
    assert (cal < fin) != (fin < cal)
    assert len({cal, fin, parse_period("Q4 2024")}) == 2


def test_equality_ignores_label() -> None:
    p = parse_period("2024 Q3")
    assert Period("quarter", p.start, p.end, "anything") == p
    assert hash(Period("quarter", p.start, p.end, "x")) == hash(p)
    assert p != "2024 Q3"


def test_invalid_construction() -> None:
    with pytest.raises(ValueError):
        Period("season", date(2024, 1, 1), date(2024, 3, 31), "x")
    with pytest.raises(ValueError):
        Period("range", date(2024, 3, 1), date(2024, 1, 31), "x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024 Q3", "2024 Q2"),
        ("2024 Q1", "2023 Q4"),
        ("2024/25 Q1", "2023/24 Q4"),
        ("2024/25 Q4", "2024/25 Q3"),
        ("2024/25 Q2", "2024/25 Q1"),
        ("2023/24", "2022/23"),
        ("2000/01", "1999/00"),
        ("2021", "2020"),
        ("Apr 2023 to Sep 2023", "Oct 2022 to Mar 2023"),
        ("Feb 2024 to Feb 2024", "Jan 2024 to Jan 2024"),
    ],
)
def test_previous(text: str, expected: str) -> None:
    prev = parse_period(text).previous()
    assert prev.label == expected
    assert prev == parse_period(expected)
    assert prev.kind == parse_period(text).kind
    assert prev.end.toordinal() + 1 == parse_period(text).start.toordinal()


def test_contains() -> None:
    fy = parse_period("2023/24")
    assert fy.contains(parse_period("2023/24 Q2"))
    assert fy.contains(parse_period("2024 Q1"))
    assert fy.contains(fy)
    assert not fy.contains(parse_period("2023 Q1"))
    assert not parse_period("2024 Q1").contains(fy)
    assert parse_period("2024").contains(parse_period("Feb 2024 to Nov 2024"))


def test_quarter_of() -> None:
    assert quarter_of(date(2024, 8, 15)) == parse_period("2024 Q3")
    assert quarter_of(date(2024, 1, 1)).label == "2024 Q1"
    assert quarter_of(date(2024, 12, 31)).label == "2024 Q4"


def test_from_label_round_trips() -> None:
    for text in ("2024 Q3", "Q3 2024/25", "2023/24", "2021", "Apr 2023 to Sep 2023"):
        p = parse_period(text)
        assert from_label(p.label) == p
        assert str(p) == p.label


# --- properties --------------------------------------------------------------


@given(YEARS, QUARTERS, st.data())
def test_quarter_variants_agree(year: int, q: int, data: st.DataObject) -> None:
    texts = [f"{year} Q{q}", f"{year}-Q{q}", f"{year}Q{q}", f"Q{q} {year}", f"q{q}-{year}"]
    text = data.draw(st.sampled_from(texts))
    varied = _vary(text, data.draw(CASES), data.draw(PADS))
    p = parse_period(varied)
    assert p == parse_period(texts[0])
    assert p.kind == "quarter"
    assert p.label == f"{year} Q{q}"
    assert from_label(p.label) == p
    assert p.start == date(year, 3 * q - 2, 1)
    assert quarter_of(p.end) == p


@given(YEARS, QUARTERS, st.data())
def test_financial_quarter_variants_agree(year: int, q: int, data: st.DataObject) -> None:
    yy = f"{(year + 1) % 100:02d}"
    texts = [f"Q{q} {year}/{yy}", f"{year}/{yy} Q{q}", f"Q{q} {year}-{yy}",
             f"Q{q} {year}/{year + 1}"]
    text = data.draw(st.sampled_from(texts))
    p = parse_period(_vary(text, data.draw(CASES), data.draw(PADS)))
    assert p.kind == "fquarter"
    assert p.label == f"{year}/{yy} Q{q}"
    assert from_label(p.label) == p
    start_month = 3 * q + 1
    start_year = year if start_month <= 12 else year + 1
    start_month = (start_month - 1) % 12 + 1
    assert p.start == date(start_year, start_month, 1)
    assert p.months == 3
    assert parse_period(f"{year}/{yy}").contains(p)


@given(YEARS, st.data())
def test_financial_year_variants_agree(year: int, data: st.DataObject) -> None:
    yy = f"{(year + 1) % 100:02d}"
    texts = [f"{year}/{yy}", f"{year}-{yy}", f"{year}/{year + 1}", f"{year}-{year + 1}",
             f"FY{year}/{yy}", f"Apr {year} to Mar {year + 1}"]
    p = parse_period(_vary(data.draw(st.sampled_from(texts)), data.draw(CASES), data.draw(PADS)))
    assert p.kind == "fyear"
    assert p.label == f"{year}/{yy}"
    assert (p.start, p.end) == (date(year, 4, 1), date(year + 1, 3, 31))
    assert from_label(p.label) == p


@given(st.lists(st.tuples(YEARS, QUARTERS), unique=True, max_size=30), st.randoms())
def test_sorting_shuffled_quarters_is_chronological(
    pairs: list[tuple[int, int]], rnd: random.Random
) -> None:
    expected = [parse_period(f"{y} Q{q}") for y, q in sorted(pairs)]
    shuffled = expected[:]
    rnd.shuffle(shuffled)
    assert sorted(shuffled) == expected


@given(YEARS, st.integers(1, 12), st.integers(1, 40))
def test_range_round_trip_and_previous(year: int, month: int, months: int) -> None:
    end_index = year * 12 + month - 1 + months - 1
    end_year, end_month = divmod(end_index, 12)
    text = f"{MONTH_NAMES[month - 1]} {year} to {MONTH_NAMES[end_month]} {end_year}"
    p = parse_period(text)
    assert p.months == months
    assert from_label(p.label) == p
    prev = p.previous()
    assert prev.months == months
    assert (prev.end - p.start).days == -1
