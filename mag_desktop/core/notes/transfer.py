"""Moving notes between laptops: one self-describing JSON file out, a strict merge back in.

The export holds ``format``, ``format_version``, ``exported_at`` and every note. An import
reads at most :data:`MAX_FILE_BYTES`, checks every field of every note before anything is
written (wrong types, unknown fields, hidden characters, over-long text, repeated ids), and
then merges in one transaction: a note new here is added, the newer edit of a note wins, and
nothing is deleted. A file with any fault changes nothing, and the message says where it is.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mag_desktop.core.notes import model
from mag_desktop.core.notes.book import MergeReport, NoteBook
from mag_desktop.core.notes.model import Note, NoteError

FORMAT = "mag-desktop-notes"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NOTES = 20_000
_TOP = {"format", "format_version", "exported_at", "notes"}
_NOTE = {"id", "kind", "item_id", "area_code", "quarter", "created_at", "edited_at", "text"}


@dataclass(frozen=True)
class Imported:
    path: Path
    exported_at: str
    report: MergeReport


def note_dict(note: Note) -> dict[str, str | None]:
    return {"id": note.id, "kind": note.kind, "item_id": note.item_id,
            "area_code": note.area_code, "quarter": note.quarter,
            "created_at": model.time_text(note.created_at),
            "edited_at": model.time_text(note.edited_at), "text": note.text}


def export_document(notes: list[Note]) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            "exported_at": model.time_text(model.now()),
            "notes": [note_dict(n) for n in notes]}


def write_json(document: dict[str, Any], target: Path) -> None:
    """Write ``document`` to ``target`` whole or not at all, readable by its owner only."""
    target = Path(target)
    if target.is_dir():
        raise NoteError(f"{target} is a folder: give a file name such as my-notes.json")
    temp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(temp, target)
    except OSError as exc:
        raise NoteError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)


def export_notes(book: NoteBook, target: Path) -> int:
    """Write every note of ``book`` to ``target``; returns how many."""
    notes = book.all()
    write_json(export_document(notes), target)
    return len(notes)


def read_export(path: Path) -> tuple[str, list[Note]]:
    """The checked notes of an export file (with its ``exported_at``); NoteError on any fault."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NoteError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise NoteError(f"{path.name} is larger than {MAX_FILE_BYTES // 1_048_576} MB, more than "
                        "any notes export holds: it was not read, and no note was changed")
    return parse_export(data, path.name)


def parse_export(data: bytes, name: str) -> tuple[str, list[Note]]:
    def fault(where: str, what: str) -> NoteError:
        return NoteError(f"{name}, {where}: {what}; nothing was imported")

    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise fault(f"byte {exc.start + 1:,}", "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise fault(f"line {exc.lineno}, column {exc.colno}",
                    f"not JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise fault("the file", f"not a notes export ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise fault("the file", "not a MAG Desktop notes export (no \"format\": "
                    f"\"{FORMAT}\" at its top)")
    extra = set(document) - _TOP
    if extra or _TOP - set(document):
        raise fault("the top", _fields(extra, _TOP - set(document)))
    version = document["format_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fault("format_version", f"{version!r} is not a format version")
    if version > FORMAT_VERSION:
        raise fault("format_version", f"version {version} was written by a newer MAG Desktop: "
                    "update the application to import it")
    _check(lambda: model.parse_time(document["exported_at"], field="exported_at"),
           fault, "exported_at")
    notes = document["notes"]
    if not isinstance(notes, list):
        raise fault("notes", f"a list of notes was expected, not {type(notes).__name__}")
    if len(notes) > MAX_NOTES:
        raise fault("notes", f"{len(notes):,} notes, more than the {MAX_NOTES:,} a file holds")
    checked: list[Note] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(notes, start=1):
        note = _note(raw, partial(fault, f"note {number}"))
        if note.id in seen:
            raise fault(f"note {number}", f"the id {note.id} repeats note {seen[note.id]}")
        seen[note.id] = number
        checked.append(note)
    return str(document["exported_at"]), checked


def _no_constant(word: str) -> None:
    raise ValueError(f"{word} is not allowed")


def _fields(extra: set[str], missing: set[str]) -> str:
    parts = []
    if missing:
        parts.append(f"missing {', '.join(sorted(missing))}")
    if extra:
        shown = ", ".join(sorted(repr(e[:40]) for e in extra)[:5])
        parts.append(f"fields not part of the format: {shown}")
    return "; ".join(parts)


def _check(step: Callable[[], object], fault: Callable[[str, str], NoteError],
           where: str) -> Any:
    try:
        return step()
    except NoteError as exc:
        raise fault(where, str(exc)) from None


def _note(raw: object, fault: Callable[[str], NoteError]) -> Note:
    if not isinstance(raw, dict):
        raise fault(f"a note (an object) was expected, not {type(raw).__name__}")
    if set(raw) != _NOTE:
        raise fault(_fields(set(raw) - _NOTE, _NOTE - set(raw)))
    for key, value in raw.items():
        if not (isinstance(value, str) or (key == "area_code" and value is None)):
            raise fault(f"{key} must be text, not {type(value).__name__}")
    note_id = raw["id"]
    if len(note_id) != 32 or any(c not in "0123456789abcdef" for c in note_id):
        raise fault(f"the id {note_id[:40]!r} is not 32 hexadecimal digits")
    hidden = model.INVISIBLE.findall(raw["text"])
    if hidden:
        names = ", ".join(sorted({f"U+{ord(c):04X} {unicodedata.name(c, 'control').lower()}"
                                  for c in hidden}))
        raise fault(f"its text holds hidden characters that make text display other than it "
                    f"reads ({names})")
    try:
        kind = model.check_kind(raw["kind"])
        area = model.clean_code(raw["area_code"], field="area_code", optional=True)
        if kind == "indicator" and area is None:
            raise NoteError("a note on an indicator needs its area_code")
        created = model.parse_time(raw["created_at"], field="created_at")
        edited = model.parse_time(raw["edited_at"], field="edited_at")
        if edited < created:
            raise NoteError("edited_at is before created_at")
        return Note(id=note_id, kind=kind,
                    item_id=str(model.clean_code(raw["item_id"], field="item_id")),
                    area_code=area.upper() if area else None,
                    quarter=model.check_quarter(raw["quarter"]),
                    created_at=created, edited_at=edited,
                    text=model.clean_text(raw["text"], field="its text"))
    except NoteError as exc:
        raise fault(str(exc)) from None


def import_notes(book: NoteBook, source: Path) -> Imported:
    """Check ``source`` whole, then merge its notes into ``book`` in one transaction."""
    exported_at, notes = read_export(source)
    return Imported(Path(source), exported_at, book.merge(notes))
