"""Loading the bundled sample data from the window (File › Load the sample data, and the start
page's button): the core's demo import in the background, then the window reloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from mag_desktop.core.demo import load_sample as load_sample_files

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow


def load_sample(window: MainWindow) -> None:
    """Import the bundled sample data in the background, then show it."""
    store = window.session.store

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        return [r.status for r in load_sample_files(store, progress, cancel)]

    def done(statuses: list[str]) -> None:
        window.statusBar().showMessage(
            f"Sample data loaded ({statuses.count('ok')} files imported)", 8000)
        window.controller.data_changed()

    def failed(message: str) -> None:
        window.controller.data_changed()  # the files imported before a stop are kept
        QMessageBox.warning(window, "MAG Desktop", message)

    window.runner.run(window.session.writing(work), done, failed,
                      progress_label="Loading the sample data")
