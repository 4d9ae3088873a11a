"""Links across commitments: the current links of every commitment, the commitments linked to
an indicator, those whose linked gap widened (the quick filter), and a pack's links by theme.

A commitment's links are its latest update's (as its status is); an older quarter's links are
history. Everything here is read once per store version.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

import pandas as pd

from mag_desktop.core.domain import IndicatorLink
from mag_desktop.core.links.codec import links_from_json
from mag_desktop.core.links.progress import link_progress, own_areas
from mag_desktop.core.links.progress_model import LinkProgress, Movement
from mag_desktop.core.links.words import target
from mag_desktop.core.query import lookups
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.query.ward_views_cache import definition
from mag_desktop.core.store.reads import links as link_rows

LIST_COLUMNS = ["id", "title", "theme_name", "authority_name", "status", "status_label",
                "status_glyph", "status_colour", "target"]


@dataclass(frozen=True)
class Linked:
    """One current commitment with links: what its progress needs."""

    id: str
    authority_code: str | None
    start: date | None
    theme: str
    wards: tuple[str, ...]
    links: tuple[IndicatorLink, ...]


_memo: StoreMemo[object] = StoreMemo(16)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _read_linked(conn: sqlite3.Connection) -> dict[str, Linked]:
    latest: dict[str, str] = {}
    for cid, quarter in link_rows.latest_quarters(conn):
        if cid not in latest or lookups.period_key(quarter) > lookups.period_key(latest[cid]):
            latest[cid] = quarter
    defined = link_rows.defined_indicators(conn)  # an import undone cannot leave a link behind,
    # but a store filled by other means could: such a link is left out rather than failing
    links = {cid: tuple(link for link in links_from_json(text) if link.indicator in defined)
             for cid, quarter, text in link_rows.update_links(conn) if latest.get(cid) == quarter}
    out = {}
    for cid, authority, start, theme, wards in link_rows.commitment_facts(conn):
        if links.get(cid):
            codes = tuple(w.strip().upper() for w in (wards or "").split(";") if w.strip())
            out[cid] = Linked(cid, authority, _date(start), theme, codes, links[cid])
    return out


def linked_commitments(conn: sqlite3.Connection) -> dict[str, Linked]:
    """Every current commitment whose latest update links an indicator, by id."""
    return _memo.get(conn, "linked", lambda: _read_linked(conn))  # type: ignore[return-value]


def _widening(conn: sqlite3.Connection) -> frozenset[str]:
    found = set()
    for c in linked_commitments(conn).values():
        area = own_areas(c.authority_code, ())[0]
        if any(link_progress(conn, c.id, c.start, link, area, full=False).movement
               == Movement.WIDENED for link in c.links):
            found.add(c.id)
    return frozenset(found)


def widening_ids(conn: sqlite3.Connection) -> frozenset[str]:
    """The commitments with a linked gap that widened, beyond what the 95% intervals allow, in
    their own authority (the WMCA's area for a Regional one)."""
    return _memo.get(conn, "widening", lambda: _widening(conn))  # type: ignore[return-value]


def linked_to_indicator(conn: sqlite3.Connection, indicator: str) -> pd.DataFrame:
    """The current commitments whose latest update links ``indicator``: ``LIST_COLUMNS``,
    ordered by theme then id; ``target`` says what each aims at."""
    from mag_desktop.core.query.commitments import commitments_frame

    aims: dict[str, list[str]] = {}
    for c in linked_commitments(conn).values():
        for link in c.links:
            if link.indicator == indicator:
                words = target(definition(conn, indicator), link.aim, link.group,
                               link.comparator or "WHITE_BRITISH", link.group is not None)
                if words not in aims.setdefault(c.id, []):
                    aims[c.id].append(words)
    name = f"{definition(conn, indicator).name}: " if aims else ""
    joined = {cid: name + "; ".join(w.removeprefix(name) for w in found)  # one name, each aim
              for cid, found in aims.items()}
    frame = commitments_frame(conn)
    frame = frame[frame["id"].isin(aims)].copy()
    frame["target"] = frame["id"].map(joined)
    return frame[LIST_COLUMNS].reset_index(drop=True)


def theme_progress(conn: sqlite3.Connection, area_code: str, theme_codes: tuple[str, ...],
                   commitment_ids: tuple[str, ...],
                   by_group: bool = True) -> dict[str, tuple[LinkProgress, ...]]:
    """A pack's links: for each theme (in ``theme_codes`` order), each link of each of
    ``commitment_ids`` (in their order) in that theme, for the audience's area; without
    ``by_group``, no group's latest figure (see :func:`.progress.link_progress`)."""
    linked = linked_commitments(conn)
    out: dict[str, tuple[LinkProgress, ...]] = {}
    for theme in theme_codes:
        found = tuple(link_progress(conn, c.id, c.start, link, area_code, by_group=by_group)
                      for cid in commitment_ids if (c := linked.get(cid)) and c.theme == theme
                      for link in c.links)
        if found:
            out[theme] = found
    return out
