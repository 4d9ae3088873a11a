"""The areas the Indicators tab and the Ward profile offer, decided in the core: the filter's
wards and authorities (the constituent authorities when it names none), then the combined
authority's area and England by their names in the geography."""

from __future__ import annotations

from mag_desktop.core.geography import ENGLAND_CODE, REGION_CODE, REGION_NAME
from mag_desktop.core.query import Filter
from mag_desktop.core.query.area_choices import indicator_areas, ward_choices
from mag_desktop.core.query.choices import Choice, Choices

BIRMINGHAM, COVENTRY, SHROPSHIRE = "E08000025", "E08000026", "E06000051"
CHOICES = Choices(
    authorities=(Choice(BIRMINGHAM, "Birmingham", "", "constituent"),
                 Choice(COVENTRY, "Coventry", "", "constituent"),
                 Choice(SHROPSHIRE, "Shropshire", "", "non-constituent")),
    wards=(Choice("W1", "Aston", BIRMINGHAM), Choice("W2", "Foleshill", COVENTRY)),
    themes=(), statuses=(), groups=(), periods=())


def test_no_filter_offers_the_constituent_authorities_and_the_wider_areas() -> None:
    areas = indicator_areas(CHOICES, Filter())
    assert [code for code, _ in areas] == [BIRMINGHAM, COVENTRY, REGION_CODE, ENGLAND_CODE]
    assert (REGION_CODE, REGION_NAME) in areas
    assert ward_choices(CHOICES, Filter()) == [("W1", "Aston (Birmingham)"),
                                               ("W2", "Foleshill (Coventry)")]


def test_a_filter_offers_its_own_areas_first() -> None:
    flt = Filter(authorities=(SHROPSHIRE,), wards=("W2",))
    assert indicator_areas(CHOICES, flt)[:2] == [("W2", "Foleshill (ward)"),
                                                 (SHROPSHIRE, "Shropshire")]
    assert ward_choices(CHOICES, flt) == [("W2", "Foleshill (Coventry)")]
    assert ward_choices(CHOICES, Filter(authorities=(BIRMINGHAM,))) == [
        ("W1", "Aston (Birmingham)")]
