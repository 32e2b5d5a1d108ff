"""`Outline`: the side panel listing a lesson's headings and prompts."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from leadtutor.core import Lesson, Prose
from leadtutor.core.model import Callout
from leadtutor.ui.text import shorten

PROMPT_LABELS = {"reflect": "Reflect", "choice": "Check", "scale": "Rate", "commit": "Commit"}


class Outline(OptionList):
    """Headings (indented by level) and prompts, with ✓ on answered prompts."""

    DEFAULT_CSS = """
    Outline { width: 34; height: 1fr; border: none; border-left: vkey $panel; padding: 0 1; }
    """

    @dataclass
    class Jump(Message):
        """The learner picked an entry: `kind` is `heading` or `prompt`, `target` its id."""

        kind: str
        target: str

    def __init__(self, lesson: Lesson, answered: set[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lesson = lesson
        self.answered = set(answered)
        self._fill()

    def _fill(self) -> None:
        options: list[Option] = []
        headings = iter(self.lesson.headings)
        upcoming = next(headings, None)
        for index, block in enumerate(self.lesson.blocks):
            while upcoming is not None and upcoming.block == index:
                label = Content("  " * max(upcoming.level - 2, 0)) + Content.styled(
                    upcoming.text, "bold" if upcoming.level <= 2 else ""
                )
                options.append(Option(label, id=f"heading:{upcoming.slug}"))
                upcoming = next(headings, None)
            if isinstance(block, Prose | Callout):
                continue
            mark = (
                Content.styled("✓ ", "$text-success")
                if block.id in self.answered
                else Content("○ ")
            )
            short = shorten(block.text.split("\n")[0], 60)
            label = (
                mark
                + Content.styled(PROMPT_LABELS[block.kind] + ": ", "$text-muted")
                + Content(short)
            )
            options.append(Option(label, id=f"prompt:{block.id}"))
        self.clear_options()
        self.add_options(options)

    def mark(self, prompt_id: str, answered: bool) -> None:
        """Update the ✓ of one prompt."""
        before = prompt_id in self.answered
        if before == answered:
            return
        if answered:
            self.answered.add(prompt_id)
        else:
            self.answered.discard(prompt_id)
        highlighted = self.highlighted
        self._fill()
        self.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, target = (event.option.id or "").partition(":")
        self.post_message(self.Jump(kind, target))
