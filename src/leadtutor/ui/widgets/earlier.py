"""`EarlierAnswer`: the learner's answer to an earlier prompt, shown inside a prompt that
revisits it (`:revisit:`), with its date and "Has your view changed?"."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True)
class Earlier:
    """What to show: built by the screen from the store (widgets never read it)."""

    question: str
    """The earlier prompt's first sentence ("" if it is no longer in the course)."""
    answer: str
    """The earlier answer as text, or "" if the learner never answered it."""
    when: str = ""
    """The date of that answer, e.g. `20 Nov 2026`."""
    versions: int = 1
    """How many versions the earlier answer has (the journal shows them all)."""


class EarlierAnswer(Vertical, can_focus=False):
    """A quiet panel: earlier question, earlier answer, and the question of change."""

    DEFAULT_CSS = """
    EarlierAnswer {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $accent 60%;
        background: $boost;
        .earlier-head { color: $text-muted; }
        .earlier-answer { margin: 0 0 0 0; }
        .earlier-ask { text-style: italic; color: $text-accent; }
    }
    """

    def __init__(self, earlier: Earlier) -> None:
        super().__init__(classes="earlier")
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        earlier = self.earlier
        asked = f" “{earlier.question}”" if earlier.question else " an earlier question"
        if earlier.answer:
            head = f"On {earlier.when} you answered{asked}:" if earlier.when else "You answered:"
            yield Static(Content(head), classes="earlier-head")
            yield Static(Content(earlier.answer), classes="earlier-answer")
            ask = "Has your view changed?"
            if earlier.versions > 1:
                ask += f" (That answer has {earlier.versions} versions: see the journal.)"
            yield Static(Content(ask), classes="earlier-ask")
        else:
            stop = "" if earlier.question[-1:] in (".", "?", "!", "…") else "."
            yield Static(
                Content(f"Earlier the course asked{asked}{stop} You have not answered it yet."),
                classes="earlier-head",
            )
