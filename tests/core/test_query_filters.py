"""The Filter: normalising, describing, removing pieces, saving to settings and back."""

from __future__ import annotations

import json

import pytest

from mag_desktop.core.periods import PeriodError
from mag_desktop.core.query import Filter, FilterPart


def names(key: str, code: str) -> str:
    return {"E08000025": "Birmingham", "HOUSING": "Housing", "OFF_TRACK": "Off track"}.get(
        code, code
    )


def test_an_empty_filter_is_empty() -> None:
    assert Filter().is_empty()
    assert Filter(include_regional=False).is_empty()
    assert Filter(text="   ").is_empty()
    assert not Filter(themes=("HOUSING",)).is_empty()
    assert not Filter(period_from="2024 Q1").is_empty()


def test_codes_are_normalised_and_periods_too() -> None:
    flt = Filter(authorities=["e08000025 ", "E08000025"], themes="housing",  # type: ignore[arg-type]
                 period_from="Q3 2024", text="  bus   lanes ")
    assert flt.authorities == ("E08000025",)
    assert flt.themes == ("HOUSING",)
    assert flt.period_from == "2024 Q3"
    assert flt.text == "bus lanes"
    with pytest.raises(PeriodError):
        Filter(period_to="next year")


def test_describe_gives_removable_pieces() -> None:
    flt = Filter(authorities=("E08000025",), themes=("HOUSING",), statuses=("OFF_TRACK",),
                 text="bus", period_from="2024 Q1", include_regional=False)
    parts = flt.describe(names)
    assert FilterPart("authorities", "E08000025", "Authority: Birmingham") in parts
    assert FilterPart("themes", "HOUSING", "Theme: Housing") in parts
    assert FilterPart("statuses", "OFF_TRACK", "Status: Off track") in parts
    assert FilterPart("period_from", "2024 Q1", "From: 2024 Q1") in parts
    assert [p.label for p in parts if p.key == "text"] == ["Search: “bus”"]
    assert [p.key for p in parts][-1] == "include_regional"
    cleared = flt
    for part in parts:
        cleared = cleared.without(part.key, part.value)
    assert cleared.is_empty() and cleared.include_regional


def test_without_removes_one_code_only() -> None:
    flt = Filter(wards=("E05011121", "E05011122"))
    assert flt.without("wards", "E05011121").wards == ("E05011122",)
    assert flt.without("wards").wards == ()
    with pytest.raises(ValueError, match="no 'colour'"):
        flt.without("colour", "x")


def test_replace_returns_a_new_filter() -> None:
    flt = Filter(themes=("JOBS",))
    other = flt.replace(themes=["HEALTH"], text="gp")
    assert other.themes == ("HEALTH",) and other.text == "gp"
    assert flt.themes == ("JOBS",)
    with pytest.raises(ValueError):
        flt.replace(colour="red")


def test_round_trip_through_json() -> None:
    flt = Filter(authorities=("E08000025",), wards=("E05011121",), themes=("HOUSING",),
                 groups=("BLACK_AFRICAN",), period_to="2025 Q1", text="x",
                 include_regional=False)
    saved = json.loads(json.dumps(flt.to_dict()))
    assert Filter.from_dict(saved) == flt
    mine = flt.to_dict(("authorities", "wards", "themes"))
    assert mine == {"authorities": ["E08000025"], "wards": ["E05011121"], "themes": ["HOUSING"]}
    assert Filter.from_dict(mine) == Filter(authorities=("E08000025",), wards=("E05011121",),
                                            themes=("HOUSING",))


def test_from_dict_forgives_a_damaged_settings_file() -> None:
    flt = Filter.from_dict({"themes": "JOBS", "period_from": "soon", "colour": 1,
                            "include_regional": "no", "wards": ["E05011121"]})
    assert flt == Filter(wards=("E05011121",))
    assert Filter.from_dict(None) == Filter()
