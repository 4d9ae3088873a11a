"""The window's File and Tools menus: the exports of what a tab shows and the dialogs opened
over the window. Each dialog receives the :class:`~mag_desktop.gui.operation.Operations` it
needs rather than the whole window; the dialogs are imported when first opened, keeping the
window's start quick."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mag_desktop.gui.commitments_export import export_commitments
from mag_desktop.gui.operation import window_operations

if TYPE_CHECKING:
    from mag_desktop.gui.views.import_wizard import ImportWizard
    from mag_desktop.gui.views.main_window import MainWindow


class WindowDialogs:
    """Mixed into the window's controller, whose ``w`` is the main window."""

    w: MainWindow
    import_wizard: ImportWizard | None = None

    # -- exports -----------------------------------------------------------------------------
    def export_view(self) -> None:
        """File › Export the commitments shown…"""
        tab = self.w.commitments
        export_commitments(self.w, window_operations(self.w), tab.model.frame, tab.shown_words())

    def export_indicators(self) -> None:
        """File › Export indicator figures…: what the Indicators tab shows, or more of it."""
        from mag_desktop.core.export_indicators import Selection
        from mag_desktop.gui.indicator_export import export_figures

        tab = self.w.indicators
        groups = tuple(self.w.filters.current.groups)  # the groups on screen
        area, area_name = tab.area.currentData(), tab.area.currentText()
        if tab.shown is not None and tab.shown.fallback:  # the larger area's figures, shown
            area, area_name = tab.shown.view.area.code, tab.shown.view.area.name
        shown = Selection(tab.current_indicator(), area, tab.period.currentData(), groups)
        export_figures(self.w, self.w.runner, self.w.session, shown, groups,
                       (area_name, tab.period.currentText()),
                       lambda text: self.w.statusBar().showMessage(text, 10000), self.w.error)

    # -- dialogs -----------------------------------------------------------------------------
    def open_import(self) -> None:
        """The wizard beside the window, not modal: the window stays usable while it runs."""
        from mag_desktop.gui.views.import_wizard import ImportWizard

        wizard = self.import_wizard
        if wizard is None or not wizard.isVisible():
            if wizard is not None:
                wizard.deleteLater()
            self.import_wizard = wizard = ImportWizard(window_operations(self.w), self.w)
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()

    def open_history(self) -> None:
        from mag_desktop.gui.views.history import HistoryDialog

        HistoryDialog(window_operations(self.w), self.w.settings, self.w).exec()

    def load_sample(self) -> None:
        from mag_desktop.gui.views.sample_load import load_sample

        load_sample(window_operations(self.w), self.w)

    def open_pack(self) -> None:
        from mag_desktop.gui.views.pack_dialog import PackDialog

        PackDialog(window_operations(self.w), self.w.choices, self.w.filters.current,
                   self.w).exec()

    def open_batch(self) -> None:
        from mag_desktop.gui.views.batch_dialog import BatchDialog

        BatchDialog(window_operations(self.w), self.w.choices, self.w.filters.current,
                    self.w).exec()

    def open_pack_log(self) -> None:
        from mag_desktop.gui.views.pack_log import PackLogDialog

        PackLogDialog(self.w).exec()
