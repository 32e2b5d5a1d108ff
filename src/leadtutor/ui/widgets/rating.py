"""`ScaleBox` (a self-rating saved as soon as it is chosen) and `CommitBox` (an action
with a follow-up in days)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, RadioSet, TextArea

from leadtutor.core import CommitPrompt, ScalePrompt
from leadtutor.core.model import scale_columns
from leadtutor.ui.widgets.answer_area import AnswerArea
from leadtutor.ui.widgets.prompt_base import PromptBox
from leadtutor.ui.widgets.status import StatusLine
from leadtutor.ui.widgets.toggles import ShapedRadioButton


class ScaleBox(PromptBox):
    """A row of points from `minimum` to `maximum` with labelled ends."""

    DEFAULT_CSS = """
    ScaleBox RadioSet {
        layout: grid; grid-size: 11; grid-columns: auto; grid-rows: 1;
        width: auto; height: auto; border: none; background: transparent; padding: 0;
    }
    ScaleBox RadioSet:blur > RadioButton.-selected > .toggle--label { background: transparent; }
    ScaleBox RadioButton { margin: 0; }
    ScaleBox .scale-ends { color: $text-muted; height: auto; }
    """

    LABEL: ClassVar[str] = "Rate yourself"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(digit), f"rate({digit})", show=False) for digit in range(10)
    ]
    """A digit picks that point (0 is 10 on a scale that ends at 10 and has no 0)."""
    prompt: ScalePrompt

    def __init__(self, prompt: ScalePrompt, value: int | None = None) -> None:
        super().__init__(prompt, answered=value is not None)
        self.value = value

    def compose_input(self) -> ComposeResult:
        low, high = self.prompt.minimum, self.prompt.maximum
        with RadioSet(id=f"scale-{self.prompt.id}", compact=True):  # no focus border
            for point in range(low, high + 1):
                yield ShapedRadioButton(
                    Content(str(point)), point == self.value, id=f"pt-{self.prompt.id}-{point}"
                )
        if self.prompt.low or self.prompt.high:
            ends = Content.assemble(
                f"{low} = ",
                Content(self.prompt.low or "low"),
                "   ·   ",
                f"{high} = ",
                Content(self.prompt.high or "high"),
            )
            yield Label(ends, classes="scale-ends", markup=False)

    def status_text(self) -> Content:
        return self.hinted(self.save_label())

    def key_hint(self) -> Content:
        return Content(f"keys {self.prompt.minimum}–{self.prompt.maximum} rate")

    def action_rate(self, digit: int) -> None:
        """Choose the point `digit`."""
        low, high = self.prompt.minimum, self.prompt.maximum
        point = 10 if digit == 0 and high == 10 and low > 0 else digit
        if not low <= point <= high:
            self.app.bell()
            return
        self.query(ShapedRadioButton)[point - low].value = True

    def on_resize(self) -> None:
        """Wrap the points into as many rows as the width needs: every point stays visible."""
        points = self.query(RadioSet)
        if points:
            columns = scale_columns(
                self.prompt.minimum, self.prompt.maximum, self.content_size.width
            )
            points.first().styles.grid_size_columns = columns

    @on(RadioSet.Changed)
    def _chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.value = self.prompt.minimum + event.index
        self.changed(self.value)


@dataclass(frozen=True)
class CommitAnswer:
    """A commitment as typed: the action and the follow-up in days."""

    text: str
    days: int


class CommitBox(PromptBox):
    """A one-line action plus the number of days until the app asks how it went.

    The days field shows exactly what it holds: anything but a whole number from 1 to
    365 is shown with an error beside it and not saved (the last good number is kept,
    and named); leaving the field puts that number back, so what is shown is what is
    saved.
    """

    DEFAULT_CSS = """
    CommitBox .commit-text { height: 5; border: tall $panel; }
    CommitBox .commit-text:focus { border: tall $primary; }
    CommitBox .commit-row { height: auto; }
    CommitBox .commit-days { width: 9; padding: 0 1; border: tall $panel; }
    CommitBox .commit-days:focus { border: tall $accent; background: $boost; }
    CommitBox .commit-days.-invalid { border: tall $error 60%; }
    CommitBox .commit-days.-invalid:focus { border: tall $error; }
    CommitBox .commit-days-label { padding: 1 1 0 0; color: $text-muted; width: auto; }
    CommitBox .commit-days-error { margin: 1 0 0 0; color: $text-error; width: 1fr; }
    """

    LABEL: ClassVar[str] = "Commit"
    prompt: CommitPrompt

    def __init__(
        self, prompt: CommitPrompt, answer: CommitAnswer | None = None, due: str = ""
    ) -> None:
        super().__init__(prompt, answered=bool(answer and answer.text.strip()))
        self.answer = answer or CommitAnswer("", prompt.follow_up_days or 14)
        self.due = due

    def compose_input(self) -> ComposeResult:
        yield AnswerArea(
            self.answer.text,
            soft_wrap=True,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder=Content("I will… (one concrete action: what, with whom, by when)"),
            classes="commit-text",
            id=f"commit-{self.prompt.id}",
        )
        with Horizontal(classes="commit-row"):
            yield Label("Check in with me after", classes="commit-days-label")
            yield Input(
                str(self.answer.days),
                max_length=3,
                classes="commit-days",
                id=f"days-{self.prompt.id}",
            )
            yield Label("days", classes="commit-days-label")
            yield StatusLine(Content(""), classes="commit-days-error")

    def status_text(self) -> Content:
        hint = Content(f"due {self.due}" if self.due else "the app will ask how it went")
        if self.prompt.required:
            hint = hint + " · required"
        saved = self.save_label()
        return hint + ("  " + saved if saved else Content(""))

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        text = self.query_one(".commit-text", TextArea).text
        days = self._days()
        new = CommitAnswer(text, self.answer.days if days is None else days)
        if new == self.answer:
            return
        self.answer = new
        self.changed(new, answered=bool(text.strip()))

    def _days(self) -> int | None:
        """The days typed, or `None` (with the error shown) if they are not 1 to 365."""
        field = self.query_one(".commit-days", Input)
        raw = field.value.strip()
        valid = re.fullmatch(r"[0-9]{1,3}", raw) is not None and 1 <= int(raw) <= 365
        field.set_class(not valid, "-invalid")
        kept = self.answer.days
        error = "" if valid else f"⚠ a whole number, 1 to 365 ({kept} is kept)"
        for line in self.query(".commit-days-error").results(StatusLine):
            line.show(Content(error))
        return int(raw) if valid else None

    @on(Input.Blurred)
    def _left_days(self, event: Input.Blurred) -> None:
        """Leaving the field with something it does not accept shows the kept number."""
        event.stop()
        if self._days() is None:
            event.input.value = str(self.answer.days)
