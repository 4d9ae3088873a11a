"""The formats a briefing pack can be written in, as data: what to call each for people, the
file it makes, the renderer that makes it and whether it can be previewed and printed.

- ``pdf``: the standard pack (reportlab), for printing and the meeting table.
- ``accessible-pdf``: the same pack as a tagged PDF/UA-1 (Typst), for a member who uses a
  screen reader or reflows text; it can be printed too.
- ``html``: one self-contained web page, read in any browser, zoomed and reflowed freely.

Renderers are imported only when a pack is written, so listing the formats (a dialog, the
command line's help) never loads Typst or reportlab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mag_desktop.core.errors import UsageError

if TYPE_CHECKING:
    from mag_desktop.core.briefing.model import Briefing
    from mag_desktop.core.briefing.pdf import RenderResult

Renderer = Callable[["Briefing", "str | Path | BinaryIO"], "RenderResult"]


@dataclass(frozen=True)
class PackFormat:
    key: str
    label: str  # for people: the dialog's choice
    when: str  # one line: when to choose it
    extension: str  # with its dot
    module: str  # the renderer's module, imported when a pack is written
    function: str
    printable: bool  # can be previewed in the window and printed
    suffix: str = ""  # added to the file name so two formats can share a folder

    @property
    def paged(self) -> bool:
        """Whether the file has pages (an HTML page has none)."""
        return self.printable

    def renderer(self) -> Renderer:
        render: Renderer = getattr(importlib.import_module(self.module), self.function)
        return render

    def file_filter(self) -> str:
        """The save dialog's filter, e.g. "Web page (*.html)"."""
        kind = "Web page" if self.extension == ".html" else "PDF"
        return f"{kind} (*{self.extension})"


FORMATS: dict[str, PackFormat] = {f.key: f for f in (
    PackFormat("pdf", "PDF for printing",
               "The standard pack, to print or to read on screen.",
               ".pdf", "mag_desktop.core.briefing.pdf", "render_pdf", printable=True),
    PackFormat("accessible-pdf", "Accessible PDF (tagged, PDF/UA)",
               "For a screen reader or magnifier: tagged headings, tables and described "
               "charts; it prints too.",
               ".pdf", "mag_desktop.core.briefing.typst_pack", "render_accessible_pdf",
               printable=True, suffix=" (accessible)"),
    PackFormat("html", "Web page (HTML)",
               "One file for any browser: its text reflows when zoomed; no pages to print.",
               ".html", "mag_desktop.core.briefing.html_pack", "render_html",
               printable=False),
)}
DEFAULT_FORMAT = "pdf"


def pack_format(key: str) -> PackFormat:
    """The format named ``key``; a usage error names the formats there are."""
    try:
        return FORMATS[key]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UsageError(f'"{key}" is not a pack format; formats are {known}') from None


def format_of_file(path: Path) -> PackFormat:
    """The format a pack file is in, from its name (an accessible PDF by its suffix)."""
    if path.suffix.lower() == ".html":
        return FORMATS["html"]
    if path.stem.rstrip(")").endswith("accessible"):  # "… (accessible)", "…_accessible"
        return FORMATS["accessible-pdf"]
    return FORMATS["pdf"]


def pages_text(pages: int | None, key: str | None = None) -> str:
    """Pages as a person reads them: "12 pages", or "web page" where there are none."""
    if key == "html" or (pages == 0 and key is None):
        return "web page"
    if pages is None:
        return "—"
    return f"{pages} page" + ("" if pages == 1 else "s")
