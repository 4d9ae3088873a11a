"""The Overview and the pack say the same: for an authority, a ward and a non-constituent
authority, the Overview's summary is word for word the text of the pack's summary page (read
back from the PDF with pypdf); for the whole WMCA, which has no pack, it is the core's summary.
A link in the Overview, clicked or reached with Tab and Enter, opens its commitment in the
Commitments tab."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from mag_desktop.core.briefing.builder import build_briefing, pack_filter
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.query import Filter
from mag_desktop.core.query.illustrative import NOTICE
from mag_desktop.core.query.overview import overview
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.overview import DETAIL_TITLE, SUMMARY_TITLE

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


def overview_summary_text(window: MainWindow, flt: Filter) -> str:
    window.filters.apply(flt)
    window.controller.refresh(flt)
    assert wait_until_idle(window)
    assert window.filters.current == flt
    text = window.overview.browser.toPlainText()
    start, end = text.index(SUMMARY_TITLE), text.index(f"\n{DETAIL_TITLE}\n")
    return flat(text[start:end])


@pytest.mark.parametrize("code", [BIRMINGHAM, ACOCKS_GREEN, SHROPSHIRE])
def test_overview_says_what_the_pack_says(window: MainWindow, store_conn: sqlite3.Connection,
                                          tmp_path: Path, code: str) -> None:
    briefing = build_briefing(store_conn, code, sections=("summary",))
    shown = overview_summary_text(window, pack_filter(briefing.meta.audience))
    printed = pack_summary_text(store_conn, code, tmp_path)
    lead = flat(overview(store_conn, pack_filter(briefing.meta.audience)).summary.lead)
    assert shown.startswith(f"{SUMMARY_TITLE} {NOTICE} ") and lead in shown  # sample data
    assert len(shown) > 600  # the lead, the grid, the exceptions and the changes
    assert shown in printed, (shown, printed)


def test_whole_wmca_overview_is_the_core_summary(window: MainWindow,
                                                 store_conn: sqlite3.Connection) -> None:
    shown = overview_summary_text(window, Filter())
    view = overview(store_conn, Filter()).summary
    assert view.scope == "all member authorities"
    for sentence in (view.lead, view.attention, view.since_title, *view.changes):
        assert flat(sentence) in shown
    for line in view.exceptions:
        assert flat(f"{line.title} {line.definition} {line.count}") in shown
    assert flat(f"All chosen themes {' '.join(map(str, view.grid_totals))} "
                f"{view.grid_total}") in shown


def test_a_link_opens_the_commitment(window: MainWindow, store_conn: sqlite3.Connection) -> None:
    flt = Filter(authorities=(BIRMINGHAM,))
    overview_summary_text(window, flt)
    view = overview(store_conn, flt).summary
    chosen = next(line for line in view.exceptions if line.ids).ids[-1]
    html = window.overview.browser.toHtml()
    assert f'href="commitment:{chosen}"' in html
    window.overview.browser.anchorClicked.emit(QUrl(f"commitment:{chosen}"))
    assert wait_until_idle(window)
    tab = window.commitments
    assert window.tabs.currentWidget() is tab
    row = tab.table.currentIndex().row()
    assert tab.model.row(row)["id"] == chosen
    assert chosen in tab.detail.toPlainText()


def test_links_are_reached_with_the_keyboard(window: MainWindow, store_conn: sqlite3.Connection,
                                             qtbot: QtBot) -> None:
    flt = Filter(authorities=(BIRMINGHAM,))
    overview_summary_text(window, flt)
    first = next(line for line in overview(store_conn, flt).summary.exceptions if line.ids)
    browser = window.overview.browser
    browser.setFocus()
    with qtbot.waitSignal(window.overview.commitment_chosen) as chosen:
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert chosen.args == [first.ids[0]]
