"""The cover of a pack built from a store that holds illustrative data says so, in words that
QtPdf reads back and in a box drawn across the cover's band; a pack of real data does not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from briefing_helpers import BIRMINGHAM, RenderedPack
from pdf_pictures import page_text, render_page
from PySide6.QtGui import QImage

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.query.illustrative import NOTICE
from mag_desktop.core.store import Store
from mag_desktop.paths import data_dir

NOTICE_FILL = (0xFF, 0xF4, 0xE5)  # the palette's caution_fill


def _notice_pixels(image: QImage) -> int:
    """Pixels of the notice's fill in the top third of a page."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    rows = np.frombuffer(bytes(rgb.constBits()), dtype=np.uint8).reshape(height, stride)
    top = rows[: height // 3, : width * 3].reshape(height // 3, width, 3)
    return int(np.all(np.abs(top.astype(int) - NOTICE_FILL) <= 6, axis=2).sum())


def test_a_sample_pack_says_illustrative_on_its_cover(authority_pack: RenderedPack) -> None:
    meta = authority_pack.briefing.meta
    assert meta.illustrative and meta.parameters["illustrative"] is True
    cover = " ".join(page_text(authority_pack.path, 1).split())
    assert NOTICE in cover and "made-up figures" in cover
    assert NOTICE not in " ".join(page_text(authority_pack.path, 2).split())  # the cover's job
    assert NOTICE in (authority_pack.reader.metadata.subject or "")
    assert _notice_pixels(render_page(authority_pack.path, 1, dpi=40)) > 3000


def test_a_pack_of_real_data_has_no_notice(store: Store, tmp_path: Path) -> None:
    census = load_profile(data_dir() / "profiles" / "census2021_ts021.json")
    for name in ("census2021_ts021_authorities_derived.csv",
                 "nomis_census2021_ts021_ward2022_wmca7_verbatim.csv"):
        result = run_import(store, data_dir() / "source" / name, ImportOptions(profile=census))
        assert result.status == "ok", result.message
    briefing = build_briefing(store.conn, BIRMINGHAM, meeting="MAG")
    assert not briefing.meta.illustrative and "illustrative" not in briefing.meta.parameters
    path = tmp_path / "real.pdf"
    render_pdf(briefing, path)
    assert NOTICE not in " ".join(page_text(path, 1).split())
    assert _notice_pixels(render_page(path, 1, dpi=40)) == 0
