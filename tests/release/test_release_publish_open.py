"""Publishing a store and opening the release on another laptop: the same figures, read-only,
with nothing the window would not show and nothing of the clerk's laptop."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import stat
import struct
from pathlib import Path

import pandas as pd
import pytest
from cryptography.hazmat.primitives import serialization
from release_helpers import entries, folder_state

from mag_desktop.core.errors import StoreReadOnlyError
from mag_desktop.core.query.commitments import commitments_frame
from mag_desktop.core.query.indicators import indicator_view
from mag_desktop.core.query.shown import shown_columns
from mag_desktop.core.release import keys
from mag_desktop.core.release.container import SNAPSHOT
from mag_desktop.core.release.installed import installed
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.release.member import open_installed, reads_releases, release_id_of
from mag_desktop.core.release.opening import open_release
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store, default_store_path

KEY = ("indicator_code", "area_code", "period", "group_code")
SHOWN = "value, numerator, denominator, lower, upper, marker"


def shown_rows(conn, masked: bool) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    select = (shown_columns(columns=("value", "numerator", "denominator", "lower", "upper"))
              if masked else SHOWN)
    sql = (f"SELECT {', '.join(KEY)}, * FROM (SELECT {', '.join(KEY)}, {select} FROM observation"
           " WHERE superseded_by IS NULL)")
    return [row[:4] + row[8:14] for row in conn.execute(sql + " ORDER BY 1, 2, 3, 4")]


def test_the_member_sees_the_same_figures(release_file: Path, sample_store_file: Path) -> None:
    opened = open_release(release_file)
    assert opened.replaced is None and not opened.already
    with Store.open(sample_store_file, readonly=True) as clerk, open_installed() as member:
        assert member.readonly and member.path != clerk.path
        assert shown_rows(member.conn, masked=False) == shown_rows(clerk.conn, masked=True)
        codes = [r[0] for r in clerk.conn.execute(
            "SELECT DISTINCT indicator_code FROM observation WHERE withheld = 1 LIMIT 3")]
        assert codes, "the sample holds withheld figures"
        for code in codes:
            area = clerk.conn.execute(
                "SELECT area_code FROM observation WHERE indicator_code = ? AND withheld = 1"
                " LIMIT 1", (code,)).fetchone()[0]
            # the flags are for the code, never shown: a release does not tell them apart
            flags = ["withheld", "limits_source"]
            mine = indicator_view(clerk.conn, code, area)
            theirs = indicator_view(member.conn, code, area)
            pd.testing.assert_frame_equal(mine.rows.drop(columns=flags),
                                          theirs.rows.drop(columns=flags))
            assert str(mine.disparities) == str(theirs.disparities)
        assert commitments_frame(clerk.conn).equals(commitments_frame(member.conn))


def test_the_manifest_describes_the_release(release_file: Path) -> None:
    parts = entries(release_file)
    opened = open_release(release_file)
    m = opened.manifest
    assert m.snapshot_sha256 == hashlib.sha256(parts[SNAPSHOT]).hexdigest()
    assert m.snapshot_size == len(parts[SNAPSHOT])
    assert m.as_at == "2026 Q3" and m.publisher == "the Taskforce clerk"
    assert m.counts["observation"] > 60_000 and m.counts["pack_log"] == 0
    assert re.fullmatch(r"Release 2026 Q3, published \d{1,2} \w+ 20\d\d by the Taskforce clerk",
                        m.headline())
    with open_installed() as member:
        assert release_id_of(member.conn) == m.release_id
        assert member.data_version() == m.data_version
        with pytest.raises(StoreReadOnlyError), member.write():
            pass


def test_nothing_secret_or_local_is_published(release_file: Path, sample_store: Path,
                                              tmp_path: Path) -> None:
    secret_value = 123457.8125  # exact in binary, so its bytes can be looked for
    with Store.open(sample_store) as store, store.write() as conn:
        withheld = conn.execute("SELECT row_id FROM observation WHERE withheld = 1 LIMIT 1"
                                ).fetchone()[0]
        conn.execute("UPDATE observation SET value = ?, numerator = ? WHERE row_id = ?",
                     (secret_value, secret_value + 1, withheld))
        conn.execute("UPDATE import_log SET os_user = 'jsmith-laptop', backup_path ="
                     " '/home/jsmith/Private/backup.sqlite'")
        conn.execute("INSERT INTO pack_log(produced_at, os_user, kind, parameters, data_version,"
                     " file, sha256, pages) VALUES ('2026-12-01', 'jsmith-laptop', 'ward pack',"
                     " '{}', 1, '/home/jsmith/Private/Aston.pdf', 'x', 3)")
        store.bump_data_version(conn)
    with Store.open(sample_store, readonly=True) as store:
        publish(store, tmp_path / "r.magrelease")
    data = (tmp_path / "r.magrelease").read_bytes()
    for needle in (struct.pack(">d", secret_value), struct.pack(">d", secret_value + 1),
                   b"jsmith", b"/home/", b"Private"):
        assert needle not in data, needle
    open_release(tmp_path / "r.magrelease")
    with open_installed() as member:
        row = member.conn.execute(
            f"SELECT {SHOWN}, withheld, limits_source FROM observation WHERE row_id = ?",
            (withheld,)).fetchone()
        assert row == (None, None, None, None, None, "[c]", 0, None)
        assert member.conn.execute("SELECT count(*) FROM observation WHERE withheld <> 0"
                                   " OR superseded_by IS NOT NULL").fetchone()[0] == 0


def test_the_private_key_is_the_owners_alone_and_never_published(
        release_file: Path, sample_store: Path, tmp_path: Path) -> None:
    path = keys.private_key_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    private = keys.load_private_key()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    pem_body = b"".join(path.read_bytes().splitlines()[1:-1])
    with Store.open(sample_store, readonly=True) as store:
        publish(store, tmp_path / "r.magrelease")
    for release in (tmp_path / "r.magrelease", release_file):
        data = release.read_bytes()
        assert raw not in data and pem_body not in data and base64.b64encode(raw) not in data
    with pytest.raises(ReleaseError, match="key folder"), Store.open(
            sample_store, readonly=True) as store:
        publish(store, path.parent / "inside.magrelease")


def test_keygen_once_and_the_fingerprint(tmp_path: Path) -> None:
    made = keys.keygen("Taskforce clerk")
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", made.fingerprint)
    with pytest.raises(ReleaseError, match="already exists"):
        keys.keygen("another")
    exported = keys.export_public_key(tmp_path / "clerk.json")
    assert exported == made
    assert keys.read_public_key(tmp_path / "clerk.json") == made
    assert (tmp_path / "clerk.json").stat().st_size < 400


def _bump(path: Path) -> None:
    with Store.open(path) as store, store.write() as conn:
        store.bump_data_version(conn)


def test_the_next_release_replaces_the_installed_one_and_keeps_the_previous(
        release_file: Path, sample_store: Path, tmp_path: Path, release_folders: Path) -> None:
    first = open_release(release_file).manifest
    _bump(sample_store)
    with Store.open(sample_store, readonly=True) as store:
        second = publish(store, tmp_path / "next.magrelease")
    assert second.previous_release_id is not None
    opened = open_release(tmp_path / "next.magrelease")
    assert opened.replaced == first
    state = installed()
    assert state.current and state.current.manifest == second
    assert state.previous and state.previous.manifest == first
    names = set(folder_state(release_folders))
    assert names == {"state.json"} | {f"{m.release_id}{s}" for m in (first, second)
                                      for s in (".sqlite", ".json", ".sig")}
    assert open_release(tmp_path / "next.magrelease").already
    with pytest.raises(ReleaseError, match="older"):
        open_release(release_file)
    back = open_release(release_file, allow_older=True)
    assert back.manifest == first and installed().previous.manifest == second  # type: ignore


def test_member_mode(release_file: Path, sample_store: Path,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert not reads_releases()
    open_release(release_file)
    assert reads_releases()
    Store.open(default_store_path()).close()  # an empty store, as a window opened early leaves
    assert reads_releases()
    assert not reads_releases("clerk.sqlite")
    shutil.copy(sample_store, default_store_path())  # a clerk's store in the usual place
    assert not reads_releases()
    default_store_path().unlink()
    monkeypatch.setenv("MAG_STORE", "/somewhere/clerk.sqlite")
    assert not reads_releases()


def test_a_pack_made_from_a_release_records_its_id(release_file: Path, tmp_path: Path) -> None:
    from mag_desktop.core.briefing.pack import PackOptions, write_pack

    manifest = open_release(release_file).manifest
    with open_installed() as member:
        pack = write_pack(member.conn, "E08000026", tmp_path / "coventry.pdf",
                          PackOptions(release_id=release_id_of(member.conn),
                                      sections=("summary",)))
    assert pack.parameters["release_id"] == manifest.release_id
