"""The PDF read back with pypdf: cover, contents, bookmarks, footers, numbers, fonts, metadata."""

from __future__ import annotations

import sqlite3

from briefing_helpers import (
    ACOCKS_GREEN,
    BIRMINGHAM,
    RenderedPack,
    contents_entries,
    flat,
    lines,
    outline_pages,
)
from pdf_pictures import ink, is_blank, render_page
from pypdf.generic import DictionaryObject

from mag_desktop.core.briefing.model import StatusGrid
from mag_desktop.core.formatting import format_count, format_number
from mag_desktop.core.query import (
    Filter,
    as_at_quarter,
    commitments_frame,
    indicator_view,
    theme_status_counts,
    ward_profile,
)
from mag_desktop.core.query.summary import TOTAL


def test_cover_names_the_audience_meeting_and_quarter(authority_pack: RenderedPack,
                                                      conn: sqlite3.Connection) -> None:
    cover = flat(authority_pack.texts[0])
    assert "Birmingham (E08000025)" in cover
    assert f"{as_at_quarter(conn)} (data version" in cover
    assert "MAG test meeting" in cover and "OFFICIAL" in cover


def test_contents_entries_point_at_the_pages_where_sections_start(
        authority_pack: RenderedPack) -> None:
    entries = contents_entries(authority_pack.texts[1])
    sections = authority_pack.briefing.sections
    assert [title for title, _ in entries] == [s.title for s in sections]
    for (title, page), section in zip(entries, sections, strict=True):
        assert page == authority_pack.result.section_pages[section.key]
        assert flat(title) in flat(authority_pack.texts[page - 1]), (title, page)


def test_every_section_has_a_bookmark_on_its_first_page(authority_pack: RenderedPack,
                                                        ward_pack: RenderedPack) -> None:
    for pack in (authority_pack, ward_pack):
        expected = [("Cover", 1, 0), ("Contents", 2, 0)] + [
            (s.title, pack.result.section_pages[s.key], s.level - 1)
            for s in pack.briefing.sections]
        assert outline_pages(pack.reader) == expected


def test_every_page_says_page_x_of_y(authority_pack: RenderedPack,
                                     ward_pack: RenderedPack) -> None:
    for pack in (authority_pack, ward_pack):
        total = len(pack.texts)
        assert total == pack.result.pages
        for number, text in enumerate(pack.texts, start=1):
            assert f"Page {number} of {total}" in text
            assert f"Data version {pack.briefing.meta.data_version}" in text


def test_authority_pack_is_long_and_rich(authority_pack: RenderedPack) -> None:
    assert authority_pack.result.pages >= 30
    # two charts per indicator with Birmingham's own figures, one for figures shown as context
    assert authority_pack.result.charts >= 14


def test_commitment_ids_and_status_counts_are_the_stores(authority_pack: RenderedPack,
                                                        conn: sqlite3.Connection) -> None:
    packed = "".join("".join(authority_pack.texts).split())  # IDs may wrap after a hyphen
    frame = commitments_frame(conn, Filter(authorities=(BIRMINGHAM,)))
    for commitment_id in frame["id"]:
        assert commitment_id in packed
    counts = theme_status_counts(frame)
    grid = next(b for b in authority_pack.briefing.blocks() if isinstance(b, StatusGrid))
    expected = [str(int(counts[s.code].sum())) for s in grid.statuses]
    expected.append(str(int(counts[TOTAL].sum())))
    summary = lines(authority_pack.texts[authority_pack.result.section_pages["summary"] - 1])
    at = summary.index("All chosen themes")
    assert summary[at + 1:at + 1 + len(expected)] == expected


def _rows_of(pack: RenderedPack, key: str) -> list[str]:
    """The extracted lines of a section's pages."""
    start = pack.result.section_pages[key]
    keys = [s.key for s in pack.briefing.sections]
    following = keys[keys.index(key) + 1]
    end = pack.result.section_pages[following]
    return [line for text in pack.texts[start - 1:end] for line in lines(text)]


def test_indicator_table_numbers_equal_the_store(authority_pack: RenderedPack,
                                                 conn: sqlite3.Connection) -> None:
    view = indicator_view(conn, "TEMP_ACCOM", BIRMINGHAM)
    rows = _rows_of(authority_pack, "indicator-temp_accom")
    checked = 0
    for r in view.rows.itertuples():
        if isinstance(r.marker, str):
            continue
        shown = format_number(r.value, 1) + (f" {r.flag}" if r.flag else "")
        expected = [shown, f"{format_number(r.lower, 1)} to "
                    f"{format_number(r.upper, 1)}",
                    f"{format_count(r.numerator)} / {format_count(r.denominator)}"]
        found = any(rows[i:i + 3] == expected for i in range(len(rows) - 2))
        assert found, (r.group_code, expected)
        checked += 1
    assert checked >= 20


def test_suppressed_cells_show_their_marker_never_a_number(authority_pack: RenderedPack,
                                                           conn: sqlite3.Connection) -> None:
    latest = indicator_view(conn, "TEMP_ACCOM", BIRMINGHAM).period
    row = conn.execute(
        "SELECT group_code, marker FROM observation WHERE indicator_code = 'TEMP_ACCOM'"
        " AND area_code = ? AND period = ? AND marker IS NOT NULL AND superseded_by IS NULL",
        (BIRMINGHAM, latest)).fetchone()
    assert row is not None, "the sample data has a suppressed Birmingham cell"
    group, marker = row
    first_word = "Gypsy/Irish" if group == "WHITE_GYPSY_TRAVELLER" else group
    rows = _rows_of(authority_pack, "indicator-temp_accom")
    table = rows[max(i for i, line in enumerate(rows) if line == "Ethnic group"):]
    start = table.index(first_word)
    at = table.index(marker, start)
    assert all(not any(ch.isdigit() for ch in line) for line in table[start:at])
    assert table[at:at + 3] == [marker] * 3  # value, limits, numerator / denominator


def test_ward_profile_residents_equal_the_census(ward_pack: RenderedPack,
                                                 conn: sqlite3.Connection) -> None:
    profile = ward_profile(conn, ACOCKS_GREEN)
    rows = _rows_of(ward_pack, "ward-residents")
    for r in profile.residents.itertuples():
        assert format_count(r.count) in rows, r.group_code
    assert "Acocks Green" in flat(ward_pack.texts[0])


def test_fonts_are_embedded_truetype(authority_pack: RenderedPack) -> None:
    seen = set()
    for page in authority_pack.reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert isinstance(descriptor.get_object(), DictionaryObject)
            assert "/FontFile2" in descriptor.get_object(), font.get("/BaseFont")
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= seen


def test_metadata_and_language(authority_pack: RenderedPack) -> None:
    meta = authority_pack.reader.metadata
    assert meta.title == "Authority briefing: Birmingham"
    assert meta.author == "MAG Desktop"
    assert "Birmingham" in (meta.subject or "") and "data version" in (meta.subject or "")
    assert authority_pack.reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_first_page_renders_to_a_picture_that_is_not_blank(authority_pack: RenderedPack) -> None:
    cover = render_page(authority_pack.path, 1, dpi=50)
    assert (cover.width(), cover.height()) == (413, 585)  # A4 at 50 dpi
    assert not is_blank(cover)
    assert ink(cover) > 0.2  # the navy band alone covers about a third of the cover
