"""Where a laptop keeps release keys and installed releases (never beside the store, never in a
release, a backup or the project): the user's data folder, or the folders that
``MAG_KEYS_DIR`` and ``MAG_RELEASES_DIR`` name (for tests and unusual set-ups)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from mag_desktop.core.store.location import APP_AUTHOR, APP_NAME

#: The extension of a release file (any name is accepted when opened by hand).
RELEASE_SUFFIX = ".magrelease"


def _user_folder(name: str) -> Path:
    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / name


def keys_dir() -> Path:
    """The publisher's own key pair and the publishers this laptop trusts."""
    override = os.environ.get("MAG_KEYS_DIR")
    return Path(override).expanduser() if override else _user_folder("keys")


def trusted_dir() -> Path:
    return keys_dir() / "trusted"


def releases_dir() -> Path:
    """The releases installed on this laptop (the current one and the one before)."""
    override = os.environ.get("MAG_RELEASES_DIR")
    return Path(override).expanduser() if override else _user_folder("releases")
