"""A core :class:`~mag_desktop.core.briefing.model.Table` as a frame and columns for
:class:`FrameModel`: the window shows the very words and numbers the pack prints, sortable by
the numbers behind them (a suppression marker sorts last)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mag_desktop.core.briefing.model import Table
from mag_desktop.gui.models.column_help import column_help
from mag_desktop.gui.models.frame_model import Column

_NUMBER = re.compile(r"-?[\d,]*\.?\d+")


def _number(text: str) -> float:
    """The first number in a cell's text ("1,234.5 [u]" -> 1234.5); NaN when there is none."""
    found = _NUMBER.search(text)
    if found is None or text.startswith("["):
        return np.nan
    try:
        return float(found.group().replace(",", ""))
    except ValueError:
        return np.nan


def table_frame(table: Table) -> tuple[list[Column], pd.DataFrame]:
    columns: list[Column] = []
    data: dict[str, list[object]] = {}
    for j, col in enumerate(table.columns):
        texts: list[object] = [row[j].text for row in table.rows]
        data[f"c{j}"] = texts
        sort_key = None
        if col.role == "number":
            data[f"n{j}"] = [_number(str(t)) for t in texts]
            sort_key = f"n{j}"
        colour = None
        if any(row[j].colour for row in table.rows):
            data[f"k{j}"] = [row[j].colour for row in table.rows]
            colour = f"k{j}"
        align = "center" if col.align == "centre" else col.align
        columns.append(Column(f"c{j}", col.title, align=align, sort_key=sort_key,
                              colour=colour, help=column_help(col.title, col.role)))
    return columns, pd.DataFrame(data)
