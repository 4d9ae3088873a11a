"""A light table cell that wraps its own text: a main line (bold or coloured when asked) and an
optional muted detail, left or right aligned. Tables hold thousands of cells; this avoids the
markup parser and line breaker of a full Paragraph, which dominate a pack's render time."""

from __future__ import annotations

from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from mag_desktop.core.briefing.styles import FONT, FONT_BOLD, TABLE_SIZE, colour

LEADING = 12.5


#: Characters after which a long token (a web address, a file path, an ID) may break.
BREAK_AFTER = frozenset("-/._?&=#:;,+~\\|")


def _fits(text: str, font: str, width: float) -> bool:
    return stringWidth(text, font, TABLE_SIZE) <= width


def _cut(line: str, font: str, width: float) -> int:
    """Where to break a line too wide for ``width``: after the last break character whose
    head fits, else after as many characters as fit (at least one)."""
    fit = 1
    while fit < len(line) and _fits(line[:fit + 1], font, width):
        fit += 1
    breaks = [i + 1 for i in range(fit) if line[i] in BREAK_AFTER and i + 1 < len(line)]
    return max(breaks, default=fit)


def split_lines(text: str, font: str, width: float) -> list[str]:
    """Lines of at most ``width`` points, broken at spaces and, for a token too long for a
    line (an ID such as RET-TRANSPORT-013, a web address), after a hyphen, slash or dot where
    one falls near the edge, else between characters: text is never cut off or drawn over
    the next column."""
    lines = []
    for line in simpleSplit(text, font, TABLE_SIZE, width):
        while len(line) > 1 and not _fits(line, font, width):
            cut = _cut(line, font, width)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class CellText(Flowable):
    def __init__(self, text: str, detail: str = "", *, bold: bool = False, ink: str = "ink",
                 align: str = "left", indent: float = 0.0) -> None:
        super().__init__()
        self.text, self.detail = text, detail
        self.font = FONT_BOLD if bold else FONT
        self.ink, self.align, self.indent = ink, align, indent
        self._lines: list[tuple[str, str, str]] = []  # (text, font, colour name)
        self._seen_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._seen_width:
            room = max(available_width - self.indent, 1.0)
            lines = [(t, self.font, self.ink) for t in split_lines(self.text, self.font, room)]
            if self.detail:
                lines += [(t, FONT, "muted") for t in split_lines(self.detail, FONT, room)]
            self._lines, self._seen_width = lines, available_width
            self.width = available_width
            self.height = LEADING * len(lines)
        return self.width, self.height

    def draw(self) -> None:
        canv: Any = self.canv
        text = canv.beginText()
        text.setLeading(LEADING)
        y = self.height - TABLE_SIZE + 0.5  # the first baseline, as a Paragraph sets it
        font = ink = None
        for i, (line, line_font, line_ink) in enumerate(self._lines):
            if line_font != font:
                text.setFont(line_font, TABLE_SIZE, LEADING)
                font = line_font
            if line_ink != ink:
                text.setFillColor(colour(line_ink))
                ink = line_ink
            if self.align == "left":  # one origin, then a line feed per line
                if i == 0:
                    text.setTextOrigin(self.indent, y)
                text.textLine(line)
                continue
            width = stringWidth(line, line_font, TABLE_SIZE)
            x = self.width - width if self.align == "right" else (self.width - width) / 2
            text.setTextOrigin(x, y - i * LEADING)
            text.textOut(line)
        canv.drawText(text)
