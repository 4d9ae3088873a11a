"""DfE's area codes, each in the column of its row's geographic level.

Explore Education Statistics files mix national, regional and local authority rows in one
table and say which a row is in ``geographic_level``; a row's code is then in the column of that
level (``country_code`` for "National", ``region_code`` for "Regional", ``new_la_code`` for
"Local authority", ``lad_code`` for "Local authority district", ``ward_code`` for "Ward"), and
the other levels' columns are blank or name the areas above it. A profile maps one of them as
the area code (``new_la_code``, say); a row whose cell there is blank takes its code from the
column its own level names, never from another, and the clerk is told once per column with the
number of rows. A row whose level names no such column keeps its blank cell, and is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from mag_desktop.core.ingest.cells import Cells, is_blank
from mag_desktop.core.ingest.mapping import header_key
from mag_desktop.core.ingest.translations import Translations

LEVEL_HEADER = header_key("geographic_level")
#: geographic_level (lower case) -> the column holding that level's code
CODE_COLUMNS = {
    "national": header_key("country_code"),
    "regional": header_key("region_code"),
    "local authority": header_key("new_la_code"),
    "local authority district": header_key("lad_code"),
    "ward": header_key("ward_code"),
}


def dfe_area_codes(headers: Sequence[str], cols: Sequence[np.ndarray], codes: Cells,
                   notes: Translations) -> Cells:
    """``codes`` (the mapped area code cells) with blanks filled from the level's column."""
    keys = [header_key(str(h)) for h in headers]
    if LEVEL_HEADER not in keys or not any(is_blank(c) for c in codes):
        return codes
    levels = cols[keys.index(LEVEL_HEADER)]
    where = {level: keys.index(key) for level, key in CODE_COLUMNS.items() if key in keys}
    out = list(codes)
    filled: Counter[int] = Counter()
    for i, code in enumerate(codes):
        if not is_blank(code):
            continue
        j = where.get(str(levels[i]).strip().casefold())
        if j is not None and not is_blank(cols[j][i]):
            out[i] = cols[j][i]
            filled[j] += 1
    for j, rows in filled.items():
        notes.note("area-dfe-level", f"read the area code from {headers[j]}, the column of the "
                   "row's geographic_level, where the area code column was blank", rows,
                   header=str(headers[j]))
    return out
