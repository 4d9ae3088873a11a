"""``smoke``'s checks of the pack's other formats: the authority pack as a tagged PDF (Typst)
and as a web page that stands alone, with no script and no address outside it."""

from __future__ import annotations

import html.parser
from pathlib import Path

from mag_desktop.cli.smoke_cmd import AUTHORITY, SmokeSummary, check, is_pdf, step


def render_other_formats(store_path: Path, folder: Path, summary: SmokeSummary) -> None:
    """The authority pack as a tagged PDF (Typst, its fonts and package bundled) and as a web
    page that stands alone."""
    from mag_desktop.core.briefing.pack import PackOptions, write_pack
    from mag_desktop.core.store import Store

    with step("rendering the accessible pack"), Store.open(store_path) as store:
        pack = write_pack(store.conn, AUTHORITY, folder / "authority-accessible.pdf",
                          PackOptions(format="accessible-pdf"))
        check(pack.pages >= 1 and is_pdf(pack.path), "the accessible pack is not a PDF")
        data = pack.path.read_bytes()
        check(b"/StructTreeRoot" in data and b"/Marked true" in data,
              "the accessible pack is not tagged")
        summary.accessible_pages = pack.pages
    with step("rendering the web page pack"), Store.open(store_path) as store:
        pack = write_pack(store.conn, AUTHORITY, folder / "authority.html",
                          PackOptions(format="html"))
        page = PageCheck()
        page.feed(pack.path.read_text(encoding="utf-8"))
        page.close()
        check(page.lang == "en-GB" and "Birmingham" in page.title and page.headings > 0
              and page.tables > 0, "the web page pack has no language, title, headings "
              f"or tables (lang {page.lang!r}, title {page.title!r})")
        check(not page.outside,
              f"the web page pack reaches outside itself ({'; '.join(page.outside)})")
        summary.page_kb = pack.path.stat().st_size // 1024


class PageCheck(html.parser.HTMLParser):
    """What the web page holds: its language, title, headings and tables, and any script or
    address outside the file (there must be none)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang, self.title, self.headings, self.tables = "", "", 0, 0
        self.outside: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        self._in_title = tag == "title"
        self.headings += tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
        self.tables += tag == "table"
        if tag == "script":
            self.outside.append("a script")
        for name in ("src", "href", "xlink:href", "action"):
            target = (values.get(name) or "").strip().lower()
            if target.startswith(("http:", "https:", "//", "ftp:")):
                self.outside.append(target)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            self._in_title = False
        if "url(http" in data.replace(" ", "").lower():
            self.outside.append("a style sheet address")
