"""A release's data is never taken for a backup (its confidential figures are blanked), and a
release id is only ever the plain form of a UUID (it becomes a file name when installed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreError
from mag_desktop.core.release.manifest import _uuid
from mag_desktop.core.store import Store, maintenance


def test_a_release_snapshot_is_not_restored_as_a_backup(release_file: Path, store: Store,
                                                        tmp_path: Path) -> None:
    with zipfile.ZipFile(release_file) as archive:
        archive.extract("snapshot.sqlite", tmp_path)
    before = maintenance.content_checksum(store.conn)
    with pytest.raises(StoreError, match="the data of a published release, not a backup"):
        maintenance.restore(store, tmp_path / "snapshot.sqlite")
    assert maintenance.content_checksum(store.conn) == before


@pytest.mark.parametrize("text", ["urn:uuid:12345678-1234-5678-1234-567812345678",
                                  "{12345678-1234-5678-1234-567812345678}",
                                  "12345678123456781234567812345678"])
def test_a_release_id_is_the_plain_form_only(text: str) -> None:
    with pytest.raises(ValueError, match="not a release id"):
        _uuid(text)
    _uuid("12345678-1234-5678-1234-567812345678")
