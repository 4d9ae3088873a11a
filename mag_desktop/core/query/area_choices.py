"""Which areas the Indicators tab and the Ward profile offer for a filter, decided once here
rather than in the window: the filter's wards and authorities (the constituent authorities when
it names none), then the combined authority's area and England, named from the geography."""

from __future__ import annotations

from mag_desktop.core.geography import ENGLAND_CODE, ENGLAND_NAME, REGION_CODE, REGION_NAME
from mag_desktop.core.query.choices import Choice, Choices
from mag_desktop.core.query.filters import Filter

#: The larger areas every indicator can be compared in, after the filter's own.
WIDER_AREAS = ((REGION_CODE, REGION_NAME), (ENGLAND_CODE, ENGLAND_NAME))


def _authorities(choices: Choices, flt: Filter) -> list[Choice]:
    chosen = [a for a in choices.authorities if a.code in flt.authorities]
    return chosen or [a for a in choices.authorities if a.detail == "constituent"]


def indicator_areas(choices: Choices, flt: Filter) -> list[tuple[str, str]]:
    """(code, words) of the areas offered for an indicator: wards chosen, authorities, the
    combined authority's area and England."""
    wards = [(w.code, f"{w.label} (ward)") for w in choices.wards if w.code in flt.wards]
    authorities = [(a.code, a.label) for a in _authorities(choices, flt)]
    return [*wards, *authorities, *WIDER_AREAS]


def ward_choices(choices: Choices, flt: Filter) -> list[tuple[str, str]]:
    """(code, words) of the wards the Ward profile offers: the filter's wards, or every ward
    of its authorities (of the constituent authorities when it names none)."""
    pool = [w for w in choices.wards if w.code in flt.wards] or list(
        choices.wards_of(tuple(a.code for a in _authorities(choices, flt))))
    return [(w.code, f"{w.label} ({choices.name(w.parent)})") for w in pool]
