"""Ward packs in bulk: one file per ward of an authority, in any pack format, on every core.

Workers are separate processes started with "spawn" (never "fork": the caller may be running a
QApplication), each opening the store read-only once. Each file is written under a temporary
name in the destination folder and renamed when complete. A ward that fails is reported and
the others carry on; a cancel stops the pending wards, lets the running ones finish (so no
partial file is left) and returns what was done. Existing files are kept unless ``overwrite``,
once checked (see :mod:`kept`). The main process writes ``manifest.csv`` and records the packs
in the store's pack log, kept ones too when no earlier run recorded them.

Workers exit as soon as the process that started them goes, however it goes (a crash, a kill,
the window closed): each watches its parent's sentinel, which the operating system signals
when the parent dies, so no orphan keeps writing packs or holding the store open.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import sqlite3
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from mag_desktop.core.briefing import kept
from mag_desktop.core.briefing.builder import audience_of
from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, pack_format
from mag_desktop.core.briefing.manifest import MANIFEST, read_manifest, write_manifest
from mag_desktop.core.briefing.pack import (
    DEFAULT_OPTIONS,
    PackFile,
    PackOptions,
    log_packs,
    remove_temporaries,
    sanitise,
    write_pack,
)
from mag_desktop.core.errors import UsageError
from mag_desktop.core.store import Store, pack_log
from mag_desktop.core.store.connection import connect
from mag_desktop.core.store.reads import areas
from mag_desktop.core.tasks import CancelToken, Progress, no_progress

POLL_SECONDS = 0.1
_worker_conn: dict[str, sqlite3.Connection] = {}  # one read-only connection per worker


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    file: Path


@dataclass
class BatchResult:
    folder: Path
    manifest: Path | None = None
    written: list[PackFile] = field(default_factory=list)
    skipped: list[Ward] = field(default_factory=list)  # existing files kept
    kept: list[PackFile] = field(default_factory=list)  # what the kept files hold
    failed: list[tuple[Ward, str]] = field(default_factory=list)
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def ward_list(conn: sqlite3.Connection, authority_code: str, folder: Path,
              only: list[str] | None = None, format: str = DEFAULT_FORMAT) -> list[Ward]:
    """The authority's wards (or the codes in ``only``) with their files, by name:
    "E05011118_Acocks_Green.pdf", "…_Acocks_Green_accessible.pdf", "…_Acocks_Green.html"."""
    kind = pack_format(format)
    audience = audience_of(conn, authority_code)
    if audience.level != "authority":
        raise UsageError(f"{audience.name} is a ward: a batch is made for an authority's wards")
    rows = areas.wards_by_name(conn, audience.code)
    if only is not None:
        known = dict(rows)
        rows = [(code, known.get(code, code)) for code in only]
    return [Ward(code, name, folder / f"{code}_{sanitise(name + kind.suffix)}{kind.extension}")
            for code, name in rows]


def _exit_with_parent() -> None:
    """In a worker: end this process the moment its parent ends."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(3)  # the parent is gone: nobody will use what this worker makes

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_init(store_path: str, format: str = DEFAULT_FORMAT) -> None:
    _exit_with_parent()
    _worker_conn[store_path] = connect(Path(store_path), readonly=True)
    pack_format(format).renderer()  # the renderer loaded once per worker, before the first ward
    if format == "pdf":
        from mag_desktop.core.briefing.styles import paragraph_styles

        paragraph_styles()  # fonts and styles too


def _make_ward_pack(store_path: str, ward: Ward, options: PackOptions) -> PackFile:
    conn = _worker_conn.get(store_path)
    if conn is None:  # in-process run (jobs=1), or a worker started without the initializer
        _worker_init(store_path, options.format)
        conn = _worker_conn[store_path]
    return write_pack(conn, ward.code, ward.file, options)


