"""Help offline: every bundled guide opens in the Help window with its pictures, the bundled
copies match docs/, the build carries them, and F1 opens the members' guide."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from mag_desktop.gui.announce import announced
from mag_desktop.gui.views.help_window import GUIDES, HelpWindow, guide_path, images_of
from mag_desktop.gui.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _sync_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "sync_guides", ROOT / "tests" / "accessibility" / "sync_guides.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_guides_match_docs_and_the_build_carries_them() -> None:
    sync = _sync_module()
    stale = [str(t.relative_to(ROOT)) for t, s in sync.wanted().items()
             if not t.exists() or t.read_bytes() != s.read_bytes()]
    assert not stale, ("the bundled guides differ from docs/: run "
                       f".venv/bin/python tests/accessibility/sync_guides.py ({stale[:3]})")
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # resources/guides goes with it


def test_every_guide_opens_with_its_pictures(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = HelpWindow()
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    for key, title, _entry, _shortcut in GUIDES:
        window.show_guide(key)
        text = window.browser.toPlainText()
        assert len(text) > 2000, key
        assert window.guide.currentText() == title
        assert f"{title} opened" in announced(window)
        pictures = images_of(guide_path(key).read_text(encoding="utf-8"))
        assert pictures, key
        document = window.browser.document()
        for picture in pictures:
            assert (guide_path(key).parent / picture).is_file(), picture
            image = document.resource(QTextDocument.ResourceType.ImageResource, picture)
            assert image is not None and not image.isNull(), f"{key}: {picture} does not load"
            assert image.width() <= window.browser.viewport().width(), "no sideways scrolling"
    assert "# " not in window.browser.toPlainText()[:200]  # rendered, not shown as Markdown


def test_a_link_to_another_guide_follows_in_the_chooser(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_guide("officer")
    window.browser.setSource(window.browser.source().resolved("member.md"))
    assert window.guide.currentData() == "member"


def test_f1_opens_the_members_guide_from_the_help_menu(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    entries = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert entries[:3] == ["&Members' guide", "&Clerks' guide", "O&fficers' guide"]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = window.findChild(HelpWindow)
    assert shown is not None and shown.isVisible()
    assert shown.guide.currentData() == "member"
    assert "Guide for members" in shown.browser.toPlainText()
    shown.close()
