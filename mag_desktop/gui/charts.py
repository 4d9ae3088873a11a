"""QtCharts widgets fed by core frames: values by ethnic group with 95% whiskers beside the
comparators, a trend over periods, and residents by group. Charts only draw; numbers, order
and words come from the core."""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
MARKERS = [QScatterSeries.MarkerShape.MarkerShapeCircle,
           QScatterSeries.MarkerShape.MarkerShapeRectangle,
           QScatterSeries.MarkerShape.MarkerShapeTriangle,
           QScatterSeries.MarkerShape.MarkerShapeStar]


def _value(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class ChartView(QChartView):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setMinimumHeight(260)
        self.setChart(_chart(""))


def _value_axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setLabelFormat("%.0f")
    return axis


def groups_chart(rows: pd.DataFrame, series: list[tuple[str, str, str, str]], unit: str,
                 title: str) -> QChart:
    """Dot-and-whisker chart, one row per group; ``series`` = (name, value, lower, upper)."""
    chart = _chart(title)
    shown = rows.reset_index(drop=True)
    n = len(shown)
    axis_y = QCategoryAxis()
    axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    labels = list(shown["short_label"])
    for i in range(n):  # categories must be added bottom-up (increasing values)
        axis_y.append(str(labels[n - 1 - i]), i)
    axis_y.setRange(-0.8, n - 0.2)
    axis_x = _value_axis(unit)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    top = 0.0
    width = len(series)
    for k, (name, value, lower, upper) in enumerate(series):
        colour = QColor(SERIES[k % len(SERIES)])
        dots = QScatterSeries()
        dots.setName(name)
        dots.setMarkerShape(MARKERS[k % len(MARKERS)])
        dots.setMarkerSize(9)
        dots.setColor(colour)
        dots.setBorderColor(colour)
        offset = (k - (width - 1) / 2) * 0.22
        for i, row in shown.iterrows():
            v = _value(row.get(value))
            if v is None:
                continue
            y = n - 1 - int(i) - offset  # type: ignore[call-overload]
            dots.append(QPointF(v, y))
            top = max(top, v)
            lo, hi = _value(row.get(lower)), _value(row.get(upper))
            if lo is not None and hi is not None:
                whisker = QLineSeries()
                whisker.setPen(QPen(colour, 1.6))
                whisker.append(QPointF(lo, y))
                whisker.append(QPointF(hi, y))
                chart.addSeries(whisker)
                whisker.attachAxis(axis_x)
                whisker.attachAxis(axis_y)
                top = max(top, hi)
        chart.addSeries(dots)
        dots.attachAxis(axis_x)
        dots.attachAxis(axis_y)
    for marker in chart.legend().markers():
        if isinstance(marker.series(), QLineSeries):
            marker.setVisible(False)
    axis_x.setRange(0, max(1.0, top * 1.08))
    axis_x.applyNiceNumbers()
    return chart


def trend_chart(frame: pd.DataFrame, unit: str, title: str) -> QChart:
    """Values over periods, one line per group (periods in the core's order)."""
    chart = _chart(title)
    periods = list(dict.fromkeys(frame["period"])) if not frame.empty else []
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = max(1, (len(periods) + 5) // 6)  # at most about six labels, so none is cut short
    for i, p in enumerate(periods):
        if (len(periods) - 1 - i) % step == 0:  # counted from the latest, which is always shown
            axis_x.append(str(p), i)
    axis_x.setRange(-0.3, max(0.3, len(periods) - 0.7))
    axis_y = _value_axis(unit)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    top = 0.0
    position = {p: i for i, p in enumerate(periods)}
    for k, (_code, part) in enumerate(frame.groupby("group_code", sort=False)):
        line = QLineSeries()
        line.setName(str(part["short_label"].iloc[0]))
        line.setPen(QPen(QColor(SERIES[k % len(SERIES)]), 2.2))
        line.setPointsVisible(True)
        for _, row in part.iterrows():
            v = _value(row["value"])
            if v is not None:
                line.append(QPointF(position[row["period"]], v))
                top = max(top, v)
        chart.addSeries(line)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
    axis_y.setRange(0, max(1.0, top * 1.1))
    axis_y.applyNiceNumbers()
    return chart


def residents_chart(frame: pd.DataFrame, title: str) -> QChart:
    """Horizontal bars of a ward's residents by group (percent), against its authority."""
    chart = _chart(title)
    shown = frame[frame["kind"] == "heading"].iloc[::-1]
    series = QHorizontalBarSeries()
    for k, (name, column) in enumerate((("Ward", "percent"), ("Authority", "authority_percent"))):
        if column not in shown:
            continue
        bars = QBarSet(name)
        bars.setColor(QColor(SERIES[k]))
        for v in shown[column]:
            bars.append(_value(v) or 0.0)
        series.append(bars)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append([str(s) for s in shown["short_label"]])
    axis_x = _value_axis("% of residents")
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_y)
    series.attachAxis(axis_x)
    axis_x.applyNiceNumbers()
    return chart
