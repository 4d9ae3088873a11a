"""Briefing fixtures: the sample store built once per session, and the Birmingham authority
pack and one ward pack rendered once and read back with pypdf."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM, RenderedPack
from pypdf import PdfReader

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.store import Store
from mag_desktop.core.store.connection import connect


@pytest.fixture(scope="session")
def demo_store_file(sample_store_file: Path) -> Path:
    """The session's sample store (read only here)."""
    return sample_store_file


@pytest.fixture
def writable_store(demo_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the sample store for tests that write (pack log)."""
    target = tmp_path / "store.sqlite"
    shutil.copy(demo_store_file, target)
    with Store.open(target) as store:
        yield store


@pytest.fixture(scope="session")
def conn(demo_store_file: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(demo_store_file, readonly=True)
    yield connection
    connection.close()


def _render(conn: sqlite3.Connection, code: str, folder: Path) -> RenderedPack:
    briefing = build_briefing(conn, code, meeting="MAG test meeting")
    path = folder / f"{code}.pdf"
    result = render_pdf(briefing, path)
    reader = PdfReader(path)
    return RenderedPack(briefing, result, path, reader,
                        [page.extract_text() or "" for page in reader.pages])


@pytest.fixture(scope="session")
def authority_pack(conn: sqlite3.Connection,
                   tmp_path_factory: pytest.TempPathFactory) -> RenderedPack:
    return _render(conn, BIRMINGHAM, tmp_path_factory.mktemp("authority-pack"))


@pytest.fixture(scope="session")
def ward_pack(conn: sqlite3.Connection, tmp_path_factory: pytest.TempPathFactory) -> RenderedPack:
    return _render(conn, ACOCKS_GREEN, tmp_path_factory.mktemp("ward-pack"))
