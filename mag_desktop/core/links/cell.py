"""A commitment's links written as the "Linked indicators" cell of a commitments file: the
words the importer reads back to the very same links, so an exported file re-imports as it
was (``CLAIMANT_RATE (Black Caribbean vs White British); YJ_FTE (Pakistani, lower)``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.ethnicity import group, map_label
from mag_desktop.core.links.listing import linked_commitments

#: How each aim is written in a cell; narrowing the gap, the default, is not written.
AIM_TEXT = {LinkAim.LOWER: "lower", LinkAim.RAISE: "raise"}


def group_text(code: str) -> str:
    """A group as a clerk writes it ("Black Caribbean"), when the importer reads that label
    back as the same group; else its code, which it always reads back."""
    for label in (group(code).short_label, group(code).label):
        if map_label(label).code == code:
            return label
    return code


def link_text(link: IndicatorLink) -> str:
    """One link: its indicator ID, then its groups and aim in brackets when it has them."""
    groups = " vs ".join(group_text(code) for code in (link.group, link.comparator) if code)
    if link.group is None and link.comparator:
        groups = "vs " + groups
    inside = ", ".join(part for part in (groups, AIM_TEXT.get(link.aim, "")) if part)
    return f"{link.indicator} ({inside})" if inside else link.indicator


def links_cell(links: Iterable[IndicatorLink]) -> str:
    """The "Linked indicators" cell of these links ("" for none)."""
    return "; ".join(link_text(link) for link in links)


def latest_links(conn: sqlite3.Connection) -> dict[str, tuple[IndicatorLink, ...]]:
    """Each current commitment's links as its latest update gives them (commitments whose
    latest update links nothing are left out), as every view of the links reads them."""
    return {cid: c.links for cid, c in linked_commitments(conn).items()}
