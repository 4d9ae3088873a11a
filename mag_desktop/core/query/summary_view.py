"""The summary members read first, decided once in numbers and words.

The pack's one-page summary (:mod:`mag_desktop.core.briefing.summary_section`) and the window's
Overview both render a :class:`SummaryView`; neither counts or words anything itself, so the
two cannot disagree. Counts come from :mod:`.summary` on the same Filter.

Words follow the house style: singular and plural agree with the number ("1 new commitment",
"2 new commitments"), a commitment in several exception lists counts once in the number that
needs attention, and the lists say what they mean in plain words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core.domain import Theme
from mag_desktop.core.query import lookups
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.query.selections import Selection
from mag_desktop.core.query.summary import TOTAL, Changes, exceptions, theme_status_counts
from mag_desktop.core.query.summary_words import LISTED, Linked, count_of, linked
from mag_desktop.core.query.summary_words import and_ as _and
from mag_desktop.core.query.summary_words import listing as _listing

#: Status columns the grid always shows; the others only when some commitment has them.
ALWAYS_SHOWN = ("NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK", "COMPLETE")
#: exception -> (title, plain-words definition, what to say when there are none)
EXCEPTIONS = {
    "overdue": ("Overdue", "Due by the end of the as-at quarter and not complete.",
                "No commitment is overdue."),
    "off_track": ("Off track", "The latest update says off track.",
                  "No commitment is off track."),
    "slipped": ("Slipped since last quarter",
                "Updated for the as-at quarter, and worse than at its previous update.",
                "No commitment slipped since the last quarter."),
    "no_update": ("No update this quarter", "Still open, and no update received for the as-at "
                  "quarter.",
                  "Every commitment has an update for the as-at quarter."),
}


@dataclass(frozen=True)
class ExceptionLine:
    """One exception list: its title, meaning, the commitments in it (IDs, frame order)."""

    key: str
    title: str
    definition: str
    none: str
    ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def heading(self) -> str:
        return f"{self.title} ({self.count})"

    @property
    def selection(self) -> Selection:
        """The commitments this list counts."""
        return Selection(self.key)


@dataclass(frozen=True)
class GridRow:
    theme: str  # code
    name: str  # short name
    counts: tuple[int, ...]  # parallel to SummaryView.grid_statuses
    total: int


@dataclass(frozen=True)
class SummaryView:
    """Every number and sentence of the summary, for one audience or filter."""

    scope: str  # "Birmingham", "Acocks Green ward, Birmingham", "all member authorities"
    as_at: str | None
    previous_quarter: str | None
    illustrative: bool
    lead: str  # "As at 2026 Q3, 83 commitments across 8 themes apply to Birmingham."
    attention: str  # "25 commitments need members' attention (8 appear in more than one list)."
    attention_ids: tuple[str, ...]
    in_several: int
    grid_statuses: tuple[str, ...]  # status codes, rank order
    grid: tuple[GridRow, ...]
    grid_totals: tuple[int, ...]
    grid_total: int
    exceptions: tuple[ExceptionLine, ...]
    since_title: str  # "Since last quarter (2026 Q2)"
    changes: tuple[str, ...]  # the bullets under it
    status_change_ids: tuple[str, ...]
    status_changes_heading: str
    new_ids: tuple[str, ...]
    new_heading: str
    lead_links: Linked = ()  # ``lead`` in pieces, its count leading to the commitments
    attention_links: Linked = ()  # ``attention`` likewise
    change_links: tuple[Linked, ...] = ()  # ``changes`` likewise, bullet by bullet


def scope_label(conn: sqlite3.Connection, flt: Filter) -> str:
    """What a filter's areas are called in the summary: one ward as a pack names it ("Acocks
    Green ward, Birmingham"), up to three areas by name, more by number."""
    names = lookups.label_lookup(conn)
    if flt.wards:
        if len(flt.wards) == 1:
            parent = lookups.ward_authorities(conn, flt.wards).get(flt.wards[0])
            ward = names("wards", flt.wards[0])
            return f"{ward} ward, {names('authorities', parent)}" if parent else f"{ward} ward"
        words = [names("wards", code) for code in flt.wards]
        return f"{_and(words)} wards" if len(words) <= 3 else count_of(len(words), "ward")
    if flt.authorities:
        words = [names("authorities", code) for code in flt.authorities]
        return _and(words) if len(words) <= 3 else count_of(len(words), "authority",
                                                            "authorities")
    return "all member authorities"


