"""Copying a large write's log into the store file on a thread of its own.

The store uses write-ahead logging: a transaction's pages go to the ``-wal`` file, and a
checkpoint later copies them into the store file. SQLite runs that checkpoint as part of the
commit that crosses a thousand pages, so the import of a million rows waited at its commit
while 170 MB were copied (about half a second). A bulk write asks for the checkpoint to be left
to a thread with a connection of its own, which runs a passive checkpoint just after the commit
(it neither blocks readers nor waits for them, and a later checkpoint finishes what it could
not). The committed rows are safe either way: the log is part of the store until it is copied,
and SQLite reads and recovers it on the next open if the process ends first.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class Checkpoints:
    """At most one checkpoint thread at a time for one store; :meth:`wait` before the file is
    closed, replaced or copied whole."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    def start(self) -> None:
        """Run a checkpoint soon (once more after the running one, if one runs)."""
        with self._guard:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, name="store-checkpoint",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn = sqlite3.connect(self._path, isolation_level=None)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                finally:
                    conn.close()
            except sqlite3.Error:  # busy or gone: the next commit's or close's checkpoint
                pass
            with self._guard:
                if not self._again:
                    return
                self._again = False

    def wait(self) -> None:
        """Until no checkpoint runs."""
        with self._guard:
            thread = self._thread
        if thread is not None:
            thread.join()

    @property
    def running(self) -> bool:
        with self._guard:
            return self._thread is not None and self._thread.is_alive()
