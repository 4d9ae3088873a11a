"""A period range as a member chose it: "From" after "To" is turned round, and said so."""

from __future__ import annotations

from typing import NamedTuple

from mag_desktop.core.query.lookups import period_of


class PeriodRange(NamedTuple):
    period_from: str | None
    period_to: str | None
    message: str  # "" when the range was in order


def ordered_range(period_from: str | None, period_to: str | None) -> PeriodRange:
    """The range in time order; when "From" starts after "To" ends (a range holding no
    period) the two are swapped and ``message`` says so in words a member reads."""
    first = period_of(period_from) if period_from else None
    last = period_of(period_to) if period_to else None
    if first is not None and last is not None and first.start > last.end:
        return PeriodRange(period_to, period_from,
                           f"“From” ({period_from}) was after “To” ({period_to}): the two "
                           f"have been swapped to show {period_to} to {period_from}.")
    return PeriodRange(period_from, period_to, "")
