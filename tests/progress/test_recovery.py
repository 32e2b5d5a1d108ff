"""Opening damaged, missing, foreign or loosely protected files: never a crash, never a loss."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from leadtutor.progress import ProgressStore

from .conftest import StoreFactory
from .helpers import FakeClock


def _two_generations(make_store: StoreFactory, clock: FakeClock) -> ProgressStore:
    """A saved store whose `.bak` holds answer q1 only and whose file holds q1 and q2."""
    store = make_store()
    store.set_reflection("q1", "l1", "in both generations")
    store.save()
    clock.advance(minutes=1)
    store.set_reflection("q2", "l1", "only in the newest")
    store.save()
    return store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _corrupt_files(store: ProgressStore) -> list[Path]:
    return sorted(store.files.directory.glob("progress.json*.corrupt-*"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"\x00" * len(data), id="zeroed"),
        pytest.param(lambda data: data.replace(b"{", b"[", 1), id="not-json"),
        pytest.param(lambda data: data[:100] + b"\xff\xfe" + data[102:], id="bad-utf8"),
    ],
)
def test_damaged_file_is_quarantined_and_backup_restored(
    make_store: StoreFactory, clock: FakeClock, damage: object
) -> None:
    store = _two_generations(make_store, clock)
    original = store.path.read_bytes()
    damaged = damage(original)  # type: ignore[operator]
    store.path.write_bytes(damaged)

    again = make_store()
    assert [a.prompt_id for a in again.answers()] == ["q1"]
    [moved] = _corrupt_files(again)
    assert moved.read_bytes() == damaged and _mode(moved) == 0o600
    assert not again.path.exists()
    [notice] = again.notices
    assert notice.startswith("Your progress file could not be read, so it was moved to ")
    assert str(moved) in notice
    assert "were restored from the backup" in notice

    again.save()  # writes a new file; the quarantined one stays
    assert moved.read_bytes() == damaged
    assert make_store().answer("q1") is not None


def test_damaged_file_without_backup_starts_empty(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "text")
    store.save()
    store.path.write_bytes(b"{ not json")
    again = make_store()
    assert again.answers() == []
    [moved] = _corrupt_files(again)
    [notice] = again.notices
    assert f"moved to {moved}" in notice and "starting with empty progress" in notice


def test_damaged_backup_is_quarantined_too(make_store: StoreFactory, clock: FakeClock) -> None:
    store = _two_generations(make_store, clock)
    store.path.write_bytes(b"garbage")
    store.files.backup.write_bytes(b"more garbage")
    again = make_store()
    assert again.answers() == []
    assert len(_corrupt_files(again)) == 2
    assert len(again.notices) == 2
    assert "backup" in again.notices[0] and "either" in again.notices[0]


def test_missing_file_is_restored_from_backup(make_store: StoreFactory, clock: FakeClock) -> None:
    store = _two_generations(make_store, clock)
    store.path.unlink()
    again = make_store()
    assert [a.prompt_id for a in again.answers()] == ["q1"]
    [notice] = again.notices
    assert notice.startswith("Your progress file was missing; your answers up to ")
    again.save()
    assert store.path.exists()


def test_newer_schema_is_quarantined_not_overwritten(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "mine")
    store.save()
    future = json.dumps({"schema_version": 99, "course_id": "course", "secret": "new"}).encode()
    store.path.write_bytes(future)

    store.set_reflection("q2", "l1", "also mine")
    store.save()  # the save notices the foreign file: it is moved aside, not overwritten
    [moved] = _corrupt_files(store)
    assert moved.read_bytes() == future
    assert any("newer version of leadtutor (format 99)" in n for n in store.notices)
    assert {a.prompt_id for a in make_store().answers()} == {"q1", "q2"}


def test_partly_readable_file_keeps_a_copy(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "good")
    store.set_reflection("q2", "l1", "to be damaged")
    store.save()
    doc = json.loads(store.path.read_text())
    doc["answers"]["q2"]["kind"] = "poem"
    store.path.write_text(json.dumps(doc))
    damaged = store.path.read_bytes()

    again = make_store()
    assert [a.prompt_id for a in again.answers()] == ["q1"]
    [copy] = _corrupt_files(again)
    assert copy.read_bytes() == damaged
    assert again.path.read_bytes() == damaged  # left in place until the next save
    assert again.notices == [
        f"1 entries in progress.json could not be read and were left out; "
        f"the original file was kept at {copy}."
    ]
    assert again.has_unsaved_changes()


def test_temp_files_are_removed_and_complete_ones_merged(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "saved")
    store.save()
    folder = store.files.directory
    # A save killed after writing its temp file but before the rename:
    clock.advance(minutes=20)
    other = make_store()
    other.set_reflection("q1", "l1", "newer, never renamed")
    other.set_reflection("q2", "l1", "also only in the temp file")
    from leadtutor.progress.encode import encode

    complete = encode(other.snapshot())
    (folder / ".progress.json.abc123.tmp").write_bytes(complete)
    (folder / ".progress.json.def456.tmp").write_bytes(complete[:50])  # killed mid-write
    (folder / ".progress.json.bak.0f0f.tmp").write_bytes(b"backup link")

    again = make_store()
    assert list(folder.glob(".*.tmp")) == []
    q1 = again.answer("q1")
    assert q1 is not None and q1.value == "newer, never renamed"
    assert [r.value for r in q1.history] == ["saved"]
    assert again.answer("q2") is not None
    assert again.notices == ["Answers from a save that was interrupted were recovered."]


def test_loose_permissions_are_tightened(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "private")
    store.save()
    store.set_reflection("q2", "l1", "private too")
    store.save()
    store.files.directory.chmod(0o755)
    store.path.chmod(0o644)
    store.files.backup.chmod(0o666)
    again = make_store()
    assert _mode(store.files.directory) == 0o700
    assert _mode(store.path) == 0o600
    assert _mode(store.files.backup) == 0o600
    [notice] = again.notices
    assert "permissions were tightened" in notice
    assert make_store().notices == []


def test_new_files_are_private_whatever_the_umask(make_store: StoreFactory) -> None:
    old = os.umask(0)
    try:
        store = make_store()
        store.set_reflection("q1", "l1", "private")
        store.save()
        store.set_reflection("q1", "l1", "private, twice")
        store.finish_editing()
        store.save()
    finally:
        os.umask(old)
    assert _mode(store.files.directory) == 0o700
    assert _mode(store.files.directory.parent) == 0o700  # created by the store too
    for path in store.files.directory.iterdir():
        assert _mode(path) == 0o600, path


def test_sync_conflict_copies_are_reported(make_store: StoreFactory) -> None:
    store = make_store()
    store.save()
    folder = store.files.directory
    (folder / "progress.sync-conflict-20261127-101010-ABCDEF.json").write_text("{}")
    (folder / "progress (Sam's conflicted copy 2026-11-27).json").write_text("{}")
    [notice] = make_store().notices
    assert "conflicting copies" in notice and "ABCDEF" in notice and "Sam's" in notice
