"""Every release that must be refused is refused in one plain line, and changes nothing: the
installed release (if any) stays, and no file in the releases folder is added or altered."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from release_helpers import (
    entries,
    folder_state,
    manifest_of,
    rebuild,
    resigned,
    resigned_bytes,
)

from mag_desktop.cli.main import main
from mag_desktop.core.release import trust
from mag_desktop.core.release.container import MANIFEST, SIGNATURE, SNAPSHOT
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.release.opening import UnknownPublisher, open_release


def refused(path: Path, folder: Path, match: str, **options: object) -> str:
    """Open ``path``; check it is refused with ``match`` and leaves the folder as it was."""
    before = folder_state(folder)
    with pytest.raises(ReleaseError, match=match) as caught:
        open_release(path, **options)  # type: ignore[arg-type]
    assert folder_state(folder) == before
    message = str(caught.value)
    assert "\n" not in message and message.endswith("nothing was changed"), message
    return message


@pytest.fixture
def installed_first(release_file: Path, release_folders: Path) -> Path:
    """The sample release opened once, so refusals are seen to keep it."""
    open_release(release_file)
    return release_folders


def test_tampered_byte_in_the_snapshot(release_file: Path, installed_first: Path,
                                       tmp_path: Path) -> None:
    data = bytearray(entries(release_file)[SNAPSHOT])
    data[len(data) // 2] ^= 0x01
    tampered = rebuild(release_file, tmp_path / "t.magrelease", replace={SNAPSHOT: bytes(data)})
    refused(tampered, installed_first, "does not match its signed manifest")


def test_a_byte_flipped_in_the_file_itself(release_file: Path, installed_first: Path,
                                           tmp_path: Path) -> None:
    raw = bytearray(release_file.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # inside the stored snapshot: its CRC no longer matches
    damaged = tmp_path / "d.magrelease"
    damaged.write_bytes(bytes(raw))
    refused(damaged, installed_first, "damaged|does not match")


def test_edited_manifest(release_file: Path, installed_first: Path, tmp_path: Path) -> None:
    edited = dataclasses.replace(manifest_of(release_file), as_at="2030 Q1").to_bytes()
    path = rebuild(release_file, tmp_path / "e.magrelease", replace={MANIFEST: edited})
    message = refused(path, installed_first, "fails its signature check")
    assert "changed after the Taskforce clerk published it" in message


def test_wrong_signature(release_file: Path, installed_first: Path, tmp_path: Path) -> None:
    body = entries(release_file)[MANIFEST]
    forged = Ed25519PrivateKey.generate().sign(body)  # a valid signature, by another key
    path = rebuild(release_file, tmp_path / "w.magrelease", replace={SIGNATURE: forged})
    refused(path, installed_first, "fails its signature check")


def test_unknown_publisher(release_file: Path, release_folders: Path) -> None:
    for key in trust.trusted():
        (trust.trusted_dir() / f"{key.fingerprint}.json").unlink()
    message = refused(release_file, release_folders, "does not trust yet")
    fingerprint = manifest_of(release_file).publisher_key
    assert "fingerprint" in message and "mag-desktop release trust KEYFILE" in message
    assert fingerprint not in message  # the short fingerprint, not the key
    with pytest.raises(UnknownPublisher) as caught:  # what a dialog shows, then trusts
        open_release(release_file)
    assert caught.value.key.fingerprint in message
    assert caught.value.key.name == "the Taskforce clerk"
    trust.trust(caught.value.key)
    assert not open_release(release_file).already


def test_truncated_file(release_file: Path, installed_first: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.magrelease"
    cut.write_bytes(release_file.read_bytes()[: release_file.stat().st_size * 2 // 3])
    refused(cut, installed_first, "incomplete or damaged")


@pytest.mark.parametrize("content", [
    b"Clerk's notes for the next meeting\n", b"SQLite format 3\x00" + bytes(4000), b""])
def test_not_a_release(content: bytes, installed_first: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.magrelease"
    path.write_bytes(content)
    refused(path, installed_first, "is not a MAG Desktop release")


def test_a_zip_that_is_not_a_release(installed_first: Path, tmp_path: Path) -> None:
    path = tmp_path / "book.magrelease"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    refused(path, installed_first, r"not a release as MAG Desktop writes them \(unexpected")


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("name", ["extra.txt", "../../evil.sqlite", "/etc/cron.d/x",
                                  "snapshot.sqlite/../manifest.json", SNAPSHOT])
def test_extra_or_traversing_entries(name: str, release_file: Path, installed_first: Path,
                                     tmp_path: Path) -> None:
    path = rebuild(release_file, tmp_path / "x.magrelease", add=[(name, b"payload")])
    refused(path, installed_first, "unexpected entries")
    assert not (tmp_path.parent / "evil.sqlite").exists()


def test_missing_entry(release_file: Path, installed_first: Path, tmp_path: Path) -> None:
    parts = entries(release_file)
    path = tmp_path / "m.magrelease"
    with zipfile.ZipFile(path, "w") as archive:
        for name in (MANIFEST, SNAPSHOT):
            archive.writestr(name, parts[name])
    refused(path, installed_first, "no manifest.sig")


def test_oversized_file(release_file: Path, installed_first: Path) -> None:
    limit = release_file.stat().st_size - 1
    refused(release_file, installed_first, "larger than a release may be", max_bytes=limit)


def test_zip_bomb_stops_at_the_cap(release_file: Path, installed_first: Path,
                                   tmp_path: Path) -> None:
    """A snapshot entry that inflates to far more than the file: refused from its declared size,
    and a lying declaration would be cut by the capped copy."""
    bomb = rebuild(release_file, tmp_path / "b.magrelease", replace={SNAPSHOT: bytes(64 << 20)},
                   compression=zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 1 << 20
    refused(bomb, installed_first, "larger than a release may", max_bytes=4 << 20)


def test_older_release(release_file: Path, installed_first: Path, tmp_path: Path) -> None:
    older = dataclasses.replace(manifest_of(release_file), data_version=1,
                                release_id="00000000-0000-4000-8000-000000000001")
    body = older.to_bytes()
    from mag_desktop.core.release import keys

    path = rebuild(release_file, tmp_path / "o.magrelease",
                   replace={MANIFEST: body, SIGNATURE: keys.load_private_key().sign(body)})
    refused(path, installed_first, "older than the release installed.*--allow-older")


def test_snapshot_carrying_an_extra_trigger(release_file: Path, installed_first: Path,
                                            tmp_path: Path) -> None:
    path = resigned(release_file, tmp_path / "trig.magrelease", lambda conn: conn.execute(
        "CREATE TRIGGER wipe AFTER INSERT ON import_log BEGIN DELETE FROM commitment; END"))
    message = refused(path, installed_first, "trigger 'wipe'")
    assert "never makes" in message


def test_snapshot_holding_withheld_figures(release_file: Path, installed_first: Path,
                                           tmp_path: Path) -> None:
    path = resigned(release_file, tmp_path / "w.magrelease", lambda conn: conn.execute(
        "UPDATE observation SET withheld = 1 WHERE row_id = (SELECT min(row_id) FROM"
        " observation)"))
    refused(path, installed_first, "holds data a release never carries")


def test_snapshot_not_a_store(release_file: Path, installed_first: Path,
                              tmp_path: Path) -> None:
    path = resigned(release_file, tmp_path / "n.magrelease", lambda conn: conn.execute(
        "PRAGMA user_version = 0"))
    refused(path, installed_first, "another schema")


def test_snapshot_damaged_yet_signed(release_file: Path, installed_first: Path,
                                     tmp_path: Path) -> None:
    """A publisher's damaged store is refused even though its signature and hash hold."""
    def damage(data: bytes) -> bytes:
        page = 4096
        middle = len(data) // page // 2 * page
        return data[:middle] + bytes(range(256)) * (page // 256) + data[middle + page:]

    path = resigned_bytes(release_file, tmp_path / "dmg.magrelease", damage)
    refused(path, installed_first, "damaged store|cannot be read")


def test_the_full_check_passes_a_sound_release(release_file: Path) -> None:
    assert not open_release(release_file, full_check=True).already


def test_a_full_disk_while_installing(release_file: Path, installed_first: Path, tmp_path: Path,
                                      sample_store: Path, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    from mag_desktop.core.release import installed
    from mag_desktop.core.release.publish import publish
    from mag_desktop.core.store import Store

    with Store.open(sample_store) as store:
        with store.write() as conn:
            store.bump_data_version(conn)
        publish(store, tmp_path / "newer.magrelease")

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(installed, "_write_synced", full)
    message = refused(tmp_path / "newer.magrelease", installed_first, "No space left")
    assert "could not be installed" in message


def test_cli_says_it_in_one_line(release_file: Path, installed_first: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    cut = tmp_path / "cut.magrelease"
    cut.write_bytes(release_file.read_bytes()[:5000])
    assert main(["release", "open", str(cut)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("mag-desktop: the release cut.magrelease is incomplete or damaged")
    assert "\n" not in err and "Traceback" not in err
