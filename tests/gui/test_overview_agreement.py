"""The Overview and the pack say the same: for an authority, a ward and a non-constituent
authority, everything the Overview's summary reads (headings, sentences, every header and cell
of its tables), piece by piece and in order, is the text of the pack's summary page (read back
from the PDF with pypdf), and the numbers are the same numbers in the same order; for the whole
WMCA, which has no pack, it is the core's summary. A commitment's row in the Overview, clicked
or reached with the keyboard, opens it in the Commitments tab."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mag_desktop.core.briefing.builder import build_briefing, pack_filter
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.query import Filter
from mag_desktop.core.query.illustrative import NOTICE
from mag_desktop.core.query.overview import overview
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.count_widgets import HeaderTable
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.overview import MEANING, SUMMARY_TITLE, OverviewTab

BIRMINGHAM, ACOCKS_GREEN, SHROPSHIRE = "E08000025", "E05011118", "E06000051"


def flat(text: str) -> str:
    """Words and numbers with single spaces: bullets, line breaks and a line broken after a
    hyphen ("RET-\\nJOBS") do not count."""
    text = " ".join(text.replace("•", " ").split())
    return re.sub(r"(?<=\w-) (?=\w)", "", text)


@pytest.fixture(scope="module")
def store_conn(sample_store_file: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(sample_store_file, readonly=True)
    yield conn
    conn.close()


def pack_summary_text(conn: sqlite3.Connection, code: str, folder: Path) -> str:
    briefing = build_briefing(conn, code, sections=("summary",))
    path = folder / f"{code}.pdf"
    result = render_pdf(briefing, path)
    reader = PdfReader(path)
    first = result.section_pages["summary"] - 1
    assert len(reader.pages) == first + 1, "the summary takes one page"
    return flat(reader.pages[first].extract_text() or "")


def overview_summary(window: MainWindow, flt: Filter) -> list[str]:
    """What the Overview's summary reads, piece by piece, for ``flt``."""
    window.filters.apply(flt)
    window.controller.refresh(flt)
    assert wait_until_idle(window)
    assert window.filters.current == flt
    return [flat(piece) for piece in window.overview.summary_reading()]


def in_order(pieces: list[str], text: str) -> None:
    """Each piece is in ``text``, each after the one before."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= 0, (piece, text[at:at + 300])
        at = found + len(piece)


NUMBER = re.compile(r"(?<![\w-])\d[\d,]*(?![\w-])")


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


@pytest.mark.parametrize("code", [BIRMINGHAM, ACOCKS_GREEN, SHROPSHIRE])
def test_overview_says_what_the_pack_says(window: MainWindow, store_conn: sqlite3.Connection,
                                          tmp_path: Path, code: str) -> None:
    briefing = build_briefing(store_conn, code, sections=("summary",))
    pieces = overview_summary(window, pack_filter(briefing.meta.audience))
    printed = pack_summary_text(store_conn, code, tmp_path)
    lead = flat(overview(store_conn, pack_filter(briefing.meta.audience)).summary.lead)
    assert pieces[:2] == [SUMMARY_TITLE, NOTICE] and lead in pieces[3]  # sample data
    assert len(" ".join(pieces)) > 600  # the lead, the grid, the exceptions and the changes
    shown = [p for p in pieces if p != MEANING]  # the one header the window adds
    in_order(shown, printed)
    # The same numbers in the same order: from the summary's title to its last bullet.
    start = printed.index(f"{SUMMARY_TITLE} {NOTICE}")
    end = printed.index(shown[-1], start) + len(shown[-1])
    assert numbers(" ".join(shown)) == numbers(printed[start:end])


def test_whole_wmca_overview_is_the_core_summary(window: MainWindow,
                                                 store_conn: sqlite3.Connection) -> None:
    pieces = overview_summary(window, Filter())
    shown = " ".join(pieces)
    view = overview(store_conn, Filter()).summary
    assert view.scope == "all member authorities"
    for sentence in (view.lead, view.attention, view.since_title, *view.changes):
        assert flat(sentence) in shown
    for line in view.exceptions:
        assert flat(f"{line.title} {line.definition} {line.count}") in shown
    assert flat(f"All chosen themes {' '.join(map(str, view.grid_totals))} "
                f"{view.grid_total}") in shown


def first_list(tab: OverviewTab) -> HeaderTable:
    """The first table of commitments under "Exceptions and changes"."""
    return next(w for w in tab.findChildren(HeaderTable)
                if w not in (tab.grid, tab.exceptions) and w.rowCount() and w.isVisibleTo(tab))


def test_a_commitment_row_opens_the_commitment(window: MainWindow, qtbot: QtBot) -> None:
    overview_summary(window, Filter(authorities=(BIRMINGHAM,)))
    window.show_tab("overview")
    table = first_list(window.overview)
    row = table.rowCount() - 1
    chosen = table.row_header(row)
    table.scrollTo(table.model().index(row, 0))
    window.overview.page.ensureWidgetVisible(table)
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wait_until_idle(window)
    tab = window.commitments
    assert window.tabs.currentWidget() is tab
    assert tab.model.row(tab.table.currentIndex().row())["id"] == chosen
    qtbot.waitUntil(lambda: chosen in tab.detail.toPlainText(), timeout=5000)
    assert tab.below.isVisible()


def test_rows_are_reached_with_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    overview_summary(window, Filter(authorities=(BIRMINGHAM,)))
    table = first_list(window.overview)
    table.setFocus()
    table.setCurrentCell(0, 0)
    with qtbot.waitSignal(window.overview.commitment_chosen) as chosen:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert chosen.args == [table.row_header(0)]
