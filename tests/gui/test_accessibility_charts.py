"""Charts a blind member can use: each chart's accessible description gives its figures in
words, and "Show as table" shows the same figures in a table with headings."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from mag_desktop.core.briefing.chart_figures import groups_figures, trend_figures
from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.charts import ChartView, groups_chart, residents_chart, trend_chart
from mag_desktop.gui.views.main_window import MainWindow

GROUPS = Chart(
    kind="groups", title="Claimant rate by ethnic group", unit="%", decimals=1,
    labels=("Asian", "Black", "White"),
    series=(Series("Birmingham", (5.1, 8.4, 3.8), (4.9, 8.0, 3.7), (5.3, 8.8, 3.9),
                   role="area", key="area"),
            Series("WMCA", (4.2, 7.0, 3.1), role="comparator", key="region")),
    reference=4.9, reference_label="All ethnic groups in Birmingham",
    description="Claimant rate by ethnic group in Birmingham, 2026 Q3.")
TREND = Chart(kind="trend", title="Over time", unit="%", decimals=1,
              labels=("2025 Q4", "2026 Q1", "2026 Q2"),
              series=(Series("All ethnic groups", (4.0, None, 4.9), markers=(None, "[c]", None),
                             key="ALL"),
                      Series("Black", (9.0, 8.8, 8.4), key="BLACK")),
              description="Claimant rate in Birmingham from 2025 Q4 to 2026 Q2.")


def description(view: ChartView) -> str:
    return QAccessible.queryAccessibleInterface(view).text(QAccessible.Text.Description)


def test_groups_chart_is_summarised_and_tabulated_from_its_data() -> None:
    figures = groups_figures(GROUPS)
    assert figures.summary == (
        "Claimant rate by ethnic group in Birmingham, 2026 Q3; highest Black 8.4%, lowest "
        "White 3.8%; All ethnic groups in Birmingham 4.9%; WMCA from 3.1% to 7.0%.")
    assert figures.headers == ("Ethnic group", "Birmingham", "Birmingham: 95% limits", "WMCA")
    assert figures.rows[1] == ("Black", "8.4%", "8.0% to 8.8%", "7.0%")
    assert figures.rows[-1][:2] == ("All ethnic groups in Birmingham", "4.9%")


def test_trend_says_where_each_line_went_and_keeps_markers() -> None:
    figures = trend_figures(TREND)
    assert "All ethnic groups 4.0% in 2025 Q4 to 4.9% in 2026 Q2 (up)" in figures.summary
    assert "Black 9.0% in 2025 Q4 to 8.4% in 2026 Q2 (down)" in figures.summary
    assert figures.headers == ("Period", "All ethnic groups", "Black")
    assert figures.rows[1] == ("2026 Q1", "[c]", "8.8%")


def test_chart_view_description_and_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = ChartView("Values by ethnic group")
    qtbot.addWidget(view)
    view.show()
    assert not view.table_button.isEnabled()
    view.setChart(groups_chart(GROUPS))
    view.setAccessibleDescription(GROUPS.description)  # as a tab does: the summary stays
    assert "highest Black 8.4%, lowest White 3.8%" in description(view)
    assert view.table_button.isEnabled()
    assert view.view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "highest Black 8.4%" in description(view.view)  # what is read when Tab reaches it
    assert view.table_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Return)  # Enter on the chart shows its table
    assert view.dialog is not None and view.dialog.isVisible()
    model = view.dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Ethnic group", "Birmingham", "Birmingham: 95% limits", "WMCA"]
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == [
        "Asian", "Black", "White"]  # in the chart's order
    assert model.data(model.index(1, 1)) == "8.4%"
    view.dialog.close()
    view.table_button.click()  # the button in the chart's corner shows it too
    assert view.dialog.isVisible()
    view.dialog.close()
    view.setChart(trend_chart(None))
    assert not view.table_button.isEnabled()
    assert "fewer than two periods" in description(view)


def test_residents_chart_gives_shares_largest_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame({
        "kind": ["heading", "heading", "group"], "short_label": ["White", "Asian", "Indian"],
        "group_code": ["W", "A", "A1"], "count": [3000, 6000, 2000],
        "percent": [30.0, 60.0, 20.0], "authority_percent": [48.6, 31.0, 5.9]})
    view = ChartView("Residents by ethnic group")
    qtbot.addWidget(view)
    view.setChart(residents_chart(frame, "Bordesley and Highgate and Birmingham"))
    assert description(view) == (
        "Residents by ethnic group, Bordesley and Highgate and Birmingham, Census 2021: "
        "Asian 60.0% (Birmingham 31.0%); White 30.0% (Birmingham 48.6%).")
    assert view.figures is not None
    assert view.figures.headers == ("Ethnic group", "Residents", "Bordesley and Highgate (%)",
                                    "Birmingham (%)")
    assert view.figures.rows[2] == ("Indian", "2,000", "20.0%", "5.9%")


def test_window_charts_describe_their_data(window: MainWindow) -> None:
    window.show_tab("indicators")
    assert wait_until_idle(window)
    groups = description(window.indicators.groups_view)
    assert "highest" in groups and "lowest" in groups
    shown = window.indicators.shown
    assert shown is not None
    assert groups.startswith(shown.groups_chart.description.rstrip(". "))
    if shown.trend_chart is not None:
        trend = description(window.indicators.trend_view)
        assert " to " in trend and " in " in trend
    window.show_tab("ward")
    assert wait_until_idle(window)
    residents = description(window.ward.chart)
    assert residents.startswith("Residents by ethnic group") and "Census 2021:" in residents
