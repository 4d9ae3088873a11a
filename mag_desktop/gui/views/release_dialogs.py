"""The release dialogs: trusting a publisher (its fingerprint, to check aloud with them) and
publishing a release (File › Publish release…), with the key pair made and exported here too.
Every file is read and written as an operation off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.release import keys
from mag_desktop.core.release.keys import PublicKey
from mag_desktop.core.release.locations import RELEASE_SUFFIX
from mag_desktop.core.release.manifest import Manifest, ReleaseError
from mag_desktop.core.release.publish import publish
from mag_desktop.core.release.snapshot import latest_quarter
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.gui.session import Session

FINGERPRINT_STYLE = ("QLabel { font-family: monospace; font-size: 18pt; font-weight: bold;"
                     " padding: 6px; background: #F3F6FA; border: 1px solid #9AA9BC; }")


def _fingerprint_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(FINGERPRINT_STYLE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAccessibleName(f"Fingerprint {text}")
    return label


class TrustDialog(QDialog):
    """"Trust this publisher?": shown once per publisher, when a release names a new key."""

    def __init__(self, key: PublicKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trust this publisher?")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<p>This release was published by <b>{_html(key.name or 'an unnamed publisher')}"
            "</b>, whose key this laptop does not trust yet.</p><p>Ask the publisher (by "
            "telephone or in person, not by e-mail) to read out their fingerprint. Trust the "
            "key only if it matches, character for character:</p>", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(_fingerprint_label(key.fingerprint, self))
        after = QLabel("Once trusted, later releases from this publisher open without asking.",
                       self)
        after.setWordWrap(True)
        layout.addWidget(after)
        buttons = QDialogButtonBox(self)
        self.trust_button = buttons.addButton("&Trust and open",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Do not trust", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


@dataclass(frozen=True)
class PublishState:
    key: PublicKey | None  # None: no key pair on this laptop yet
    publisher: str
    latest: str | None  # the latest quarter the store holds


def _state(session: Session) -> Callable[[Progress, CancelToken], PublishState]:
    """The job that finds this laptop's key, its publisher's name and the latest quarter."""

    def work(_progress: Progress, _cancel: CancelToken) -> PublishState:
        try:
            key: PublicKey | None = keys.own_public_key()
        except ReleaseError:
            key = None
        try:
            latest: str | None = session.read(latest_quarter)()
        except ReleaseError:
            latest = None
        name = str(keys.load_publisher().get("name", "") or "")
        return PublishState(key, name, latest)

    return work


class PublishDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.state: PublishState | None = None
        self.published: Manifest | None = None
        self.setWindowTitle("Publish a release")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel("A release is one signed file holding what the window shows, for "
                       "members to open on their laptops. Send it by e-mail, a USB stick or a "
                       "shared folder.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.publisher = QLineEdit(self)
        self.publisher.setPlaceholderText("e.g. the Taskforce clerk")
        self.publisher.setAccessibleName("Publisher's name")
        self.as_at = QComboBox(self)
        self.as_at.setEditable(True)
        self.as_at.setAccessibleName("As at quarter")
        out_row = QHBoxLayout()
        self.out = QLineEdit(self)
        self.out.setAccessibleName("Release file")
        self.browse = QPushButton("&Browse…", self)
        self.browse.setAccessibleName("Choose where to save the release")
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        form.addRow("&Publisher", self.publisher)
        form.addRow("&As at", self.as_at)
        save_label = QLabel("&Save as", self)
        save_label.setBuddy(self.out)
        form.addRow(save_label, out_row)
        layout.addLayout(form)
        self.key_label = QLabel("Looking for this laptop's publisher key…", self)
        self.key_label.setWordWrap(True)
        key_row = QHBoxLayout()
        self.keygen_button = QPushButton("&Make a key pair", self)
        self.keygen_button.setAccessibleName("Make the publisher's key pair")
        self.export_button = QPushButton("E&xport public key…", self)
        self.export_button.setAccessibleName("Export the public key for members")
        key_row.addWidget(self.keygen_button)
        key_row.addWidget(self.export_button)
        key_row.addStretch(1)
        layout.addWidget(self.key_label)
        layout.addLayout(key_row)
        self.outcome = QLabel("", self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Outcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.publish_button = buttons.addButton("&Publish",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.publish_button.setAccessibleName("Publish the release")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browse.clicked.connect(self.choose_file)
        self.keygen_button.clicked.connect(self.make_key)
        self.export_button.clicked.connect(self.export_key)
        self.publish_button.clicked.connect(self.start)
        self.out.textChanged.connect(lambda _text: self._enable())  # a new file: publish again
        self._enable(busy=True)
        fit_dialog(self, 680, 420)
        self._read_state()

    def _read_state(self) -> None:
        self.ops.query(self, _state(self.ops.session), success=self.show_state) \
            .failure(self.failed).run_in_background()

    def _enable(self, busy: bool = False) -> None:
        has_key = self.state is not None and self.state.key is not None
        self.keygen_button.setVisible(self.state is not None and not has_key)
        self.export_button.setEnabled(has_key and not busy)
        self.publish_button.setEnabled(has_key and not busy)

    def show_state(self, state: PublishState) -> None:
        self.state = state
        if not self.publisher.text():
            self.publisher.setText(state.publisher or (state.key.name if state.key else ""))
        if state.latest and self.as_at.count() == 0:
            self.as_at.addItem(state.latest)
        if not self.out.text() and state.latest:
            name = f"MAG {state.latest}{RELEASE_SUFFIX}"
            self.out.setText(str(Path.home() / name))
        if state.key is None:
            self.key_label.setText("This laptop has no publisher key yet. Make one once: "
                                   "members trust it, so keep the same key for every "
                                   "release.")
        else:
            self.key_label.setText(f"Publisher key fingerprint <b>{state.key.fingerprint}"
                                   "</b> (members check it once, when they first open a "
                                   "release).")
        self._enable()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the release as", self.out.text(),
                                              f"MAG Desktop release (*{RELEASE_SUFFIX})")
        if path:
            self.out.setText(path if path.endswith(RELEASE_SUFFIX) else path + RELEASE_SUFFIX)

    def make_key(self) -> None:
        name = self.publisher.text().strip()
        if not name:
            self.outcome.setText("<b>Name the publisher first</b>: members see who published "
                                "each release.")
            return
        self._enable(busy=True)

        def work(_progress: Progress, _cancel: CancelToken) -> PublicKey:
            return keys.keygen(name)

        self.ops.query(self, work, success=self._key_made).failure(self.failed) \
            .run_in_background()

    def _key_made(self, key: PublicKey) -> None:
        self.outcome.setText("A key pair was made. Export the public key for members, and read "
                            f"them its fingerprint: <b>{key.fingerprint}</b>")
        self._read_state()

    def export_key(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the public key",
                                              str(Path.home() / "taskforce-clerk-key.json"),
                                              "Publisher key (*.json)")
        if not path:
            return

        def work(_progress: Progress, _cancel: CancelToken) -> PublicKey:
            return keys.export_public_key(Path(path))

        def saved(key: PublicKey) -> None:
            self.outcome.setText(f"The public key is saved in {_html(path)}. Its fingerprint "
                                 f"to read aloud: <b>{key.fingerprint}</b>")

        self.ops.query(self, work, success=saved).failure(self.failed).run_in_background()

    def start(self) -> None:
        out, name = self.out.text().strip(), self.publisher.text().strip()
        as_at = self.as_at.currentText().strip() or None
        if not out:
            self.outcome.setText("<b>Choose where to save the release.</b>")
            return
        store = self.ops.session.store
        self._enable(busy=True)
        self.outcome.setText("Publishing…")

        def work(progress: Progress, _cancel: CancelToken) -> Manifest:
            return publish(store, Path(out), as_at=as_at, publisher=name, progress=progress)

        self.ops.query(self, work, success=self._published).failure(self.failed) \
            .with_progress("Publishing the release").run_in_background()

    def _published(self, manifest: Manifest) -> None:
        self.published = manifest
        fp = self.state.key.fingerprint if self.state and self.state.key else ""
        self.outcome.setText(
            f"<b>Published.</b> {_html(manifest.headline())}.<br>The file is "
            f"<b>{_html(self.out.text().strip())}</b>.<br>Members check this fingerprint once: "
            f"<b>{fp}</b>")
        self._enable()
        self.publish_button.setEnabled(False)  # published: not twice to the same file

    def failed(self, message: str) -> None:
        self.outcome.setText(f"<b>Not done.</b> {_html(message)}")
        self._enable()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
