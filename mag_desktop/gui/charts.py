"""QtCharts drawings of the core's charts (the same :class:`Chart` objects the pack draws):
values by ethnic group with 95% whiskers beside the comparators, a trend over periods, and
residents by group. Charts only draw; numbers, order, words, colours and shapes come from the
core (:mod:`mag_desktop.core.briefing.series_styles`)."""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from mag_desktop.core.briefing.chart_figures import (
    Figures,
    groups_figures,
    residents_figures,
    trend_figures,
)
from mag_desktop.core.briefing.model import Chart
from mag_desktop.core.briefing.series_styles import style
from mag_desktop.core.formatting import format_number
from mag_desktop.gui.chart_view import ChartView, FigureChart

__all__ = ["ChartView", "groups_chart", "groups_chart_empty", "residents_chart", "trend_chart"]

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
SHAPES = {
    "circle": QScatterSeries.MarkerShape.MarkerShapeCircle,
    "square": QScatterSeries.MarkerShape.MarkerShapeRectangle,
    "diamond": QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle,
    "triangle": QScatterSeries.MarkerShape.MarkerShapeTriangle,
}


def _value(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _chart(title: str, figures: Figures | None = None) -> FigureChart:
    chart = FigureChart(figures)
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _end_at_100(axis: QValueAxis, unit: str, top: float) -> None:
    """A percentage axis whose figures are all at most 100 ends at 100, as the pack's do."""
    if unit == "%" and top <= 100.0 < axis.max():
        axis.setMax(100.0)


def _value_axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setLabelFormat("%.0f")
    return axis


def _marker(series: QScatterSeries, key: str, index: int) -> QColor:
    """Colour and shape from the core's fixed style for the series' role or group."""
    look = style(key, index)
    colour = QColor(look.colour)
    base = look.shape.removesuffix("-open")
    series.setMarkerShape(SHAPES.get(base, QScatterSeries.MarkerShape.MarkerShapeCircle))
    series.setMarkerSize(10 if base != "diamond" else 12)
    series.setColor(QColor("#FFFFFF") if look.shape.endswith("-open") else colour)
    series.setBorderColor(colour)
    series.setPen(QPen(colour, 2))
    return colour


def groups_chart(model: Chart) -> FigureChart:
    """The core's groups chart: the area's values as dots with 95% whiskers, one row per group
    (headings in bold order as the core gives them), comparators as markers in their fixed
    looks, and "All ethnic groups" as a dashed reference line."""
    chart = _chart(model.title, groups_figures(model))
    n = len(model.labels)
    axis_y = QCategoryAxis()
    axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for i in range(n):  # categories must be added bottom-up (increasing values)
        axis_y.append(model.labels[n - 1 - i], i)
    axis_y.setRange(-0.8, n - 0.2)
    axis_x = _value_axis(model.unit)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    top = model.reference or 0.0
    width = len(model.series)
    for k, series in enumerate(model.series):
        dots = QScatterSeries()
        dots.setName(series.name)
        colour = _marker(dots, series.key or "area", k)
        offset = (k - (width - 1) / 2) * 0.22
        for i, v in enumerate(series.values):
            if v is None:
                continue
            y = n - 1 - i - offset
            dots.append(QPointF(v, y))
            top = max(top, v)
            lo = series.lower[i] if series.lower else None
            hi = series.upper[i] if series.upper else None
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
    if model.reference is not None:
        line = QLineSeries()
        line.setName(f"{model.reference_label}: {format_number(model.reference, model.decimals)}")
        line.setPen(QPen(QColor("#1F2328"), 1.4, Qt.PenStyle.DashLine))
        line.append(QPointF(model.reference, -0.8))
        line.append(QPointF(model.reference, n - 0.2))
        chart.addSeries(line)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
    for marker in chart.legend().markers():
        drawn = marker.series()
        if isinstance(drawn, QLineSeries) and drawn.name() == "":
            marker.setVisible(False)  # whiskers have no legend entry of their own
    axis_x.setRange(0, max(1.0, top * 1.08))
    axis_x.applyNiceNumbers()
    _end_at_100(axis_x, model.unit, top)
    return chart


def groups_chart_empty() -> FigureChart:
    return _chart("No figures held")


def trend_chart(model: Chart | None) -> FigureChart:
    """The core's trend chart: one line per group over the periods, each in its fixed look."""
    if model is None:
        chart = _chart("Over time: fewer than two periods held")
        return chart
    chart = _chart(model.title, trend_figures(model))
    periods = list(model.labels)
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = max(1, (len(periods) + 5) // 6)  # at most about six labels, so none is cut short
    for i, p in enumerate(periods):
        if (len(periods) - 1 - i) % step == 0:  # counted from the latest, which is always shown
            axis_x.append(str(p), i)
    axis_x.setRange(-0.3, max(0.3, len(periods) - 0.7))
    axis_y = _value_axis(model.unit)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    top = 0.0
    for k, series in enumerate(model.series):
        look = style(series.key, k)
        line = QLineSeries()
        line.setName(series.name)
        line.setPen(QPen(QColor(look.colour), 2.6 if series.key == "ALL" else 1.8))
        dots = QScatterSeries()
        _marker(dots, series.key, k)
        for i, v in enumerate(series.values):
            if v is not None:
                line.append(QPointF(i, v))
                dots.append(QPointF(i, v))
                top = max(top, v)
        for part in (line, dots):
            chart.addSeries(part)
            part.attachAxis(axis_x)
            part.attachAxis(axis_y)
    for marker in chart.legend().markers():
        if isinstance(marker.series(), QScatterSeries):
            marker.setVisible(False)  # one legend entry per group: its line
    axis_y.setRange(0, max(1.0, top * 1.1))
    axis_y.applyNiceNumbers()
    _end_at_100(axis_y, model.unit, top)
    return chart


def residents_chart(frame: pd.DataFrame, title: str) -> FigureChart:
    """Horizontal bars of a ward's residents by group (percent), against its authority.
    ``title`` is "<ward> and <authority>"."""
    ward, _and, authority = title.rpartition(" and ")
    names = (ward, authority) if ward else ("Ward", "Authority")
    chart = _chart(title, residents_figures(frame, title, names))
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
