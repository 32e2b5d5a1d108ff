"""The records the progress store keeps, and the rules for changing them.

Every record is immutable. The store replaces a record to change it, so a snapshot is a
cheap shallow copy of a few dicts and can be written to disk while the UI keeps editing.
All timestamps are timezone-aware and in UTC; calendar dates (commitments) are the
learner's local dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final, Literal, NamedTuple

SCHEMA_VERSION: Final = 2
"""The schema version this code writes."""

COURSE_ID_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Course ids are used as folder names, so they are restricted to this pattern."""

SHUFFLE_SEED: Final = "shuffle_seed"
"""Top-level key of the learner's random value that orders `:shuffle:` choice options."""

CHOICE_OPTIONS: Final = "choice_options"
"""Top-level section of the file: prompt id -> {the time a choice value was written: the
fingerprints of the options it was given} (`ChoiceValue.options`). Kept out of the
answer records because older versions refuse a choice value with more keys, but keep
unknown top-level keys unchanged."""

COALESCE_WINDOW: Final = timedelta(minutes=10)
"""Successive edits of one prompt by one store closer together than this replace each other."""

PromptKind = Literal["reflect", "choice", "scale", "commit"]
PROMPT_KINDS: Final[tuple[PromptKind, ...]] = ("reflect", "choice", "scale", "commit")

LessonStatus = Literal["new", "started", "done"]
LESSON_STATUSES: Final[tuple[LessonStatus, ...]] = ("new", "started", "done")
"""In increasing order: merging two records keeps the later status in this list."""

OutcomeResult = Literal["done", "partly", "not-done"]
OUTCOME_RESULTS: Final[tuple[OutcomeResult, ...]] = ("done", "partly", "not-done")

_ONE_TICK: Final = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class ChoiceValue:
    """The value of a `choice` prompt."""

    selected: tuple[int, ...]
    """Indexes of the ticked options, in ascending order."""
    correct: bool | None = None
    """Whether the last Check was correct; `None` until the learner presses Check."""
    options: tuple[str, ...] | None = None
    """The fingerprint of each option the learner was given, in the authored order that
    `selected` counts in (`leadtutor.core.options`); `None` for an answer saved before
    leadtutor recorded them. Saved in the file's `choice_options` section."""


@dataclass(frozen=True, slots=True)
class CommitValue:
    """The value of a `commit` prompt."""

    text: str
    """What the learner commits to do."""
    follow_up_days: int
    """Days until the app asks how it went."""


AnswerValue = str | int | ChoiceValue | CommitValue
"""reflect → `str`, scale → `int`, choice → `ChoiceValue`, commit → `CommitValue`."""


class Revision(NamedTuple):
    """An earlier value of an answer."""

    value: AnswerValue
    """The value as it was."""
    at: datetime
    """When that value was last written (its `updated_at` at the time)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """The learner's answer to one prompt, with every earlier value."""

    prompt_id: str
    """The prompt this answers; unique across the course."""
    lesson_id: str
    """The lesson the prompt was in when last answered ("" if unknown, e.g. after migration)."""
    kind: PromptKind
    """The prompt's kind, which fixes the type of `value`."""
    value: AnswerValue
    """The current value."""
    created_at: datetime
    """When the prompt was first answered."""
    updated_at: datetime
    """When `value` was last written."""
    history: tuple[Revision, ...] = ()
    """Earlier values, oldest first. Never shrinks except by an explicit reset."""


