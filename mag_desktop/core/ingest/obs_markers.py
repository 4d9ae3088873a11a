"""Markers beside the figures of an observations table: figures followed by a marker
("12.3 [u]", "12 [c]"), suppressed counts that suppress their row, and markers written in a
note column."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import codes_of
from mag_desktop.core.ingest.cells import INVISIBLE, Cells
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.resolve import Where
from mag_desktop.core.ingest.table import cell_text
from mag_desktop.core.ingest.translations import Translations
from mag_desktop.core.vocab import confidential_markers, match_marker, suppression_markers

_MARKED_FIGURE = re.compile(r"\d\S*\s*\[")  # a figure, then a bracketed marker


def marked_figures(cells: Cells, markers: np.ndarray, cautions: np.ndarray | None,
                    header: str,
                    notes: Translations) -> None:
    """Count the figures followed by a marker ("12.3 [u]"): kept without the marker, which the
    store holds only in place of a figure; and those beside a confidential marker ("12 [c]"),
    kept suppressed."""
    if cautions is not None:
        kinds = pd.Series(cautions, dtype=object).dropna().value_counts(sort=False)
        meanings = suppression_markers()
        for caution, count in kinds.items():
            meaning = "; ".join(meanings.get(m, m) for m in str(caution).split())
            notes.note("value-marker", f"read a figure followed by {caution} ({meaning}) as the "
                       f"figure alone: a marker is kept only in place of a figure, so the "
                       f"{caution} beside it is not kept", int(count), header)
    marked = np.flatnonzero(pd.notna(pd.Series(markers, dtype=object)).to_numpy())
    if not len(marked):
        return
    texts = pd.Series([cells[i] for i in marked], dtype=object)
    beside = texts.map(lambda t: isinstance(t, str) and match_marker(t) is None
                       and _MARKED_FIGURE.search(t) is not None).to_numpy(dtype=bool)
    for marker, count in pd.Series(markers[marked][beside], dtype=object).value_counts(
            sort=False).items():
        notes.note("value-marker-suppressed", f"read a figure followed by the confidential "
                   f"marker {marker} as suppressed: the figure is not kept", int(count), header)


def cell_texts(cells: Cells) -> np.ndarray:
    """cell_text of every cell, computed once per distinct value."""
    idx, uniques = codes_of(cells)
    return np.array([cell_text(INVISIBLE.sub("", u) if isinstance(u, str) else u)
                     for u in uniques] + [""], dtype=object)[:-1][idx]


def count_markers(out: dict[str, object], numbers: dict[str, np.ndarray], markers: np.ndarray,
                   name: str, where: Where, row_numbers: np.ndarray, report: Report) -> None:
    """A count the publisher suppressed ([c] as the numerator, say) suppresses its row: a
    value shown beside it would give the count away (2.1% of 238 is 5)."""
    secret = np.asarray(pd.Series(markers, dtype=object).isin(confidential_markers()),
                        dtype=bool)
    if not secret.any():
        return
    row_markers = out["marker"]
    assert isinstance(row_markers, np.ndarray)
    for i in np.flatnonzero(secret):
        if pd.isna(row_markers[i]):
            row_markers[i] = markers[i]
        for figure in numbers.values():
            figure[i] = np.nan
    first = int(np.flatnonzero(secret)[0])
    report.warning("suppressed-count", f"the {name} is suppressed ({markers[first]}), so the "
                   f"whole row is kept suppressed, its value too: {int(secret.sum()):,} rows",
                   row=int(row_numbers[first]), column=where.column, header=where.header,
                   value=markers[first])


def note_markers(out: dict[str, object], notes: Cells, values: np.ndarray,
                  unreadable: np.ndarray) -> None:
    """A marker may also come in a note column, beside an empty value (never over a number)."""
    markers = out["marker"]
    assert isinstance(markers, np.ndarray)
    texts = cell_texts(notes)
    empty = np.isnan(values) & ~unreadable
    for i in np.flatnonzero((texts != "") & pd.isna(markers) & empty):
        marker = match_marker(texts[i])
        if marker:
            markers[i] = marker