def _lead(n: int, scope: str, themes: int, as_at: str | None, flt: Filter) -> str:
    """"As at 2026 Q3, 83 commitments across 8 themes apply to Birmingham." """
    what = f"{count_of(n, 'commitment')} across {count_of(themes, 'theme')}"
    narrowed = [w for w, on in (("the statuses chosen", flt.statuses),
                                (f"the search “{flt.text}”", flt.text)) if on]
    if narrowed:
        verb = "matches" if n == 1 else "match"
        what = f"{what} for {scope} {verb} {_and(narrowed)}"
    else:
        what = f"{what} {'applies' if n == 1 else 'apply'} to {scope}"
    if as_at is None:
        return f"No commitment updates are held yet; {what}."
    return f"As at {as_at}, {what}."


def _attention(distinct: int, several: int) -> str:
    if distinct == 0:
        return ("No commitment needs members' attention: none is overdue, off track, slipped "
                "or without an update this quarter.")
    verb = "needs" if distinct == 1 else "need"
    who = ("it appears" if distinct == 1 else f"all {several:,} appear" if several == distinct
           else f"{several:,} {'appears' if several == 1 else 'appear'}")
    also = f" ({who} in more than one list)" if several else ""
    return f"{count_of(distinct, 'commitment')} {verb} members' attention{also}."


def _moved(changes: Changes, slipped: int) -> str:
    moved = len(changes.status_changes)
    if changes.previous_quarter is None:
        return (f"No status change can be shown: {changes.as_at} is the first quarter with "
                "updates.")
    if moved == 0:
        return "No commitment changed status."
    head = f"{count_of(moved, 'commitment')} changed status"
    if slipped == 0:
        return f"{head}; none slipped."
    if moved == 1:
        return f"{head}; it slipped (got worse)."
    return f"{head}; {slipped:,} of them slipped (got worse)."


def _new_commitments(changes: Changes) -> str:
    new = changes.new_commitments
    if new.empty:
        return "No new commitment this quarter."
    titles = [f"{t} ({i})" for i, t in zip(new["id"], new["title"], strict=True)]
    return f"{count_of(len(new), 'new commitment')}: {_listing(titles)}."


def _new_data(changes: Changes, baseline: str) -> str:
    data = changes.new_data
    if data.empty:
        return f"No new indicator data: no figures for a period after {baseline}."
    names = [f"{name} ({first}{'' if first == last else f' to {last}'})"
             for name, first, last in zip(data["name"], data["first_new_period"],
                                          data["latest_period"], strict=True)]
    return (f"New data for {count_of(len(data), 'indicator')}, with figures for a period after "
            f"{baseline}: {_listing(names)}.")


def _change_links(changes: Changes, bullets: tuple[str, ...], slipped: int
                  ) -> tuple[Linked, ...]:
    """The bullets with their counts leading to the commitments: the status changes, those
    that slipped, the new commitments and the ones "and N more" leaves unnamed."""
    if not changes.as_at:
        return tuple(linked(b) for b in bullets)
    moved, new = len(changes.status_changes), len(changes.new_commitments)
    slipped_words = "it slipped" if moved == 1 else f"{slipped:,} of them slipped"
    new_links = linked(bullets[1], (count_of(new, "new commitment"), Selection("new")))
    more = f"and {new - LISTED:,} more"
    if new > LISTED and bullets[1].endswith(f" {more}."):  # the rest, beyond those named
        head, words = new_links[:-1], new_links[-1][0][:-len(more) - 1]
        new_links = (*head, (words, None), (more, Selection("new_more", skip=LISTED)),
                     (".", None))
    return (
        linked(bullets[0], (f"{count_of(moved, 'commitment')} changed status",
                            Selection("changed")), (slipped_words, Selection("slipped"))),
        new_links,
        *(linked(b) for b in bullets[2:]),
    )


