"""Ticking a list's boxes through the accessibility "Toggle" action, as voice control and
switch access do.

Qt answers a list item's Toggle action by selecting the item (``select(index, Select)`` on the
view's selection model), which ticks nothing. A selection model that turns exactly that call
into a tick or an untick makes the action do what a member expects; clicks and keys, which
select with other commands, are untouched.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtCore import QItemSelectionModel as Model
from PySide6.QtWidgets import QAbstractItemView

_CHECKABLE = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled


class ToggleSelectionModel(Model):
    """Turns the accessibility action's plain "Select" of one checkable item into a tick."""

    def __init__(self, model: QAbstractItemModel, parent: QObject) -> None:
        super().__init__(model, parent)

    def select(self, selection: QItemSelection | QModelIndex | QPersistentModelIndex,
               command: Model.SelectionFlag) -> None:  # both overloads come here
        if (isinstance(selection, (QModelIndex, QPersistentModelIndex))
                and command == Model.SelectionFlag.Select and toggle(selection)):
            return
        super().select(selection, command)


def toggle(index: QModelIndex | QPersistentModelIndex) -> bool:
    """Tick or untick a checkable item; False when it cannot be ticked."""
    if not index.isValid() or (index.flags() & _CHECKABLE) != _CHECKABLE:
        return False
    model = index.model()
    state = index.data(Qt.ItemDataRole.CheckStateRole)
    ticked = state == Qt.CheckState.Checked or state == Qt.CheckState.Checked.value
    new = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
    at = model.index(index.row(), index.column(), index.parent())
    return bool(model.setData(at, new, Qt.ItemDataRole.CheckStateRole))


def tick_by_accessibility(view: QAbstractItemView) -> None:
    """Give ``view`` the selection model above (its model must be set already)."""
    old = view.selectionModel()
    view.setSelectionModel(ToggleSelectionModel(view.model(), view))
    if old is not None:
        old.deleteLater()
