"""Read a saved choice answer against the options as they are now: the one place that
does, for the lesson's widget, the journal, every export, the share export and the
cohort summary.

A choice value holds option indexes and, since leadtutor recorded them, the fingerprint
of each option it was given (`ChoiceValue.options`, `leadtutor.core.options`). Authors
re-order and re-word published checks, so the indexes are never trusted by position:

- every ticked option still there (same fingerprint) → the answer follows its options
  to where they are now, and is scored against the options now;
- otherwise → an answer to an *earlier version of the check*: kept as it is, shown with
  the old options' words (from `course.lock`'s history, when it has them), never
  pre-selected or scored against the options now.

A value without fingerprints (saved before they existed) is read against the oldest
option list `course.lock` keeps for the prompt (`ChoicePrompt.published`), else against
the options now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from leadtutor.core import ChoicePrompt
from leadtutor.progress.dates import day
from leadtutor.progress.model import ChoiceValue

GONE: Final = "an option no longer in the check"
"""The words shown for a ticked option whose text nobody recorded."""


@dataclass(frozen=True)
class ChoiceReading:
    """A choice value as it reads against the prompt's options now."""

    current: bool
    """Every ticked option is among the options now: `selected` and `correct` apply."""
    selected: tuple[int, ...]
    """Indexes of the ticked options among the options now (empty unless `current`)."""
    correct: bool | None
    """Right or wrong against the options now; `None` before Check, and when not `current`."""
    checked: bool
    """The learner pressed Check (for an earlier version: on that version)."""
    saved_correct: bool | None
    """The verdict saved with the answer (for an earlier version: about that version)."""
    labels: tuple[str, ...]
    """The words of each option ticked, as the learner saw them when known."""


def read_choice(value: ChoiceValue, prompt: ChoicePrompt) -> ChoiceReading:
    """Read `value` against `prompt`'s options now, by option identity (see the module)."""
    now = prompt.fingerprints
    given = value.options
    if given is None:
        given = tuple(o.fingerprint for o in prompt.published[0]) if prompt.published else now
    ticked = [given[i] if i < len(given) else None for i in value.selected]
    checked = value.correct is not None
    if all(fp is not None and fp in now for fp in ticked):
        selected = tuple(sorted({now.index(fp) for fp in ticked if fp is not None}))
        correct = frozenset(selected) == prompt.correct if checked else None
        labels = tuple(prompt.option_list[i].label for i in selected)
        return ChoiceReading(True, selected, correct, checked, value.correct, labels)
    labels = tuple(_label(prompt, fp) for fp in ticked)
    return ChoiceReading(False, (), None, checked, value.correct, labels)


def _label(prompt: ChoicePrompt, fp: str | None) -> str:
    for options in (prompt.option_list, *reversed(prompt.published)):
        for option in options:
            if option.fingerprint == fp:
                return option.label
    return GONE


_VERDICTS: Final = {None: "not checked yet", True: "correct", False: "not correct"}
_THEN: Final = {None: "not checked", True: "correct then", False: "not correct then"}


def choice_words(value: ChoiceValue, prompt: ChoicePrompt) -> str:
    """The answer as words, e.g. "Option B; Option C (correct)", or, for an earlier
    version, "An earlier version of this check: Option B (correct then)"."""
    reading = read_choice(value, prompt)
    picked = "; ".join(reading.labels) or "nothing ticked"
    if reading.current:
        return f"{picked} ({_VERDICTS[reading.correct]})"
    return f"An earlier version of this check: {picked} ({_THEN[reading.saved_correct]})"


def earlier_note(value: ChoiceValue, prompt: ChoicePrompt, at: datetime) -> str | None:
    """What the lesson says above a check whose saved answer is to an earlier version
    (`at`: when that answer was written); `None` when the answer fits the options now."""
    reading = read_choice(value, prompt)
    if reading.current:
        return None
    picked = "; ".join(f"“{label}”" for label in reading.labels) or "nothing ticked"
    verdict = f" ({_THEN[reading.saved_correct]})" if reading.checked else ""
    did = "answered" if reading.checked else "picked an answer to"
    return (
        f"On {day(at)} you {did} an earlier version of this check: {picked}{verdict}. "
        "Its options have changed since, so that answer is kept in your journal but not "
        "marked here: take the check again below."
    )
