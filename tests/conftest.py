"""Shared fixtures. Qt runs offscreen; every test gets its own store file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MAG_STORE", None)

from mag_desktop import logs
from mag_desktop.core.demo import load_sample
from mag_desktop.core.store import Store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep user-level folders (QSettings, data dir, log) inside the test's tmp folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("MAG_LOG_DIR", str(tmp_path / "logs"))
    yield
    logs.reset()


@pytest.fixture(scope="session")
def sample_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded through the importer, once for the whole run (never written:
    tests that write use :func:`sample_store`, a private copy)."""
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    with Store.open(path) as store:
        results = list(load_sample(store))
        assert all(r.status == "ok" for r in results), [r.message for r in results]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def sample_store(sample_store_file: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store for one test."""
    target = tmp_path / "store.sqlite"
    shutil.copy(sample_store_file, target)
    return target


def pytest_sessionfinish() -> None:
    """Tear the windows' Qt objects down while Python still runs: every window left over is
    deleted before the interpreter exits (Qt's accessibility cache would otherwise free
    interfaces made in Python after Python has gone)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
