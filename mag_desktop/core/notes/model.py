"""A member's private note, and the rules its fields follow wherever it comes from.

A note is keyed by the stable ids the clerk's data keeps from quarter to quarter (a
commitment's id, an indicator's code with the area the member looked at), so a new quarter's
data, a restored backup or another laptop finds the same notes beside the same items. Its
``quarter`` is the quarter of the data shown when it was written (or the calendar quarter),
so notes from earlier quarters stay readable for what they were.

Text is cleaned as the importer cleans spreadsheet text: bidirectional overrides, zero-width
and control characters are removed (they make text display other than it reads), and a note
longer than :data:`MAX_TEXT` characters is refused, never cut in silence.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from mag_desktop.core.errors import MagError
from mag_desktop.core.periods import PeriodError, parse_period, quarter_of

Kind = Literal["commitment", "indicator"]
KINDS: tuple[Kind, ...] = ("commitment", "indicator")
MAX_TEXT = 10_000  # characters in one note
MAX_ID = 100  # characters in a commitment id, indicator code or area code
MAX_QUARTER = 40

#: Bidirectional overrides and isolates, zero-width characters and control characters other
#: than tab and line breaks: the importer's list (``ingest.cells.INVISIBLE``).
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060"
                       "\u202a-\u202e\u2066-\u2069\ufeff]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]*")


class NoteError(MagError):
    """A note, a notes file or a notes export cannot be used; the message says why."""


@dataclass(frozen=True)
class Note:
    id: str  # 32 hexadecimal digits, the same on every laptop the note travels to
    kind: Kind
    item_id: str  # a commitment id or an indicator code
    area_code: str | None  # the area an indicator was looked at for (optional for commitments)
    quarter: str  # the quarter it was written in, e.g. "2026 Q3"
    created_at: datetime  # UTC
    edited_at: datetime  # UTC; the newer edit wins when notes are merged
    text: str

    @property
    def short_id(self) -> str:
        """The first eight digits: enough to name a note on the command line."""
        return self.id[:8]

    def earlier_than(self, quarter: str | None) -> bool:
        """Whether this note was written in a quarter before ``quarter``."""
        return quarter is not None and quarter_key(self.quarter) < quarter_key(quarter)

    def label(self) -> str:
        """"commitment RET-JOBS-001" or "indicator CENSUS_ETH_PCT for E08000025"."""
        where = f" for {self.area_code}" if self.area_code else ""
        return f"{self.kind} {self.item_id}{where}"


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> datetime:
    return datetime.now(UTC)


def clean_text(text: object, *, field: str = "the note") -> str:
    """The text of a note, invisible characters removed; NoteError when empty or too long."""
    if not isinstance(text, str):
        raise NoteError(f"{field} must be text, not {type(text).__name__}")
    cleaned = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not cleaned:
        raise NoteError(f"{field} is empty: write something to keep")
    if len(cleaned) > MAX_TEXT:
        raise NoteError(f"{field} has {len(cleaned):,} characters; a note holds at most "
                        f"{MAX_TEXT:,}: shorten it or split it into two notes")
    return cleaned


def clean_code(value: object, *, field: str, optional: bool = False) -> str | None:
    """A stable id or code: letters, digits and ``_ . - /``, at most :data:`MAX_ID` long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise NoteError(f"{field} is missing")
    if not isinstance(value, str):
        raise NoteError(f"{field} must be text, not {type(value).__name__}")
    code = value.strip()
    if len(code) > MAX_ID or not _ID.fullmatch(code):
        shown = INVISIBLE.sub("?", code[:40])
        raise NoteError(f'{field} "{shown}" is not an id: ids are up to {MAX_ID} letters, '
                        "digits and _ . - / (no spaces or hidden characters)")
    return code


def check_kind(value: object) -> Kind:
    if value == "commitment":
        return "commitment"
    if value == "indicator":
        return "indicator"
    raise NoteError(f"the kind of note {value!r} is not one of {', '.join(KINDS)}")


def check_quarter(value: object) -> str:
    """A quarter label as the store writes it ("2026 Q3" or "2026/27 Q2")."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_QUARTER:
        raise NoteError(f"the quarter {value!r} is not a quarter such as 2026 Q3")
    try:
        period = parse_period(value.strip())
    except PeriodError:
        raise NoteError(f'the quarter "{value}" is not a quarter such as 2026 Q3') from None
    if period.kind not in ("quarter", "fquarter"):
        raise NoteError(f'"{value}" is not a quarter: give one such as 2026 Q3')
    return str(period.label)


def calendar_quarter(day: date | None = None) -> str:
    return str(quarter_of(day or date.today()).label)


def quarter_key(label: str) -> tuple[date, str]:
    """Quarters in time order (the end of the quarter), text as a tie-break."""
    try:
        return parse_period(label).end, label
    except PeriodError:
        return date.min, label


def parse_time(value: object, *, field: str) -> datetime:
    """An ISO 8601 time with its offset, as exports write it, in UTC."""
    if not isinstance(value, str) or len(value) > 40:
        raise NoteError(f"{field} must be a time such as 2026-12-03T18:56:40+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise NoteError(f'{field} "{value}" is not a time such as '
                        "2026-12-03T18:56:40+00:00") from None
    if moment.tzinfo is None:
        raise NoteError(f'{field} "{value}" has no time zone: write it with +00:00')
    return moment.astimezone(UTC)


def time_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
