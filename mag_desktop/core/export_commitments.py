"""Exporting the commitments shown to xlsx or csv, under the import template's headings, with
each commitment's linked indicators written as the "Linked indicators" cell: the file reads
well and imports again with the same links (and the same status, quarter and narrative)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from mag_desktop.core.export import export_frame
from mag_desktop.core.links.cell import latest_links, links_cell

#: (frame column, heading): the headings are the commitments template's, so the file imports.
COLUMNS = [("id", "Commitment ID"), ("title", "Title"), ("theme_name", "Theme"),
           ("lead", "Lead organisation"), ("authority_name", "Local authority"),
           ("status_label", "Status"), ("start_date", "Start date"), ("due_date", "Due date"),
           ("quarter", "Update quarter"), ("narrative", "Narrative update"),
           ("linked_indicators", "Linked indicators")]


def with_links(conn: sqlite3.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a commitments frame) with a ``linked_indicators`` column: each commitment's
    latest links as a cell's words, "" when it links none."""
    cells = {cid: links_cell(links) for cid, links in latest_links(conn).items()}
    return frame.assign(linked_indicators=frame["id"].map(cells).fillna("").astype(str))


def export_commitments(conn: sqlite3.Connection, frame: pd.DataFrame, path: Path,
                       titles: Sequence[str] = ()) -> Path:
    """Write the commitments of ``frame`` (as shown: filtered and sorted) to ``path``."""
    return export_frame(with_links(conn, frame), COLUMNS, path, "Commitments", titles)
