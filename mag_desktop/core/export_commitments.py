"""Exporting the commitments shown to xlsx or csv as a commitments file: every field of the
commitments template under its heading, so the file reads well and imports again changing
nothing (no field left behind to be wiped by the import).

Each commitment is written as its latest update gives it: status, quarter, narrative, reason,
and its linked indicators as the "Linked indicators" cell. Wards and guiding principles are
written by name where the importer reads the name back to the same one, else by code. A
workbook also gets a Milestones sheet with the update's milestones; a CSV file holds one table,
so it has no milestones, and importing it gives the commitments none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.export import Sheet, export_frame
from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest.mapping import columns
from mag_desktop.core.links.cell import latest_links, links_cell
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.query.commitments import parse_milestones
from mag_desktop.core.store.reads import areas as area_rows
from mag_desktop.core.store.reads import commitments as commitment_rows

#: The commitments frame's column (or one made here) for each field of the template.
FRAME_COLUMN = {
    "commitment_id": "id", "title": "title", "description": "description",
    "theme": "theme_name", "priority": "priority", "lead": "lead", "partners": "partners",
    "authority": "authority_name", "wards": "ward_words", "principles": "principle_words",
    "start_date": "start_date", "due_date": "due_date", "quarter": "quarter",
    "status": "status_label", "narrative": "narrative", "reason": "reason",
    "indicators": "linked_indicators",
}
#: (frame column, heading): the commitments template's headings, in its order.
COLUMNS = [(FRAME_COLUMN[c.field], c.header) for c in columns("commitments")]
MILESTONE_COLUMNS = [(c.field, c.header) for c in columns("milestones")]


def ward_words(conn: sqlite3.Connection, frame: pd.DataFrame) -> pd.Series:
    """Each row's wards as the importer reads them back: a ward's name where it names that
    very ward within the commitment's authority, else its code; joined by "; "."""
    names = area_rows.local_names(conn)
    resolver = AreaResolver(load_geography())

    def word(code: str, authority: str | None) -> str:
        name = names.get(code)
        if name:
            found = resolver.resolve(name, kind="ward", authority_code=authority)
            if found.ok and found.code == code:
                return name
        return code

    return pd.Series([
        "; ".join(word(code, authority if isinstance(authority, str) else None)
                  for code in wards or ())
        for wards, authority in zip(frame["wards"], frame["authority_code"], strict=True)
    ], index=frame.index, dtype=object)


def principle_text(code: str) -> str:
    """A guiding principle by its name when the importer reads that name back to it."""
    for p in vocab.principles():
        if p.code == code and (found := vocab.match_principle(p.name)) and found.code == code:
            return p.name
    return code


def commitments_file(conn: sqlite3.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a commitments frame, as shown) with the columns of :data:`COLUMNS` made:
    wards and principles in words, the latest update's reason and linked indicators."""
    extras = {(cid, quarter): reason for cid, quarter, reason, _ in
              commitment_rows.update_extras(conn)}
    cells = {cid: links_cell(links) for cid, links in latest_links(conn).items()}
    return frame.assign(
        ward_words=ward_words(conn, frame),
        principle_words=["; ".join(principle_text(p) for p in ps or ())
                         for ps in frame["principles"]],
        reason=[extras.get((cid, quarter), "")
                for cid, quarter in zip(frame["id"], frame["quarter"], strict=True)],
        linked_indicators=frame["id"].map(cells).fillna("").astype(str),
    )


def milestones_frame(conn: sqlite3.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """The milestones of each row's latest update, as the Milestones sheet lists them."""
    held = {(cid, quarter): text for cid, quarter, _, text in commitment_rows.update_extras(conn)}
    rows = [(cid, m.name, m.baseline, m.forecast, m.actual)
            for cid, quarter in zip(frame["id"], frame["quarter"], strict=True)
            for m in parse_milestones(held.get((cid, quarter)))]
    return pd.DataFrame(rows, columns=[key for key, _ in MILESTONE_COLUMNS], dtype=object)


def export_commitments(conn: sqlite3.Connection, frame: pd.DataFrame, path: Path,
                       titles: Sequence[str] = ()) -> Path:
    """Write the commitments of ``frame`` (as shown: filtered and sorted) to ``path``; an
    xlsx workbook also holds their milestones on a Milestones sheet."""
    milestones = Sheet("Milestones", milestones_frame(conn, frame), MILESTONE_COLUMNS)
    return export_frame(commitments_file(conn, frame), COLUMNS, path, "Commitments", titles,
                        more=(milestones,))
