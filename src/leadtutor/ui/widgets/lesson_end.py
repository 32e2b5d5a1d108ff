"""`LessonEnd`: the checklist at the end of a lesson, with Mark done and Next."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from leadtutor.ui.render import Piece
from leadtutor.ui.widgets.prose import ProseText


class LessonEnd(Vertical, can_focus=False):
    """Shows what is still missing, and offers Mark done and Next lesson."""

    DEFAULT_CSS = """
    LessonEnd { height: auto; margin: 2 0 1 0; padding: 0 1; border: round $secondary 60%; }
    LessonEnd.-done { border: round $success; }
    LessonEnd .end-actions { height: auto; margin: 1 0 0 0; }
    LessonEnd .end-actions Button { margin: 0 2 0 0; }
    """

    @dataclass
    class Action(Message):
        """`done`, `undone` or `next`."""

        action: str

    def __init__(self, missing: list[str], done: bool, has_next: bool) -> None:
        super().__init__(id="lesson-end")
        self.missing = missing
        self.done = done
        self.has_next = has_next

    def compose(self) -> ComposeResult:
        yield ProseText(self._summary(), classes="end-summary")
        with Horizontal(classes="end-actions"):
            if self.done:
                yield Button(Content("Mark not done"), id="undone", compact=True)
            else:
                yield Button(Content("Mark done"), id="done", compact=True, variant="success")
            if self.has_next:
                yield Button(Content("Next lesson →"), id="next", compact=True, variant="primary")
            else:  # the last lesson: its "next" is the end-of-course summary
                yield Button(
                    Content("Course summary →"), id="next", compact=True, variant="primary"
                )

    def update_state(self, missing: list[str], done: bool) -> None:
        """Refresh after answers change."""
        if (missing, done) != (self.missing, self.done):
            self.missing, self.done = missing, done
            self.refresh(recompose=True)

    def on_mount(self) -> None:
        self.set_class(self.done, "-done")

    def _summary(self) -> list[Piece]:
        if self.done:
            head = Content.styled("✓ Lesson done.", "bold $text-success")
        elif not self.missing:
            head = Content.styled("You have reached the end of the lesson.", "bold")
        else:
            head = Content.styled("Before this lesson counts as done:", "bold")
        pieces = [Piece(head)]
        if self.done and self.missing:
            pieces.append(
                Piece(Content.styled("Still open (you can still answer):", "$text-muted"))
            )
        pieces.extend(
            Piece(Content(item), Content("  ○ "), Content("    "), gap=0) for item in self.missing
        )
        return pieces

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Action(event.button.id or ""))
