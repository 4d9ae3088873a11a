"""Help inside the application, offline: the members', clerks' and officers' guides, bundled
under ``resources/guides`` (Markdown with their pictures) and shown in a browser window whose
links between guides and to headings work. F1 opens the members' guide."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.gui.announce import announce
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.paths import resources_dir

#: (file stem, title, menu entry, shortcut) of each bundled guide, in the Help menu's order.
GUIDES = (("member", "Members' guide", "&Members' guide", "F1"),
          ("clerk", "Clerks' guide", "&Clerks' guide", None),
          ("officer", "Officers' guide", "O&fficers' guide", None))
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


def guides_dir() -> Path:
    return resources_dir() / "guides"


def guide_path(key: str) -> Path:
    path = guides_dir() / f"{key}.md"
    if not path.exists():
        raise FileNotFoundError(f"bundled guide missing: {path}")
    return path


def images_of(markdown: str) -> list[str]:
    """The pictures a guide shows, as the relative paths it names them by."""
    return _IMAGE.findall(markdown)


class GuideBrowser(QTextBrowser):
    """A guide's text; its pictures scaled down to the page's width, so none needs scrolling
    sideways (a 1366-pixel screenshot in a 900-pixel window)."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        loaded = super().loadResource(kind, name)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return loaded
        image = loaded if isinstance(loaded, QImage) else QImage.fromData(loaded) if isinstance(
            loaded, (bytes, QByteArray)) else None
        widest = max(320, self.viewport().width() - 64)
        if image is not None and not image.isNull() and image.width() > widest:
            return image.scaledToWidth(widest, Qt.TransformationMode.SmoothTransformation)
        return image if image is not None and not image.isNull() else loaded


class HelpWindow(QDialog):
    """One window for every guide: choose a guide, read it, follow its links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Help")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.guide = QComboBox(self)
        for key, title, _entry, _key in GUIDES:
            self.guide.addItem(title, key)
        form.addRow("&Guide", self.guide)
        layout.addLayout(form)
        self.browser = GuideBrowser(self)
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenExternalLinks(True)  # web links in the system browser
        self.browser.setSearchPaths([str(guides_dir())])
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.guide.activated.connect(lambda _i: self.show_guide(self.guide.currentData()))
        self.browser.sourceChanged.connect(self._source_changed)
        fit_dialog(self, 900, 760)

    def show_guide(self, key: str) -> None:
        """Show the guide ``key`` ("member", "clerk", "officer") from its start."""
        path = guide_path(key)
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)
        self.guide.setCurrentIndex(max(0, self.guide.findData(key)))
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.browser, f"{self.guide.currentText()} opened")

    def _source_changed(self, url: QUrl) -> None:
        """A link to another guide: the guide chooser follows it."""
        index = self.guide.findData(Path(url.toLocalFile()).stem)
        if index >= 0:
            self.guide.setCurrentIndex(index)
            title = self.browser.documentTitle() or self.guide.currentText()
            self.setWindowTitle(f"Help — {title}")


def show_help(parent: QWidget, key: str = "member") -> HelpWindow:
    """Open (or bring forward) the parent's help window on the guide ``key``."""
    window = parent.findChild(HelpWindow)
    if window is None:
        window = HelpWindow(parent)
    window.show_guide(key)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def add_help_actions(window: QWidget, menu: QMenu) -> list[QAction]:
    """The guides at the top of ``menu``, the members' guide on F1."""
    actions = []
    first = menu.actions()[0] if menu.actions() else None
    for key, title, entry, shortcut in GUIDES:
        action = QAction(entry, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(f"Read the {title.lower()}, offline")
        action.triggered.connect(lambda _c=False, k=key: show_help(window, k))
        window.addAction(action)
        if first is not None:
            menu.insertAction(first, action)
        else:
            menu.addAction(action)
        actions.append(action)
    if first is not None:
        menu.insertSeparator(first)
    return actions
