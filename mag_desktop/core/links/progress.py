"""Is it working? Each link of a commitment, for an area: the gap it targets at the period
before the commitment started and at the latest one, and whether it moved (:mod:`.gap`,
:mod:`.words`). The window's commitment detail, the indicator view, the quick filter and the
packs all ask here, so they cannot disagree.

Decisions:

* **Areas**: a commitment's own areas are its authority (the WMCA's area for a Regional one)
  and then each ward it names; a pack asks for its audience's area.
* **Baseline**: the last period that ended on or before the commitment's start date with a
  figure for both groups; when none ended before it, the first such period after it (said
  so); without a start date, the first such period held. **Latest**: the last period with a
  figure for both groups.
* **Comparator**: the link's, else the indicator view's (White British, falling back to White,
  then All ethnic groups, whichever holds a figure at the latest period).
* Figures withheld to protect a suppressed one are read masked, as everywhere.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.domain import IndicatorDef, IndicatorLink, LinkAim
from mag_desktop.core.geography import REGION_CODE
from mag_desktop.core.links import gap as gaps
from mag_desktop.core.links import words
from mag_desktop.core.links.figures import chart_of, latest_by_group
from mag_desktop.core.links.progress_model import LinkProgress, Movement
from mag_desktop.core.periods import quarter_of
from mag_desktop.core.query import lookups
from mag_desktop.core.query.indicators import FALLBACK_COMPARATORS
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.query.ward_views_cache import area_info, definition
from mag_desktop.core.store.reads import observations

_reads: StoreMemo[pd.DataFrame] = StoreMemo(512)
_NO_NAMED = frozenset({"ALL", "UNKNOWN"})


def figures_over_time(conn: sqlite3.Connection, indicator: str, area: str) -> pd.DataFrame:
    """Every group's shown figures for one indicator and area over time (read once per store
    version), oldest period first."""
    def read() -> pd.DataFrame:
        frame = observations.figures_over_time(conn, indicator, area)
        order = lookups.period_order(frame["period"])
        return frame.assign(rank=frame["period"].map(order)).sort_values("rank", kind="stable")
    return _reads.get(conn, ("figures", indicator, area), read)


def _comparator(figures: dict[tuple[str, str], gaps.Figure], periods: list[str],
                wanted: str | None) -> str:
    if wanted:
        return wanted
    latest = periods[-1] if periods else ""
    held = {g for (p, g), f in figures.items() if p == latest and f.value is not None}
    return next((g for g in FALLBACK_COMPARATORS if g in held), FALLBACK_COMPARATORS[0])


def _broad(frame: pd.DataFrame, focus: str | None,
           comparator: str) -> tuple[str | None, str]:
    """The two groups compared: as named, or, when the area holds neither but holds their
    broad headings (wards mostly do), the headings ("Black" for Black Caribbean)."""
    held = set(frame["group_code"])
    if focus is None or (focus in held and comparator in held):
        return focus, comparator
    known = {g.code: g for g in ethnicity.groups()}
    up = [(known[g].heading_code or g) if g in known else g for g in (focus, comparator)]
    if up[0] in held and up[1] in held and up[0] != up[1]:
        return up[0], up[1]
    return focus, comparator


def _ends_by(label: str, start: date) -> bool:
    found = lookups.period_of(label)
    return found is not None and found.end <= start


def _span(periods: list[str], start: date | None) -> tuple[str | None, str | None, bool]:
    """(baseline, latest, whether the baseline ended by the start) among ``periods`` (those
    with both groups' figures, oldest first)."""
    if not periods:
        return None, None, False
    before = [p for p in periods if start is not None and _ends_by(p, start)]
    baseline = before[-1] if before else periods[0]
    return baseline, periods[-1], bool(before)


def link_progress(conn: sqlite3.Connection, commitment_id: str, start: date | None,
                  link: IndicatorLink, area_code: str, full: bool = True) -> LinkProgress:
    """One link of one commitment, for one area. Without ``full``, only the movement and its
    words: no figure by group and no chart (for the quick filter, which asks of every link)."""
    ind: IndicatorDef = definition(conn, link.indicator)
    area = area_info(conn, area_code)
    frame = figures_over_time(conn, link.indicator, area_code)
    figures = gaps.figures_by_period(frame, ind)
    periods = list(dict.fromkeys(frame["period"]))
    comparator = _comparator(figures, periods, link.comparator)
    unit = str(ind.unit)
    focus = link.group
    if focus is None:  # the widest gap at the start, among named groups
        first, _, _ = _span(periods, start)
        kinds = frame.drop_duplicates("group_code")
        candidates = [g for g in kinds["group_code"] if g not in _NO_NAMED]
        scale0 = gaps.scale_for(unit, list(figures.values()))
        focus = gaps.widest_group(figures, first, comparator, candidates, scale0) \
            if first else None
    named = (focus, comparator)
    focus, comparator = _broad(frame, focus, comparator)
    broad = (focus, comparator) != named
    both = [p for p in periods if focus is not None
            and figures.get((p, focus), gaps.Figure(None, None, None)).value is not None
            and figures.get((p, comparator), gaps.Figure(None, None, None)).value is not None]
    baseline_p, latest_p, before_start = _span(both, start)
    used = [p for p in both if baseline_p and latest_p
            and lookups.period_key(baseline_p) <= lookups.period_key(p)
            <= lookups.period_key(latest_p)]
    pairs = [figures[(p, g)] for p in used for g in (focus, comparator) if focus]
    scale = gaps.scale_for(unit, pairs)
    points = {p: gaps.gap_point(p, figures[(p, focus)], figures[(p, comparator)], scale)
              for p in used if focus}
    baseline = points.get(baseline_p) if baseline_p else None
    latest = points.get(latest_p) if latest_p and latest_p != baseline_p else None
    if focus is None or baseline is None:
        move, toward = Movement.NO_FIGURES, None
    elif latest is None:
        move, toward = Movement.TOO_FEW_PERIODS, None
    else:
        move, toward = gaps.movement(baseline, latest, scale, link.aim)
    if not scale and link.aim == LinkAim.NARROW and focus is not None:
        move, toward = Movement.NOT_MEASURED, None
    started = quarter_of(start).label if start else None
    return LinkProgress(
        commitment_id=commitment_id, link=link, indicator=ind, area_code=area_code,
        area_name=area.name, focus_group=focus, comparator_group=comparator,
        target=words.target(ind, link.aim, *named, link.group is not None),
        scale=scale, started=started, baseline=baseline, latest=latest,
        periods=tuple(used),
        movement=move, toward_aim=toward,
        sentence=words.sentence(ind, link.aim, focus, comparator, area.name, scale, started,
                                baseline, latest, before_start, move,
                                suppressed=bool(frame["group_code"].isin(
                                    {focus, comparator}).any()))
        + (words.broad_note(area.name, named) if broad else ""),
        latest_by_group=latest_by_group(conn, ind, area_code, latest_p, focus, comparator)
        if full else (),
        chart=chart_of(ind, area.name, frame, tuple(used), focus, comparator) if full else None,
    )


def own_areas(authority_code: str | None, wards: tuple[str, ...]) -> list[str]:
    """A commitment's own areas: its authority (the WMCA's for a Regional one), then each
    ward it names."""
    return list(dict.fromkeys([authority_code or REGION_CODE, *wards]))


def _start(value: object) -> date | None:
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, date) else None


def commitment_progress(conn: sqlite3.Connection, commitment_id: str,
                        area_code: str | None = None) -> tuple[LinkProgress, ...]:
    """Each link of the commitment's latest update, for ``area_code`` or, when None, for the
    commitment's own areas (area by area, links in the order the partner gave them)."""
    from mag_desktop.core.query.commitments import commitment_detail

    detail = commitment_detail(conn, commitment_id)
    areas = [area_code] if area_code else own_areas(detail.authority_code, detail.wards)
    return tuple(link_progress(conn, commitment_id, _start(detail.start_date), link, area)
                 for area in areas for link in detail.links)
