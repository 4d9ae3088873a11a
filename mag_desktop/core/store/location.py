"""Where the store lives: ``--store PATH`` beats ``MAG_STORE``, which beats the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "MAG Desktop"
APP_AUTHOR = "WMCA"
STORE_FILE = "mag-desktop.sqlite"


def default_store_path() -> Path:
    """The per-user, local (not roaming) data folder, e.g. ~/.local/share/MAG Desktop/."""
    folder = user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)
    return Path(folder) / STORE_FILE


def resolve_store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("MAG_STORE")
    if env:
        return Path(env).expanduser()
    return default_store_path()


def backups_dir(store_path: Path) -> Path:
    """Backups sit beside the store, in a folder named after it."""
    return store_path.parent / f"{store_path.stem}-backups"
