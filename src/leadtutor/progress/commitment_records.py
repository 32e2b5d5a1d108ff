"""Commitments and their check-ins: the part of `Records` behind `commit` prompts.

A mixin of `leadtutor.progress.records.Records`, which provides the lock, the data and
the version counter; kept apart so each file reads in one sitting.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import TYPE_CHECKING

from leadtutor.progress import ops
from leadtutor.progress.followups import FollowUp, follow_ups, number
from leadtutor.progress.model import Commitment, CommitValue, OutcomeResult, Progress

if TYPE_CHECKING:
    from leadtutor.progress.model import Answer, AnswerValue, PromptKind


class CommitmentRecords:
    """Make commitments, record how they went, ask again, list the check-ins."""

    _lock: threading.RLock
    _data: Progress
    _version: int

    if TYPE_CHECKING:

        def _set_answer(
            self, prompt_id: str, lesson_id: str, kind: PromptKind, value: AnswerValue
        ) -> Answer: ...

        def _now(self) -> datetime: ...

        def today(self) -> date: ...

    def make_commitment(
        self,
        prompt_id: str,
        lesson_id: str,
        text: str,
        follow_up_days: int,
        *,
        on: date | None = None,
    ) -> Commitment:
        """Answer a `commit` prompt and record (or update) its open commitment.

        While the prompt's latest commitment has no outcome, calling this again edits
        it; once it has an outcome, a new commitment `<prompt-id>#<n+1>` is made.

        Args:
            prompt_id: The `commit` prompt.
            lesson_id: Its lesson.
            text: What the learner commits to.
            follow_up_days: Days until the follow-up (the prompt's `:follow-up:`).
            on: The local date of the commitment; today by default.
        """
        _require(_is_int(follow_up_days) and follow_up_days >= 0, "follow_up_days must be >= 0")
        with self._lock:
            self._set_answer(prompt_id, lesson_id, "commit", CommitValue(text, follow_up_days))
            now = self._now()
            item = ops.commitment_for(
                self._data.commitments,
                prompt_id,
                lesson_id,
                text,
                follow_up_days,
                on or self.today(),
                now,
            )
            if self._data.commitments.get(item.commitment_id) != item:
                self._data.commitments[item.commitment_id] = item
                self._version += 1
            return self._data.commitments[item.commitment_id]

    def record_outcome(
        self,
        commitment_id: str,
        result: OutcomeResult | None,
        note: str | None = None,
        *,
        on: date | None = None,
    ) -> Commitment:
        """Record how a commitment went (`None` clears the outcome).

        Raises:
            KeyError: There is no commitment with this id.
        """
        with self._lock:
            current = self._data.commitments[commitment_id]
            updated = ops.with_outcome(current, result, note, on or self.today(), self._now())
            self._data.commitments[commitment_id] = updated
            self._data.drafts.pop(commitment_id, None)
            self._version += 1
            return updated

    def ask_again(
        self, commitment_id: str, days: int, note: str | None = None, *, on: date | None = None
    ) -> Commitment:
        """Record "not yet" on a commitment and ask again in `days` days.

        The commitment gets the outcome `not-done` (with `note`); the next commitment of
        its prompt, `<prompt-id>#<n+1>`, has the same text, is made today and is due
        `days` from today. `leadtutor.progress.followups` reads the two as one story.
        If the prompt already has a later commitment, only the outcome is recorded.

        Returns:
            The new commitment (or the later one that already existed).

        Raises:
            KeyError: There is no commitment with this id.
            ValueError: `days` is not a whole number from 1 to 365.
        """
        _require(_is_int(days) and 1 <= days <= 365, "days must be a whole number from 1 to 365")
        with self._lock:
            today = on or self.today()
            current = self.record_outcome(commitment_id, "not-done", note, on=today)
            later = [
                c
                for c in self._data.commitments.values()
                if c.prompt_id == current.prompt_id
                and number(c.commitment_id) > number(commitment_id)
            ]
            if later:
                return max(later, key=lambda c: number(c.commitment_id))
            fresh = ops.asked_again(current, days, today, self._now())
            self._data.commitments[fresh.commitment_id] = fresh
            self._version += 1
            return fresh

    def follow_ups(self) -> list[FollowUp]:
        """Every commitment as a check-in (due, upcoming, closed), by the store's clock."""
        return follow_ups(self.commitments(), self.today())

    def follow_ups_due(self) -> list[FollowUp]:
        """The check-ins whose date has come, longest overdue first."""
        return [item for item in self.follow_ups() if item.state == "due"]

    def commitments(self) -> list[Commitment]:
        """All commitments, by due date."""
        with self._lock:
            return sorted(
                self._data.commitments.values(), key=lambda c: (c.due_on, c.commitment_id)
            )

    def commitments_due(self, on_or_before: date) -> list[Commitment]:
        """Commitments without an outcome whose follow-up date is on or before a date."""
        return [c for c in self.commitments() if c.outcome is None and c.due_on <= on_or_before]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
