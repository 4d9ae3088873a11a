"""Disclosure control of a large import in a worker process: the same flags as in this process,
and the import never depends on the worker (started, dead or failing, the flags are right)."""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mag_desktop.core.disclosure import worker
from mag_desktop.core.disclosure.refresh import flags_in_memory

HEADINGS = ["ALL", "ASIAN", "BLACK", "MIXED", "WHITE", "OTHER"]
CHILDREN = {"AUTH": ("W1", "W2", "W3", "W4", "W5")}
UNITS = {"CNT": "count", "PCT": "%"}


def _frame(seed: int = 7) -> pd.DataFrame:
    """Two indicators (a count, and a percentage with its counts) over two periods, an
    authority and its five wards, All and the five headings; about one cell in twelve
    suppressed by the publisher."""
    rng = np.random.default_rng(seed)
    rows = []
    for indicator in ("CNT", "PCT"):
        for period in ("2024 Q1", "2024 Q2"):
            counts = {(w, g): int(rng.integers(20, 200)) for w in CHILDREN["AUTH"]
                      for g in HEADINGS[1:]}
            for area in ("AUTH", *CHILDREN["AUTH"]):
                for group in HEADINGS:
                    wards = CHILDREN["AUTH"] if area == "AUTH" else (area,)
                    heads = HEADINGS[1:] if group == "ALL" else (group,)
                    n = float(sum(counts[w, g] for w in wards for g in heads))
                    secret = area != "AUTH" and group != "ALL" and rng.random() < 0.12
                    value = np.nan if secret else (n if indicator == "CNT" else 100 * n / 5000)
                    rows.append((indicator, period, area, group, value,
                                 np.nan if secret or indicator == "CNT" else n,
                                 np.nan if indicator == "CNT" else 5000.0,
                                 "[c]" if secret else None))
    frame = pd.DataFrame(rows, columns=list(worker.COLUMNS))
    for text in ("indicator", "period", "area_code", "group_code", "marker"):
        frame[text] = pd.Series([r[worker.COLUMNS.index(text)] for r in rows], dtype=object)
    return frame  # as the importer gives it: text as Python objects, None where empty


def _args() -> tuple[object, ...]:
    return (set(), CHILDREN, UNITS, {"CNT": 10.0, "PCT": 10.0})


def _refuse(frame: pd.DataFrame) -> np.ndarray:
    raise AssertionError("worked out in this process, not by the worker")


def test_packing_keeps_every_value_and_tells_none_from_nan() -> None:
    frame = _frame()
    frame.loc[3, "marker"] = float("nan")
    back = worker.unpack(worker.pack(frame))
    assert list(back.columns) == list(worker.COLUMNS)
    assert back["marker"][0] is None and back["marker"][3] != back["marker"][3]
    pd.testing.assert_frame_equal(back, frame[list(worker.COLUMNS)])
    strings = frame.astype({"area_code": "str"})  # pandas' own string type comes back as such
    assert worker.unpack(worker.pack(strings))["area_code"].dtype == strings["area_code"].dtype


def test_the_worker_gives_the_flags_worked_out_here() -> None:
    frame = _frame()
    expected = flags_in_memory(frame, *_args())  # type: ignore[arg-type]
    assert (expected != 0).sum() > frame["marker"].notna().sum() * 0.5  # withheld beside [c]
    one = worker.Worker()
    try:
        got = one.submit(frame, (*_args(), 1), _refuse).result(timeout=60)
        again = one.submit(_frame(8), (*_args(), 1), _refuse).result(timeout=60)
    finally:
        one.close()
    assert one.ended.wait(timeout=30)
    assert np.array_equal(got, expected)
    assert np.array_equal(again, flags_in_memory(_frame(8), *_args()))  # type: ignore[arg-type]


def test_a_dead_worker_leaves_the_flags_to_this_process() -> None:
    frame = _frame()
    one = worker.Worker()
    one._process.terminate()
    one._process.join(timeout=10)
    calls = []

    def here(rows: pd.DataFrame) -> np.ndarray:
        calls.append(len(rows))
        return flags_in_memory(rows, *_args())  # type: ignore[arg-type]

    got = one.submit(frame, (*_args(), 1), here).result(timeout=60)
    one.close()
    assert calls == [len(frame)]
    assert np.array_equal(got, flags_in_memory(frame, *_args()))  # type: ignore[arg-type]


