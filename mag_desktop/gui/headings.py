"""Headings a screen reader knows are headings.

A QLabel is announced as plain text, so a page built of labels has no structure to jump
through. :func:`heading` makes a label that the accessibility tree gives the role *heading*
(its text as its name), styled by level; screen readers list such headings and move between
them (Orca's H key, NVDA's H). The accessibility factory is installed once, on first use, and
answers only for labels marked as headings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QFont
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

LEVEL = "heading_level"  # the property that marks a label as a heading
_SIZES = {1: 1.6, 2: 1.3, 3: 1.1}  # point size relative to the body text
_installed = False


class _HeadingInterface(QAccessibleWidget):
    """A label read as a heading: role Heading, its text as name."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.text()
        return super().text(kind)


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QLabel) and obj.property(LEVEL):
        return _HeadingInterface(obj)
    return None


def install() -> None:
    """Let the accessibility tree see heading labels as headings (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def heading(text: str, level: int, parent: QWidget | None = None) -> QLabel:
    """A heading of ``level`` (1 to 3): bold, larger, navy, read as a heading."""
    install()
    label = QLabel(parent)
    label.setProperty(LEVEL, level)  # before the text, so the first interface is a heading's
    label.setText(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * _SIZES.get(level, 1.0))
    label.setFont(font)
    label.setStyleSheet("color: #1B365D;")
    return label


def is_heading(widget: QWidget) -> bool:
    """True when the accessibility tree presents ``widget`` as a heading."""
    found = QAccessible.queryAccessibleInterface(widget)
    return found is not None and found.role() == QAccessible.Role.Heading
