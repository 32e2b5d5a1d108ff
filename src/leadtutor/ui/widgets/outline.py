"""`Outline`: the side panel listing a lesson's headings and prompts.

The heading of the section at the top of the lesson is marked `▸` and follows the
reading as the lesson scrolls (`show_section`, called by the lesson screen), without
taking focus or moving the lesson."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from leadtutor.core import AnyPrompt, Heading, Lesson, Prose
from leadtutor.core.model import Callout
from leadtutor.ui.text import shorten

PROMPT_LABELS = {"reflect": "Reflect", "choice": "Check", "scale": "Rate", "commit": "Commit"}
CURRENT = "▸ "
"""Marks the section being read (a shape, so it shows without colour too)."""


class Outline(OptionList):
    """Headings (indented by level) and prompts, with ✓ on answered prompts."""

    DEFAULT_CSS = """
    Outline {
        width: 34; max-width: 45%; height: 1fr;
        border: none; border-left: vkey $panel; padding: 0 1;
    }
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
        self.current = ""
        """The slug of the section being read ('' above the first heading)."""
        self._fill()

    def _heading_label(self, heading: Heading) -> Content:
        mark = (
            Content.styled(CURRENT, "bold $text-accent") if heading.slug == self.current else "  "
        )
        style = "bold" if heading.level <= 2 else ""
        if heading.slug == self.current:
            style = "bold $text-accent"
        return Content.assemble(
            mark, "  " * max(heading.level - 2, 0), Content.styled(heading.text, style)
        )

    def show_section(self, slug: str, *, move: bool = False) -> None:
        """Mark the heading `slug` as the section being read, and put the outline's
        cursor on it unless the learner is moving through the outline itself (`move`:
        even then, as when the outline opens)."""
        before, self.current = self.current, slug
        if slug != before:
            for heading in self.lesson.headings:
                if heading.slug in (before, slug):
                    label = self._heading_label(heading)
                    self.replace_option_prompt(f"heading:{heading.slug}", label)
        if slug and (move or (slug != before and not self.has_focus)):
            self.highlighted = self.get_option_index(f"heading:{slug}")
            if move:  # just shown: bring it into view once the outline is laid out
                self.call_after_refresh(self.scroll_to_highlight)

    def _fill(self) -> None:
        options: list[Option] = []
        headings = iter(self.lesson.headings)
        upcoming = next(headings, None)
        for index, block in enumerate(self.lesson.blocks):
            while upcoming is not None and upcoming.block == index:
                label = self._heading_label(upcoming)
                options.append(Option(label, id=f"heading:{upcoming.slug}"))
                upcoming = next(headings, None)
            if isinstance(block, Prose | Callout):
                continue
            options.append(Option(self._prompt_label(block), id=f"prompt:{block.id}"))
        self.clear_options()
        self.add_options(options)

    def _prompt_label(self, prompt: AnyPrompt) -> Content:
        mark = (
            Content.styled("✓ ", "$text-success") if prompt.id in self.answered else Content("○ ")
        )
        short = shorten(prompt.text.split("\n")[0], 60)
        return (
            mark + Content.styled(PROMPT_LABELS[prompt.kind] + ": ", "$text-muted") + Content(short)
        )

    def mark(self, prompt_id: str, answered: bool) -> None:
        """Update the ✓ of one prompt (only its entry: rebuilding the list would measure
        the entries before its scrollbar is back, and cut the wrapped ones short)."""
        before = prompt_id in self.answered
        if before == answered:
            return
        if answered:
            self.answered.add(prompt_id)
        else:
            self.answered.discard(prompt_id)
        prompt = next((p for p in self.lesson.prompts if p.id == prompt_id), None)
        if prompt is not None:
            self.replace_option_prompt(f"prompt:{prompt_id}", self._prompt_label(prompt))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, target = (event.option.id or "").partition(":")
        self.post_message(self.Jump(kind, target))
