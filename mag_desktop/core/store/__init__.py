"""The SQLite store: schema and migrations, the writer lock, backups and restore."""

from mag_desktop.core.store.location import default_store_path, resolve_store_path
from mag_desktop.core.store.store import Store

__all__ = ["Store", "default_store_path", "resolve_store_path"]
