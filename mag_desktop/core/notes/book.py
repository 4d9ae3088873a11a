"""The notes file's API: add, edit, delete, find and merge notes, each write all or nothing.

Every write runs in one ``BEGIN IMMEDIATE`` transaction, so two processes (the window and the
command line) never interleave half a change; a writer that waits longer than the busy timeout
gets a plain "busy" message. A note is found by its id or by a unique start of it (the eight
digits ``notes list`` shows).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from types import TracebackType

from mag_desktop.core.notes import model
from mag_desktop.core.notes.model import Kind, Note, NoteError
from mag_desktop.core.notes.schema import connect

MIN_PREFIX = 4
_COLUMNS = "id, kind, item_id, area_code, quarter, created_at, edited_at, text"


@dataclass(frozen=True)
class MergeReport:
    """What a merge did: notes new to this file, notes replaced by a newer edit, the rest."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def text(self) -> str:
        return (f"{self.added:,} added, {self.updated:,} updated (a newer edit), "
                f"{self.unchanged:,} unchanged")


def _row(row: tuple[str, ...]) -> Note:
    return Note(id=row[0], kind=model.check_kind(row[1]), item_id=row[2], area_code=row[3],
                quarter=row[4], created_at=model.parse_time(row[5], field="created_at"),
                edited_at=model.parse_time(row[6], field="edited_at"), text=row[7])


def _values(note: Note) -> tuple[str | None, ...]:
    return (note.id, note.kind, note.item_id, note.area_code, note.quarter,
            model.time_text(note.created_at), model.time_text(note.edited_at), note.text)


def newest_first(notes: Iterable[Note]) -> list[Note]:
    """Newest quarter first; within a quarter, the newest note first."""
    ordered = sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True)
    return sorted(ordered, key=lambda n: model.quarter_key(n.quarter), reverse=True)


class NoteBook:
    """One open notes file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path) -> NoteBook:
        return cls(connect(Path(path)), Path(path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> NoteBook:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One transaction: everything in it is written, or nothing is."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise NoteError(f"the notes file is busy (another window or command is writing "
                            f"to it), so {doing} did not happen: try again") from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # -- reading ------------------------------------------------------------------------------
    def get(self, id_or_start: str) -> Note:
        """The note with this id, or the one note whose id starts so; NoteError otherwise."""
        start = (id_or_start or "").strip().lower()
        if len(start) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in start):
            raise NoteError(f'"{id_or_start}" is not a note id: give the id that '
                            "'mag-desktop notes list' shows (at least four of its digits)")
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM note WHERE id LIKE ? LIMIT 2",
                                 (start + "%",)).fetchall()
        if not rows:
            raise NoteError(f"there is no note {id_or_start} in {self.path}")
        if len(rows) > 1:
            raise NoteError(f"more than one note starts with {id_or_start}: give more digits")
        return _row(rows[0])

    def all(self, quarter: str | None = None) -> list[Note]:
        """Every note (or a quarter's), newest quarter first, newest note first within it."""
        if quarter:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM note WHERE quarter = ?",
                                     (model.check_quarter(quarter),))
        else:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM note")
        return newest_first(_row(r) for r in rows)

    def for_item(self, kind: Kind, item_id: str, area_code: str | None = None) -> list[Note]:
        """The notes beside one commitment, or one indicator for one area (for every area when
        ``area_code`` is None), newest first."""
        sql = f"SELECT {_COLUMNS} FROM note WHERE kind = ? AND item_id = ?"
        params: list[str] = [model.check_kind(kind), item_id]
        if area_code and kind == "indicator":
            sql += " AND area_code = ?"
            params.append(area_code)
        return newest_first(_row(r) for r in self.conn.execute(sql, params))

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM note").fetchone()[0])

    # -- writing ------------------------------------------------------------------------------
    def add(self, kind: str, item_id: str, text: str, *, area_code: str | None = None,
            quarter: str | None = None) -> Note:
        """A new note on a commitment (``item_id`` its id) or an indicator (its code, with the
        ``area_code`` looked at), written in ``quarter`` (default: the calendar quarter)."""
        checked = model.check_kind(kind)
        area = model.clean_code(area_code, field="the area code", optional=True)
        if checked == "indicator" and area is None:
            raise NoteError("a note on an indicator needs the area it is about (--area CODE)")
        moment = model.now()
        note = Note(
            id=model.new_id(), kind=checked,
            item_id=str(model.clean_code(item_id, field=f"the {checked} id")),
            area_code=area.upper() if area else None,
            quarter=model.check_quarter(quarter) if quarter else model.calendar_quarter(),
            created_at=moment, edited_at=moment, text=model.clean_text(text),
        )
        with self.write("adding the note") as conn:
            conn.execute(f"INSERT INTO note({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         _values(note))
        return note

    def edit(self, id_or_start: str, text: str) -> Note:
        """New text for a note; its quarter stays the one it was written in."""
        cleaned = model.clean_text(text)
        with self.write("editing the note") as conn:
            note = self.get(id_or_start)
            moment = max(model.now(), note.edited_at + timedelta(microseconds=1))
            edited = replace(note, text=cleaned, edited_at=moment)
            conn.execute("UPDATE note SET text = ?, edited_at = ? WHERE id = ?",
                         (edited.text, model.time_text(moment), note.id))
        return edited

    def delete(self, id_or_start: str) -> Note:
        with self.write("deleting the note") as conn:
            note = self.get(id_or_start)
            conn.execute("DELETE FROM note WHERE id = ?", (note.id,))
        return note

    def merge(self, notes: Iterable[Note]) -> MergeReport:
        """Bring notes in: a note new here is added; for a note already here (same id) the
        newer edit wins; nothing is deleted. All in one transaction."""
        added = updated = unchanged = 0
        with self.write("merging the notes") as conn:
            for note in notes:
                row = conn.execute("SELECT edited_at FROM note WHERE id = ?",
                                   (note.id,)).fetchone()
                if row is None:
                    conn.execute(f"INSERT INTO note({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 _values(note))
                    added += 1
                elif note.edited_at > model.parse_time(row[0], field="edited_at"):
                    conn.execute(
                        "UPDATE note SET kind = ?, item_id = ?, area_code = ?, quarter = ?,"
                        " created_at = ?, edited_at = ?, text = ? WHERE id = ?",
                        (*_values(note)[1:], note.id))
                    updated += 1
                else:
                    unchanged += 1
        return MergeReport(added, updated, unchanged)
