"""The in-memory half of `ProgressStore`: reading and changing the learner's records.

Every method takes the store's lock, so the records can be changed from the UI thread
while a worker thread saves. Records are immutable; a change replaces a record and
increments a version counter, which is how the store knows what is unsaved.

Answer history rule: within one store, successive edits of the same prompt less than
`COALESCE_WINDOW` (10 minutes) apart replace the current value, so typing does not make
a history entry per keystroke. Any other edit first moves the current value, with its
time, into the answer's history. `finish_editing()` ends the window early (e.g. when the
learner leaves a prompt). Values written by another instance are never replaced this way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Final

from leadtutor.progress import ops
from leadtutor.progress.commitment_records import CommitmentRecords
from leadtutor.progress.model import (
    COALESCE_WINDOW,
    COURSE_ID_PATTERN,
    SHUFFLE_SEED,
    Answer,
    AnswerValue,
    ChoiceValue,
    Draft,
    LessonProgress,
    Progress,
    PromptKind,
    ResumePoint,
    revise,
)


class Records(CommitmentRecords):
    """The learner's records for one course, guarded by a lock. See `ProgressStore`."""

    def __init__(self, course_id: str, clock: Callable[[], datetime]) -> None:
        if not COURSE_ID_PATTERN.fullmatch(course_id):
            raise ValueError(f"invalid course id {course_id!r}")
        self.course_id: Final = course_id
        self._clock = clock
        self._lock = threading.RLock()
        self._data = Progress(course_id)
        self._version = 0
        """Incremented by every change; compared with the version last saved."""
        self._recent: dict[str, tuple[datetime, datetime]] = {}
        """prompt id → (when this store last edited it, the `updated_at` it wrote)."""

    # ------------------------------------------------------------------------ snapshot

    def snapshot(self) -> Progress:
        """A copy of everything, consistent at one moment (for export and display)."""
        with self._lock:
            return self._data.copy()

    # ------------------------------------------------------------------------ answers

    def answer(self, prompt_id: str) -> Answer | None:
        """The answer to a prompt, or `None`."""
        with self._lock:
            return self._data.answers.get(prompt_id)

    def answers(self, lesson_id: str | None = None) -> list[Answer]:
        """All answers (of one lesson, if given), ordered by prompt id."""
        with self._lock:
            found = self._data.answers.values()
            return sorted(
                (a for a in found if lesson_id is None or a.lesson_id == lesson_id),
                key=lambda a: a.prompt_id,
            )

    def set_reflection(self, prompt_id: str, lesson_id: str, text: str) -> Answer:
        """Record the text of a `reflect` prompt."""
        _require(isinstance(text, str), "text must be a str")
        return self._set_answer(prompt_id, lesson_id, "reflect", text)

    def set_choice(
        self,
        prompt_id: str,
        lesson_id: str,
        selected: Iterable[int],
        correct: bool | None = None,
        options: Iterable[str] | None = None,
    ) -> Answer:
        """Record the ticked options of a `choice` prompt and, after Check, whether
        correct; `options` are the fingerprints of the options shown (`ChoicePrompt.
        fingerprints`), so the answer can be read after the options change."""
        chosen = tuple(sorted(set(selected)))
        given = None if options is None else tuple(options)
        _require(all(_is_int(i) and i >= 0 for i in chosen), "selected must be indexes >= 0")
        _require(correct is None or isinstance(correct, bool), "correct must be a bool or None")
        _require(given is None or all(isinstance(o, str) for o in given), "options must be str")
        value = ChoiceValue(chosen, correct, given)
        return self._set_answer(prompt_id, lesson_id, "choice", value)

    def set_scale(self, prompt_id: str, lesson_id: str, value: int) -> Answer:
        """Record the rating of a `scale` prompt."""
        _require(_is_int(value), "value must be an int")
        return self._set_answer(prompt_id, lesson_id, "scale", value)

    def finish_editing(self, prompt_id: str | None = None) -> None:
        """End the coalescing window: the next edit of the prompt (or of any prompt, if
        `None`) keeps the current value in history."""
        with self._lock:
            if prompt_id is None:
                self._recent.clear()
            else:
                self._recent.pop(prompt_id, None)

    def orphans(self, prompt_ids: Iterable[str]) -> list[Answer]:
        """Answers whose prompt is not among `prompt_ids` (the course's prompts).

        Orphans are kept forever and saved like any answer; this only reports them.
        """
        known = set(prompt_ids)
        return [a for a in self.answers() if a.prompt_id not in known]

    def _set_answer(
        self, prompt_id: str, lesson_id: str, kind: PromptKind, value: AnswerValue
    ) -> Answer:
        _require(
            isinstance(prompt_id, str) and prompt_id != "", "prompt_id must be a non-empty str"
        )
        _require(isinstance(lesson_id, str), "lesson_id must be a str")
        with self._lock:
            now = self._now()
            current = self._data.answers.get(prompt_id)
            if current is not None and current.kind == kind and current.value == value:
                if current.lesson_id != lesson_id:
                    current = replace(current, lesson_id=lesson_id)
                    self._store_answer(current)
                return current
            recent = self._recent.get(prompt_id)
            coalesce = (
                current is not None
                and recent is not None
                and recent[1] == current.updated_at
                and timedelta(0) <= now - recent[0] < COALESCE_WINDOW
            )
            fresh = Answer(prompt_id, lesson_id, kind, value, now, now)
            answer = revise(current, fresh, coalesce=coalesce)
            self._recent[prompt_id] = (now, answer.updated_at)
            self._data.drafts.pop(prompt_id, None)
            self._store_answer(answer)
            return answer

    def _store_answer(self, answer: Answer) -> None:
        self._data.answers[answer.prompt_id] = answer
        self._version += 1

    def shuffle_seed(self) -> str:
        """The learner's own random value that orders `:shuffle:` options.

        Made the first time it is asked for and saved with the progress (top-level key
        `shuffle_seed`), so the order never changes for this learner.
        """
        with self._lock:
            seed = self._data.extra.get(SHUFFLE_SEED)
            if isinstance(seed, str) and seed:
                return seed
            import secrets  # only the first time: start-up need not import it

            seed = secrets.token_hex(8)
            self._data.extra[SHUFFLE_SEED] = seed
            self._version += 1
            return seed

    # ------------------------------------------------------------------------ lessons

    def lesson(self, lesson_id: str) -> LessonProgress:
        """A lesson's progress (status "new" if never opened)."""
        with self._lock:
            return self._data.lessons.get(lesson_id) or LessonProgress(lesson_id)

    def lessons(self) -> dict[str, LessonProgress]:
        """Progress of every lesson that was ever opened, by lesson id."""
        with self._lock:
            return dict(self._data.lessons)

    def open_lesson(self, lesson_id: str) -> LessonProgress:
        """Mark a lesson opened: "new" becomes "started"; the first opening is remembered."""
        return self._change_lesson(lesson_id, ops.opened)

    def complete_lesson(self, lesson_id: str) -> LessonProgress:
        """Mark a lesson done (the first completion time is kept until it is reopened)."""
        return self._change_lesson(lesson_id, ops.completed)

    def reopen_lesson(self, lesson_id: str) -> LessonProgress:
        """Mark a done lesson "started" again and forget when it was completed."""
        return self._change_lesson(lesson_id, ops.reopened)

    def _change_lesson(
        self, lesson_id: str, change: Callable[[LessonProgress, datetime], LessonProgress]
    ) -> LessonProgress:
        _require(
            isinstance(lesson_id, str) and lesson_id != "", "lesson_id must be a non-empty str"
        )
        with self._lock:
            current = self.lesson(lesson_id)
            updated = change(current, self._now())
            if updated != current:
                self._data.lessons[lesson_id] = updated
                self._version += 1
            return updated

    # ----------------------------------------------------------------- resume and drafts

    @property
    def resume(self) -> ResumePoint | None:
        """Where the learner was, or `None` before the first lesson."""
        with self._lock:
            return self._data.resume

    def set_resume(
        self,
        lesson_id: str,
        block: int = 0,
        scroll: int = 0,
        prompt_id: str | None = None,
        *,
        line: int | None = None,
        chars: int = 0,
    ) -> ResumePoint:
        """Remember the learner's place in a lesson (see `ResumePoint`): it becomes the
        lesson's own position and the point Continue returns to."""
        _require(_is_int(block) and block >= 0, "block must be an int >= 0")
        _require(_is_int(scroll) and scroll >= 0, "scroll must be an int >= 0")
        _require(line is None or (_is_int(line) and line >= 0), "line must be None or >= 0")
        _require(_is_int(chars), "chars must be an int")
        with self._lock:
            point = ResumePoint(lesson_id, block, scroll, prompt_id, line=line, chars=chars)
            current = self._data.resume
            kept = self._data.positions.get(lesson_id)
            if (
                current is not None
                and replace(current, updated_at=None) == point
                and kept is not None
                and replace(kept, updated_at=None) == point
            ):
                return current
            point = replace(point, updated_at=self._now())
            self._data.positions[lesson_id] = point
            self._data = replace(self._data, resume=point)
            self._version += 1
            return point

    def position(self, lesson_id: str) -> ResumePoint | None:
        """The last place read in a lesson, or `None` if it was never recorded."""
        with self._lock:
            found = self._data.positions.get(lesson_id)
            resume = self._data.resume
            if resume is None or resume.lesson_id != lesson_id:
                return found
            if found is None or _later(resume.updated_at, found.updated_at):
                return resume  # written by a version without per-lesson positions
            return found

    def resume_in(self, lesson_id: str) -> ResumePoint:
        """Make `lesson_id` the lesson Continue returns to, at its own last position (the
        top if it has none), without changing that position."""
        with self._lock:
            current = self._data.resume
            if current is not None and current.lesson_id == lesson_id:
                return current
            kept = self.position(lesson_id)
            point = replace(kept or ResumePoint(lesson_id), updated_at=self._now())
            self._data = replace(self._data, resume=point)
            self._version += 1
            return point

    def drafts(self) -> dict[str, Draft]:
        """Unconfirmed text per prompt id (part of the resume point)."""
        with self._lock:
            return dict(self._data.drafts)

    def set_draft(self, prompt_id: str, lesson_id: str, text: str) -> None:
        """Keep text typed into a prompt that is not an answer yet; "" clears it."""
        _require(isinstance(text, str), "text must be a str")
        with self._lock:
            current = self._data.drafts.get(prompt_id)
            if not text:
                self.clear_draft(prompt_id)
            elif current is None or current.text != text or current.lesson_id != lesson_id:
                self._data.drafts[prompt_id] = Draft(prompt_id, lesson_id, text, self._now())
                self._version += 1

    def clear_draft(self, prompt_id: str) -> None:
        """Forget a prompt's draft (setting an answer does this too)."""
        with self._lock:
            if self._data.drafts.pop(prompt_id, None) is not None:
                self._version += 1

    def today(self) -> date:
        """The learner's local date, by the store's clock."""
        return self._now().astimezone().date()

    def _now(self) -> datetime:
        return self._clock()


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _later(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and (b is None or a > b)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
