"""One read-only connection per thread, opened on first use and all closed with the store.

SQLite connections must not be shared by threads doing work at the same moment; a connection
per thread lets any thread read while another writes (write-ahead logging: a reader sees the
last committed state, never a write in progress). A connection whose thread has ended is
closed the next time a connection is handed out, so a pool of short-lived threads does not
leave files open.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable


class ThreadReaders:
    def __init__(self, open_reader: Callable[[], sqlite3.Connection]) -> None:
        self._open = open_reader
        self._guard = threading.Lock()
        self._by_thread: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {}
        self._closed = False

    def get(self) -> sqlite3.Connection:
        """This thread's read-only connection (opened the first time it is asked for)."""
        me = threading.current_thread()
        with self._guard:
            if self._closed:
                raise sqlite3.ProgrammingError("the store is closed")
            held = self._by_thread.get(me.ident or 0)
            if held is not None and held[0] is me:
                return held[1]
            self._close_finished()
        conn = self._open()
        with self._guard:
            if self._closed:
                conn.close()
                raise sqlite3.ProgrammingError("the store is closed")
            self._by_thread[me.ident or 0] = (me, conn)
        return conn

    def _close_finished(self) -> None:
        for ident, (thread, conn) in list(self._by_thread.items()):
            if not thread.is_alive():
                conn.close()
                del self._by_thread[ident]

    def open_count(self) -> int:
        with self._guard:
            return len(self._by_thread)

    def close(self) -> None:
        """Close every thread's connection (each is closed here, whichever thread opened it)."""
        with self._guard:
            self._closed = True
            held = list(self._by_thread.values())
            self._by_thread.clear()
        for _thread, conn in held:
            conn.close()
