"""Saving, refreshing and resetting: two instances, threads, and external edits."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from leadtutor.progress import ProgressStore
from leadtutor.progress.files import ProgressFiles

from .conftest import StoreFactory
from .helpers import COURSE, FakeClock


def test_save_writes_only_when_something_changed(store: ProgressStore) -> None:
    assert not store.has_unsaved_changes()
    assert store.save() is False
    assert not store.path.exists()
    store.set_reflection("q1", "l1", "text")
    assert store.has_unsaved_changes()
    assert store.save() is False  # nothing came from elsewhere
    assert not store.has_unsaved_changes()
    stamp = store.path.stat().st_mtime_ns
    store.save()
    assert store.path.stat().st_mtime_ns == stamp


def test_backup_holds_the_previous_generation(store: ProgressStore) -> None:
    store.set_reflection("q1", "l1", "one")
    store.save()
    first = store.path.read_bytes()
    store.set_reflection("q2", "l1", "two")
    store.save()
    assert store.files.backup.read_bytes() == first
    assert store.path.read_bytes() != first


def test_two_instances_merge_and_refresh(make_store: StoreFactory, clock: FakeClock) -> None:
    a = make_store()
    b = make_store()
    a.set_reflection("from-a", "l1", "written by A")
    a.open_lesson("l1")
    assert a.save() is False
    b.set_reflection("from-b", "l1", "written by B")
    b.complete_lesson("l1")
    assert b.save() is True  # B merged A's changes
    assert b.answer("from-a") is not None

    assert a.refresh() is True
    assert a.answer("from-b") is not None and a.lesson("l1").status == "done"
    assert a.refresh() is False
    assert not a.has_unsaved_changes()
    on_disk = make_store()
    assert {x.prompt_id for x in on_disk.answers()} == {"from-a", "from-b"}


def test_same_prompt_in_two_instances_loses_nothing(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    a = make_store()
    b = make_store()
    a.set_reflection("q", "l1", "A's words")
    clock.advance(seconds=30)
    b.set_reflection("q", "l1", "B's later words")
    b.save()
    a.save()  # A's value is older: it goes to history, it is not overwritten silently
    answer = make_store().answer("q")
    assert answer is not None
    assert answer.value == "B's later words"
    assert [r.value for r in answer.history] == ["A's words"]
    assert a.answer("q") == answer


def test_external_edit_with_same_size_and_mtime_is_seen(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "colour")
    store.save()
    info = store.path.stat()
    text = store.path.read_text()
    store.path.write_text(text.replace('"colour"', '"colUur"'))  # same size, in place
    os.utime(store.path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert store.path.stat().st_size == info.st_size
    assert store.refresh() is True
    answer = store.answer("q1")
    assert answer is not None and answer.value == "colUur"


def test_save_never_overwrites_an_edit_it_has_not_seen(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "mine")
    store.save()
    doc = json.loads(store.path.read_text())
    doc["answers"]["q9"] = dict(doc["answers"]["q1"], value="added by hand")
    store.path.write_text(json.dumps(doc))
    store.set_reflection("q2", "l1", "more")
    assert store.save() is True
    assert {a.prompt_id for a in make_store().answers()} == {"q1", "q2", "q9"}


def test_save_before_load_merges_the_file(make_store: StoreFactory, data_dir: Path) -> None:
    first = make_store()
    first.set_reflection("q1", "l1", "on disk")
    first.save()
    late = ProgressStore(data_dir, COURSE)  # the app failed to load, or forgot to
    late.set_reflection("q2", "l1", "in memory")
    late.save()
    assert {a.prompt_id for a in make_store().answers()} == {"q1", "q2"}


def test_changes_made_before_load_are_kept(make_store: StoreFactory) -> None:
    first = make_store()
    first.set_reflection("q1", "l1", "on disk")
    first.save()
    store = make_store(load=False)
    store.set_reflection("q2", "l1", "typed while loading")
    store.load()
    assert {a.prompt_id for a in store.answers()} == {"q1", "q2"}
    assert store.has_unsaved_changes()


def test_edit_made_during_a_save_is_kept(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_reflection("q1", "l1", "before the save")
    real_write = store.files.write

    def write_slowly(data: bytes) -> None:
        store.set_reflection("q2", "l1", "typed during the write")  # the UI thread
        real_write(data)

    monkeypatch.setattr(ProgressFiles, "write", lambda files, data: write_slowly(data))
    store.save()
    monkeypatch.undo()
    assert store.answer("q2") is not None
    assert store.has_unsaved_changes()
    store.save()
    assert not store.has_unsaved_changes()
    fresh = ProgressStore(store.files.directory.parent, COURSE)
    fresh.load()
    assert {a.prompt_id for a in fresh.answers()} == {"q1", "q2"}


def test_ui_thread_and_save_thread_together(make_store: StoreFactory) -> None:
    store = make_store()
    done = threading.Event()
    errors: list[BaseException] = []

    def saver() -> None:
        try:
            while not done.is_set():
                store.save()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=saver)
    thread.start()
    for i in range(400):
        store.set_reflection(f"q{i % 50}", "l1", f"text {i}")
        store.set_resume("l1", i, i % 7)
    done.set()
    thread.join()
    store.save()
    assert errors == []
    again = make_store()
    assert again.snapshot() == store.snapshot()


def test_file_deleted_while_running_is_written_again(store: ProgressStore) -> None:
    store.set_reflection("q1", "l1", "text")
    store.save()
    store.path.unlink()
    store.files.backup.unlink(missing_ok=True)
    assert store.refresh() is False
    assert store.has_unsaved_changes()
    store.save()
    assert store.path.exists()


def test_reset_everything_keeps_a_copy(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "gone after reset")
    store.make_commitment("k1", "l1", "commit", 3)
    store.set_resume("l1", 1)
    copy = store.reset()
    assert copy.name.startswith("progress.json.reset-")
    assert "gone after reset" in copy.read_text()
    assert (copy.stat().st_mode & 0o777) == 0o600
    again = make_store()
    assert again.answers() == [] and again.commitments() == [] and again.resume is None
    assert store.answers() == [] and not store.has_unsaved_changes()


def test_reset_one_lesson(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "reset me")
    store.set_reflection("old", "", "from a schema 1 file, no lesson id")
    store.set_reflection("q2", "l2", "keep me")
    store.make_commitment("k1", "l1", "reset me too", 3)
    store.set_draft("d1", "l1", "draft")
    store.complete_lesson("l1")
    store.open_lesson("l2")
    store.set_resume("l1", 4)
    store.reset("l1", prompt_ids=["old"])
    again = make_store()
    assert [a.prompt_id for a in again.answers()] == ["q2"]
    assert again.commitments() == [] and again.drafts() == {}
    assert set(again.lessons()) == {"l2"} and again.resume is None


def test_reset_elsewhere_does_not_delete_what_an_open_instance_holds(
    make_store: StoreFactory,
) -> None:
    app = make_store()
    app.set_reflection("q1", "l1", "still open in the app")
    app.save()
    make_store().reset()  # e.g. `leadtutor progress reset` in another terminal
    app.set_reflection("q2", "l1", "typed after the reset")
    app.save()
    assert {a.prompt_id for a in make_store().answers()} == {"q1", "q2"}


def test_take_notices_returns_each_once(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "x")
    store.save()
    store.path.write_bytes(b"broken")
    again = make_store()
    assert len(again.take_notices()) == 1
    assert again.take_notices() == []
    assert len(again.notices) == 1
