"""Follow-ups: the learner's commitments seen as check-ins that come due, with their story.

A `commit` prompt makes a commitment due `follow_up_days` after it was made. When the
date comes, the app asks how it went: done, partly, or not yet. "Not yet" may ask again
later: the store records the outcome `not-done` on the commitment and makes the next one
(`<prompt>#<n+1>`) with the same text, committed that day. This module reads such a run
of commitments back as one story, so every screen (the follow-up card, the Follow-ups
screen, the journal, `leadtutor followups`) tells it the same way.

Pure functions over `Commitment` records; no disk, no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from leadtutor.progress.model import Commitment, Outcome, OutcomeResult

FollowUpState = Literal["due", "upcoming", "closed"]
"""`due`: no outcome and the date has come; `upcoming`: no outcome yet; `closed`: has one."""

RESULT_LABELS: Final[dict[OutcomeResult, str]] = {
    "done": "done",
    "partly": "partly",
    "not-done": "not yet",
}
"""How each outcome is named to the learner (the file says `not-done`)."""


@dataclass(frozen=True)
class FollowUp:
    """One commitment as a check-in."""

    commitment: Commitment
    state: FollowUpState
    first_committed_on: date
    """When the learner first committed to this (before any "not yet, ask me again")."""
    postponed: tuple[Commitment, ...] = ()
    """Earlier commitments of this run the learner answered "not yet" to, oldest first."""
    asked_again: Commitment | None = None
    """For a "not yet" outcome: the commitment that asks again, if one was made."""

    @property
    def commitment_id(self) -> str:
        """`<prompt-id>#<n>`."""
        return self.commitment.commitment_id

    @property
    def text(self) -> str:
        """What the learner committed to."""
        return self.commitment.text

    @property
    def due_on(self) -> date:
        """When the app asks (or asked) how it went."""
        return self.commitment.due_on

    @property
    def outcome(self) -> Outcome | None:
        """How it went, once the learner said."""
        return self.commitment.outcome

    @property
    def result_label(self) -> str:
        """The outcome as the learner says it ("done", "partly", "not yet"); "" while open."""
        return RESULT_LABELS[self.outcome.result] if self.outcome else ""


def continues(earlier: Commitment, later: Commitment) -> bool:
    """Whether `later` is the "ask me again" of `earlier`'s "not yet".

    True when both belong to the same prompt, `later` is the next number, has the same
    text, and was made on the day `earlier` got its `not-done` outcome.
    """
    outcome = earlier.outcome
    return (
        outcome is not None
        and outcome.result == "not-done"
        and earlier.prompt_id == later.prompt_id
        and number(later.commitment_id) == number(earlier.commitment_id) + 1
        and earlier.text == later.text
        and outcome.on == later.committed_on
    )


def follow_ups(commitments: Iterable[Commitment], today: date) -> list[FollowUp]:
    """Every commitment as a follow-up, in the order a learner wants to see them.

    Due ones first (longest overdue first), then upcoming by date, then closed ones,
    most recently closed first.

    Args:
        commitments: All the learner's commitments (e.g. `store.commitments()`).
        today: The learner's local date.
    """
    by_prompt: dict[str, list[Commitment]] = {}
    for item in commitments:
        by_prompt.setdefault(item.prompt_id, []).append(item)
    found: list[FollowUp] = []
    for run in by_prompt.values():
        run.sort(key=lambda c: number(c.commitment_id))
        chain: list[Commitment] = []
        for index, item in enumerate(run):
            if chain and not continues(chain[-1], item):
                chain = []
            following = run[index + 1] if index + 1 < len(run) else None
            again = following if following is not None and continues(item, following) else None
            first = chain[0].committed_on if chain else item.committed_on
            found.append(FollowUp(item, _state(item, today), first, tuple(chain), again))
            chain.append(item)
    return sorted(found, key=_order)


def due(commitments: Iterable[Commitment], today: date) -> list[FollowUp]:
    """The follow-ups whose date has come and that have no outcome yet."""
    return [f for f in follow_ups(commitments, today) if f.state == "due"]


def number(commitment_id: str) -> int:
    """The `<n>` of `<prompt-id>#<n>` (0 if there is none)."""
    _, _, tail = commitment_id.rpartition("#")
    return int(tail) if tail.isdigit() else 0


def _state(item: Commitment, today: date) -> FollowUpState:
    if item.outcome is not None:
        return "closed"
    return "due" if item.due_on <= today else "upcoming"


def _order(item: FollowUp) -> tuple[int, int, str]:
    if item.state == "closed":
        outcome = item.outcome
        closed = outcome.on if outcome is not None and outcome.on else item.due_on
        return (2, -closed.toordinal(), item.commitment_id)
    rank = 0 if item.state == "due" else 1
    return (rank, item.due_on.toordinal(), item.commitment_id)
