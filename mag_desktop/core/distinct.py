"""Numbering the distinct values of a column of cells, which the importer does for every field
of every chunk (a column of a million cells holds a few hundred distinct values: each is then
read, looked up or checked once)."""

from __future__ import annotations

import numpy as np
import pandas as pd

try:  # pandas' own hash table of Python objects
    from pandas._libs.hashtable import PyObjectHashTable as _ObjectTable
except ImportError:  # pragma: no cover - a pandas without it: factorize, more slowly
    _ObjectTable = None


def codes_of(cells: list[object] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(each cell's number among the distinct cells, the distinct cells in order of first
    appearance), as ``pandas.factorize`` gives them with ``use_na_sentinel=False``, except
    that None and NaN are two values. Read straight from pandas' hash table of objects when it
    has one: five times quicker than ``factorize``, which first looks for missing values."""
    values = object_array(cells)
    if _ObjectTable is None:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        return codes, np.asarray(uniques, dtype=object)
    uniques, codes = _ObjectTable(max(len(values), 1)).factorize(
        values, na_sentinel=-1, ignore_na=False)
    return codes.astype(np.int64, copy=False), uniques


def object_array(cells: list[object] | np.ndarray) -> np.ndarray:
    """The cells as a one-dimensional object array: the array itself when it is one."""
    if isinstance(cells, np.ndarray) and cells.dtype == object and cells.ndim == 1:
        return cells
    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    return values
