"""The domain model: plain frozen dataclasses and enums, with no behaviour that needs I/O.

Vocabularies (themes, statuses, ethnic groups, suppression markers) are data in
``resources/reference`` and are loaded by :mod:`mag_desktop.core.vocab` and
:mod:`mag_desktop.core.ethnicity`; areas by :mod:`mag_desktop.core.geography`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Polarity(StrEnum):
    """Which direction of an indicator is good, as OHID Fingertips states it."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    NO_JUDGEMENT = "none"


class Unit(StrEnum):
    PERCENT = "%"
    PER_1000 = "per 1,000"
    PER_100000 = "per 100,000"
    COUNT = "count"
    POUNDS = "£"
    POUNDS_THOUSAND = "£ thousand"  # as finance returns publish them (MHCLG's outturn)
    RATE = "rate"
    SCORE = "score"  # a mean of points per person (DfE Attainment 8): no denominator


class AreaLevel(StrEnum):
    ENGLAND = "england"
    REGION = "region"
    AUTHORITY = "authority"
    WARD = "ward"


@dataclass(frozen=True)
class Theme:
    """One of the strategy's 5 thematic action areas or 3 cross-cutting priorities."""

    code: str
    kind: str  # "thematic" | "cross-cutting"
    name: str
    short_name: str
    mission: str
    priorities: tuple[str, ...]


@dataclass(frozen=True)
class GuidingPrinciple:
    code: str
    name: str


@dataclass(frozen=True)
class Status:
    """A commitment status: a word, a colour, and a shape that survives greyscale printing."""

    code: str
    label: str
    colour: str  # "#RRGGBB"
    shape: str  # circle-open | circle | triangle | diamond | check | square-open | cross
    glyph: str  # the shape as a character (DejaVu Sans has every one)
    rank: int  # order of severity / progress, for sorting and "slipped" checks
    open: bool  # False once complete, closed or withdrawn

    @property
    def badge(self) -> str:
        """Shape and word together, e.g. '◆ Off track'."""
        return f"{self.glyph} {self.label}"


@dataclass(frozen=True)
class IndicatorDef:
    """An indicator definition; observations refer to it by ``code``."""

    code: str
    name: str
    theme: str  # Theme.code
    unit: Unit
    polarity: Polarity
    source: str = ""
    frequency: str = ""
    notes: str = ""
    decimals: int = 1
    population: str = ""  # whom it counts: "households", "children aged 10 to 17"; "" residents
    min_count: int = 10  # a figure resting on fewer events is low reliability ([u])

    @property
    def people(self) -> str:
        """The population in words, "residents" when the definition names none."""
        return self.population or "residents"


@dataclass(frozen=True)
class Observation:
    """One value of an indicator for a period, an area and an ethnic group.

    A suppressed observation has ``marker`` set and no value, numerator, denominator or limits.
    """

    indicator: str
    period: str  # a normalised Period label
    area_code: str
    group_code: str  # an ethnic group code (ALL for everyone)
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lower: float | None = None
    upper: float | None = None
    marker: str | None = None
    group_label: str = ""  # the label the partner sent, kept as given

    @property
    def suppressed(self) -> bool:
        return self.marker is not None and self.value is None


@dataclass(frozen=True)
class Milestone:
    name: str
    baseline: date | None = None
    forecast: date | None = None
    actual: date | None = None


@dataclass(frozen=True)
class Commitment:
    """An action a partner has promised; its status lives in quarterly updates."""

    id: str
    title: str
    theme: str  # Theme.code
    lead: str
    authority_code: str | None  # None = Regional (all authorities)
    description: str = ""
    priority: str = ""
    partners: str = ""
    wards: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    start: date | None = None
    due: date | None = None


class LinkAim(StrEnum):
    """What a commitment aims to do to a linked indicator."""

    NARROW = "narrow"  # the gap between its group and the comparator group
    LOWER = "lower"  # its group's figure
    RAISE = "raise"  # its group's figure


@dataclass(frozen=True)
class IndicatorLink:
    """An indicator a commitment aims to move ("reduce the gap between Black and White British
    residents in the claimant rate"). Kept with each quarter's update, like its status.

    ``group`` is the ethnic group whose figure or gap it aims to move; None means the widest
    gap at the commitment's start. ``comparator`` is the group compared with; None means the
    indicator view's own (White British, else the first of White and All that holds a figure).
    """

    indicator: str  # IndicatorDef.code
    group: str | None = None  # an ethnic group code
    comparator: str | None = None  # an ethnic group code
    aim: LinkAim = LinkAim.NARROW


@dataclass(frozen=True)
class CommitmentUpdate:
    """One quarter's snapshot of a commitment: history is never overwritten."""

    commitment_id: str
    quarter: str  # a normalised Period label, e.g. "2024 Q3"
    status: str  # Status.code
    narrative: str = ""
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)
    reason: str = ""  # why it was closed or withdrawn
    links: tuple[IndicatorLink, ...] = field(default_factory=tuple)
