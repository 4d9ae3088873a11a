"""Everything the window's first tab shows, computed in one call.

The Overview shows the same :class:`SummaryView` as a pack's summary page (for a filter of one
authority or one ward, the very same words and numbers), then the commitments behind it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.query.commitments import commitments_frame
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.query.illustrative import holds_illustrative
from mag_desktop.core.query.summary import (
    Changes,
    DataStatus,
    data_status,
    since_last_quarter,
)
from mag_desktop.core.query.summary_view import SummaryView, scope_label, summary_view


@dataclass(frozen=True)
class Overview:
    commitments: pd.DataFrame  # the filter's commitments frame
    changes: Changes
    status: DataStatus
    summary: SummaryView


def overview(conn: sqlite3.Connection, flt: Filter) -> Overview:
    """The summary for the filter's areas and themes (all eight when it names none); like a
    pack's, it opens with the illustrative notice when the store holds illustrative data."""
    frame = commitments_frame(conn, flt)
    themes = tuple(t for t in vocab.themes() if not flt.themes or t.code in flt.themes)
    changes = since_last_quarter(conn, flt, frame)
    view = summary_view(frame, changes, themes, scope_label(conn, flt), flt,
                        illustrative=holds_illustrative(conn))
    return Overview(commitments=frame, changes=changes, status=data_status(conn), summary=view)
