"""A control named by its label, the one way every form names its fields: the label's buddy is
the field (Alt and the underlined letter move there, and a screen reader says the label with
the field), and the field's accessible name is the label's words (a combo box is otherwise read
by the value it shows, not by what it is for)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def buddy_label(text: str, field: QWidget, parent: QWidget | None = None, *,
                name: str | None = None) -> QLabel:
    """The label ``text`` ("&Ward") for ``field``, which is named ``name`` or, without it, by
    the label's words ("Ward")."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    field.setAccessibleName(name if name is not None else text.replace("&", ""))
    return label
