"""A filter in words (the line above the tabs, every export) and the period range's order."""

from __future__ import annotations

from mag_desktop.core.query import Filter
from mag_desktop.core.query.filter_words import NO_FILTER, filter_rows, filter_sentence
from mag_desktop.core.query.period_range import ordered_range

NAMES = {"E08000025": "Birmingham", "E08000026": "Coventry", "HOUSING": "Housing",
         "OFF_TRACK": "Off track", "BLACK": "Black"}


def names(_key: str, code: str) -> str:
    return NAMES.get(code, code)


def test_an_empty_filter_reads_as_the_panel_says() -> None:
    assert filter_sentence(Filter(), names) == NO_FILTER == "Showing everything: no filter"
    assert dict(filter_rows(Filter(), names)) == {
        "Authorities": "all", "Wards": "all", "Themes": "all", "Statuses": "all",
        "Ethnic groups": "all", "Period": "all", "Search": "none"}


def test_every_part_in_words() -> None:
    flt = Filter(authorities=("E08000025", "E08000026"), themes=("HOUSING",),
                 statuses=("OFF_TRACK",), groups=("BLACK",), period_from="2024 Q1",
                 period_to="2025 Q4", text="  bus   lanes ")
    assert filter_sentence(flt, names) == (
        "Authorities: Birmingham, Coventry · Themes: Housing · Statuses: Off track · "
        "Ethnic groups: Black · Period: 2024 Q1 to 2025 Q4 · Search: “bus lanes”")
    rows = dict(filter_rows(flt, names))
    assert rows["Wards"] == "all" and rows["Period"] == "2024 Q1 to 2025 Q4"
    assert filter_sentence(Filter(period_from="2024 Q1")) == "Period: from 2024 Q1"
    assert filter_sentence(Filter(period_to="2025")) == "Period: up to 2025"
    assert filter_sentence(Filter(period_from="2025 Q1", period_to="2025 Q1")) == (
        "Period: 2025 Q1")
    hidden = Filter(authorities=("E08000025",), include_regional=False)
    assert filter_sentence(hidden, names) == (
        "Authorities: Birmingham · Regional commitments: hidden")


def test_an_inverted_range_is_turned_round_and_said_so() -> None:
    turned = ordered_range("2025 Q4", "2024 Q1")
    assert turned[:2] == ("2024 Q1", "2025 Q4")
    assert "swapped" in turned.message and "2024 Q1 to 2025 Q4" in turned.message
    assert ordered_range("2024 Q1", "2025 Q4") == ("2024 Q1", "2025 Q4", "")
    assert ordered_range("2025", "2025 Q1").message == ""  # overlapping: periods end inside
    assert ordered_range(None, "2024 Q1").message == ""
    assert ordered_range("2025 Q4", None).message == ""
