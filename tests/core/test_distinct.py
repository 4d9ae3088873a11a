"""Numbering distinct cells (pandas' hash table of objects) and deciding each distinct set of
cells once: the same numbers as pandas.factorize, and TRUE never taken for 1."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import codes_of
from mag_desktop.core.ingest.resolve import Outcome, remembered


def test_codes_are_those_of_factorize_in_order_of_first_appearance() -> None:
    cells = ["b", 1.0, "a", "", "b", date(2024, 1, 1), 2, 1.0, "a", ("x", 1), ("x", 1)]
    codes, uniques = codes_of(cells)
    expected, distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
    assert codes.tolist() == expected.tolist()
    assert list(uniques) == list(distinct)
    assert codes.dtype == np.int64


def test_an_empty_column_has_no_codes() -> None:
    codes, uniques = codes_of([])
    assert len(codes) == 0 and len(uniques) == 0


def test_each_distinct_set_of_cells_is_decided_once_and_true_is_not_one() -> None:
    asked: list[tuple[object, ...]] = []

    def decide(*cells: object) -> Outcome:
        asked.append(cells)
        return Outcome(f"{type(cells[0]).__name__}:{cells[0]}")

    once = remembered(decide)
    got = [once(c, "") for c in (1.0, True, 1, "1", 1.0, True, "1")]
    assert [o.code for o in got] == ["float:1.0", "bool:True", "int:1", "str:1",
                                     "float:1.0", "bool:True", "str:1"]
    assert len(asked) == 4  # 1.0, True, 1 and "1": each once
