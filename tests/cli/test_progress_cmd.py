"""``mag-desktop progress``: Is it working? on the command line, as the core says it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mag_desktop.cli.main import main
from mag_desktop.core.links.listing import linked_commitments, widening_ids
from mag_desktop.core.links.progress import commitment_progress
from mag_desktop.core.store import Store


def test_every_linked_commitment_in_its_own_areas(
        sample_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(sample_store), "progress", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    with Store.open(sample_store, readonly=True) as store:
        linked = linked_commitments(store.conn)
        expected = [p for cid in sorted(linked) for p in commitment_progress(store.conn, cid)]
        widening = widening_ids(store.conn)
    assert len(linked) >= 10  # the sample links a realistic share of its commitments
    assert [(r["commitment"], r["area"], r["movement"], r["sentence"]) for r in records] == [
        (p.commitment_id, p.area_name, str(p.movement), p.sentence) for p in expected]
    assert main(["--store", str(sample_store), "progress", "--widening", "--json"]) == 0
    assert {r["commitment"] for r in json.loads(capsys.readouterr().out)} == widening


def test_one_commitment_for_an_area_in_words(
        sample_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(sample_store, readonly=True) as store:
        cid = sorted(linked_commitments(store.conn))[0]
        expected = commitment_progress(store.conn, cid, "E08000026")  # Coventry
    assert main(["--store", str(sample_store), "progress", cid, "--area", "Coventry"]) == 0
    out = capsys.readouterr().out
    for p in expected:
        assert f"{cid} · Coventry · {p.mark_and_aim}" in out and p.sentence in out
    assert "does not show that the commitment caused it" in out


def test_an_unknown_commitment_or_area_is_one_line(
        sample_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(sample_store), "progress", "NO-SUCH-1"]) != 0
    err = capsys.readouterr().err
    assert "NO-SUCH-1" in err and "Traceback" not in err
    assert main(["--store", str(sample_store), "progress", "--area", "Atlantis"]) != 0
    assert "Atlantis" in capsys.readouterr().err


def test_the_wmca_area_by_name(sample_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(sample_store, readonly=True) as store:
        cid = sorted(linked_commitments(store.conn))[0]
    assert main(["--store", str(sample_store), "progress", cid, "--area",
                 "West Midlands Combined Authority", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and {r["area"] for r in records} == {"West Midlands Combined Authority"}
