"""One colour and one marker shape per series role, the same in every output.

A comparator keeps its look wherever it appears (the WMCA area is always a black open circle,
the national figure a green triangle, a ward's authority an orange diamond), and so does each
ethnic group in a trend, so a member who learned a chart on screen reads the pack's at a glance.
Colours are Okabe–Ito (distinguishable with the common colour-vision deficiencies) and shapes
differ too, so every series also reads in greyscale. Renderers map the shape names to their own
primitives: the pack's drawing, the window's QtCharts markers.
"""

from __future__ import annotations

from typing import NamedTuple


class Style(NamedTuple):
    colour: str  # "#RRGGBB"
    shape: str  # circle | square | diamond | triangle | circle-open | square-open | bar


#: the area the chart is about: bars in the pack, filled circles with whiskers on screen
AREA = Style("#0072B2", "circle")
AREA_FILL = "#A9CBE6"
#: comparator areas, by the column prefix the core uses for them
COMPARATORS = {
    "authority": Style("#D55E00", "diamond"),
    "region": Style("#000000", "circle-open"),
    "england": Style("#009E73", "triangle"),
}
#: trend lines: all ethnic groups and the five headings
GROUPS = {
    "ALL": Style("#000000", "circle"),
    "ASIAN": Style("#E69F00", "square"),
    "BLACK": Style("#0072B2", "diamond"),
    "MIXED": Style("#009E73", "triangle"),
    "WHITE": Style("#CC79A7", "circle-open"),
    "OTHER": Style("#D55E00", "square-open"),
}
#: any other group a member chose to follow, in turn
OTHERS = (Style("#56B4E9", "square"), Style("#E69F00", "diamond"),
          Style("#CC79A7", "triangle"), Style("#009E73", "square-open"),
          Style("#D55E00", "circle-open"), Style("#0072B2", "square-open"))


def style(key: str, index: int = 0) -> Style:
    """The style of a series by its key ("area", "region", "ASIAN"); ``index`` picks one of
    :data:`OTHERS` for a key without a fixed style."""
    if key == "area":
        return AREA
    found = COMPARATORS.get(key) or GROUPS.get(key)
    return found if found is not None else OTHERS[index % len(OTHERS)]
