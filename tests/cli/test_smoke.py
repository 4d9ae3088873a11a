"""``mag-desktop smoke``: the end-to-end check a build runs on itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from mag_desktop import __version__
from mag_desktop.cli.smoke_cmd import SmokeFailed, check, step
from mag_desktop.cli.smoke_formats import PageCheck

LINE = re.compile(
    r"^smoke ok: mag-desktop (?P<version>\S+); (?P<files>\d+) sample files imported "
    r"\((?P<observations>[\d,]+) observations, (?P<commitments>\d+) commitments\); "
    r"authority pack (?P<pages>\d+) pages, 2 ward packs \d+\+\d+ pages; "
    r"accessible pack (?P<accessible>\d+) pages, tagged; web page (?P<page_kb>\d+) KB, no "
    r"address outside it; "
    r"window \d+x\d+ \(\d+ KB\); preview (?P<preview>\d+) pages; "
    r"openpyxl uses defusedxml; a sheet read column-wise; [\d.]+ s$"
)


def test_smoke_passes_and_says_so_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "mag_desktop", "smoke", "--keep", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=240, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match["version"] == __version__
    assert int(match["files"]) == 11 and int(match["pages"]) >= 1
    assert match["preview"] == match["pages"]
    assert int(match["observations"].replace(",", "")) > 10_000
    kept = tmp_path / "work"
    assert (kept / "authority.pdf").stat().st_size > 10_000
    assert len(list((kept / "wards").glob("*.pdf"))) == 2
    assert (kept / "window.png").stat().st_size > 20_000
    accessible = PdfReader(kept / "authority-accessible.pdf")
    assert len(accessible.pages) == int(match["accessible"]) >= 1
    assert "/StructTreeRoot" in accessible.trailer["/Root"]  # type: ignore[operator]
    page = html5lib.parse((kept / "authority.html").read_bytes(), namespaceHTMLElements=False)
    assert page.get("lang") == "en-GB" and page.findall(".//h1")
    assert (kept / "authority.html").stat().st_size // 1024 == int(match["page_kb"])


def test_the_page_check_finds_what_reaches_outside() -> None:
    page = PageCheck()
    page.feed('<html lang="en-GB"><head><title>Birmingham</title><style>a{background:'
              'url( https://x.test/a.png)}</style></head><body><h1>A</h1><table></table>'
              '<img src="https://x.test/b.png"><script></script></body></html>')
    assert (page.lang, page.title, page.headings, page.tables) == ("en-GB", "Birmingham", 1, 1)
    assert page.outside == ["a style sheet address", "https://x.test/b.png", "a script"]


def test_smoke_refuses_a_folder_already_used(tmp_path: Path) -> None:
    (tmp_path / "smoke.sqlite").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "mag_desktop", "smoke", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "already exists" in lines[0], result.stderr


def test_a_failing_step_is_one_line_naming_it() -> None:
    with pytest.raises(SmokeFailed, match=r"^smoke test failed while rendering: "
                                          r"ValueError: bad page$"), step("rendering"):
        raise ValueError("bad page")
    with pytest.raises(SmokeFailed, match="the window is blank"):
        check(False, "the window is blank")
