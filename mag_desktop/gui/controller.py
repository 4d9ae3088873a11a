"""What the window does when people act: every read and write goes to the core on a worker
thread, and results come back to the widgets on the GUI thread. Results of a superseded
request (the filter changed again meanwhile) are dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from mag_desktop.core.briefing.presentation import IndicatorPresentation, present_indicator
from mag_desktop.core.query import (
    CommitmentDetail,
    Filter,
    WardProfile,
    commitment_detail,
    indicator_catalogue,
    ward_profile,
)
from mag_desktop.core.query.area_choices import indicator_areas, ward_choices
from mag_desktop.core.query.choices import Choices, filter_choices
from mag_desktop.core.query.overview import Overview, overview
from mag_desktop.core.query.selections import Selection
from mag_desktop.core.store.reads import meta
from mag_desktop.gui.link_reads import LinkReads
from mag_desktop.gui.window_dialogs import WindowDialogs

if TYPE_CHECKING:
    import sqlite3

    import pandas as pd

    from mag_desktop.gui.session import Session
    from mag_desktop.gui.views.main_window import MainWindow

#: Shown when the filter names no groups: everyone and the five headings (a member can pick
#: detailed groups in the filter panel).
TREND_GROUPS = ("ALL", "ASIAN", "BLACK", "MIXED", "WHITE", "OTHER")


class Controller(WindowDialogs, QObject):
    """The window's reads as people act; the File and Tools menus' dialogs and exports come
    from :class:`WindowDialogs`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.runner = window.runner
        self.generation = 0
        self.indicator: str | None = None
        self.area: str | None = None
        self.period: str | None = None
        self.ward: str | None = None
        self.ready = False
        w = window
        w.filters.filter_changed.connect(self.refresh)
        w.filters.save_mine.connect(self.save_mine)
        w.filters.reset.connect(self.reset_filters)
        w.tabs.currentChanged.connect(lambda _i: self.load_tab())
        w.commitments.selected.connect(self.load_detail)
        w.overview.commitment_chosen.connect(self.open_commitment)
        w.overview.selection_chosen.connect(self.open_selection)
        w.commitments.export_requested.connect(self.export_view)
        w.indicators.indicator_chosen.connect(self.choose_indicator)
        w.indicators.area_chosen.connect(self.choose_area)
        w.indicators.period_chosen.connect(self.choose_period)
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(300)  # waits for a pause in typing
        self._search.timeout.connect(self.load_catalogue)
        w.indicators.search.textChanged.connect(lambda _t: self._search.start())
        w.indicators.export_requested.connect(self.export_indicators)
        self._catalogue_generation = 0
        self._detail_for = ""
        self._started = False
        w.ward.ward_chosen.connect(self.choose_ward)
        self.links = LinkReads(self)  # "Is it working?": a detail's progress, an indicator's list
        w.indicators.linked.commitment_chosen.connect(self.links.open)

    # -- start and refresh -------------------------------------------------------------------
    def start(self) -> None:
        def loaded(result: tuple[Choices, bool]) -> None:
            choices, empty = result
            self.w.choices = choices
            self.w.filters.set_choices(choices)
            self.w.stack.setCurrentWidget(self.w.start if empty else self.w.tabs)
            if not self._started:  # "my authority" at start; later reloads keep the filter
                self._started = True
                self.w.filters.apply(self.w.settings.my_filter())
            else:
                self.w.filters.apply(self.w.filters.current)
            self.refresh(self.w.filters.current)

        def work(conn: sqlite3.Connection) -> tuple[Choices, bool]:
            return filter_choices(conn), meta.is_empty(conn)

        self.runner.run(self.session.read(work), loaded, self.w.error)

    @property
    def session(self) -> Session:
        """The window's session, asked each time (a member's window may switch to a newly
        installed release)."""
        return self.w.session

    @property
    def filter(self) -> Filter:
        return self.w.filters.current

    def refresh(self, flt: Filter | None = None) -> None:
        flt = flt or self.filter
        self.generation += 1
        generation = self.generation

        def work(conn: sqlite3.Connection) -> Overview:
            return overview(conn, flt)

        def done(data: Overview) -> None:
            if generation != self.generation:
                return
            self.w.commitments.show_overview(data)
            self.w.status_label.setText(
                data.status.line() + (" · read-only" if self.session.read_only else ""))
            self._areas()
            self.ready = True
            self.w.overview.show_overview(data)
            self.load_tab()
            self.w.loaded.emit()

        self.runner.run(self.session.read(work), done, self.w.error)
        self.load_catalogue()  # beside the overview's read, not after it

    def _areas(self) -> None:
        choices = self.w.choices
        if choices is None:
            return
        areas = indicator_areas(choices, self.filter)
        if self.area not in [code for code, _ in areas]:
            self.area = areas[0][0]
        self.w.indicators.set_areas(areas, self.area)
        wards = ward_choices(choices, self.filter)
        if self.ward not in [code for code, _ in wards]:
            self.ward = wards[0][0] if wards else None
        self.w.ward.set_wards(wards, self.ward)

    def load_tab(self) -> None:
        if not self.ready:
            return
        current = self.w.tabs.currentWidget()
        if current is self.w.indicators:
            self.load_indicator()
        elif current is self.w.ward:
            self.load_ward()

    # -- commitments -------------------------------------------------------------------------
    def open_selection(self, selection: Selection) -> None:
        """From a number on the Overview: the Commitments tab showing exactly the commitments
        it counts."""
        self.w.commitments.set_selection(selection)
        self.w.tabs.setCurrentWidget(self.w.commitments)
        self.w.commitments.table.setFocus()

    def open_commitment(self, commitment_id: str) -> None:
        """From a link on the Overview: the commitment selected in the Commitments tab (the
        tab shows the same filter, so it is there once any quick filter is lifted), which
        loads its detail."""
        tab = self.w.commitments
        if commitment_id not in tab.ids() and tab.selection is not None:
            tab.set_selection(None)
        rows = tab.model.frame["id"].eq(commitment_id).to_numpy().nonzero()[0]
        self.w.tabs.setCurrentWidget(tab)
        if len(rows):
            row = int(rows[0])
            tab.table.selectRow(row)
            tab.table.scrollTo(tab.model.index(row, 0))
        else:  # not shown (the filter changed meanwhile): its detail all the same
            self.load_detail(commitment_id)

    def load_detail(self, commitment_id: str) -> None:
        self._detail_for = commitment_id

        def done(detail: CommitmentDetail) -> None:
            if detail.id == self._detail_for:  # the row still selected
                self.w.commitments.show_detail(detail)
                self.links.progress(detail)  # then how its linked indicators moved

        self.runner.run(self.session.read(lambda conn: commitment_detail(conn, commitment_id)),
                        done, self.w.error)

    # -- indicators --------------------------------------------------------------------------
    def load_catalogue(self) -> None:
        flt = self.filter.replace(text=self.w.indicators.search.text().strip())
        self._catalogue_generation += 1
        generation = self._catalogue_generation

        def done(catalogue: pd.DataFrame) -> None:
            if generation == self._catalogue_generation:
                self.w.indicators.show_catalogue(catalogue)

        self.runner.run(self.session.read(lambda conn: indicator_catalogue(conn, flt)), done,
                        self.w.error)

    def choose_indicator(self, code: str) -> None:
        self.indicator, self.period = code, None
        self.load_indicator()

    def choose_area(self, code: str) -> None:
        self.area, self.period = code, None
        self.load_indicator()

    def choose_period(self, period: str) -> None:
        self.period = period
        self.load_indicator()

    def load_indicator(self) -> None:
        if not self.indicator or not self.area or self.w.tabs.currentWidget() is not (
                self.w.indicators):
            return
        indicator, area, period = self.indicator, self.area, self.period
        self.links.linked(indicator)  # the commitments linked to it, beside its figures
        groups = tuple(self.filter.groups)
        within = (self.filter.period_from, self.filter.period_to)  # the filter's period range

        def work(conn: sqlite3.Connection) -> IndicatorPresentation | None:
            return present_indicator(conn, indicator, area, period, groups, within=within)

        def done(shown: IndicatorPresentation | None) -> None:
            if (indicator, area, period, groups, within) != (
                    self.indicator, self.area, self.period, tuple(self.filter.groups),
                    (self.filter.period_from, self.filter.period_to)):
                return  # asked for before a change: a later answer is on its way
            if shown is None:
                self.w.indicators.show_nothing(
                    "No figures are held for this indicator for the area chosen, nor for "
                    "the larger area it belongs to.")
            else:
                self.w.indicators.show_presentation(shown)

        self.runner.run(self.session.read(work), done, self.w.error)

    # -- wards -------------------------------------------------------------------------------
    def choose_ward(self, code: str) -> None:
        self.ward = code
        self.load_ward()

    def load_ward(self) -> None:
        ward, flt = self.ward, self.filter
        if not ward:
            return

        def done(profile: WardProfile) -> None:
            if (ward, flt) == (self.ward, self.filter):  # not one asked for before a change
                self.w.ward.show_profile(profile)

        self.runner.run(self.session.read(lambda conn: ward_profile(conn, ward, flt)), done,
                        self.w.error)

    # -- my authority ------------------------------------------------------------------------
    def save_mine(self, flt: Filter) -> None:
        self.w.settings.set_my_filter(flt)
        self.w.statusBar().showMessage("Saved as my authority, wards and themes", 6000)

    def reset_filters(self) -> None:
        flt = self.w.settings.my_filter()
        self.w.filters.apply(flt)
        self.refresh(flt)

    def data_changed(self) -> None:
        """After an import, an undo or the sample data: reload everything."""
        self.start()