def _since(changes: Changes) -> tuple[str, str]:
    """The title over the changes and the heading over the status changes: the quarter
    compared with, or why there is none."""
    previous, as_at, moved = changes.previous_quarter, changes.as_at, len(changes.status_changes)
    if previous:
        return (f"Since last quarter ({previous})",
                f"{count_of(moved, 'status change')} since {previous}")
    if as_at:
        return (f"Since last quarter (no updates held before {as_at})",
                f"Status changes: none can be shown, {as_at} is the first quarter with updates")
    return "Since last quarter", "Status changes: no updates are held yet"


def _grid(frame: pd.DataFrame, themes: Sequence[Theme]
          ) -> tuple[tuple[str, ...], tuple[GridRow, ...], tuple[int, ...], int]:
    counts = theme_status_counts(frame)
    codes = tuple(str(c) for c in counts.columns
                  if c != TOTAL and (c in ALWAYS_SHOWN or counts[c].sum() > 0))
    chosen = counts.loc[[t.code for t in themes]]
    rows = tuple(GridRow(t.code, t.short_name, tuple(int(chosen.at[t.code, c]) for c in codes),
                         int(chosen.at[t.code, TOTAL])) for t in themes)
    return codes, rows, tuple(int(chosen[c].sum()) for c in codes), int(chosen[TOTAL].sum())


def summary_view(frame: pd.DataFrame, changes: Changes, themes: Sequence[Theme], scope: str,
                 flt: Filter | None = None, illustrative: bool = False) -> SummaryView:
    """The summary of ``frame`` (``commitments_frame(conn, flt)``) for ``scope`` (the audience's
    words), over ``themes`` (strategy order), with ``changes`` (``since_last_quarter``)."""
    flt = flt or Filter()
    found = exceptions(frame)
    lines = tuple(ExceptionLine(key, title, definition, none,
                                tuple(str(i) for i in getattr(found, key)["id"]))
                  for key, (title, definition, none) in EXCEPTIONS.items())
    statuses, rows, totals, total = _grid(frame, themes)
    as_at, previous = changes.as_at, changes.previous_quarter
    baseline = previous or changes.baseline_quarter or "the previous quarter"
    bullets = ((_moved(changes, len(found.slipped)), _new_commitments(changes),
                _new_data(changes, baseline)) if as_at else
               ("No commitment updates are held yet, so nothing can be compared.",))
    n = found.distinct
    lead = _lead(len(frame), scope, len(themes), as_at, flt)
    attention = _attention(n, found.in_several)
    since_title, changes_heading = _since(changes)
    return SummaryView(
        scope=scope, as_at=as_at, previous_quarter=previous, illustrative=illustrative,
        lead=lead,
        attention=attention,
        attention_ids=tuple(str(i) for i in found.attention["id"]) if n else (),
        in_several=found.in_several,
        grid_statuses=statuses, grid=rows, grid_totals=totals, grid_total=total,
        exceptions=lines,
        since_title=since_title,
        changes=bullets,
        status_change_ids=tuple(str(i) for i in changes.status_changes["id"]),
        status_changes_heading=changes_heading,
        new_ids=tuple(str(i) for i in changes.new_commitments["id"]),
        new_heading=f"New this quarter ({len(changes.new_commitments)})",
        lead_links=linked(lead, (count_of(len(frame), "commitment"), Selection("all"))),
        attention_links=linked(attention, (count_of(n, "commitment"), Selection("attention")))
        if n else linked(attention),
        change_links=_change_links(changes, bullets, len(found.slipped)),
    )
