"""SQLite's quick integrity check on a thread of its own, so that a large store opens without
waiting for it (about half a second on 2,000,000 observations) while writes still wait for the
verdict. The window starts it once its first view is on screen, so that the check does not
compete with the first reads; any write starts it too, and waits."""

from __future__ import annotations

import threading
from contextlib import closing
from pathlib import Path

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import faults
from mag_desktop.core.store.connection import connect


class IntegrityCheck:
    """:meth:`start` begins it (once); :meth:`verdict` starts it if need be, waits for it and
    returns the fault, or None."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problem: StoreError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity check", daemon=True)
        self._starting = threading.Lock()

    def start(self) -> None:
        with self._starting:
            if self._thread.ident is None:
                self._thread.start()

    def _run(self) -> None:
        try:
            with closing(connect(self.path, readonly=True)) as conn:
                faults.quick_check(conn, self.path)
        except Exception as exc:  # a file that cannot even be read for the check is not written
            self._problem = faults.plain(exc, self.path) or faults.damaged(self.path, str(exc))

    def verdict(self) -> StoreError | None:
        self.start()
        self._thread.join()
        return self._problem
