"""Releases in the window: the clerk publishes from File › Publish release… (making and
exporting the key pair there); a member's window opens a release (trusting its publisher once,
refusals in one dialog), switches to it read-only with a banner naming it, lists what changed
since the last release, opens new releases from a watched folder and from a dropped file, and
makes packs that record the release's id. Screenshots go to ``MAG_SHOTS`` when set."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from release_quarters import next_quarter
from window_helpers import shown_window

from mag_desktop.core.release import keys
from mag_desktop.core.release.compare import Changes, NewCommitment
from mag_desktop.core.release.keys import read_public_key
from mag_desktop.core.release.opening import UnknownPublisher, open_release
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.release_session import ReleaseSession
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.pack_dialog import PackDialog
from mag_desktop.gui.views.release_dialogs import PublishDialog
from mag_desktop.gui.views.since_release import SinceReleaseBox

PUBLISHER = "the Taskforce clerk"


def shoot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MAG_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    assert widget.grab().save(str(target))
    assert (widget.width() <= 1366 and widget.height() <= 768) or isinstance(widget, MainWindow)
    return target


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clerk's keys; the member's laptop has keys (trusted publishers) of its own."""
    monkeypatch.setenv("MAG_KEYS_DIR", str(tmp_path / "clerk-keys"))
    monkeypatch.setenv("MAG_RELEASES_DIR", str(tmp_path / "releases"))
    monkeypatch.setenv("MAG_NOTES", str(tmp_path / "notes.sqlite"))
    return tmp_path


def published(store_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch,
              root: Path | None = None) -> Path:
    """A release of ``store_path`` by the clerk's key (made when absent), then the member's
    laptop (its own key folder) is the one the test goes on as."""
    root = root or out.parent
    monkeypatch.setenv("MAG_KEYS_DIR", str(root / "clerk-keys"))
    if not keys.private_key_path().exists():
        keys.keygen(PUBLISHER)
    with Store.open(store_path, readonly=True) as store:
        publish(store, out)
    monkeypatch.setenv("MAG_KEYS_DIR", str(root / "member-keys"))
    return out


@pytest.fixture
def member_window(qtbot, folders: Path, settings: Settings  # type: ignore[no-untyped-def]
                  ) -> Iterator[MainWindow]:
    """A first-time member: no release yet, an empty store of the window's own."""
    with shown_window(qtbot, folders / "empty.sqlite", settings, (1366, 768),
                      member_allowed=True) as win:
        yield win


def test_the_clerk_publishes_from_the_window(window: MainWindow, folders: Path, qtbot,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = PublishDialog(window_operations(window), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=10000)
    assert dialog.state.key is None and not dialog.keygen_button.isHidden()
    assert not dialog.publish_button.isEnabled()
    assert dialog.as_at.currentText() == dialog.state.latest  # the latest quarter by default
    dialog.publisher.setText(PUBLISHER)
    dialog.keygen_button.click()
    qtbot.waitUntil(lambda: dialog.state is not None and dialog.state.key is not None,
                    timeout=10000)
    fingerprint = dialog.state.key.fingerprint
    assert dialog.keygen_button.isHidden() and fingerprint in dialog.outcome.text()
    key_file = folders / "clerk.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key_file), ""))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: key_file.exists() and "saved" in dialog.outcome.text(),
                    timeout=10000)
    assert read_public_key(key_file).fingerprint == fingerprint
    out = folders / "out" / "MAG.magrelease"
    dialog.out.setText(str(out))
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.published is not None, timeout=30000)
    text = dialog.outcome.text()
    assert out.exists() and str(out) in text and fingerprint in text
    assert dialog.published.publisher == PUBLISHER and "Release " in text
    assert not dialog.publish_button.isEnabled()  # not twice to the same file
    dialog.out.setText(str(folders / "out" / "again.magrelease"))
    assert dialog.publish_button.isEnabled()
    shoot(dialog, "publish-dialog", folders)


