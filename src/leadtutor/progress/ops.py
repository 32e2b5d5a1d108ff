"""Pure functions that compute a changed lesson or commitment record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta

from leadtutor.progress.followups import number as _number
from leadtutor.progress.model import Commitment, LessonProgress, Outcome, OutcomeResult, Progress


def opened(lesson: LessonProgress, now: datetime) -> LessonProgress:
    """ "new" becomes "started"; `first_opened` is set once."""
    if lesson.status != "new" and lesson.first_opened is not None:
        return lesson
    status = "started" if lesson.status == "new" else lesson.status
    return replace(lesson, status=status, first_opened=lesson.first_opened or now, updated_at=now)


def completed(lesson: LessonProgress, now: datetime) -> LessonProgress:
    """Mark done; an already done lesson keeps its completion time."""
    if lesson.status == "done":
        return lesson
    first = lesson.first_opened or now
    return replace(lesson, status="done", first_opened=first, completed_at=now, updated_at=now)


def reopened(lesson: LessonProgress, now: datetime) -> LessonProgress:
    """A done lesson becomes "started" again, without a completion time."""
    if lesson.status != "done":
        return lesson
    return replace(lesson, status="started", completed_at=None, updated_at=now)


def commitment_for(
    existing: Mapping[str, Commitment],
    prompt_id: str,
    lesson_id: str,
    text: str,
    follow_up_days: int,
    today: date,
    now: datetime,
) -> Commitment:
    """The prompt's open commitment updated with new text, or a new commitment.

    Args:
        existing: All commitments, by id.
        prompt_id: The `commit` prompt.
        lesson_id: Its lesson.
        text: What the learner commits to.
        follow_up_days: Days from the commitment date to the follow-up.
        today: The local date, for a new commitment.
        now: The time of the change.

    Returns:
        The record to store (equal to the existing one if nothing changed).
    """
    mine = sorted(
        (c for c in existing.values() if c.prompt_id == prompt_id),
        key=lambda c: _number(c.commitment_id),
    )
    latest = mine[-1] if mine else None
    if latest is not None and latest.outcome is None:
        due = latest.committed_on + timedelta(days=follow_up_days)
        if (latest.text, latest.follow_up_days, latest.lesson_id) == (
            text,
            follow_up_days,
            lesson_id,
        ):
            return latest
        return replace(
            latest,
            lesson_id=lesson_id,
            text=text,
            follow_up_days=follow_up_days,
            due_on=due,
            updated_at=now,
        )
    number = _number(latest.commitment_id) + 1 if latest else 1
    return Commitment(
        commitment_id=f"{prompt_id}#{number}",
        prompt_id=prompt_id,
        lesson_id=lesson_id,
        text=text,
        follow_up_days=follow_up_days,
        committed_on=today,
        due_on=today + timedelta(days=follow_up_days),
        updated_at=now,
    )


def asked_again(item: Commitment, days: int, today: date, now: datetime) -> Commitment:
    """The commitment that follows `item`'s "not yet": same text, due `days` from today."""
    return Commitment(
        commitment_id=f"{item.prompt_id}#{_number(item.commitment_id) + 1}",
        prompt_id=item.prompt_id,
        lesson_id=item.lesson_id,
        text=item.text,
        follow_up_days=days,
        committed_on=today,
        due_on=today + timedelta(days=days),
        updated_at=now,
    )


def with_outcome(
    item: Commitment, result: OutcomeResult | None, note: str | None, on: date, now: datetime
) -> Commitment:
    """The commitment with an outcome recorded (or cleared when `result` is `None`)."""
    outcome = None if result is None else Outcome(result, note or None, on)
    return replace(item, outcome=outcome, updated_at=now)


def without(progress: Progress, lesson_id: str | None, prompt_ids: frozenset[str]) -> Progress:
    """`progress` without a lesson's records (or without any records if `lesson_id` is None).

    Args:
        progress: The progress to filter; not changed.
        lesson_id: The lesson to remove, or `None` for everything.
        prompt_ids: Further prompts whose answers, drafts and commitments go too.
    """
    if lesson_id is None:
        return Progress(progress.course_id, extra=dict(progress.extra))

    def gone(record_lesson: str, prompt_id: str) -> bool:
        return record_lesson == lesson_id or prompt_id in prompt_ids

    resume = progress.resume
    return Progress(
        course_id=progress.course_id,
        answers={k: a for k, a in progress.answers.items() if not gone(a.lesson_id, k)},
        lessons={k: x for k, x in progress.lessons.items() if k != lesson_id},
        commitments={
            k: c for k, c in progress.commitments.items() if not gone(c.lesson_id, c.prompt_id)
        },
        drafts={k: d for k, d in progress.drafts.items() if not gone(d.lesson_id, k)},
        resume=None if resume is not None and resume.lesson_id == lesson_id else resume,
        positions={k: p for k, p in progress.positions.items() if k != lesson_id},
        extra=dict(progress.extra),
    )
