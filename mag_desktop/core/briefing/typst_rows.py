"""Row heights for the accessible pack's tables, worked out before Typst lays them out.

Typst sizes a table row left at ``auto`` by laying out each of its cells twice: once to
measure how tall the row must be, once more at that height. Most rows of a pack are one line
of text in every cell, and the height of such a row is known in advance: the insets above and
below plus the height of one line of the table's text (DejaVu Sans and DejaVu Sans Bold share
their metrics). A row given that height as a fixed length is laid out once, and looks exactly
as before. A row that may wrap (a cell wider than its column, a second line of detail, an
empty row) stays ``auto``, so nothing is ever cut off; the widths are the fonts' advance widths
with room to spare, so a doubtful row is always left to Typst.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mag_desktop.core.briefing import look
from mag_desktop.core.briefing.svg_axes import width_of

INSET_X, INSET_TOP, INSET_BOTTOM = 4.0, 3.5, 4.5  # the template's table insets, in points
INDENT = 11.0  # points per step of a cell's indent (the template's ``pad``)
LINE = 1556 / 2048  # DejaVu Sans's line height (cap height, Typst's top edge) per point of size
SLACK_PT, SLACK_SHARE = 0.5, 0.005  # room to spare: kerning only ever narrows these fonts
FRAME = look.PAGE_WIDTH_PT - (look.MARGIN_LEFT_CM + look.MARGIN_RIGHT_CM) * 72 / 2.54


def one_line_height(size: float = look.TABLE_SIZE) -> float:
    """A table row of one line of text, in points: Typst's own figure for it."""
    return INSET_TOP + size * LINE + INSET_BOTTOM


def column_widths(weights: Sequence[float], share: float = 1.0) -> list[float]:
    """Columns sized in fractions of a block ``share`` of the frame wide, in points."""
    total = sum(weights)
    return [FRAME * share * w / total for w in weights]


def _fits(words: str, room: float, bold: bool) -> bool:
    if "\n" in words:
        return False
    return width_of(words, bold, look.TABLE_SIZE) * (1 + SLACK_SHARE) + SLACK_PT <= room


def cell_fits(cell: dict[str, Any], width: float) -> bool:
    """Whether a model table's cell (as :mod:`.typst_data` writes it) prints on one line."""
    if "d" in cell:
        return False
    room = width - 2 * INSET_X - INDENT * cell.get("i", 0)
    words = f"{cell['g']} {cell['x']}" if "g" in cell else cell["x"]
    return _fits(words, room, bool(cell.get("b")) or "g" in cell)


def heights(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> list[float | None]:
    """Each row's fixed height in points, or None where Typst must measure it. A row's cells
    are dictionaries of a model table or plain texts of a figures table."""
    line = one_line_height()
    out: list[float | None] = []
    for row in rows:
        texts = [c if isinstance(c, str) else c["x"] for c in row]
        ok = len(row) == len(widths) and any(texts) and all(
            _fits(c, w - 2 * INSET_X, False) if isinstance(c, str) else cell_fits(c, w)
            for c, w in zip(row, widths, strict=True))
        out.append(line if ok else None)
    return out