def test_a_member_trusts_once_opens_and_reads_the_release(
        member_window: MainWindow, sample_store: Path, folders: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = member_window
    release = published(sample_store, folders / "q3.magrelease", monkeypatch)
    asked: list[str] = []

    def trust(unknown: UnknownPublisher) -> bool:
        asked.append(unknown.key.fingerprint)
        return True

    monkeypatch.setattr(w.releases.opener, "ask_trust", trust)
    w.releases.opener.open_file(release)
    qtbot.waitUntil(lambda: isinstance(w.session, ReleaseSession), timeout=30000)
    assert wait_until_idle(w)
    assert len(asked) == 1  # the fingerprint was shown once
    headline = w.session.manifest.headline()
    assert headline.startswith("Release ") and PUBLISHER in headline
    assert w.releases.banner.text() == headline and not w.releases.banner.isHidden()
    assert headline in w.windowTitle()
    for action in (w.import_action, w.history_action, w.sample_action,
                   w.releases.publish_action):
        assert not action.isVisible()
    assert w.commitments.model.rowCount() > 0  # the release's data is on screen
    shoot(w, "member-window", folders)
    # the same publisher's next file opens without asking again
    w.releases.opener.open_file(release)
    qtbot.waitUntil(lambda: w.runner.active == 0, timeout=30000)
    assert len(asked) == 1
    # a pack made from the release records its id
    dialog = PackDialog(window_operations(w), w.choices, w.filters.current, w)
    qtbot.addWidget(dialog)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    assert dialog.pack.parameters["release_id"] == w.session.manifest.release_id


def test_refusals_are_one_plain_dialog_and_change_nothing(
        member_window: MainWindow, sample_store: Path, folders: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = member_window
    release = published(sample_store, folders / "q3.magrelease", monkeypatch)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(
        f"{title}: {text}"))
    monkeypatch.setattr(w.releases.opener, "ask_trust", lambda _u: False)
    w.releases.opener.open_file(release)  # the publisher is not trusted: nothing opens
    qtbot.waitUntil(lambda: w.releases.opener.last == "not trusted", timeout=30000)
    tampered = folders / "tampered.magrelease"
    data = bytearray(release.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    foreign = folders / "notes.magrelease"
    foreign.write_bytes(b"not a release at all")
    monkeypatch.setattr(w.releases.opener, "ask_trust", lambda _u: True)  # checked this time
    for count, bad in enumerate((tampered, foreign), start=1):
        w.releases.opener.open_file(bad)
        qtbot.waitUntil(lambda count=count: len(shown) == count, timeout=30000)
    assert len(shown) == 2
    assert all(s.startswith("The release was not opened: ") for s in shown)
    assert all("nothing was changed" in s for s in shown)
    assert not isinstance(w.session, ReleaseSession)
    assert not (folders / "releases" / "state.json").exists()


def test_since_my_last_release_watched_folder_and_drop(
        member_window: MainWindow, sample_store: Path, folders: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = member_window
    first = published(sample_store, folders / "q3.magrelease", monkeypatch)
    monkeypatch.setattr(w.releases.opener, "ask_trust", lambda _u: True)
    window_drop(w, first)
    qtbot.waitUntil(lambda: isinstance(w.session, ReleaseSession), timeout=30000)
    assert w.overview.since.isHidden()  # no release before it
    next_quarter(sample_store)
    watched = folders / "OneDrive" / "MAG releases"
    watched.mkdir(parents=True)
    published(sample_store, watched / "q4.magrelease", monkeypatch, folders)
    w.releases.watch(str(watched))
    assert w.settings.text("releases/watch_folder") == str(watched)
    assert w.releases.timer.isActive()
    qtbot.waitUntil(lambda: w.releases.last_check is not None, timeout=30000)
    qtbot.waitUntil(lambda: w.session.manifest.as_at == "2027 Q1", timeout=30000)
    qtbot.waitUntil(lambda: not w.overview.since.isHidden(), timeout=30000)
    assert wait_until_idle(w)
    text = w.overview.since.browser.toPlainText()
    for words in ("Status changes (1)", "New commitments (1)", "RET-NEW-900", "2027 Q1",
                  "Corrected figures (1)"):
        assert words in text
    w.show_tab("overview")
    shoot(w, "since-last-release", folders)


def window_drop(w: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    w.dropEvent(event)


def test_many_changes_open_the_full_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    box = SinceReleaseBox()
    qtbot.addWidget(box)
    found = Changes(new_commitments=[NewCommitment(f"RET-{i:03}", f"Title {i}")
                                     for i in range(9)])
    box.show_changes(found, "Release 2026 Q2, published 1 September 2026 by the clerk")
    text = box.browser.toPlainText()
    assert "RET-002" in text and "RET-003" not in text and "… and 6 more" in text
    dialog = box.full_list()
    qtbot.addWidget(dialog)
    assert "RET-008" in dialog.findChildren(type(box.browser))[0].toPlainText()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    shoot(dialog, "since-release-full-list", tmp_path)


def test_member_mode_at_start(sample_store: Path, folders: Path, settings: Settings,  # type: ignore[no-untyped-def]
                              qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from mag_desktop.core.release import trust

    release = published(sample_store, folders / "q3.magrelease", monkeypatch)
    monkeypatch.setenv("MAG_KEYS_DIR", str(folders / "clerk-keys"))
    trust.trust(keys.own_public_key())
    open_release(release)
    win = open_window(None, settings, member=True)
    qtbot.addWidget(win)
    try:
        win.show()
        assert wait_until_idle(win)
        assert isinstance(win.session, ReleaseSession) and win.session.store.readonly
        assert not win.import_action.isVisible() and not win.history_action.isVisible()
        assert win.releases.banner.text().startswith("Release ")
    finally:
        win.runner.wait()
        win.close()
        win.session.close()
    shutil.rmtree(folders / "releases")


def test_the_trust_dialog_shows_the_fingerprint(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mag_desktop.core.release.keys import PublicKey
    from mag_desktop.gui.views.release_dialogs import TrustDialog

    key = PublicKey(PUBLISHER, bytes(range(32)))
    dialog = TrustDialog(key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert any(w.accessibleName() == f"Fingerprint {key.fingerprint}"
               for w in dialog.findChildren(QWidget))
    assert dialog.width() <= 1366 and dialog.height() <= 768
    shoot(dialog, "trust-dialog", tmp_path)
    dialog.trust_button.click()
    assert dialog.result() == TrustDialog.DialogCode.Accepted


def test_no_folder_is_watched_by_default(member_window: MainWindow) -> None:
    assert member_window.settings.text("releases/watch_folder") == ""
    assert not member_window.releases.timer.isActive()
