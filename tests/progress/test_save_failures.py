"""Saves that fail (disk full, no permission, read-only disk): a clear error, the old file
intact, no temp file left, and every change still in memory for the next try."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from leadtutor.progress import ProgressLoadError, ProgressSaveError, ProgressStore

from .conftest import StoreFactory
from .helpers import COURSE, FakeClock


def _leftovers(store: ProgressStore) -> list[Path]:
    return list(store.files.directory.glob(".*.tmp"))


def _failing(error: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.fixture
def saved(make_store: StoreFactory, clock: FakeClock) -> ProgressStore:
    """A store with one saved generation and one unsaved answer."""
    store = make_store()
    store.set_reflection("q1", "l1", "already on disk")
    store.save()
    clock.advance(minutes=1)
    store.set_reflection("q2", "l1", "typed just now")
    return store


FAULTS = [
    pytest.param(os, "write", errno.ENOSPC, "the disk is full", id="write-ENOSPC"),
    pytest.param(os, "fsync", errno.ENOSPC, "the disk is full", id="fsync-ENOSPC"),
    pytest.param(os, "fsync", errno.EIO, "input/output error", id="fsync-EIO"),
    pytest.param(tempfile, "mkstemp", errno.EACCES, "permission was denied", id="create-EACCES"),
    pytest.param(tempfile, "mkstemp", errno.EROFS, "the disk is read-only", id="create-EROFS"),
    pytest.param(os, "replace", errno.EROFS, "the disk is read-only", id="replace-EROFS"),
    pytest.param(os, "replace", errno.EDQUOT, "quota", id="replace-EDQUOT"),
]


@pytest.mark.parametrize(("module", "name", "error", "reason"), FAULTS)
def test_failed_save_keeps_everything(
    saved: ProgressStore,
    make_store: StoreFactory,
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    error: int,
    reason: str,
) -> None:
    before = saved.path.read_bytes()
    monkeypatch.setattr(module, name, _failing(error))
    with pytest.raises(ProgressSaveError) as info:
        saved.save()
    monkeypatch.undo()

    message = str(info.value)
    assert message.startswith(f"Your progress could not be saved to {saved.path} because ")
    assert reason in message and "your answers are still here" in message
    assert "typed just now" not in message  # errors never carry the learner's words
    assert info.value.errno == error
    assert saved.path.read_bytes() == before
    assert _leftovers(saved) == []
    assert saved.has_unsaved_changes()

    saved.save()  # the problem went away: the next save writes everything
    assert {a.prompt_id for a in make_store().answers()} == {"q1", "q2"}


def test_backup_is_copied_where_hard_links_are_unsupported(
    saved: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.path.read_bytes()
    monkeypatch.setattr(os, "link", _failing(errno.EPERM))
    saved.save()
    assert saved.files.backup.read_bytes() == before
    assert _leftovers(saved) == []


def test_lock_held_elsewhere_gives_a_clear_error(saved: ProgressStore, data_dir: Path) -> None:
    blocker = saved.files.lock(timeout=1)
    blocked = ProgressStore(data_dir, COURSE, lock_timeout=0.05)
    blocked.set_reflection("q3", "l1", "waiting")
    with blocker, pytest.raises(ProgressSaveError) as info:
        blocked.save()
    assert "another leadtutor window kept the progress file locked" in str(info.value)
    blocked.save()
    assert blocked.answer("q1") is not None  # merged from disk once it could read it


def test_unreadable_file_is_never_overwritten(
    saved: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.path.read_bytes()
    real_read = Path.read_bytes

    def deny(path: Path) -> bytes:
        if path == saved.path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ProgressSaveError, match="permission was denied"):
        saved.save()
    monkeypatch.undo()
    assert saved.path.read_bytes() == before


def test_folder_that_cannot_be_created(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    store = ProgressStore(blocker, COURSE, clock=clock)
    store.set_reflection("q1", "l1", "typed before the error")
    with pytest.raises(ProgressLoadError) as info:
        store.load()
    assert str(info.value).startswith(
        f"Your progress folder {blocker / COURSE} could not be created"
    )
    assert "kept in memory only" in str(info.value)

    store.set_reflection("q2", "l1", "the app carries on in memory")
    with pytest.raises(ProgressSaveError):
        store.save()
    blocker.unlink()
    store.save()
    again = ProgressStore(blocker, COURSE)
    again.load()
    assert {a.prompt_id for a in again.answers()} == {"q1", "q2"}


@contextlib.contextmanager
def _as_nobody() -> Iterator[None]:
    """Drop the effective uid so that file modes apply (the tests run as root here)."""
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_read_only_folder_for_real(clock: FakeClock) -> None:
    """chmod 0500 on the folder; as root this runs the store with the uid of `nobody`."""
    root = os.geteuid() == 0
    # tmp_path lives in a root-only folder, so use a folder `nobody` can reach.
    base = Path(tempfile.mkdtemp(prefix="leadtutor-ro-"))
    try:
        if root:
            base.chmod(0o755)
            os.chown(base, 65534, 65534)
        with _as_nobody() if root else contextlib.nullcontext():
            store = ProgressStore(base, COURSE, clock=clock)
            store.load()
            store.set_reflection("q1", "l1", "on disk")
            store.save()
            before = store.path.read_bytes()
            store.files.lock_path.unlink()  # so that opening needs to create it
            store.files.directory.chmod(0o500)
            store.set_reflection("q2", "l1", "cannot be written")
            with pytest.raises(ProgressSaveError) as info:
                store.save()
            assert "permission was denied" in str(info.value)
            assert store.path.read_bytes() == before
            assert _leftovers(store) == []

            reader = ProgressStore(base, COURSE, clock=clock)
            with pytest.raises(ProgressLoadError) as load_info:
                reader.load()
            assert "cannot be locked for writing" in str(load_info.value)
            assert "your progress was loaded" in str(load_info.value)
            assert reader.answer("q1") is not None

            store.files.directory.chmod(0o700)
            store.save()
            assert not store.has_unsaved_changes()
    finally:
        for path in (base / COURSE, base):
            if path.exists():
                path.chmod(0o700)
        shutil.rmtree(base)
