"""Three-way merge of progress, used when two instances change the same file.

`merge(base, ours, theirs)` combines `ours` (this store's memory) with `theirs` (what
another instance wrote), where `base` is what both started from: the file as this store
last read or wrote it. Per record:

* changed on one side only → that side's record;
* changed on both sides → a conflict, resolved per record type:
  answers: the later `updated_at` wins and the other value goes into history;
  lessons: the furthest status (new < started < done), the earliest `first_opened`;
  resume point, lesson positions, drafts, commitments: the later `updated_at` wins (an
  outcome recorded on the losing side is kept);
* answer histories are always united, so no earlier value is dropped;
* deleted here (by a reset) and unchanged there → deleted;
* missing there → kept. A file that lost records (restored from an old copy, a sync
  client, a reset while this instance was open) never deletes the learner's words; only
  drafts, which are not yet answers, follow a deletion made elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, TypeVar

from leadtutor.progress.model import (
    LESSON_STATUSES,
    Answer,
    Commitment,
    Draft,
    LessonProgress,
    Progress,
    ResumePoint,
    Revision,
)

T = TypeVar("T")


def merge(base: Progress, ours: Progress, theirs: Progress) -> Progress:
    """Merge two descendants of `base`; see the module docstring for the rules.

    Args:
        base: The common ancestor (the file as this store last saw it).
        ours: This store's records.
        theirs: The other side's records.

    Returns:
        A new `Progress`; the arguments are not changed. Records that end up as they
        were in `ours` are the same objects.
    """
    return Progress(
        course_id=ours.course_id,
        answers=_merge_map(base.answers, ours.answers, theirs.answers, _ANSWERS),
        lessons=_merge_map(base.lessons, ours.lessons, theirs.lessons, _LESSONS),
        commitments=_merge_map(base.commitments, ours.commitments, theirs.commitments, _COMMITS),
        drafts=_merge_map(base.drafts, ours.drafts, theirs.drafts, _DRAFTS, follow=True),
        resume=_merge_one(base.resume, ours.resume, theirs.resume, _resume),
        positions=_merge_map(base.positions, ours.positions, theirs.positions, _POSITIONS),
        extra={**ours.extra, **theirs.extra},
    )


@dataclass(frozen=True)
class _Rules(Generic[T]):
    same: Callable[[T, T], bool]
    """Whether two records are the same version."""
    conflict: Callable[[T, T], T]
    """Combine two records both changed since the base (ours first)."""
    keep: Callable[[T, T], T] = lambda chosen, other: chosen
    """Return `chosen`, taking anything from `other` that must not be lost."""


def _merge_map(
    base: Mapping[str, T],
    ours: Mapping[str, T],
    theirs: Mapping[str, T],
    rules: _Rules[T],
    *,
    follow: bool = False,
) -> dict[str, T]:
    """Merge one section. `follow` applies deletions made on their side."""
    merged = dict(ours)
    for key, their in theirs.items():
        our = ours.get(key)
        old = base.get(key)
        if our is their:
            continue
        if our is None:
            if old is None or not rules.same(old, their):
                merged[key] = their  # new there, or changed there after we deleted it
        elif rules.same(our, their) or (old is not None and rules.same(old, their)):
            merged[key] = rules.keep(our, their)  # same version, or only we changed it
        elif old is not None and rules.same(old, our):
            merged[key] = rules.keep(their, our)  # only they changed it
        else:
            merged[key] = rules.conflict(our, their)
    if follow:
        for key in base.keys() - theirs.keys():
            if key in merged and rules.same(base[key], merged[key]):
                del merged[key]
    return merged


def _merge_one(
    base: T | None, ours: T | None, theirs: T | None, conflict: Callable[[T, T], T]
) -> T | None:
    if theirs is None or theirs in (base, ours):
        return ours
    if ours is None or ours == base:
        return theirs
    return conflict(ours, theirs)


def _value_key(value: object) -> str:
    """A total order on values, to break timestamp ties the same way in every instance."""
    return repr(value)


def _same_answer(a: Answer, b: Answer) -> bool:
    """Same version: the same value written at the same time (histories may differ)."""
    return a.updated_at == b.updated_at and a.value == b.value and a.kind == b.kind


def _with_history(answer: Answer, revisions: list[Revision], created: datetime) -> Answer:
    if not revisions and created == answer.created_at:
        return answer
    merged = sorted((*answer.history, *revisions), key=lambda r: (r.at, _value_key(r.value)))
    return replace(answer, created_at=created, history=tuple(merged))


def _missing(answer: Answer, revisions: tuple[Revision, ...]) -> list[Revision]:
    """The revisions that `answer` does not hold, in its history or as its value."""
    if revisions == answer.history:
        return []
    seen = {(r.at, _value_key(r.value)) for r in answer.history}
    seen.add((answer.updated_at, _value_key(answer.value)))
    return [r for r in revisions if (r.at, _value_key(r.value)) not in seen]


def _keep_answer(chosen: Answer, other: Answer) -> Answer:
    """`chosen`, with any earlier values only `other` remembers added to its history.

    `other`'s current value is not added: it is either the same version or the base
    version, which `chosen`'s writer moved to history or deliberately replaced.
    """
    created = min(chosen.created_at, other.created_at)
    return _with_history(chosen, _missing(chosen, other.history), created)


def _answer(a: Answer, b: Answer) -> Answer:
    """Both sides changed: the later value wins and the other joins the history."""
    if (a.updated_at, _value_key(a.value)) < (b.updated_at, _value_key(b.value)):
        a, b = b, a
    revisions = [*b.history, Revision(b.value, b.updated_at)]
    return _with_history(a, _missing(a, tuple(revisions)), min(a.created_at, b.created_at))


def _lesson(a: LessonProgress, b: LessonProgress) -> LessonProgress:
    if a == b:
        return a
    status = max(a.status, b.status, key=LESSON_STATUSES.index)
    opened = [t for t in (a.first_opened, b.first_opened) if t is not None]
    done = [r.completed_at for r in (a, b) if r.status == "done" and r.completed_at]
    updated = [t for t in (a.updated_at, b.updated_at) if t is not None]
    return LessonProgress(
        lesson_id=a.lesson_id,
        status=status,
        first_opened=min(opened, default=None),
        completed_at=min(done, default=None) if status == "done" else None,
        updated_at=max(updated, default=None),
    )


def _later(a: T, b: T, stamp: Callable[[T], datetime | None]) -> T:
    """`b` if it is strictly later, else `a` (ties keep our side)."""
    sa, sb = stamp(a), stamp(b)
    if sb is not None and (sa is None or sb > sa):
        return b
    return a


def _resume(a: ResumePoint, b: ResumePoint) -> ResumePoint:
    return _later(a, b, lambda r: r.updated_at)


def _draft(a: Draft, b: Draft) -> Draft:
    return _later(a, b, lambda d: d.updated_at)


def _commitment(a: Commitment, b: Commitment) -> Commitment:
    winner = _later(a, b, lambda c: c.updated_at)
    loser = b if winner is a else a
    if winner.outcome is None and loser.outcome is not None:
        return replace(winner, outcome=loser.outcome)
    return winner


def _equal(a: object, b: object) -> bool:
    return a == b


_ANSWERS: _Rules[Answer] = _Rules(_same_answer, _answer, _keep_answer)
_LESSONS: _Rules[LessonProgress] = _Rules(_equal, _lesson)
_COMMITS: _Rules[Commitment] = _Rules(_equal, _commitment)
_DRAFTS: _Rules[Draft] = _Rules(_equal, _draft)
_POSITIONS: _Rules[ResumePoint] = _Rules(_equal, _resume)
