"""A table model over a pandas frame: rows held once, values formatted per role, sorting done
by the frame (vectorised) and handed to the model with a reset, never row by row in Qt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from mag_desktop.gui.models.column_help import column_help

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's position in the frame
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    format: Callable[[Any], str] = lambda v: "" if v is None or v is pd.NA else str(v)
    align: str = "left"  # "left" | "right" | "center"
    sort_key: str | None = None  # another column to sort by (e.g. rank for status)
    tooltip: str | None = None  # a column whose value is the tooltip
    colour: str | None = None  # a column holding "#RRGGBB" for the text
    help: str | None = None  # plain words for the heading (tooltip, What's this?)


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


class FrameModel(QAbstractTableModel):
    """``row_name``: the column whose value names each row (the ethnic group, the commitment's
    ID), given as the row's header so a screen reader says which row a cell is in."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None,
                 row_name: int = 0) -> None:
        super().__init__(parent)
        self.row_name = row_name
        self.columns = list(columns)
        self.frame = pd.DataFrame(columns=[c.key for c in self.columns])
        self._cache: dict[int, list[Any]] = {}

    # -- data ------------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self._cache = {}
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column], frame: pd.DataFrame) -> None:
        """New columns and rows at once (a table whose columns depend on what it shows)."""
        self.beginResetModel()
        self.columns = list(columns)
        self.frame = frame.reset_index(drop=True)
        self._cache = {}
        self.endResetModel()

    def row(self, index: int) -> pd.Series:
        return self.frame.iloc[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _values(self, col: int) -> list[Any]:
        if col not in self._cache:
            key = self.columns[col].key
            values = self.frame[key].tolist() if key in self.frame else [None] * len(self.frame)
            self._cache[col] = values
        return self._cache[col]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.frame):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = self._values(index.column())[index.row()]
            return "" if _missing(value) else column.format(value)
        if role == SORT_ROLE:
            return self._values(index.column())[index.row()]
        if role == ROW_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
                          "center": Qt.AlignmentFlag.AlignHCenter}[column.align]
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip and column.tooltip in self.frame:
            tip = self.frame[column.tooltip].iat[index.row()]
            return None if _missing(tip) else str(tip)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour and column.colour in self.frame:
            colour = self.frame[column.colour].iat[index.row()]
            return None if _missing(colour) else QBrush(QColor(str(colour)))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole,
                        Qt.ItemDataRole.AccessibleDescriptionRole):
                return (column.help or column_help(column.title)) or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self.row_header(section)
        return None

    def row_header(self, row: int) -> str:
        """The row's name: its value in the ``row_name`` column (its number when blank)."""
        if 0 <= self.row_name < len(self.columns) and 0 <= row < len(self.frame):
            value = self._values(self.row_name)[row]
            text = "" if _missing(value) else self.columns[self.row_name].format(value)
            if text.strip():
                return text.strip()
        return str(row + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole frame at once (stable, missing values last), then reset."""
        if not 0 <= column < len(self.columns) or self.frame.empty:
            return
        spec = self.columns[column]
        key = spec.sort_key or spec.key
        if key not in self.frame:
            return
        self.beginResetModel()  # a reset: no selection survives pointing at another row
        ascending = order == Qt.SortOrder.AscendingOrder
        values = self.frame[key]
        if pd.api.types.is_string_dtype(values.dtype):
            values = values.astype("str").str.casefold().where(values.notna())
        order_index = values.sort_values(ascending=ascending, kind="stable",
                                         na_position="last").index
        self.frame = self.frame.loc[order_index].reset_index(drop=True)
        self._cache = {}
        self.endResetModel()
