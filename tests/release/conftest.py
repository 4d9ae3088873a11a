"""Release fixtures: a publisher key, a member laptop that trusts it, and a published release.

The key folder and the releases folder are per test (``MAG_KEYS_DIR``, ``MAG_RELEASES_DIR``); the
sample store is published once per run and copied, with its key, into each test that uses it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mag_desktop.core.release import keys, trust
from mag_desktop.core.release.manifest import Manifest
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store

PUBLISHER = "the Taskforce clerk"


@dataclass(frozen=True)
class Published:
    file: Path
    manifest: Manifest
    keys: Path  # the publisher's key folder


@pytest.fixture(autouse=True)
def release_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAG_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("MAG_RELEASES_DIR", str(tmp_path / "releases"))
    return tmp_path / "releases"


@pytest.fixture(scope="session")
def published_sample(sample_store_file: Path, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[Published]:
    """The sample store published once, by a key made for the run."""
    folder = tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAG_KEYS_DIR", str(folder / "keys"))
        keys.keygen(PUBLISHER)
        with Store.open(sample_store_file, readonly=True) as store:
            manifest = publish(store, folder / "sample.magrelease")
    yield Published(folder / "sample.magrelease", manifest, folder / "keys")


@pytest.fixture
def release_file(published_sample: Published, tmp_path: Path) -> Path:
    """A copy of the published sample release, with the publisher's key in this test's key
    folder and trusted there (the clerk's laptop and the member's, in one)."""
    shutil.copytree(published_sample.keys, tmp_path / "keys", dirs_exist_ok=True)
    trust.trust(keys.own_public_key())
    target = tmp_path / "sample.magrelease"
    shutil.copy(published_sample.file, target)
    return target

