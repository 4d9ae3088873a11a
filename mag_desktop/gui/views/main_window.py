"""The main window: the filter panel beside four tabs, menus with shortcuts, and the wiring that
hands every piece of work to the core on a worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
)

from mag_desktop.core.errors import StoreError
from mag_desktop.core.query.choices import Choices
from mag_desktop.core.query.illustrative import NOTICE, Illustrative, illustrative_data
from mag_desktop.gui.announce import announce, announce_status_bar
from mag_desktop.gui.keyboard import install_window_keys
from mag_desktop.gui.runner import JobRunner
from mag_desktop.gui.session import Session
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.commitments import CommitmentsTab
from mag_desktop.gui.views.filter_panel import FilterPanel
from mag_desktop.gui.views.indicators import IndicatorsTab
from mag_desktop.gui.views.overview import OverviewTab
from mag_desktop.gui.views.start_page import StartPage
from mag_desktop.gui.views.ward import WardTab
from mag_desktop.logs import log_folder

TABS = ("overview", "commitments", "indicators", "ward")


class MainWindow(QMainWindow):
    loaded = Signal()  # the data for the current tab is on screen

    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self.session, self.settings = session, settings
        self.runner = JobRunner(self)
        self.runner.store_path = session.path
        self.member_allowed = False  # a release opened later may replace what is shown
        self.unattended = False  # set for screenshots: errors are kept, not shown in dialogs
        self.failures: list[str] = []
        self._choices: Choices | None = None
        title = "Race Equalities Taskforce briefings"  # the application adds its own name
        self.setWindowTitle(title + (" (read-only)" if session.read_only else ""))
        self.filters = FilterPanel(self)
        dock = QDockWidget("Filters", self)
        dock.setObjectName("filters")
        dock.setWidget(self.filters)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Views")
        self.overview = OverviewTab(self)
        self.commitments = CommitmentsTab(settings, self)
        self.indicators = IndicatorsTab(settings, self)
        self.ward = WardTab(settings, self)
        for widget, label in ((self.overview, "&Overview"), (self.commitments, "&Commitments"),
                              (self.indicators, "I&ndicators"), (self.ward, "&Ward profile")):
            self.tabs.addTab(widget, label)
        self.start = StartPage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.tabs)
        from mag_desktop.gui.views.filter_line import FilterLine

        self.filter_line = FilterLine(self)  # the active filter, one line above every tab
        self.filters.words_changed.connect(self.filter_line.show_words)
        self.setCentralWidget(self.filter_line.above(self.stack, self.tabs))
        self.illustrative_label = QLabel(f"⚠ {NOTICE}", self)  # while the store holds any
        self.illustrative_label.setAccessibleName(NOTICE)
        self.illustrative_label.setStyleSheet(
            "QLabel { background: #FFF4E5; color: #8A4B00; border: 1px solid #8A4B00;"
            " border-radius: 3px; padding: 1px 8px; font-weight: bold; }")
        self.illustrative_label.hide()
        self.statusBar().addPermanentWidget(self.illustrative_label)
        self.status_label = QLabel("Loading…", self)
        self.statusBar().addPermanentWidget(self.status_label)
        from mag_desktop.gui.controller import Controller

        self.controller = Controller(self)
        self._actions()
        install_window_keys(self)  # F6 between the filters and the tab; Tab in reading order
        announce_status_bar(self)  # status messages heard, menus' status tips not
        self._checking = False  # the store's quick check: after the first view is on screen
        self.loaded.connect(self.check_integrity)
        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)

    def _action(self, text: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        c = self.controller
        self.file_menu = file_menu = self.menuBar().addMenu("&File")
        self.import_action = self._action("&Import a spreadsheet…", c.open_import,
                                          "Ctrl+I", "Check and import a partner's file")
        self.history_action = self._action("Import &history…", c.open_history, None,
                                           "See past imports and undo one")
        self.sample_action = self._action("Load the &sample data", c.load_sample)
        self.export_action = self._action("&Export the commitments shown…", c.export_view,
                                          "Ctrl+E")
        self.export_indicators_action = self._action(
            "Export indicator &figures…", c.export_indicators, None,
            "Save the indicator figures shown (or more) as xlsx or csv")
        self.pack_action = self._action("Briefing &pack…", c.open_pack, "Ctrl+P",
                                        "Produce an authority or ward pack as a PDF")
        self.batch_action = self._action("&Ward packs for an authority…", c.open_batch)
        self.pack_log_action = self._action("Packs pro&duced…", c.open_pack_log, None,
                                            "The pack log: every pack with its data version")
        for action in (self.import_action, self.history_action, self.sample_action):
            action.setEnabled(not self.session.read_only)
        for entry in (self.import_action, self.history_action, self.sample_action, None,
                      self.export_action, self.export_indicators_action, self.pack_action,
                      self.batch_action, self.pack_log_action, None):
            if entry is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(entry)
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        self.view_menu = view_menu = self.menuBar().addMenu("&View")
        find = QKeySequence.StandardKey.Find
        view_menu.addAction(self._action("&Find…", self.focus_search, find))
        view_menu.addAction(self._action("&Reset filters", c.reset_filters, "Ctrl+R"))
        for i, name in enumerate(("Overview", "Commitments", "Indicators", "Ward profile")):
            go = self._action(name, lambda _c=False, i=i: self.tabs.setCurrentIndex(i),
                              f"Ctrl+{i + 1}")
            view_menu.addAction(go)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("Show &log folder", self.show_log_folder))
        help_menu.addAction(self._action("&About MAG Desktop", self.about))
        from mag_desktop.gui.views.help_window import add_help_actions

        add_help_actions(self, help_menu)  # the bundled guides, offline; F1 the members' guide
        self.start.import_requested.connect(c.open_import)
        self.start.sample_requested.connect(c.load_sample)
        from mag_desktop.gui.views.release_menus import ReleaseActions

        self.releases = ReleaseActions(self)  # releases, member mode and notes
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().lower().endswith(".magrelease") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A release dropped on the window is verified and opened."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if self.releases.dropped(paths):
            event.acceptProposedAction()

    @property
    def choices(self) -> Choices | None:
        """The filter's choices, read from the store at start and after every change to its
        content (import, undo, sample data); setting them rechecks the illustrative notice."""
        return self._choices

    @choices.setter
    def choices(self, choices: Choices | None) -> None:
        self._choices = choices
        if choices is not None:
            self.check_illustrative()

    def check_illustrative(self) -> None:
        """Ask the core, off the GUI thread, whether the store holds illustrative data."""
        self.runner.run(self.session.read(illustrative_data), self.show_illustrative,
                        self.error)

    def show_illustrative(self, found: Illustrative) -> None:
        """"Illustrative sample — not official statistics" in the status bar, or nothing."""
        self.illustrative_label.setVisible(bool(found))
        self.illustrative_label.setToolTip(found.summary)

    def check_integrity(self) -> None:
        """The store's quick integrity check, once, off the GUI thread (writes wait for it)."""
        if not self._checking:
            self._checking = True
            self.runner.run(lambda _p, _c: self.session.store.integrity_problem(),
                            self._integrity_known, self.error)

    def _integrity_known(self, problem: StoreError | None) -> None:
        """A damaged store is shown read-only (no import, undo or sample data), and said."""
        if problem is None:
            return
        self.session.read_only_reason = str(problem)
        for action in (self.import_action, self.history_action, self.sample_action):
            action.setEnabled(False)
        self.error(str(problem))

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def about(self) -> None:
        from mag_desktop import __version__

        QMessageBox.about(self, "About MAG Desktop",
                          f"<b>MAG Desktop {__version__}</b><p>Offline briefings for the Members "
                          "Advisory Group of the WMCA Race Equalities Taskforce.</p>"
                          f"<p>Store: {self.session.path}</p>")

    def show_log_folder(self) -> None:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self, "Log folder", f"The log is kept in {folder}")

    def error(self, message: str) -> None:
        self.check_integrity()  # a failed read may be the first sign of a damaged store
        announce(self, message, urgent=True)  # heard even when no dialog can be shown
        if self.unattended:  # a screenshot run: nobody could close a dialog
            self.failures.append(message)
            return
        QMessageBox.warning(self, "MAG Desktop", message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_geometry("main", self.saveGeometry())
        for table in (self.commitments.table, self.indicators.table, self.ward.indicators,
                      self.ward.commitments):
            table.save_widths()
        self.settings.sync()
        super().closeEvent(event)

