"""Per-lesson reading positions: each lesson keeps its own place, Continue points at the
last one, and the fields are read, written, merged and reset like the rest."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from leadtutor.progress import ProgressStore, ResumePoint
from leadtutor.progress.decode import decode
from leadtutor.progress.encode import encode
from leadtutor.progress.merge import merge
from leadtutor.progress.model import Progress

from .conftest import StoreFactory
from .helpers import COURSE, START, FakeClock


def test_each_lesson_keeps_its_own_position(store: ProgressStore, clock: FakeClock) -> None:
    store.set_resume("l1", 2, 31, line=35, chars=120)
    clock.advance(seconds=1)
    store.set_resume("l2", 5, 3, "q9")
    first = store.position("l1")
    assert first is not None and (first.block, first.line, first.chars) == (2, 35, 120)
    assert store.resume is not None and store.resume.lesson_id == "l2"
    clock.advance(seconds=1)
    back = store.resume_in("l1")  # opening lesson 1 again: Continue now points at it
    assert (back.lesson_id, back.block, back.scroll, back.line) == ("l1", 2, 31, 35)
    assert back.updated_at == START + timedelta(seconds=2)
    second = store.position("l2")
    assert second is not None and (second.block, second.prompt_id) == (5, "q9")
    assert store.position("never-opened") is None
    fresh = store.resume_in("never-opened")
    assert (fresh.block, fresh.scroll, fresh.line) == (0, 0, None)
    assert "never-opened" not in store.snapshot().positions  # no position is invented


def test_positions_round_trip_and_stay_readable(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_resume("l1", 2, 31, line=35, chars=-1)
    store.set_resume("l2", 4, 0, "q1")
    store.save()
    again = make_store()
    assert again.snapshot() == store.snapshot()
    doc = json.loads(store.path.read_text(encoding="utf-8"))
    assert doc["positions"]["l1"] == {
        "block": 2,
        "scroll": 31,
        "prompt_id": None,
        "line": 35,
        "chars": -1,
        "updated_at": doc["positions"]["l1"]["updated_at"],
    }
    assert "line" not in doc["positions"]["l2"]  # not in prose: no text anchor at all
    assert doc["resume"]["lesson_id"] == "l2"
    assert again.notices == []


def test_a_file_from_before_positions_still_resumes(make_store: StoreFactory) -> None:
    old = {
        "schema_version": 2,
        "course_id": COURSE,
        "resume": {"lesson_id": "l1", "block": 3, "scroll": 7, "prompt_id": None},
    }
    decoded = decode(json.dumps(old).encode(), COURSE)
    assert decoded.problems == 0
    resume = decoded.progress.resume
    assert resume is not None and (resume.block, resume.scroll, resume.line) == (3, 7, None)
    assert "positions" not in encode(Progress(COURSE, resume=resume)).decode()
    store = make_store()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(old), encoding="utf-8")
    store.load()
    point = store.position("l1")
    assert point is not None and (point.block, point.scroll) == (3, 7)


def test_a_newer_resume_written_by_an_older_version_wins(store: ProgressStore) -> None:
    """An older leadtutor keeps `positions` untouched but moves `resume` on."""
    kept = ResumePoint("l1", 1, 0, None, START, line=0, chars=0)
    moved = ResumePoint("l1", 6, 2, None, START + timedelta(hours=1))
    decoded = decode(encode(Progress(COURSE, resume=moved, positions={"l1": kept})), COURSE)
    assert decoded.progress.positions == {"l1": kept}
    store._data = decoded.progress  # as if loaded from that file
    point = store.position("l1")
    assert point is not None and point.block == 6


def test_bad_positions_are_skipped_and_counted() -> None:
    doc = {
        "schema_version": 2,
        "course_id": COURSE,
        "positions": {
            "good": {"block": 1, "scroll": 0, "prompt_id": None, "line": 4, "chars": 9},
            "bad-block": {"block": -1},
            "bad-line": {"block": 1, "line": "four"},
            "not-an-object": 3,
        },
    }
    decoded = decode(json.dumps(doc).encode(), COURSE)
    assert set(decoded.progress.positions) == {"good"}
    assert decoded.progress.positions["good"].chars == 9
    assert decoded.problems == 3


def test_positions_merge_per_lesson_by_time() -> None:
    def at(minutes: int) -> datetime:
        return START + timedelta(minutes=minutes)

    one = ResumePoint("l1", 1, 0, None, at(0))
    two = ResumePoint("l2", 1, 0, None, at(0))
    base = Progress(COURSE, positions={"l1": one, "l2": two})
    ours = replace(base, positions={"l1": replace(one, block=5, updated_at=at(3)), "l2": two})
    theirs = replace(
        base,
        positions={
            "l1": replace(one, block=7, updated_at=at(2)),
            "l2": replace(two, block=9, updated_at=at(4)),
        },
    )
    merged = merge(base, ours, theirs).positions
    assert (merged["l1"].block, merged["l2"].block) == (5, 9)


def test_resetting_a_lesson_forgets_its_position(make_store: StoreFactory) -> None:
    store = make_store()
    store.set_resume("l1", 4, line=2)
    store.set_resume("l2", 1)
    store.reset("l1")
    again = make_store()
    assert again.position("l1") is None
    assert again.position("l2") is not None
