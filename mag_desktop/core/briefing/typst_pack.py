"""Render a :class:`Briefing` as a tagged PDF/UA-1 with Typst: the accessible pack.

The same model and look as the standard (reportlab) pack, for a member who reads with a screen
reader, a magnifier or reflowed text: a structure tree in reading order, headings tagged by
level (H1 part, H2 theme, H3 indicator, a heading inside a section one deeper), tables with
header cells, every chart a figure whose alternative text gives its highest and lowest values
and the comparators (followed by its figures as a table), the document title shown in the
window's title bar, ``/Lang en-GB``, bookmarks, and the running header and footer marked as
artifacts, which a screen reader skips.

Typst is asked for PDF/UA-1 (``pdf_standards=["ua-1"]``) and refuses to write a pack that
breaks its rules (a figure with no alternative text, no title), so an error here is a fault
to fix, never a pack written without them. Only the bundled DejaVu fonts are used; the
template lives in ``resources/typst/pack.typ`` and reads the pack as JSON
(:mod:`.typst_data`), so no text of a pack is ever read as Typst markup.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import BinaryIO

import typst

from mag_desktop.core.briefing.model import Briefing
from mag_desktop.core.briefing.pdf import RenderResult
from mag_desktop.core.briefing.typst_data import pack_data
from mag_desktop.paths import resource_path

TEMPLATE = ("typst", "pack.typ")  # compiled as a file: the document can then be queried
_PAGES = re.compile(rb"<xmpTPg:NPages>(\d+)</xmpTPg:NPages>")
_PAGES_NODE = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")


class AccessiblePdfError(RuntimeError):
    """Typst could not write the pack; the message says why (Typst's own words)."""


@cache
def _fonts() -> typst.Fonts:
    """The bundled DejaVu fonts only (neither the computer's nor Typst's own), read once."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(resource_path("fonts"))])


def _compile(data: str, when: datetime) -> tuple[bytes, list[int]]:
    """The PDF, and the page each section starts on (read from the compiled document)."""
    try:
        compiler = typst.Compiler(
            str(resource_path(*TEMPLATE)), root=str(resource_path("typst")),
            font_paths=_fonts(), ignore_system_fonts=True,
            sys_inputs={"pack": data})
        pdf = compiler.compile(pdf_standards=["ua-1"], timestamp=when.astimezone())
        pages = json.loads(compiler.query("<mag-page>", field="value"))
    except (typst.TypstError, RuntimeError) as error:  # say what Typst said
        hints = "; ".join(getattr(error, "hints", None) or [])
        raise AccessiblePdfError(f"the accessible pack could not be written: {error}"
                                 + (f" ({hints})" if hints else "")) from error
    if not isinstance(pdf, bytes):
        raise AccessiblePdfError("the accessible pack could not be written: Typst returned "
                                 f"{type(pdf).__name__}, not a PDF")
    return pdf, [int(page) for page in pages]


def page_count(pdf: bytes) -> int:
    """The number of pages, read from the PDF's XMP metadata (Typst writes ``NPages``), else
    from its page tree's root; 0 when neither is found."""
    found = _PAGES.search(pdf)
    if found:
        return int(found.group(1))
    counts = [int(n) for n in _PAGES_NODE.findall(pdf)]
    return max(counts, default=0)


def render_accessible_pdf(briefing: Briefing, out: str | Path | BinaryIO) -> RenderResult:
    """Write the briefing as a tagged PDF/UA-1 to a path or a binary file object."""
    data = pack_data(briefing)
    drawn = sum(1 for s in data["sections"] for b in s["blocks"]
                if b["t"] == "chart" and b["svg"] is not None)
    pdf, starts = _compile(json.dumps(data, ensure_ascii=False), briefing.meta.produced_at)
    if isinstance(out, str | Path):
        Path(out).write_bytes(pdf)
    else:
        out.write(pdf)
    keys = [section.key for section in briefing.sections]
    section_pages = dict(zip(keys, starts, strict=True)) if len(starts) == len(keys) else {}
    return RenderResult(pages=page_count(pdf), charts=drawn, section_pages=section_pages)
