"""Tables for the PDF: model tables, the status grid and note boxes.

Speed matters (a pack has thousands of cells), so a cell becomes a Paragraph only when it must
wrap or carries a second line; every other cell is a plain string styled by table commands.
Header rows repeat when a table splits across pages.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, TableStyle

from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.cell_text import CellText
from mag_desktop.core.briefing.flowables import FastParagraph
from mag_desktop.core.briefing.pack_words import GRID_WORDS
from mag_desktop.core.briefing.styles import (
    FONT,
    FONT_BOLD,
    PALETTE,
    TABLE_SIZE,
    colour,
    paragraph_styles,
)

PAD = 4.0
INDENT = 11.0
_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER}
_RL_ALIGN = {"left": "LEFT", "right": "RIGHT", "centre": "CENTER"}
Command = tuple[Any, ...]


@cache
def cell_style(base: str, align: str = "left", indent: int = 0) -> ParagraphStyle:
    return ParagraphStyle(f"{base}-{align}-{indent}", parent=paragraph_styles()[base],
                          alignment=_ALIGN[align], leftIndent=indent * INDENT)


def _cell(cell: model.Cell, column: model.Column, width: float, at: tuple[int, int],
          commands: list[Command]) -> Any:
    """A plain string when it fits on one line, else a :class:`CellText`; either way styled
    by shape, word and weight as well as colour. A suppression marker is bold, as in the
    charts, so "*" and ".." are seen."""
    bold = cell.strong or cell.status is not None or cell.suppressed
    font = FONT_BOLD if bold else FONT
    text = cell.status.text if cell.status is not None else cell.text
    ink = cell.status.colour if cell.status else cell.colour or (
        PALETTE["suppressed"] if cell.suppressed else None)
    room = width - 2 * PAD - cell.indent * INDENT
    if cell.detail or stringWidth(text, font, TABLE_SIZE) > room:
        return CellText(text, cell.detail, bold=bold, ink=ink or "ink", align=column.align,
                        indent=cell.indent * INDENT)
    if bold:
        commands.append(("FONT", at, at, FONT_BOLD, TABLE_SIZE))
    if ink:
        commands.append(("TEXTCOLOR", at, at, colour(ink)))
    if cell.indent:
        commands.append(("LEFTPADDING", at, at, PAD + cell.indent * INDENT))
    return text


def _head(title: str, align: str, width: float) -> Any:
    """A header cell: a plain string when it fits on one line, else a wrapped paragraph."""
    if stringWidth(title, FONT, TABLE_SIZE) <= width - 2 * PAD:
        return title
    return FastParagraph(escape(title), header_style(title, align, width))


def header_style(title: str, align: str, width: float) -> ParagraphStyle:
    """The header style, a size smaller (down to 8 pt) when one word of the title is wider
    than the column (a long place name): words are never broken inside."""
    widest = max((stringWidth(w, FONT, TABLE_SIZE) for w in title.split()), default=0.0)
    room = width - 2 * PAD
    if widest <= room:
        return cell_style("cell_head", align)
    size = max(8.0, round(TABLE_SIZE * room / widest - 0.05, 1))
    return small_head_style(align, size)


@cache
def small_head_style(align: str, size: float) -> ParagraphStyle:
    return ParagraphStyle(f"cell_head-{align}-{size}", parent=cell_style("cell_head", align),
                          fontSize=size, leading=size + 2.5)


def base_commands(columns: int, zebra: bool, header: bool = True) -> list[Command]:
    commands: list[Command] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, 12.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colour("ink")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colour("rule")),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), colour("header_fill")),
                     ("LINEBELOW", (0, 0), (-1, 0), 1.0, colour("navy")),
                     ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                         [colour("#FFFFFF"), colour("zebra")]))
    return commands


def table_flowables(table: model.Table, width: float) -> list[Flowable]:
    if len(table.columns) <= 2 and table.columns[0].role == "label":  # keep them close
        width *= 0.62
    total = sum(c.weight for c in table.columns) or 1.0
    widths = [width * c.weight / total for c in table.columns]
    commands = base_commands(len(table.columns), table.zebra)
    head = [_head(c.title, c.align, w) for c, w in zip(table.columns, widths, strict=True)]
    commands.append(("TEXTCOLOR", (0, 0), (-1, 0), colour("navy")))
    data: list[list[Any]] = [head]
    for j, column in enumerate(table.columns):
        if column.align != "left":
            commands.append(("ALIGN", (j, 0), (j, -1), _RL_ALIGN[column.align]))
    for i, row in enumerate(table.rows, start=1):
        data.append([_cell(cell, table.columns[j], widths[j], (j, i), commands)
                     for j, cell in enumerate(row)])
    flow = LongTable(data, colWidths=widths, repeatRows=1 if table.repeat_header else 0,
                     splitByRow=1, hAlign="LEFT")
    flow.setStyle(TableStyle(commands))
    out: list[Flowable] = [flow]
    if table.caption:
        out.append(FastParagraph(escape(table.caption), paragraph_styles()["caption"]))
    return out


def status_grid_flowables(grid: model.StatusGrid, width: float) -> list[Flowable]:
    theme, total_word, all_themes = GRID_WORDS
    n = len(grid.statuses)
    needs = [max(stringWidth(word, FONT_BOLD, TABLE_SIZE) for word in s.label.split())
             for s in grid.statuses]
    needs.append(stringWidth(total_word, FONT_BOLD, TABLE_SIZE))
    columns = [max(36.0, need + 2 * PAD + 2) for need in needs]
    widths = [width - sum(columns), *columns]
    head_style = cell_style("grid_head", "centre")
    head = [FastParagraph(theme, cell_style("grid_head"))]
    head += [FastParagraph(f'<font color="{s.colour}">{escape(s.glyph)}</font><br/>'
                       f"{escape(s.label)}", head_style) for s in grid.statuses]
    head.append(FastParagraph(f"<br/>{total_word}", head_style))
    commands = base_commands(n + 2, zebra=True)
    data: list[list[Any]] = [head]
    for i, (name, counts, total) in enumerate(grid.rows, start=1):
        row: list[Any] = [FastParagraph(escape(name), cell_style("cell"))]
        for j, count in enumerate(counts, start=1):
            row.append(str(count))
            if count == 0:
                commands.append(("TEXTCOLOR", (j, i), (j, i), colour("#9AA3AE")))
        row.append(str(total))
        data.append(row)
    data.append([all_themes, *(str(t) for t in grid.totals), str(grid.total)])
    commands += [
        ("ALIGN", (1, 1), (-1, -1), "CENTER"), ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("FONT", (-1, 1), (-1, -1), FONT_BOLD, TABLE_SIZE),
        ("FONT", (0, -1), (-1, -1), FONT_BOLD, TABLE_SIZE),
        ("LINEABOVE", (0, -1), (-1, -1), 1.0, colour("navy")),
        ("BACKGROUND", (0, -1), (-1, -1), colour("header_fill")),
    ]
    flow = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    flow.setStyle(TableStyle(commands))
    out: list[Flowable] = [flow]
    if grid.caption:
        out.append(FastParagraph(escape(grid.caption), paragraph_styles()["caption"]))
    return out


def note_flowable(note: model.Note, width: float) -> Flowable:
    caution = note.tone == "caution"
    text = escape(note.text)
    if note.title:
        text = f"<b>{escape(note.title)}</b><br/>{text}"
    flow = LongTable([[FastParagraph(text, paragraph_styles()["note"])]], colWidths=[width],
                     hAlign="LEFT")
    flow.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
        ("BACKGROUND", (0, 0), (-1, -1), colour("caution_fill" if caution else "note_fill")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colour("caution" if caution else "navy")),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    flow.spaceAfter = 8
    return flow
