"""Tables as a screen reader meets them: each row named by its group or commitment (not
"1, 2, 3"), and every column heading explained in plain words."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from mag_desktop.core.briefing.model import Cell, Table
from mag_desktop.core.briefing.model import Column as TableColumn
from mag_desktop.gui.models.column_help import column_help
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.models.table_frame import table_frame
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.tables import FrameTable

TIP = Qt.ItemDataRole.ToolTipRole


def indicator_table() -> Table:
    columns = (TableColumn("Ethnic group", "label"), TableColumn("Value", "number", "right"),
               TableColumn("95% limits", "number", "right"),
               TableColumn("Numerator / denominator", "number", "right"),
               TableColumn("vs England", "comparison"), TableColumn("WMCA", "number", "right"))
    rows = ((Cell("Black"), Cell("8.4"), Cell("7.9–8.9"), Cell("840 / 10,000"),
             Cell("▲ higher"), Cell("6.1")),
            (Cell("White"), Cell("3.8"), Cell("3.6–4.0"), Cell("380 / 10,000"),
             Cell("● similar"), Cell("3.5")))
    return Table(columns, rows)


def test_rows_are_named_by_their_group_and_headings_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    columns, frame = table_frame(indicator_table())
    model = FrameModel(columns)
    model.set_frame(frame)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == ["Black", "White"]
    tips = [model.headerData(c, Qt.Orientation.Horizontal, TIP) for c in range(6)]
    assert "numerator is the number" in tips[3]
    assert "true value very probably lies" in tips[2]
    assert "compares with England" in tips[4]
    assert "The figure for WMCA" in tips[5]
    assert all(tips), tips
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.WhatsThisRole) == tips[2]
    model.sort(1, Qt.SortOrder.AscendingOrder)  # the row's name follows its row
    assert model.headerData(0, Qt.Orientation.Vertical) == "White"


def test_blank_row_name_falls_back_to_the_number_and_unknown_headings_say_nothing() -> None:
    model = FrameModel([Column("a", "Anything"), Column("b", "B")])
    model.set_frame(pd.DataFrame({"a": [None, "x"], "b": [1, 2]}))
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.headerData(1, Qt.Orientation.Vertical) == "x"
    assert model.headerData(0, Qt.Orientation.Horizontal, TIP) is None
    assert column_help("Ward compared").startswith("How the ward compares")
    assert "compares with England" in column_help("Against England")


def test_a_table_cell_is_read_with_its_row_and_column_headers(qtbot) -> None:  # type: ignore[no-untyped-def]
    columns, frame = table_frame(indicator_table())
    model = FrameModel(columns)
    model.set_frame(frame)
    view = FrameTable("Indicator table", model)
    qtbot.addWidget(view)
    view.show()
    table = QAccessible.queryAccessibleInterface(view)
    kids = [table.child(i) for i in range(table.childCount())]
    row_headers = [k.text(QAccessible.Text.Name) for k in kids
                   if k.role() == QAccessible.Role.RowHeader]
    assert sorted(row_headers) == ["Black", "White"]  # each row named by its group
    column_headers = [k.text(QAccessible.Text.Name) for k in kids
                      if k.role() == QAccessible.Role.ColumnHeader]
    assert column_headers[:3] == ["Ethnic group", "Value", "95% limits"]
    limits = next(k for k in kids if k.role() == QAccessible.Role.ColumnHeader
                  and k.text(QAccessible.Text.Name) == "95% limits")
    assert "true value very probably lies" in limits.text(QAccessible.Text.Description)


def test_the_window_tables_name_rows_by_commitment_and_group(window: MainWindow) -> None:
    model = window.commitments.model
    assert model.rowCount() > 3
    ids = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert ids == [model.data(model.index(r, 0)) for r in range(3)]
    assert all(not i.isdigit() for i in ids)
    window.show_tab("indicators")
    from mag_desktop.gui.app import wait_until_idle

    assert wait_until_idle(window)
    table = window.indicators.model
    assert table.rowCount() > 0
    first = table.headerData(0, Qt.Orientation.Vertical)
    assert first == table.data(table.index(0, 0)) and not first.isdigit()
