"""The renderer-neutral Briefing: built from the core queries only, numbers equal to the store's."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.model import Chart, StatusGrid, Table
from mag_desktop.core.errors import UsageError
from mag_desktop.core.query import (
    Filter,
    commitments_frame,
    exceptions,
    indicator_view,
    theme_status_counts,
)
from mag_desktop.core.query.summary import TOTAL


def test_model_and_builder_import_neither_qt_nor_reportlab() -> None:
    script = (
        "import sys, mag_desktop.core.briefing.builder, mag_desktop.core.briefing.model\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('reportlab', 'PySide6', 'shiboken6'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_status_grid_equals_the_window_counts(conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, BIRMINGHAM, sections=("summary",))
    grid = next(b for b in briefing.blocks() if isinstance(b, StatusGrid))
    counts = theme_status_counts(commitments_frame(conn, Filter(authorities=(BIRMINGHAM,))))
    codes = [s.code for s in grid.statuses]
    for (_, row_counts, total), theme in zip(grid.rows, counts.index, strict=True):
        assert list(row_counts) == [int(counts.at[theme, c]) for c in codes]
        assert total == int(counts.at[theme, TOTAL])
    assert grid.total == int(counts[TOTAL].sum())


def test_commitment_tables_list_the_filtered_commitments_in_order(
        conn: sqlite3.Connection) -> None:
    themes = ("HOUSING", "JUSTICE")
    briefing = build_briefing(conn, BIRMINGHAM, themes=themes, sections=("commitments",))
    frame = commitments_frame(conn, Filter(authorities=(BIRMINGHAM,), themes=themes))
    for theme in themes:
        table = next(b for b in briefing.section(f"commitments-{theme.lower()}").blocks
                     if isinstance(b, Table))
        assert [row[0].text for row in table.rows] == list(frame[frame.theme == theme]["id"])
        for row, status in zip(table.rows, frame[frame.theme == theme]["status_label"],
                               strict=True):
            assert row[2].status is not None and row[2].status.label == status


def test_exception_counts_match_the_core(conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, BIRMINGHAM, sections=("summary", "exceptions"))
    found = exceptions(commitments_frame(conn, Filter(authorities=(BIRMINGHAM,)))).counts()
    table = next(b for b in briefing.section("summary").blocks
                 if isinstance(b, Table) and b.columns[0].title == "Exception")
    assert [int(row[1].text) for row in table.rows] == list(found.values())


def test_indicator_table_values_equal_the_view(conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, BIRMINGHAM, themes=("HOUSING",), sections=("indicators",))
    table = next(b for b in briefing.section("indicator-temp_accom").blocks
                 if isinstance(b, Table))
    view = indicator_view(conn, "TEMP_ACCOM", BIRMINGHAM)
    flagged = 0
    for row, (value, marker, flag) in zip(table.rows, zip(
            view.rows["value"], view.rows["marker"], view.rows["flag"], strict=True),
            strict=True):
        if isinstance(marker, str):
            assert row[1].text == marker and row[1].suppressed
        else:
            assert row[1].text == f"{value:,.1f}" + (f" {flag}" if flag else "")
            flagged += bool(flag)
    # the sample holds small counts here: they carry [u], and the caption says what it means
    assert flagged and "[u]: low reliability" in table.caption


def test_authority_pack_has_enough_charts_and_no_ward_profile(
        conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, BIRMINGHAM)
    assert briefing.count(Chart) >= 14  # one chart only for figures shown as context
    assert not any(s.key.startswith("ward-") for s in briefing.sections)
    assert briefing.meta.audience.name == "Birmingham"
    assert briefing.meta.as_at == "2026 Q3"


def test_ward_pack_has_its_profile(conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, ACOCKS_GREEN)
    keys = [s.key for s in briefing.sections]
    assert "ward-residents" in keys and "exceptions" not in keys
    assert briefing.meta.audience.label == "Acocks Green ward, Birmingham"


def test_bad_requests_are_one_line_usage_errors(conn: sqlite3.Connection) -> None:
    with pytest.raises(UsageError, match="unknown theme"):
        build_briefing(conn, BIRMINGHAM, themes=("NOPE",))
    with pytest.raises(UsageError, match="not an authority or a ward"):
        build_briefing(conn, "E92000001")
    with pytest.raises(UsageError, match="unknown pack section"):
        build_briefing(conn, BIRMINGHAM, sections=("cover-art",))
