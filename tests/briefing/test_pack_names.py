"""Pack file names a person would give (safe on Windows), and the pack log's themes, meeting
and as-at quarter as recorded with each pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mag_desktop.core.briefing.pack import (
    PackOptions,
    list_packs,
    log_packs,
    pack_file_name,
    safe_file_stem,
    write_pack,
)
from mag_desktop.core.store import Store
from mag_desktop.core.store.pack_log import PackRecord

SOLIHULL = "E08000029"


def test_names_say_audience_kind_and_quarter() -> None:
    assert pack_file_name("Birmingham", "authority", "2026 Q3") == \
        "Birmingham briefing pack 2026 Q3.pdf"
    assert pack_file_name("Aston", "ward", "2026 Q3", "Birmingham") == \
        "Aston (Birmingham) ward pack 2026 Q3.pdf"
    assert pack_file_name("King's Norton North", "ward", None, "Birmingham") == \
        "King's Norton North (Birmingham) ward pack.pdf"  # no quarter held yet


@pytest.mark.parametrize(("text", "safe"), [
    ('Stoke: "North"/South?', "Stoke North South"),
    ("a\\b|c*d<e>f", "a b c d e f"),
    ("Tab\there\x00", "Tab here"),
    ("Ends with dots...  ", "Ends with dots"),
    ("CON", "CON pack"),
    ("lpt1.report", "lpt1.report pack"),
    ("Ynys Môn", "Ynys Môn"),
    ("", "briefing pack"),
])
def test_names_are_safe_on_windows(text: str, safe: str) -> None:
    assert safe_file_stem(text) == safe


def test_a_long_name_is_cut() -> None:
    assert len(safe_file_stem("x" * 500)) == 120


def test_the_log_keeps_themes_meeting_and_quarter(sample_store: Path, tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        pack = write_pack(store.conn, SOLIHULL, tmp_path / "p.pdf", PackOptions(
            themes=("HEALTH", "HOUSING"), meeting="Members Advisory Group",
            meeting_date=date(2026, 12, 9)))
        assert pack.as_at and pack.parameters["as_at"] == pack.as_at
        assert log_packs(store, [pack]) is None
        (record,) = list_packs(store.conn)
    assert set(record.themes) == {"HEALTH", "HOUSING"}
    assert set(record.theme_names) == {"Health and wellbeing", "Housing and homelessness"}
    assert record.meeting == "Members Advisory Group, 9 Dec 2026"
    assert record.parameters["as_at"] == pack.as_at


def test_older_entries_read_as_well_as_they_can() -> None:
    old = PackRecord(1, "2026-01-01T10:00:00", "jsmith", "ward pack",
                     {"themes": ["JOBS"], "meeting": "", "meeting_date": None}, 3, "f", "s", 4)
    assert old.theme_names == ("JOBS",) and old.meeting == ""
    odd = PackRecord(2, "t", "u", "k", {"meeting": "MAG", "meeting_date": "next week"}, 3, "f",
                     "s", None)
    assert odd.meeting == "MAG, next week" and odd.themes == ()
