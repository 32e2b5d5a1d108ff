"""Upgrading old files: the schema 1 fixture becomes schema 2 without losing anything."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leadtutor.progress import SCHEMA_VERSION
from leadtutor.progress.errors import UnreadableFile
from leadtutor.progress.migrate import STEPS, upgrade

from .conftest import StoreFactory
from .helpers import COURSE

FIXTURE = Path(__file__).parent / "fixtures" / "progress-v1.json"
FILE_TIME = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def _install_v1(data_dir: Path) -> Path:
    folder = data_dir / COURSE
    folder.mkdir(parents=True, mode=0o700)
    target = folder / "progress.json"
    shutil.copyfile(FIXTURE, target)
    target.chmod(0o600)
    stamp = FILE_TIME.timestamp()
    os.utime(target, (stamp, stamp))
    return target


def test_every_old_version_has_a_step() -> None:
    assert sorted(STEPS) == list(range(1, SCHEMA_VERSION))


def test_v1_fixture_is_upgraded(data_dir: Path, make_store: StoreFactory) -> None:
    target = _install_v1(data_dir)
    original = target.read_bytes()
    store = make_store()

    first = store.answer("doors-first-door")
    assert first is not None
    assert first.value == "Last month I offered to run the retro when our lead was away."
    assert (first.kind, first.lesson_id, first.history) == ("reflect", "", ())
    assert first.created_at == first.updated_at == FILE_TIME
    second = store.answer("roles-who-decides")
    assert second is not None and second.value.endswith("Ça dépend.")  # type: ignore[union-attr]
    done = store.lesson("opening-doors")
    assert (done.status, done.completed_at) == ("done", FILE_TIME)
    assert store.lesson("function-and-role").status == "started"
    resume = store.resume
    assert resume is not None and (resume.lesson_id, resume.block, resume.scroll) == (
        "function-and-role",
        0,
        0,
    )

    kept = list(target.parent.glob("progress.json.schema-1-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert len(store.notices) == 1 and "upgraded to the current format" in store.notices[0]
    assert str(kept[0]) in store.notices[0]
    assert store.has_unsaved_changes()  # the upgrade is written by the next save

    store.save()
    doc = json.loads(target.read_text())
    assert doc["schema_version"] == SCHEMA_VERSION and doc["course_id"] == COURSE
    again = make_store()
    assert again.snapshot() == store.snapshot()
    assert again.notices == []


def test_upgrade_rejects_missing_or_bad_versions() -> None:
    for version in [None, 0, -1, "1", True, 1.5]:
        with pytest.raises(UnreadableFile):
            upgrade({"schema_version": version}, COURSE, FILE_TIME)


def test_current_version_is_left_alone() -> None:
    doc = {"schema_version": SCHEMA_VERSION, "course_id": COURSE}
    assert upgrade(dict(doc), COURSE, FILE_TIME) == (doc, None)


def test_v1_with_odd_content_counts_problems(data_dir: Path, make_store: StoreFactory) -> None:
    folder = data_dir / COURSE
    folder.mkdir(parents=True, mode=0o700)
    (folder / "progress.json").write_text(
        json.dumps({"schema_version": 1, "answers": {"a": "ok", "b": 42}, "completed": "x"})
    )
    store = make_store()
    assert [a.prompt_id for a in store.answers()] == ["a"]
    assert any("1 entries" in notice for notice in store.notices)
    assert list(folder.glob("progress.json.corrupt-*"))  # the original is kept
