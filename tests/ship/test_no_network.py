"""The product works offline: importing, browsing and packing open no network connection.

Every way Python opens a connection or resolves a name is replaced by a guard that records the
call and refuses it; then the sample data is imported, the window is opened (offscreen) and
every tab shown, and packs are written and previewed, all in this process. No guard may have
been called, and Qt's networking module must not even be loaded.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtPdf import QPdfDocument

from mag_desktop.core.briefing.batch import run_batch
from mag_desktop.core.briefing.pack import write_pack
from mag_desktop.core.demo import load_sample
from mag_desktop.core.store import Store
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import TABS

BIRMINGHAM = "E08000025"


@pytest.fixture
def network_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Guards on every way to connect or resolve; the list of what was attempted."""
    calls: list[str] = []

    def guard(name: str) -> Callable[..., Any]:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            calls.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"network use refused in an offline test: {name}")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", guard("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guard("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", guard("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", guard("getaddrinfo"))
    return calls


def test_the_guards_catch_a_connection(network_calls: list[str]) -> None:
    with pytest.raises(OSError, match="refused"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with socket.socket() as sock, pytest.raises(OSError, match="refused"):
        sock.connect(("127.0.0.1", 9))
    assert len(network_calls) == 2


def test_import_browse_and_pack_stay_offline(network_calls: list[str], qtbot: Any,
                                            tmp_path: Path) -> None:
    store_path = tmp_path / "store.sqlite"
    with Store.open(store_path) as store:
        results = list(load_sample(store))
        assert all(r.status == "ok" for r in results)
        ward = store.conn.execute("SELECT code FROM area WHERE level = 'ward' AND parent_code = ?"
                                  " ORDER BY name LIMIT 1", (BIRMINGHAM,)).fetchone()[0]
    assert network_calls == [], "importing used the network"

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = open_window(store_path, settings)
    qtbot.addWidget(window)
    try:
        window.resize(1400, 900)
        window.show()
        assert wait_until_idle(window)
        for name in TABS:
            window.show_tab(name)
            assert wait_until_idle(window), f"the {name} tab did not load"
    finally:
        window.runner.wait()
        window.close()
        window.session.close()
    assert network_calls == [], "browsing used the network"

    with Store.open(store_path) as store:
        authority = write_pack(store.conn, BIRMINGHAM, tmp_path / "authority.pdf")
        single = write_pack(store.conn, ward, tmp_path / "ward.pdf")
        batch = run_batch(store, BIRMINGHAM, tmp_path / "wards", jobs=1, wards=[ward])
    assert authority.pages >= 1 and single.pages >= 1 and len(batch.written) == 1
    preview = QPdfDocument()  # what the pack dialog shows before printing
    assert preview.load(str(authority.path)) == QPdfDocument.Error.None_
    assert preview.pageCount() == authority.pages
    assert not preview.render(0, QSize(420, 594)).isNull()
    preview.close()
    assert network_calls == [], "packing used the network"
    assert "PySide6.QtNetwork" not in sys.modules