def test_a_failure_in_the_worker_is_worked_out_here_and_raised_here() -> None:
    frame = _frame()
    one = worker.Worker()
    try:
        broken = one.submit(frame, ("not the slices held", None, None, None, 1),
                            lambda rows: flags_in_memory(rows, *_args()))  # type: ignore[arg-type]
        assert np.array_equal(broken.result(timeout=60),
                              flags_in_memory(frame, *_args()))  # type: ignore[arg-type]

        def fails(rows: pd.DataFrame) -> np.ndarray:
            raise ValueError("a fault in disclosure control")

        failed = one.submit(frame, ("not the slices held", None, None, None, 1), fails)
        with pytest.raises(ValueError, match="a fault in disclosure control"):
            failed.result(timeout=60)
    finally:
        one.close()


def test_a_worker_stands_by_only_when_wanted_and_ends_with_the_block() -> None:
    with worker.standing_by(False):
        assert worker.standing() is None
    with worker.standing_by(True):
        started = worker.standing()
        assert started is not None
        process = started._process
    assert worker.standing() is None
    assert started.ended.wait(timeout=30)
    assert not process.is_alive() and process.exitcode == 0  # told to stop, not stopped


def test_a_worker_that_cannot_start_leaves_threads_to_do_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(self: worker.Worker) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(worker.Worker, "__init__", cannot)
    with worker.standing_by(True):
        assert worker.standing() is None


def test_no_worker_for_a_script_that_would_run_again_in_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process runs the main script's top level again: without the usual guard that
    would be a second import, so such a script gets threads instead."""
    bare, guarded = tmp_path / "bare.py", tmp_path / "guarded.py"
    bare.write_text("run_import(store, path)\n")
    guarded.write_text("def main():\n    run_import(store, path)\n\n"
                       "if __name__ == '__main__':\n    main()\n")
    for script, expected in ((bare, False), (guarded, True), (None, True)):
        main = types.ModuleType("__main__")
        if script is not None:
            main.__file__ = str(script)
        monkeypatch.setitem(sys.modules, "__main__", main)
        with worker.standing_by(True):
            assert (worker.standing() is not None) is expected, script


def _silent(conn: object) -> None:
    """A worker that never says it is ready (stuck starting)."""
    time.sleep(120)


def test_a_worker_that_never_answers_is_stopped_and_the_flags_worked_out_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "_serve", _silent)
    monkeypatch.setattr(worker, "START_SECONDS", 1.0)
    frame = _frame()
    one = worker.Worker()
    calls: list[int] = []

    def here(rows: pd.DataFrame) -> np.ndarray:
        calls.append(len(rows))
        return flags_in_memory(rows, *_args())  # type: ignore[arg-type]

    started = time.monotonic()
    got = one.submit(frame, (*_args(), 1), here).result(timeout=60)
    assert time.monotonic() - started < 30
    assert calls == [len(frame)]
    assert np.array_equal(got, flags_in_memory(frame, *_args()))  # type: ignore[arg-type]
    one.close()
    assert one.ended.wait(timeout=30)
    assert not one._process.is_alive()


def test_an_import_that_ends_while_its_rows_are_sent_stops_the_worker_cleanly() -> None:
    """The import failed (say, the disk filled) after the rows were handed over: the worker is
    stopped at once, nothing is worked out for nobody, and no garbled message reaches it."""
    base = _frame()
    many = pd.concat([base.assign(period=f"P{k}") for k in range(2_000)], ignore_index=True)
    for text in ("indicator", "period", "area_code", "group_code", "marker"):
        many[text] = pd.Series(many[text].tolist(), dtype=object)
    one = worker.Worker()
    future = one.submit(many, (*_args(), 1), _refuse)
    one.close()
    assert one.ended.wait(timeout=60)
    assert future.cancelled()
    assert not one._process.is_alive()
