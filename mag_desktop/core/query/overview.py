"""Everything the window's first tab and the CLI's summary show, computed in one call."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core.query.commitments import commitments_frame
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.query.summary import (
    Changes,
    DataStatus,
    Exceptions,
    data_status,
    exceptions,
    since_last_quarter,
    theme_status_counts,
)


@dataclass(frozen=True)
class Overview:
    commitments: pd.DataFrame
    counts: pd.DataFrame  # theme × status
    exceptions: Exceptions
    changes: Changes
    status: DataStatus
    theme_names: dict[str, str]
    statuses: pd.DataFrame  # code, label, glyph, colour in rank order


def overview(conn: sqlite3.Connection, flt: Filter) -> Overview:
    frame = commitments_frame(conn, flt)
    names = dict(conn.execute("SELECT code, short_name FROM theme ORDER BY position").fetchall())
    statuses = pd.DataFrame(
        conn.execute("SELECT code, label, glyph, colour FROM status ORDER BY rank").fetchall(),
        columns=["code", "label", "glyph", "colour"],
    )
    return Overview(
        commitments=frame,
        counts=theme_status_counts(frame),
        exceptions=exceptions(frame),
        changes=since_last_quarter(conn, flt, frame),
        status=data_status(conn),
        theme_names=names,
        statuses=statuses,
    )
