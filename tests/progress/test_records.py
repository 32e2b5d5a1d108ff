"""The in-memory API: answers and their history, lessons, resume point, drafts, commitments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from leadtutor.progress import (
    ChoiceValue,
    CommitValue,
    LessonProgress,
    ProgressStore,
    Revision,
)

from .conftest import StoreFactory
from .helpers import START, FakeClock


def test_first_answer_has_no_history(store: ProgressStore) -> None:
    answer = store.set_reflection("q1", "lesson-a", "first thoughts")
    assert answer.value == "first thoughts"
    assert answer.kind == "reflect"
    assert answer.lesson_id == "lesson-a"
    assert answer.created_at == answer.updated_at == START
    assert answer.history == ()
    assert store.answer("q1") == answer


def test_typing_within_the_window_replaces_the_value(
    store: ProgressStore, clock: FakeClock
) -> None:
    for text in ["I", "I th", "I think", "I think so"]:
        clock.advance(seconds=2)
        store.set_reflection("q1", "lesson-a", text)
    answer = store.answer("q1")
    assert answer is not None
    assert answer.value == "I think so"
    assert answer.history == ()
    assert answer.created_at == START + timedelta(seconds=2)


def test_window_slides_with_each_edit(store: ProgressStore, clock: FakeClock) -> None:
    for minute in range(30):
        store.set_reflection("q1", "lesson-a", f"draft {minute}")
        clock.advance(minutes=1)
    answer = store.answer("q1")
    assert answer is not None and answer.history == ()


def test_edit_after_the_window_keeps_the_old_value(store: ProgressStore, clock: FakeClock) -> None:
    store.set_reflection("q1", "lesson-a", "before")
    clock.advance(minutes=10)
    answer = store.set_reflection("q1", "lesson-a", "after")
    assert answer.value == "after"
    assert answer.history == (Revision("before", START),)
    assert answer.created_at == START
    assert answer.updated_at == START + timedelta(minutes=10)


def test_finish_editing_ends_the_window(store: ProgressStore, clock: FakeClock) -> None:
    store.set_reflection("q1", "lesson-a", "one")
    store.set_reflection("q2", "lesson-a", "two")
    store.finish_editing("q1")
    clock.advance(seconds=5)
    first = store.set_reflection("q1", "lesson-a", "one, revised")
    second = store.set_reflection("q2", "lesson-a", "two, revised")
    assert [rev.value for rev in first.history] == ["one"]
    assert second.history == ()
    store.finish_editing()
    third = store.set_reflection("q2", "lesson-a", "two, again")
    assert [rev.value for rev in third.history] == ["two, revised"]


def test_a_new_store_never_coalesces_with_an_old_session(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    first = make_store()
    first.set_reflection("q1", "lesson-a", "yesterday's words")
    first.save()
    clock.advance(seconds=30)
    second = make_store()
    answer = second.set_reflection("q1", "lesson-a", "today's words")
    assert [rev.value for rev in answer.history] == ["yesterday's words"]


def test_same_value_is_not_an_edit(store: ProgressStore, clock: FakeClock) -> None:
    store.set_reflection("q1", "lesson-a", "same")
    store.save()
    clock.advance(minutes=20)
    answer = store.set_reflection("q1", "lesson-a", "same")
    assert answer.history == () and answer.updated_at == START
    assert not store.has_unsaved_changes()


def test_clock_going_backwards_still_orders_the_edit_after(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.set_reflection("q1", "lesson-a", "one")
    clock.advance(hours=-1)
    answer = store.set_reflection("q1", "lesson-a", "two")
    assert answer.updated_at > START
    assert [rev.value for rev in answer.history] == ["one"]


def test_choice_scale_and_kind_change(store: ProgressStore, clock: FakeClock) -> None:
    choice = store.set_choice("c1", "lesson-a", [2, 0, 2])
    assert choice.value == ChoiceValue((0, 2), None)
    checked = store.set_choice("c1", "lesson-a", [0, 2], correct=False)
    assert checked.value == ChoiceValue((0, 2), False)
    assert store.set_scale("s1", "lesson-a", 4).value == 4
    clock.advance(minutes=11)
    changed = store.set_scale("c1", "lesson-a", 3)  # the author turned the prompt into a scale
    assert changed.kind == "scale"
    checked_at = START + timedelta(microseconds=1)  # an edit is always stamped after the last
    assert checked.updated_at == checked_at
    assert changed.history == (Revision(ChoiceValue((0, 2), False), checked_at),)


@pytest.mark.parametrize(
    ("call", "args"),
    [
        ("set_reflection", ("q", "l", 5)),
        ("set_choice", ("q", "l", [-1])),
        ("set_choice", ("q", "l", [True])),
        ("set_scale", ("q", "l", "4")),
        ("set_scale", ("q", "l", True)),
        ("set_reflection", ("", "l", "text")),
        ("set_resume", ("l", -1)),
        ("make_commitment", ("q", "l", "text", -3)),
    ],
)
def test_bad_arguments_raise_value_error(
    store: ProgressStore, call: str, args: tuple[object, ...]
) -> None:
    with pytest.raises(ValueError):
        getattr(store, call)(*args)
    assert store.answers() == [] and not store.has_unsaved_changes()


def test_answers_by_lesson_and_orphans(store: ProgressStore) -> None:
    store.set_reflection("b", "lesson-1", "x")
    store.set_reflection("a", "lesson-1", "y")
    store.set_scale("c", "lesson-2", 1)
    assert [a.prompt_id for a in store.answers()] == ["a", "b", "c"]
    assert [a.prompt_id for a in store.answers("lesson-1")] == ["a", "b"]
    orphans = store.orphans({"a", "c", "not-answered"})
    assert [a.prompt_id for a in orphans] == ["b"]
    assert store.answer("b") is not None  # reporting never deletes


def test_lesson_lifecycle(store: ProgressStore, clock: FakeClock) -> None:
    assert store.lesson("l1") == LessonProgress("l1")
    opened = store.open_lesson("l1")
    assert (opened.status, opened.first_opened, opened.completed_at) == ("started", START, None)
    clock.advance(minutes=5)
    assert store.open_lesson("l1") == opened  # opening again changes nothing
    done = store.complete_lesson("l1")
    assert (done.status, done.first_opened) == ("done", START)
    assert done.completed_at == START + timedelta(minutes=5)
    clock.advance(minutes=5)
    assert store.complete_lesson("l1") == done
    assert store.open_lesson("l1") == done  # opening a done lesson keeps it done
    again = store.reopen_lesson("l1")
    assert (again.status, again.completed_at, again.first_opened) == ("started", None, START)
    skipped = store.complete_lesson("l2")  # done without being opened
    assert skipped.first_opened == skipped.completed_at
    assert set(store.lessons()) == {"l1", "l2"}


def test_resume_point(store: ProgressStore, clock: FakeClock) -> None:
    assert store.resume is None
    point = store.set_resume("l1", block=3, scroll=17, prompt_id="q1")
    assert (point.lesson_id, point.block, point.scroll, point.prompt_id) == ("l1", 3, 17, "q1")
    assert point.updated_at == START
    clock.advance(seconds=1)
    assert store.set_resume("l1", 3, 17, "q1") is point  # unchanged: not an edit
    moved = store.set_resume("l1", 4)
    assert moved.prompt_id is None and moved.updated_at == START + timedelta(seconds=1)
    assert store.resume == moved


def test_drafts_and_answers_clear_them(store: ProgressStore) -> None:
    store.set_draft("k1", "l1", "I will talk to")
    store.set_draft("q1", "l1", "half a thought")
    assert store.drafts()["k1"].text == "I will talk to"
    store.make_commitment("k1", "l1", "I will talk to my team lead", 14)
    store.set_draft("q1", "l1", "")
    assert store.drafts() == {}


def test_commitments(store: ProgressStore, clock: FakeClock) -> None:
    first = store.make_commitment("k1", "l1", "ask for feedback", 14, on=date(2026, 11, 27))
    assert first.commitment_id == "k1#1"
    assert (first.committed_on, first.due_on) == (date(2026, 11, 27), date(2026, 12, 11))
    answer = store.answer("k1")
    assert answer is not None and answer.value == CommitValue("ask for feedback", 14)
    clock.advance(days=1)
    edited = store.make_commitment("k1", "l1", "ask two people for feedback", 7)
    assert edited.commitment_id == "k1#1"
    assert (edited.committed_on, edited.due_on) == (date(2026, 11, 27), date(2026, 12, 4))
    assert store.commitments_due(date(2026, 12, 3)) == []
    assert store.commitments_due(date(2026, 12, 4)) == [edited]
    closed = store.record_outcome("k1#1", "partly", "asked one", on=date(2026, 12, 5))
    assert closed.outcome is not None and closed.outcome.note == "asked one"
    assert store.commitments_due(date(2027, 1, 1)) == []
    second = store.make_commitment("k1", "l1", "ask again", 14, on=date(2026, 12, 6))
    assert second.commitment_id == "k1#2"
    assert [c.commitment_id for c in store.commitments()] == ["k1#1", "k1#2"]
    reopened = store.record_outcome("k1#1", None)
    assert reopened.outcome is None
    with pytest.raises(KeyError):
        store.record_outcome("nope#1", "done")


def test_invalid_course_id_is_rejected(tmp_path: object) -> None:
    for bad in ["", "../up", "Upper", "a/b", "-dash", "x" * 65, "con sole"]:
        with pytest.raises(ValueError):
            ProgressStore("/tmp", bad)
    ProgressStore("/tmp", "ok_course-1")
