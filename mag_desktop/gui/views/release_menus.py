"""The window's menus and behaviour for releases and notes: File › Publish release… (a clerk's
store), Open release…, Watch a folder for releases…, Export notes… / Import notes…, View › My
notes; member mode (a release shown read-only, with a banner naming it); the Overview's "Since
my last release"; and the watched folder checked at start and every hour. This object is part
of the window (it adds menus and a banner to it); the dialogs it opens and the notes service
receive the window's operations, not the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from mag_desktop.core.release import member
from mag_desktop.core.release.compare import Changes, changes
from mag_desktop.core.release.folder import FolderCheck, check_folder
from mag_desktop.core.release.installed import installed
from mag_desktop.core.release.locations import RELEASE_SUFFIX
from mag_desktop.core.release.opening import Opened
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.release_session import ReleaseSession, is_member
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.views.notes_service import NotesService
from mag_desktop.gui.views.release_open import ReleaseOpener

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

WATCH_KEY = "releases/watch_folder"
HOUR_MS = 3600 * 1000
BANNER_STYLE = ("QLabel { background: #E8F1FB; color: #0B3A66; border: 1px solid #0B3A66;"
                " border-radius: 3px; padding: 1px 8px; font-weight: bold; }")


class ReleaseActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = w = window
        self.ops = window_operations(window)
        self.notes = NotesService(self.ops)
        self.opener = ReleaseOpener(self.ops, window, self.on_installed,
                                    lambda: window.unattended)
        self.compared: str | None = None  # the release whose changes are shown
        self.last_check: FolderCheck | str | None = None
        a = w._action
        self.publish_action = a("P&ublish release…", self.publish, None,
                                "Publish the store as one signed file for members")
        self.open_action = a("&Open release…", self.choose_release, "Ctrl+O",
                             "Verify and open a release the clerk published")
        self.watch_action = a("Wa&tch a folder for releases…", self.choose_folder, None,
                              "Open new releases found in a synced folder, at start and hourly")
        self.export_notes_action = a("Export &notes…", self.export_notes, None,
                                     "Copy your private notes to a file, for another laptop")
        self.import_notes_action = a("I&mport notes…", self.import_notes, None,
                                     "Bring in notes exported on another laptop")
        self.notes_action = a("&My notes", self.show_notes, "Ctrl+Shift+N",
                              "Every note you wrote, by quarter")
        quit_action = w.file_menu.actions()[-1]
        for entry in (self.publish_action, self.open_action, self.watch_action, None,
                      self.export_notes_action, self.import_notes_action, None):
            if entry is None:
                w.file_menu.insertSeparator(quit_action)
            else:
                w.file_menu.insertAction(quit_action, entry)
        w.view_menu.addSeparator()
        w.view_menu.addAction(self.notes_action)
        self.banner = QLabel("", w)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        w.statusBar().insertPermanentWidget(0, self.banner)
        for panel in (w.commitments.notes, w.indicators.notes):
            panel.bind(self.notes)
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.check_watched)
        self.apply_mode()
        if w.settings.text(WATCH_KEY):
            self.timer.start()
            QTimer.singleShot(0, self.check_watched)

    # -- member mode -------------------------------------------------------------------------
    def apply_mode(self) -> None:
        """Hide what a release cannot do; say which release the window shows."""
        w, shown = self.w, is_member(self.w.session)
        for action in (w.import_action, w.history_action, w.sample_action,
                       self.publish_action):
            action.setVisible(not shown)
        title = "Race Equalities Taskforce briefings"  # the application adds its own name
        if isinstance(w.session, ReleaseSession):
            headline = w.session.manifest.headline()
            self.banner.setText(headline)
            self.banner.setAccessibleName(headline)
            w.setWindowTitle(f"{title} — {headline}")
            self.compare()
        else:
            w.setWindowTitle(title + (" (read-only)" if w.session.read_only else ""))
        self.banner.setVisible(shown)

    def compare(self) -> None:
        """"Since my last release", once per release, on the runner."""
        session = self.w.session
        if not isinstance(session, ReleaseSession):
            return
        release_id = session.manifest.release_id
        if self.compared == release_id:
            return
        self.compared = release_id
        self.w.overview.since.hide()

        def work(_p: Progress, _c: CancelToken) -> tuple[Changes, str] | None:
            found = installed()
            now, before = found.current, found.previous
            if now is None or before is None or now.manifest.release_id != release_id:
                return None
            return changes(now.path, before.path), before.manifest.headline()

        def done(result: tuple[Changes, str] | None) -> None:
            if result is not None and self.compared == release_id:
                self.w.overview.since.show_changes(*result)

        self.ops.query(None, work, success=done).run_in_background()

    def on_installed(self, opened: Opened) -> None:
        """After a release is installed: the window shows it (unless it shows a clerk's store
        that was named), and says so."""
        w = self.w
        w.statusBar().showMessage(f"Opened release {opened.manifest.as_at}", 15000)
        if not (is_member(w.session) or w.member_allowed):
            QMessageBox.information(w, "Release installed", f"{opened.manifest.headline()} "
                                    "is installed. This window shows the store you chose; "
                                    "start MAG Desktop without one to read the release.")
            return
        self.switch_to_release()

    def switch_to_release(self) -> None:
        w = self.w
        release = member.installed_release()
        old, new = w.session, ReleaseSession(release)
        w.session = new  # the controller and the dialogs ask the window for it
        w.runner.store_path = new.path
        old.close()  # running read jobs keep connections of their own
        w.member_allowed = True
        self.apply_mode()
        w.controller.start()
        for panel in (w.commitments.notes, w.indicators.notes):
            panel.reload()

    # -- opening -----------------------------------------------------------------------------
    def choose_release(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, "Open a release", str(Path.home()),
            f"MAG Desktop release (*{RELEASE_SUFFIX});;Any file (*)")
        if path:
            self.opener.open_file(Path(path))

    def dropped(self, paths: list[Path]) -> bool:
        """A file dropped on the window: a release is opened; anything else is left alone."""
        releases = [p for p in paths if p.suffix.lower() == RELEASE_SUFFIX]
        for path in releases[:1]:
            self.opener.open_file(path)
        return bool(releases)

    def choose_folder(self) -> None:
        start = self.w.settings.text(WATCH_KEY) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self.w, "Watch a folder for releases (cancel to stop watching)", start)
        self.watch(folder)

    def watch(self, folder: str) -> None:
        """Watch ``folder`` (checked now and every hour), or stop watching when empty."""
        self.w.settings.set_text(WATCH_KEY, folder)
        if not folder:
            self.timer.stop()
            self.w.statusBar().showMessage("No folder is watched for releases", 8000)
            return
        self.timer.start()
        self.check_watched()

    def check_watched(self) -> None:
        folder = self.w.settings.text(WATCH_KEY)
        if not folder:
            return
        def work(_progress: Progress, _cancel: CancelToken) -> FolderCheck:
            return check_folder(Path(folder))

        self.ops.query(None, work, success=self._checked).failure(self._check_failed) \
            .run_in_background()

    def _checked(self, result: FolderCheck) -> None:
        self.last_check = result
        if result.opened is not None and not result.opened.already:
            self.on_installed(result.opened)
        elif result.refused:
            path, why = result.refused[0]
            self.w.statusBar().showMessage(f"Watched folder: {path.name} was not opened: {why}",
                                           30000)
        else:
            self.w.statusBar().showMessage("Watched folder: no newer release", 8000)

    def _check_failed(self, message: str) -> None:
        self.last_check = message
        self.w.statusBar().showMessage(f"Watched folder: {message}", 30000)

    # -- clerk and notes ---------------------------------------------------------------------
    def publish(self) -> None:
        from mag_desktop.gui.views.release_dialogs import PublishDialog

        PublishDialog(self.ops, self.w).exec()

    def show_notes(self) -> None:
        from mag_desktop.gui.views.notes_list import NotesListDialog

        self.notes_dialog = NotesListDialog(self.notes, self.w)
        self.notes_dialog.open()

    def export_notes(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.w, "Export my notes",
                                              str(Path.home() / "my-notes.json"),
                                              "Notes export (*.json)")
        if path:
            self.notes.export(Path(path), lambda n: self._told(
                "Notes exported", f"{n:,} notes were saved in {path}. The file holds your "
                "private notes: keep it as you would keep the notes themselves."))

    def import_notes(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.w, "Import notes", str(Path.home()),
                                              "Notes export (*.json);;Any file (*)")
        if path:
            self.notes.import_file(Path(path), lambda done: self._told(
                "Notes imported", f"From {done.path.name} (exported {done.exported_at}): "
                f"{done.report.text()}."))

    def _told(self, title: str, text: str) -> None:
        self.told = text
        if self.w.unattended:
            return
        self.told_box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.w)
        self.told_box.open()
