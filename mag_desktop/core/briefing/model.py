"""The Briefing: a renderer-neutral document, plain data with no Qt and no reportlab.

The builder fills it from the core queries; a renderer (``pdf.py`` today, a print preview or
HTML later) turns it into pages. Every block is a frozen dataclass holding text and numbers
already worded by :mod:`mag_desktop.core.formatting`, so two renderers cannot disagree on a
figure. Charts carry their numbers (values, 95% limits, suppression markers), never drawings.

A document is a flat list of :class:`Section` objects with levels (1 = part, 2 = theme,
3 = indicator); each becomes a contents entry and a PDF bookmark. The cover and the contents
page are drawn by the renderer from :class:`BriefingMeta` and the section list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Align = Literal["left", "right", "centre"]
ChartKind = Literal["groups", "trend"]


@dataclass(frozen=True)
class Audience:
    """Who the pack is for: an authority, or one ward of an authority."""

    level: Literal["authority", "ward"]
    code: str
    name: str
    authority_code: str
    authority_name: str

    @property
    def label(self) -> str:
        """"Birmingham", or "Acocks Green ward, Birmingham"."""
        if self.level == "ward":
            return f"{self.name} ward, {self.authority_name}"
        return self.name


@dataclass(frozen=True)
class BriefingMeta:
    title: str
    audience: Audience
    meeting: str
    meeting_date: date | None
    marking: str  # e.g. "OFFICIAL"; printed at the top of every page
    data_version: int
    as_at: str | None  # the quarter the commitment updates are "as at"
    produced_at: datetime
    themes: tuple[str, ...]  # theme codes covered, in strategy order
    theme_names: tuple[str, ...]
    parameters: dict[str, Any] = field(default_factory=dict)  # as logged in pack_log
    #: The pack was built from a store holding illustrative (made-up) data: its cover and its
    #: summary say "Illustrative sample — not official statistics" (see
    #: :mod:`mag_desktop.core.query.illustrative` for how that is known).
    illustrative: bool = False


@dataclass(frozen=True)
class StatusMark:
    """A commitment status as shape, word and colour (the colour is never needed to read it)."""

    code: str
    label: str
    glyph: str
    colour: str  # "#RRGGBB"

    @property
    def text(self) -> str:
        return f"{self.glyph} {self.label}"


@dataclass(frozen=True)
class Cell:
    """One table cell. ``detail`` is a second, lighter line (a narrative under a title)."""

    text: str
    detail: str = ""
    status: StatusMark | None = None
    strong: bool = False
    indent: int = 0  # 0 for headings and totals, 1 for groups under a heading
    suppressed: bool = False  # ``text`` is a suppression marker such as "[c]"
    colour: str | None = None  # an optional text colour (comparison words)


@dataclass(frozen=True)
class Column:
    title: str
    role: str = "text"  # text | id | number | status | date | comparison | label
    align: Align = "left"
    weight: float = 1.0  # share of the table's width


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3  # a heading inside a section (sections draw their own titles)


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "lead", "small", "sentence"] = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    style: Literal["body", "sentence"] = "body"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    repeat_header: bool = True  # the header row is repeated when the table splits
    zebra: bool = True


@dataclass(frozen=True)
class StatusGrid:
    """Commitments counted by theme (rows) and status (columns), with totals."""

    statuses: tuple[StatusMark, ...]
    rows: tuple[tuple[str, tuple[int, ...], int], ...]  # (theme name, counts, total)
    totals: tuple[int, ...]
    total: int
    caption: str = ""


@dataclass(frozen=True)
class Series:
    """One series of a chart. Values, limits and markers run parallel to ``Chart.labels``."""

    name: str
    values: tuple[float | None, ...]
    lower: tuple[float | None, ...] | None = None
    upper: tuple[float | None, ...] | None = None
    markers: tuple[str | None, ...] | None = None  # a suppression marker where no value
    role: Literal["area", "comparator", "group"] = "group"
    #: what fixes its look in every output (series_styles.style): "area", a comparator's
    #: column prefix ("region", "england", "authority") or an ethnic group's code
    key: str = ""
    #: per value: a flag shown beside it, such as "[u]" for low reliability
    flags: tuple[str | None, ...] | None = None


@dataclass(frozen=True)
class Chart:
    """``groups``: one value per ethnic group (bars with 95% whiskers) beside comparators.
    ``trend``: values over periods (``labels``), one series per ethnic group."""

    kind: ChartKind
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str
    decimals: int = 1
    levels: tuple[int, ...] = ()  # for "groups": 0 heading or total, 1 group under a heading
    reference: float | None = None  # e.g. the value for all ethnic groups, drawn as a line
    reference_label: str = ""
    description: str = ""  # a plain-words description (alternative text)
    #: a small trend beside a table ("Is it working?"): every renderer draws it at about
    #: two thirds of a trend's usual height
    compact: bool = False

    @property
    def drawable(self) -> bool:
        """Whether any series holds a value to draw. A chart whose every figure is suppressed
        or missing is never drawn (an empty axis says nothing); the builder puts a sentence
        saying why in its place, and renderers refuse one that reaches them."""
        return any(v is not None for s in self.series for v in s.values)

    def markers(self) -> tuple[str, ...]:
        """The suppression markers the chart shows instead of values, in order of first use."""
        found = (m for s in self.series for m in (s.markers or ()) if m)
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Note:
    text: str
    title: str = ""
    tone: Literal["info", "caution"] = "info"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | StatusGrid | Chart | Note | PageBreak


@dataclass(frozen=True)
class Section:
    key: str  # unique within the briefing; the bookmark's name
    title: str
    level: int  # 1 part, 2 theme, 3 indicator
    blocks: tuple[Block, ...] = ()
    new_page: bool = False
    short_title: str = ""  # for running footers; the title when empty

    @property
    def footer_title(self) -> str:
        return self.short_title or self.title


@dataclass(frozen=True)
class Briefing:
    meta: BriefingMeta
    sections: tuple[Section, ...]

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def count(self, kind: type) -> int:
        """How many blocks of one kind, e.g. ``briefing.count(Chart)``."""
        return sum(isinstance(block, kind) for block in self.blocks())

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"the briefing has no section {key!r}")
