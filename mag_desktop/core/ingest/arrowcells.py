"""The cells of an Arrow column, or of fastexcel's account of a cell it could not hold, as
python-calamine gives them (see :mod:`fastread` for why the two readers must agree)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

EXCEL_EPOCH = datetime(1899, 12, 30)
_WHOLE = r"^-?(0|[1-9][0-9]{0,14})$"  # a whole number, exact in a float
FRACTION = r"^-?[0-9]+(\.[0-9]+)?[eE][-+]?[0-9]+$|^-?[0-9]*\.[0-9]+$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"


_STRING = re.compile(r"""^Expected \w+ but got '(?:String|DateTimeIso|DurationIso)\("(.*)"\)'$""",
                     re.DOTALL)
_SERIAL = re.compile(r"value: (-?[0-9.e+-]+)")
_ESCAPE = re.compile(r"""\\(u\{([0-9a-fA-F]+)\}|.)""")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def cell_of(detail: str) -> object:
    """The cell a column of numbers could not hold, from fastexcel's account of it: the text
    (written as Rust writes a string), or a date from its Excel serial number."""
    if text := _STRING.match(detail):
        return _ESCAPE.sub(lambda m: chr(int(m.group(2), 16)) if m.group(2)
                           else _ESCAPES.get(m.group(1), m.group(1)), text.group(1))
    if "got 'Error(" in detail:
        return ""  # an Excel error: put back from the pre-flight scan
    if "DateTime(" in detail and (serial := _SERIAL.search(detail)):
        moment = EXCEL_EPOCH + timedelta(days=float(serial.group(1)))
        return moment.date() if moment.time() == time() else moment
    return detail  # anything else: reported as found


def objects(column: pa.Array) -> np.ndarray:
    """The cells of a column as python-calamine gives them (see the module's note)."""
    n = len(column)
    if column.null_count == n:
        return np.full(n, "", dtype=object)
    if pa.types.is_floating(column.type):
        values = column.to_numpy(zero_copy_only=False)
        out = values.astype(object)
        out[np.isnan(values)] = ""  # empty: NaN never comes from a cell
        return out
    encoded = column.dictionary_encode(null_encoding="encode")
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return _typed(encoded.dictionary)[indices]


def _typed(texts: pa.Array) -> np.ndarray:
    """Each distinct text once: a number, a date, the text, or "" for an empty cell."""
    values = texts.to_pylist()
    out = np.empty(len(values), dtype=object)
    out[:] = ["" if v is None else v for v in values]
    whole = pc.match_substring_regex(texts, _WHOLE).fill_null(False)
    for i in np.flatnonzero(whole.to_numpy(zero_copy_only=False)):
        out[i] = float(values[i])
    dated = pc.match_substring_regex(texts, _DATE).fill_null(False)
    for i in np.flatnonzero(dated.to_numpy(zero_copy_only=False)):
        try:
            moment = datetime.strptime(values[i], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        out[i] = moment.date() if moment == datetime(moment.year, moment.month, moment.day) \
            else moment
    return out
