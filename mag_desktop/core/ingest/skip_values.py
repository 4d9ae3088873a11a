"""A profile's ``skip_values``: the rows whose cell for a field is one of the texts listed are
left out before they are checked, and counted in one warning per value ("left out 12 rows
whose Ethnicity is 'Not stated'").

The texts are matched as cells are read (:func:`cell_text`: spacing at the ends ignored),
before any translation in ``values``. Only a field read from a column can skip rows: a constant
is the same on every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mag_desktop.core.ingest.mapping import Mapping
from mag_desktop.core.ingest.table import Table, cell_text
from mag_desktop.core.ingest.translations import Translations

RULE = "skip-values"


@dataclass
class Skips:
    """Column index → (header, texts whose rows are left out), as read from a profile."""

    columns: dict[int, tuple[str, frozenset[str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.columns)

    def row_skipped(self, cells: list[object], notes: Translations) -> bool:
        """Whether one row is left out; counted in ``notes`` when it is."""
        for j, (header, texts) in self.columns.items():
            text = cell_text(cells[j] if j < len(cells) else "")
            if text in texts:
                notes.note(RULE, _sentence(header, text), 1, header)
                return True
        return False

    def mask(self, cols: list[np.ndarray], notes: Translations) -> np.ndarray:
        """True for the rows of a chunk that are kept; the others counted in ``notes``."""
        n = len(cols[0]) if cols else 0
        keep = np.ones(n, dtype=bool)
        for j, (header, texts) in self.columns.items():
            if j >= len(cols):
                continue
            idx, uniques = pd.factorize(pd.Series(cols[j], dtype=object),
                                        use_na_sentinel=False)
            for k, value in enumerate(uniques):
                text = cell_text(value)
                if text in texts:
                    hit = (idx == k) & keep
                    notes.note(RULE, _sentence(header, text), int(hit.sum()), header)
                    keep &= idx != k
        return keep


def _sentence(header: str, text: str) -> str:
    shown = repr(text) if text else "empty"
    return f"left out the rows whose {header} is {shown} (the profile's skip_values)"


def skips_of(table: Table, mapping: Mapping, skip_values: dict[str, list[str]]) -> Skips:
    """The profile's ``skip_values`` for the fields this table reads from a column."""
    out = Skips()
    for name, texts in skip_values.items():
        j = mapping.fields.get(name)
        if j is not None and texts:
            out.columns[j] = (table.headers[j], frozenset(cell_text(t) for t in texts))
    return out