@dataclass(frozen=True, slots=True)
class LessonProgress:
    """How far the learner is with one lesson."""

    lesson_id: str
    status: LessonStatus = "new"
    first_opened: datetime | None = None
    completed_at: datetime | None = None
    """When the lesson was last marked done; `None` unless `status` is "done"."""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """Where the learner was in a lesson, so the app can take them back there.

    `line` and `chars` name the top line of the screen by the text it shows, so it is
    found again after the text is wrapped to another width; `scroll` is the same place
    in screen lines, as older versions stored it (they ignore `line` and `chars`).
    """

    lesson_id: str
    block: int = 0
    """Index of the block (prose, callout or prompt) at the top of the view."""
    scroll: int = 0
    """Lines from the top of that block (the blank line above it included) to the top
    of the view, at the width it was saved at."""
    prompt_id: str | None = None
    """The prompt that had focus, if any."""
    updated_at: datetime | None = None
    line: int | None = None
    """In prose: the source line, counted from the block's first line (0), of the
    paragraph, heading, list item or code block at the top of the view. `None`: the top
    is not in prose (a prompt, a callout), or the point was saved by an older version."""
    chars: int = 0
    """With `line`: how far into that piece of text the top line is. 0 or more: the
    characters (not counting spaces) of the piece above the top line; negative: that
    many blank lines above the piece."""


@dataclass(frozen=True, slots=True)
class Draft:
    """Text typed into a prompt that is not yet an answer (e.g. an unconfirmed commitment)."""

    prompt_id: str
    lesson_id: str
    text: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a commitment went."""

    result: OutcomeResult
    note: str | None = None
    on: date | None = None
    """The local date the learner reported it."""


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something the learner committed to in a `commit` prompt."""

    commitment_id: str
    """`<prompt-id>#<n>`: the n-th commitment made in that prompt."""
    prompt_id: str
    lesson_id: str
    text: str
    follow_up_days: int
    committed_on: date
    due_on: date
    """`committed_on` plus `follow_up_days`."""
    outcome: Outcome | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything saved for one course.

    The dicts are owned by whoever built the object; the store never mutates a
    `Progress` it has handed out or written.
    """

    course_id: str
    answers: dict[str, Answer] = field(default_factory=dict)
    lessons: dict[str, LessonProgress] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    drafts: dict[str, Draft] = field(default_factory=dict)
    resume: ResumePoint | None = None
    """The last place the learner read (the lesson Continue opens)."""
    positions: dict[str, ResumePoint] = field(default_factory=dict)
    """The last place read in each lesson, by lesson id."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this version does not know; kept and written back unchanged."""

    def copy(self) -> Progress:
        """Return a copy whose dicts can be changed without affecting this one."""
        return Progress(
            course_id=self.course_id,
            answers=dict(self.answers),
            lessons=dict(self.lessons),
            commitments=dict(self.commitments),
            drafts=dict(self.drafts),
            resume=self.resume,
            positions=dict(self.positions),
            extra=dict(self.extra),
        )


def value_kind(value: AnswerValue) -> PromptKind:
    """The prompt kind a value belongs to (values are self-describing)."""
    if isinstance(value, ChoiceValue):
        return "choice"
    if isinstance(value, CommitValue):
        return "commit"
    return "reflect" if isinstance(value, str) else "scale"


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def format_time(moment: datetime) -> str:
    """Format a timestamp as ISO 8601 UTC with microseconds, e.g. `2026-11-27T17:28:00.000000Z`."""
    return f"{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S.%f}Z"


def revise(current: Answer | None, answer: Answer, *, coalesce: bool) -> Answer:
    """Apply a new value to an answer without losing the old one.

    Args:
        current: The answer as it is now, or `None` for a first answer.
        answer: The new answer; its `updated_at` is the time of the edit and its
            `history` is ignored.
        coalesce: Replace the current value instead of moving it to history. The store
            sets this only for quick successive edits it made itself (see
            `COALESCE_WINDOW`).

    Returns:
        The answer to keep. Its `updated_at` is always later than `current.updated_at`,
        so a new edit wins any merge against the value it replaced.
    """
    if current is None:
        return replace(answer, created_at=answer.updated_at, history=())
    stamp = max(answer.updated_at, current.updated_at + _ONE_TICK)
    history = current.history
    if not coalesce:
        history = (*history, Revision(current.value, current.updated_at))
    return replace(answer, created_at=current.created_at, updated_at=stamp, history=history)
