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
from mag_desktop.core.links.area_figures import AreaFigures, area_figures
from mag_desktop.core.links.figures import chart_of, latest_by_group
from mag_desktop.core.links.progress_model import LinkProgress, Movement
from mag_desktop.core.periods import quarter_of
from mag_desktop.core.query import lookups
from mag_desktop.core.query.indicators import FALLBACK_COMPARATORS
from mag_desktop.core.query.ward_views_cache import area_info, definition
from mag_desktop.core.store.reads import links as link_rows

_NO_NAMED = frozenset({"ALL", "UNKNOWN"})


def figures_over_time(conn: sqlite3.Connection, indicator: str, area: str) -> AreaFigures:
    """The indicator's figures for the area, every period and group (once per store
    version), as :func:`~mag_desktop.core.links.figures.chart_of` draws them."""
    return area_figures(conn, definition(conn, indicator), area)


def _comparator(held: AreaFigures, wanted: str | None) -> str:
    if wanted:
        return wanted
    latest = held.periods[-1] if held.periods else ""
    return next((g for g in FALLBACK_COMPARATORS if held.exact((latest, g)).value is not None),
                FALLBACK_COMPARATORS[0])


def _broad(held: AreaFigures, focus: str | None,
           comparator: str) -> tuple[str | None, str]:
    """The two groups compared: as named, or, when the area holds neither but holds their
    broad headings (wards mostly do), the headings ("Black" for Black Caribbean)."""
    present = set(held.groups)
    if focus is None or (focus in present and comparator in present):
        return focus, comparator
    known = {g.code: g for g in ethnicity.groups()}
    up = [(known[g].heading_code or g) if g in known else g for g in (focus, comparator)]
    if up[0] in present and up[1] in present and up[0] != up[1]:
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


def _reliable(held: AreaFigures, group: str, periods: list[str]) -> bool:
    """No figure of the group rests on fewer events than the indicator's threshold (a low
    reliability figure is never the basis of a comparison)."""
    counts = (held.rows[(p, group)][1] for p in periods if (p, group) in held.rows)
    return all(n is None or n >= held.ind.min_count for n in counts)


def _focus(held: AreaFigures, link: IndicatorLink, comparator: str, start: date | None,
           unit: str) -> str | None:
    """The link's group, else the group furthest from the comparator on average over the
    periods from the baseline on (:func:`~.gap.widest_group`), among groups whose figures are
    reliable."""
    if link.group is not None:
        return link.group
    first, _, _ = _span(list(held.periods), start)
    if first is None:
        return None
    periods = list(held.periods[held.periods.index(first):])
    candidates = [g for g in held.groups if g not in _NO_NAMED and _reliable(held, g, periods)]
    scale = gaps.scale_for(unit, [held.exact((p, g)) for p in periods
                                  for g in [*candidates, comparator]])
    return gaps.widest_group(held.exact, periods, comparator, candidates, scale)


def link_progress(conn: sqlite3.Connection, commitment_id: str, start: date | None,
                  link: IndicatorLink, area_code: str, full: bool = True,
                  by_group: bool | None = None) -> LinkProgress:
    """One link of one commitment, for one area. Without ``full``, only the movement and its
    words: no figure by group and no chart (for the quick filter, which asks of every link).
    ``by_group=False`` leaves out only every group's latest figure (a pack shows the chart,
    not that table, and reading it is most of the cost)."""
    ind: IndicatorDef = definition(conn, link.indicator)
    area = area_info(conn, area_code)
    held = area_figures(conn, ind, area_code)
    unit = str(ind.unit)
    comparator = _comparator(held, link.comparator)
    named = (_focus(held, link, comparator, start, unit), comparator)
    focus, comparator = _broad(held, *named)
    pair = (focus, comparator) if focus is not None else None
    both = [p for p in held.periods if pair is not None
            and held.exact((p, pair[0])).value is not None
            and held.exact((p, pair[1])).value is not None]
    baseline_p, latest_p, before_start = _span(both, start)
    used = both[both.index(baseline_p):] if baseline_p else []
    scale = gaps.scale_for(unit, [held.exact((p, g)) for p in used for g in pair or ()])
    points = {p: gaps.gap_point(p, held.exact((p, pair[0])), held.exact((p, pair[1])), scale)
              for p in used if pair is not None}
    baseline = points.get(baseline_p) if baseline_p else None
    latest = points.get(latest_p) if latest_p and latest_p != baseline_p else None
    if focus is None or baseline is None:
        move, toward = Movement.NO_FIGURES, None
    elif latest is None:
        move, toward = Movement.TOO_FEW_PERIODS, None
    else:
        move, toward = gaps.movement(baseline, latest, scale, link.aim)
        if move in (Movement.NARROWED, Movement.WIDENED, Movement.CHANGED_SIDES):
            # a clear movement never reads "from 1.0 to 1.0 times"
            baseline, latest = gaps.told_apart(baseline, latest, scale)
    if not scale and link.aim == LinkAim.NARROW and focus is not None and baseline is not None:
        move, toward = Movement.NOT_MEASURED, None
    started = quarter_of(start).label if start else None
    sentence = words.sentence(ind, link.aim, focus, comparator, area.name, scale, started,
                              baseline, latest, before_start, move,
                              held=frozenset(held.groups))
    if (focus, comparator) != named:
        sentence += words.broad_note(area.name, named)
    return LinkProgress(
        commitment_id=commitment_id, link=link, indicator=ind, area_code=area_code,
        area_name=area.name, focus_group=focus, comparator_group=comparator,
        target=words.target(ind, link.aim, *named, link.group is not None),
        scale=scale, started=started, baseline=baseline, latest=latest, periods=tuple(used),
        movement=move, toward_aim=toward, sentence=sentence,
        latest_by_group=latest_by_group(conn, ind, area_code, latest_p, focus, comparator)
        if (full if by_group is None else by_group) else (),
        chart=chart_of(ind, area.name, held, tuple(used), focus, comparator) if full else None,
        broad_groups=(focus, comparator) != named,
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
    defined = link_rows.defined_indicators(conn)
    return tuple(link_progress(conn, commitment_id, _start(detail.start_date), link, area)
                 for area in areas for link in detail.links if link.indicator in defined)
