"""Walking a window's widgets as a screen reader sees them (through QAccessible), listing every
fault found: a control that takes focus with neither a name nor a label, a text label whose
accessible name hides its text, a combo box named by its value rather than its label."""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QWidget

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(_TAG.sub(" ", text).replace("&amp;", "&"))
            if w != "nbsp"]


def where(widget: QWidget, top: QWidget) -> str:
    """``dialog class > widget class > name``: the attribute holding the widget in the nearest
    object that keeps it (``IndicatorsTab.sentences``), else its object name, else its place
    among its parent's children."""
    cls = type(widget).__name__
    title = type(top).__name__
    holder: QWidget | None = widget.parentWidget()
    while holder is not None:
        for key, value in vars(holder).items():
            if value is widget:
                return f"{title} > {cls} > {type(holder).__name__}.{key}"
            if isinstance(value, dict):  # e.g. the mapping step's combo box per column
                for item, kept in value.items():
                    if kept is widget:
                        return f"{title} > {cls} > {type(holder).__name__}.{key}[{item!r}]"
        holder = holder.parentWidget()
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox) and widget is parent.lineEdit():
        return f"{where(parent, top)} > lineEdit"
    if widget.objectName():
        return f"{title} > {cls} > {widget.objectName()}"
    parent = widget.parentWidget()
    place = parent.children().index(widget) if parent is not None else 0
    owner = type(parent).__name__ if parent is not None else "-"
    return f"{title} > {cls} > {owner}[{place}]"


def _inside_item_view(widget: QWidget) -> bool:
    """An editor or viewport belonging to an item view (the view itself is checked)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def faults(top: QWidget) -> dict[str, str]:
    """Every fault in ``top`` and the widgets inside it (not in its own popups or dialogs),
    keyed by where it is, with what is wrong."""
    found: dict[str, str] = {}
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.window() is not top or _inside_item_view(widget):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is None or not iface.isValid():
            continue
        name = iface.text(QAccessible.Text.Name).strip()
        # Qt lists the labels of a widget (a buddy QLabel, a titled group box) as its "Label"
        # relations; AT-SPI gives them as "labelled by", which a screen reader speaks.
        labelled = bool(iface.relations(QAccessible.RelationFlag.Label))
        takes_focus = iface.state().focusable and widget.focusProxy() is None  # a combo box's
        # or spin box's own line edit hands focus to the box, which is what is read
        if takes_focus and widget.isEnabled() and not name and not labelled:
            found[where(widget, top)] = "takes focus but has neither a name nor a label"
        if isinstance(widget, QLabel) and widget.text().strip() and widget.accessibleName():
            missing = set(words(widget.text())) - set(words(widget.accessibleName()))
            if missing:
                found[where(widget, top)] = (f"its name {widget.accessibleName()!r} hides its "
                                             f"text {widget.text()[:60]!r}")
        if isinstance(widget, QComboBox) and not labelled and widget.isEnabled():
            # On Linux a combo box's name is its value; its label comes from the relation.
            found[where(widget, top)] = (f"no label: read by its value "
                                         f"{widget.currentText()!r} alone")
    return found
