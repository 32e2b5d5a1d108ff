"""The three-way merge rules, on records built directly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from leadtutor.progress.merge import merge
from leadtutor.progress.model import (
    Answer,
    AnswerValue,
    Commitment,
    Draft,
    LessonProgress,
    Outcome,
    Progress,
    PromptKind,
    ResumePoint,
    Revision,
)

from .helpers import COURSE, START


def _at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def _answer(value: AnswerValue, minutes: int, history: tuple[Revision, ...] = ()) -> Answer:
    kind: PromptKind = "reflect" if isinstance(value, str) else "scale"
    return Answer("q", "l", kind, value, START, _at(minutes), history)


def _progress(**answers: Answer) -> Progress:
    return Progress(COURSE, answers=dict(answers))


def test_change_on_one_side_wins_without_history_noise() -> None:
    base = _progress(q=_answer("draft", 0))
    # Their writer replaced its own recent value (coalescing): "draft" is gone on purpose.
    theirs = _progress(q=_answer("draft, finished", 5))
    merged = merge(base, base, theirs)
    assert merged.answers["q"] == theirs.answers["q"]
    mine = _progress(q=_answer("mine", 5))
    assert merge(base, mine, base).answers["q"] is mine.answers["q"]


def test_both_changed_later_wins_and_earlier_goes_to_history() -> None:
    base = _progress(q=_answer("base", 0))
    ours = _progress(q=_answer("ours", 5, (Revision("base", _at(0)),)))
    theirs = _progress(q=_answer("theirs", 7, (Revision("base", _at(0)),)))
    for merged in (merge(base, ours, theirs), merge(base, theirs, ours)):
        answer = merged.answers["q"]
        assert answer.value == "theirs"
        assert answer.history == (Revision("base", _at(0)), Revision("ours", _at(5)))


def test_timestamp_tie_is_resolved_the_same_way_on_both_sides() -> None:
    base = _progress()
    a = _progress(q=_answer("aaa", 5))
    b = _progress(q=_answer("bbb", 5))
    assert merge(base, a, b) == merge(base, b, a)
    merged = merge(base, a, b).answers["q"]
    assert {merged.value, *(r.value for r in merged.history)} == {"aaa", "bbb"}


def test_histories_are_united() -> None:
    base = _progress(q=_answer("v2", 2, (Revision("v1", _at(1)),)))
    ours = _progress(q=_answer("v2", 2, (Revision("v0", _at(0)), Revision("v1", _at(1)))))
    theirs = _progress(q=_answer("v3", 3, (Revision("v1", _at(1)), Revision("v2", _at(2)))))
    answer = merge(base, ours, theirs).answers["q"]
    assert answer.value == "v3"
    assert [r.value for r in answer.history] == ["v0", "v1", "v2"]


def test_new_answers_from_either_side_are_kept() -> None:
    base = _progress()
    ours = _progress(a=_answer("a", 1))
    theirs = _progress(b=_answer("b", 2))
    assert set(merge(base, ours, theirs).answers) == {"a", "b"}


def test_answers_missing_on_their_side_are_never_dropped() -> None:
    base = _progress(q=_answer("kept", 0))
    assert merge(base, base, _progress()).answers["q"].value == "kept"


def test_our_deletion_applies_unless_they_changed_it() -> None:
    base = _progress(q=_answer("old", 0), r=_answer("old", 0))
    ours = _progress()  # a reset
    theirs = _progress(q=_answer("old", 0), r=_answer("edited there", 4))
    merged = merge(base, ours, theirs)
    assert "q" not in merged.answers
    assert merged.answers["r"].value == "edited there"


def test_lessons_take_the_furthest_status() -> None:
    base = Progress(COURSE, lessons={"l": LessonProgress("l", "started", _at(1), None, _at(1))})
    ours = Progress(COURSE, lessons={"l": LessonProgress("l", "done", _at(1), _at(9), _at(9))})
    theirs = Progress(COURSE, lessons={"l": LessonProgress("l", "started", _at(0), None, _at(5))})
    lesson = merge(base, ours, theirs).lessons["l"]
    assert (lesson.status, lesson.first_opened, lesson.completed_at) == ("done", _at(0), _at(9))


def test_reopening_wins_over_an_unchanged_done() -> None:
    done = LessonProgress("l", "done", _at(0), _at(1), _at(1))
    reopened = LessonProgress("l", "started", _at(0), None, _at(2))
    base = Progress(COURSE, lessons={"l": done})
    merged = merge(base, Progress(COURSE, lessons={"l": reopened}), base)
    assert merged.lessons["l"] == reopened


def test_resume_point_newer_wins() -> None:
    base = Progress(COURSE, resume=ResumePoint("l1", 0, 0, None, _at(0)))
    ours = replace(base, resume=ResumePoint("l1", 5, 0, None, _at(3)))
    theirs = replace(base, resume=ResumePoint("l2", 1, 0, None, _at(4)))
    assert merge(base, ours, theirs).resume == theirs.resume
    assert merge(base, ours, base).resume == ours.resume
    assert merge(base, base, theirs).resume == theirs.resume


def test_drafts_follow_deletions_elsewhere_only_if_untouched_here() -> None:
    a = Draft("a", "l", "typed", _at(0))
    b = Draft("b", "l", "typed", _at(0))
    base = Progress(COURSE, drafts={"a": a, "b": b})
    ours = Progress(COURSE, drafts={"a": a, "b": replace(b, text="typed more", updated_at=_at(2))})
    merged = merge(base, ours, Progress(COURSE))
    assert set(merged.drafts) == {"b"}


def test_commitment_outcome_is_not_lost() -> None:
    item = Commitment(
        "k#1", "k", "l", "do it", 7, date(2026, 11, 27), date(2026, 12, 4), None, _at(0)
    )
    base = Progress(COURSE, commitments={"k#1": item})
    ours = Progress(
        COURSE, commitments={"k#1": replace(item, outcome=Outcome("done"), updated_at=_at(3))}
    )
    theirs = Progress(
        COURSE, commitments={"k#1": replace(item, text="do it well", updated_at=_at(5))}
    )
    merged = merge(base, ours, theirs).commitments["k#1"]
    assert merged.text == "do it well" and merged.outcome == Outcome("done")


VALUES = st.sampled_from(["a", "b", "c", "d"])


@st.composite
def _answers(draw: st.DrawFn) -> Answer:
    times = sorted(draw(st.lists(st.integers(0, 50), min_size=1, max_size=5, unique=True)))
    values = [draw(VALUES) for _ in times]
    history = tuple(Revision(v, _at(t)) for v, t in zip(values[:-1], times[:-1], strict=True))
    return _answer(values[-1], times[-1], history)


def _all_versions(progress: Progress) -> set[tuple[object, datetime]]:
    answer = progress.answers.get("q")
    if answer is None:
        return set()
    return {(answer.value, answer.updated_at), *((r.value, r.at) for r in answer.history)}


@given(base=_answers(), ours=_answers(), theirs=_answers())
def test_merge_loses_no_version_and_is_idempotent(
    base: Answer, ours: Answer, theirs: Answer
) -> None:
    b, o, t = _progress(q=base), _progress(q=ours), _progress(q=theirs)
    merged = merge(b, o, t)
    # Everything either side holds survives, except a base version one side replaced
    # on purpose while the other left it untouched.
    expected = _all_versions(o) | _all_versions(t)
    if ours.updated_at == base.updated_at and ours.value == base.value:
        expected -= {(ours.value, ours.updated_at)} - _all_versions(t)
    if theirs.updated_at == base.updated_at and theirs.value == base.value:
        expected -= {(theirs.value, theirs.updated_at)} - _all_versions(o)
    assert _all_versions(merged) >= expected
    assert merge(b, merged, merged) == merged
    assert merge(t, merged, t) == merged
