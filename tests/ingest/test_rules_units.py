"""Each row's indicator unit, looked up once per distinct code."""

from __future__ import annotations

import numpy as np

from mag_desktop.core.ingest.rules import units_of


def test_each_row_gets_its_indicators_unit_and_none_when_unknown_or_missing() -> None:
    indicators = np.array(["PCT", "CNT", None, "PCT", "NEW", float("nan")], dtype=object)
    units = units_of(indicators, {"PCT": "%", "CNT": "count"})
    assert units.dtype == object
    assert units.tolist() == ["%", "count", None, "%", None, None]
    assert (units == "%").tolist() == [True, False, False, True, False, False]


def test_no_rows_give_no_units() -> None:
    assert units_of(np.array([], dtype=object), {"PCT": "%"}).tolist() == []
