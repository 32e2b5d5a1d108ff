"""`ScaleBox` (a self-rating saved as soon as it is chosen) and `CommitBox` (an action
with a follow-up in days)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, RadioButton, RadioSet, TextArea

from leadtutor.core import CommitPrompt, ScalePrompt
from leadtutor.ui.widgets.answer_area import AnswerArea
from leadtutor.ui.widgets.prompt_base import PromptBox


class ScaleBox(PromptBox):
    """A row of points from `minimum` to `maximum` with labelled ends."""

    DEFAULT_CSS = """
    ScaleBox RadioSet { layout: horizontal; width: auto; border: none; background: transparent; padding: 0; }
    ScaleBox RadioButton { margin: 0 1 0 0; }
    ScaleBox .scale-ends { color: $text-muted; height: auto; }
    """

    LABEL: ClassVar[str] = "Rate yourself"
    prompt: ScalePrompt

    def __init__(self, prompt: ScalePrompt, value: int | None = None) -> None:
        super().__init__(prompt, answered=value is not None)
        self.value = value

    def compose_input(self) -> ComposeResult:
        low, high = self.prompt.minimum, self.prompt.maximum
        with RadioSet(id=f"scale-{self.prompt.id}"):
            for point in range(low, high + 1):
                yield RadioButton(
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
    """A one-line action plus the number of days until the app asks how it went."""

    DEFAULT_CSS = """
    CommitBox .commit-text { height: 5; border: tall $panel; }
    CommitBox .commit-text:focus { border: tall $primary; }
    CommitBox .commit-row { height: auto; }
    CommitBox .commit-days { width: 9; }
    CommitBox .commit-days-label { padding: 1 1 0 0; color: $text-muted; }
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
                type="integer",
                max_length=3,
                classes="commit-days",
                id=f"days-{self.prompt.id}",
            )
            yield Label("days", classes="commit-days-label")

    def status_text(self) -> Content:
        hint = Content(f"due {self.due}" if self.due else "the app will ask how it went")
        saved = self.save_label()
        return hint + ("  " + saved if saved else Content(""))

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        text = self.query_one(".commit-text", TextArea).text
        raw = self.query_one(".commit-days", Input).value
        days = int(raw) if raw.isdigit() and 1 <= int(raw) <= 365 else self.answer.days
        new = CommitAnswer(text, days)
        if new == self.answer:
            return
        self.answer = new
        self.changed(new, answered=bool(text.strip()))