def _message(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if isinstance(error, UsageError) else f"{type(error).__name__}: {text}"


def run_batch(
    store: Store, authority_code: str, folder: Path, options: PackOptions = DEFAULT_OPTIONS,
    *, jobs: int | None = None, overwrite: bool = False, wards: list[str] | None = None,
    progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> BatchResult:
    """One pack per ward of ``authority_code`` in ``folder``; ``jobs`` processes (default: one
    per core; 1 runs in this process). ``wards`` limits the run to some ward codes."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    result = BatchResult(folder=folder)
    with store.read() as conn:  # any thread may run a batch
        listed = ward_list(conn, authority_code, folder, wards, options.format)
    todo = _to_make(listed, overwrite, result)
    total = len(todo)
    progress(0.0, f"{total} ward packs to write, {len(result.skipped)} kept")
    jobs = max(1, min(jobs or os.cpu_count() or 1, total or 1))
    try:
        if jobs == 1:
            _run_here(str(store.path), todo, options, result, progress, cancel)
        else:
            _run_pool(str(store.path), todo, options, result, jobs, progress, cancel)
    finally:
        remove_temporaries(folder)
        result.written.sort(key=lambda p: p.path.name)
        result.manifest = write_manifest(folder, [*result.written, *result.kept],
                                         options.format)
        with store.read() as conn:
            unrecorded = _not_logged(conn, result.kept)
        note = log_packs(store, [*result.written, *unrecorded], {"batch": str(folder.resolve())})
        if note:
            result.notes.append(note)
        result.seconds = time.perf_counter() - started
    return result


def _to_make(wards: list[Ward], overwrite: bool, result: BatchResult) -> list[Ward]:
    """The wards to make: all with ``overwrite``, else those without a sound pack in place."""
    if overwrite:
        return wards
    earlier = {row["file"]: row for row in read_manifest(result.folder / MANIFEST)}
    todo = []
    for ward in wards:
        if not ward.file.exists():
            todo.append(ward)
            continue
        found = kept.describe(ward.file, ward.code, ward.name, earlier.get(ward.file.name))
        if found.pack is None:
            result.notes.append(f"made again: {found.why}")
            todo.append(ward)
        else:
            result.skipped.append(ward)
            result.kept.append(found.pack)
    return todo


def _not_logged(conn: sqlite3.Connection, packs: list[PackFile]) -> list[PackFile]:
    """Kept packs the pack log does not hold yet (written by a run killed before recording)."""
    logged = pack_log.logged_sha256s(conn)
    return [p for p in packs if p.sha256 not in logged]


def _done(result: BatchResult, progress: Progress, total: int, ward: Ward) -> None:
    finished = len(result.written) + len(result.failed)
    progress(finished / max(total, 1), f"{finished}/{total} {ward.name}")


def _run_here(store_path: str, todo: list[Ward], options: PackOptions, result: BatchResult,
              progress: Progress, cancel: CancelToken) -> None:
    for ward in todo:
        if cancel.cancelled:
            result.cancelled = True
            return
        try:
            result.written.append(_make_ward_pack(store_path, ward, options))
        except Exception as error:  # one ward's failure must not stop the others
            result.failed.append((ward, _message(error)))
        _done(result, progress, len(todo), ward)


def _run_pool(store_path: str, todo: list[Ward], options: PackOptions, result: BatchResult,
              jobs: int, progress: Progress, cancel: CancelToken) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init,
                             initargs=(store_path, options.format)) as pool:
        pending: dict[Future[PackFile], Ward] = {
            pool.submit(_make_ward_pack, store_path, ward, options): ward for ward in todo
        }
        while pending:
            done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                ward = pending.pop(future)
                error = future.exception()
                if error is None:
                    result.written.append(future.result())
                else:
                    result.failed.append((ward, _message(error)))
                _done(result, progress, len(todo), ward)
            if cancel.cancelled and pending:
                result.cancelled = True
                for future in pending:
                    future.cancel()  # running ones finish and rename their file
                for future in wait(pending).done:
                    if future.cancelled():
                        continue
                    error = future.exception()
                    if error is None:
                        result.written.append(future.result())
                    else:
                        result.failed.append((pending[future], _message(error)))
                return
