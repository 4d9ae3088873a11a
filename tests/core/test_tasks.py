"""Long work: progress over steps, cancelling, and the collector paused for bulk work."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mag_desktop.core.ingest.service import run_import
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import Cancelled, CancelToken, Steps, gc_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_steps_map_onto_one_bar_and_stop_when_cancelled() -> None:
    seen: list[float] = []
    cancel = CancelToken()
    steps = Steps(lambda f, m: seen.append(f), cancel, read=3, write=1)
    steps.report("read", 0.5, "")
    steps.report("write", 1.0, "")
    assert seen == [pytest.approx(0.375), pytest.approx(1.0)]
    cancel.cancel()
    with pytest.raises(Cancelled):
        steps.report("write", 1.0, "")


def test_overlapping_pauses_turn_the_collector_back_on_once(collector_on: None) -> None:
    first, second = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            first.set()
            second.wait(5)

    worker = threading.Thread(target=other)
    with gc_paused():
        assert not gc.isenabled()
        worker.start()
        assert first.wait(5)
    assert not gc.isenabled()  # the other pause is still running
    second.set()
    worker.join()
    assert gc.isenabled()


def test_a_pause_keeps_a_collector_that_was_off_off(collector_on: None) -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_an_import_pauses_the_collector_and_turns_it_back_on(
        store: Store, tmp_path: Path, collector_on: None) -> None:
    seen: list[bool] = []
    run_import(store, tmp_path / "missing.xlsx", progress=lambda f, m: seen.append(
        gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


def test_an_import_says_what_it_is_doing_before_the_sheets_are_parsed(
        store: Store, tmp_path: Path) -> None:
    path = tmp_path / "definitions.csv"
    path.write_text("Indicator ID,Indicator name,Theme,Unit,Polarity\r\n"
                    "CNT_IND,A count of residents,Health and wellbeing,count,No judgement\r\n")
    seen: list[tuple[float, str]] = []
    result = run_import(store, path, progress=lambda f, m: seen.append((f, m)))
    assert result.status == "ok", result.message
    words = [m.split()[0] for _, m in seen]
    assert words[:3] == ["checking", "opening", "reading"], words
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)  # the bar never goes back
