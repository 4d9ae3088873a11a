"""The window's reads for "Is it working?": a commitment's link progress for its detail, and the
commitments linked to the indicator shown, each read by the core on a worker thread and handed
to the widgets on the GUI thread. An answer to a question no longer asked (another commitment
or indicator chosen meanwhile) is dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QObject

from mag_desktop.core.links.listing import linked_to_indicator
from mag_desktop.core.links.progress import commitment_progress
from mag_desktop.core.links.progress_model import LinkProgress
from mag_desktop.core.query import CommitmentDetail

if TYPE_CHECKING:
    import sqlite3

    from mag_desktop.gui.controller import Controller


class LinkReads(QObject):
    """Asks the core for link progress and linked commitments on behalf of the controller."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.c = controller
        self._progress_for = ""  # the commitment whose progress is awaited
        self._linked_for = ""  # the indicator whose linked commitments are awaited

    def progress(self, detail: CommitmentDetail) -> None:
        """Read the progress of ``detail``'s links (nothing to read when it names none: the
        panel already says so)."""
        if not detail.links:
            return
        commitment_id = self._progress_for = detail.id

        def work(conn: sqlite3.Connection) -> tuple[LinkProgress, ...]:
            return commitment_progress(conn, commitment_id)

        def done(found: tuple[LinkProgress, ...]) -> None:
            if commitment_id == self._progress_for:
                self.c.w.commitments.show_links(commitment_id, found)

        self.c.runner.run(self.c.session.read(work), done, self.c.w.error)

    def open(self, commitment_id: str) -> None:
        """A row of an indicator's linked commitments activated: the commitment in the
        Commitments tab, with the keyboard there (its table), not in the tab left behind."""
        self.c.open_commitment(commitment_id)
        self.c.w.commitments.table.setFocus()

    def linked(self, indicator: str) -> None:
        """Read the commitments linked to ``indicator`` for the Indicators tab."""
        self._linked_for = indicator
        tab = self.c.w.indicators
        item = tab.tree.currentItem()
        name = item.text(0) if item is not None and tab.current_indicator() == indicator else ""

        def done(frame: pd.DataFrame) -> None:
            if indicator == self._linked_for:
                tab.linked.show_linked(frame, name)

        self.c.runner.run(self.c.session.read(lambda conn: linked_to_indicator(conn, indicator)),
                          done, self.c.w.error)
