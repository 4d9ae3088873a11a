"""The frame model: checked with qtmodeltester; sorting by the frame; formatting per role."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt

from mag_desktop.gui.models.frame_model import SORT_ROLE, Column, FrameModel

COLUMNS = [Column("name", "Name"), Column("value", "Value", format=lambda v: f"{v:.1f}%",
                                          align="right"),
           Column("status", "Status", sort_key="rank", colour="colour")]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"name": ["beta", "Alpha", "gamma", None],
                         "value": [2.0, 10.5, None, 1.0],
                         "status": ["At risk", "On track", "Off track", "On track"],
                         "rank": [3, 2, 4, 2], "colour": ["#B35900", "#1A7F37", "#B3261E", None]})


def test_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FrameModel(COLUMNS)
    model.set_frame(frame())
    qtmodeltester.check(model)


def test_display_and_sort(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = FrameModel(COLUMNS)
    model.set_frame(frame())
    assert model.rowCount() == 4 and model.columnCount() == 3
    assert model.data(model.index(1, 1)) == "10.5%"
    assert model.data(model.index(2, 1)) == ""  # missing shows nothing, never "nan"
    assert model.data(model.index(0, 1), SORT_ROLE) == 2.0
    model.sort(0, Qt.SortOrder.AscendingOrder)  # case-insensitive, missing last
    assert [model.data(model.index(i, 0)) for i in range(4)] == ["Alpha", "beta", "gamma", ""]
    model.sort(2, Qt.SortOrder.DescendingOrder)  # by rank, not by word
    assert model.data(model.index(0, 2)) == "Off track"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 1)) == "10.5%"
    assert model.data(model.index(3, 1)) == ""
