"""The store's quick integrity check runs once the window's first view is on screen (or at the
first failed read), never delaying it, and a damaged store is then shown read-only and said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mag_desktop.core.store import Store
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings


def _damage(path: Path, page: int = 40) -> None:
    with Store.open(path) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = int(store.conn.execute("PRAGMA page_size").fetchone()[0])
    with path.open("r+b") as handle:
        handle.seek(size * page)
        handle.write(bytes(range(256)) * (size // 256))


def test_a_damaged_store_opens_read_only_and_says_so(qtbot: Any, sample_store: Path,
                                                    settings: Settings) -> None:
    _damage(sample_store)
    window = open_window(sample_store, settings)
    qtbot.addWidget(window)
    window.unattended = True  # failures kept rather than shown in a dialog
    window.show()
    wait_until_idle(window)
    qtbot.waitUntil(lambda: bool(window.failures), timeout=20000)
    assert any("is damaged" in failure for failure in window.failures)
    qtbot.waitUntil(lambda: window.session.read_only, timeout=20000)  # the check's verdict
    assert window.session.read_only and "is damaged" in window.session.read_only_reason
    assert not window.import_action.isEnabled() and not window.sample_action.isEnabled()
    window.runner.wait()
    window.close()
    window.session.close()


def test_a_sound_store_stays_writable(qtbot: Any, sample_store: Path,
                                      settings: Settings) -> None:
    window = open_window(sample_store, settings)
    qtbot.addWidget(window)
    window.show()
    assert wait_until_idle(window)
    assert window.session.store.integrity_problem() is None
    assert not window.session.read_only and window.import_action.isEnabled()
    window.runner.wait()
    window.close()
    window.session.close()
