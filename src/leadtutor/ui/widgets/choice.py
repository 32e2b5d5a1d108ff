"""`ChoiceBox`: a knowledge check with feedback per option, and retries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, RadioButton, RadioSet

from leadtutor.core import ChoicePrompt
from leadtutor.ui.render import Piece, inline, render
from leadtutor.ui.widgets.prompt_base import PromptBox
from leadtutor.ui.widgets.prose import ProseText
from leadtutor.ui.widgets.wrapping import WrappingCheckbox, WrappingRadioButton


@dataclass(frozen=True)
class ChoiceAnswer:
    """What the learner picked, and whether they have checked it."""

    selected: tuple[int, ...]
    checked: bool
    correct: bool
    note: str = ""
    """Said above the options when the saved answer is to an earlier version."""


def option_label(prompt: ChoicePrompt, index: int) -> Content:
    """An option's text as Content (never markup)."""
    tokens = prompt.options[index].text.tokens
    return inline(tokens[1] if len(tokens) > 1 else None) or Content(
        prompt.options[index].text.plain
    )


class ChoiceBox(PromptBox):
    """Radio buttons (or checkboxes with `:multiple:`), a Check button and feedback."""

    DEFAULT_CSS = """
    ChoiceBox RadioSet { width: 1fr; background: transparent; }
    ChoiceBox Checkbox { background: transparent; }
    ChoiceBox RadioSet:blur > RadioButton.-selected > .toggle--label { background: transparent; }
    ChoiceBox .choice-earlier { color: $text-muted; margin: 0 0 1 0; }
    ChoiceBox .choice-actions { height: auto; margin: 1 0 0 0; }
    ChoiceBox .choice-feedback { height: auto; margin: 1 0 0 0; }
    ChoiceBox .choice-feedback.-correct { border-left: thick $success; padding: 0 1; }
    ChoiceBox .choice-feedback.-wrong { border-left: thick $warning; padding: 0 1; }
    """

    LABEL: ClassVar[str] = "Quick check"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(number), f"pick({number})", show=False) for number in range(1, 10)
    ]
    """A number key picks that option (or, with `:multiple:`, ticks or unticks it)."""
    prompt: ChoicePrompt

    def __init__(
        self,
        prompt: ChoicePrompt,
        answer: ChoiceAnswer | None = None,
        order: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(prompt, answered=bool(answer and answer.checked))
        self.answer = answer or ChoiceAnswer((), False, False)
        self.order = order or tuple(range(len(prompt.options)))
        """Option indexes in the order shown (`:shuffle:`); answers keep the indexes."""

    def compose_input(self) -> ComposeResult:
        if self.answer.note:
            yield ProseText([Piece(Content(self.answer.note))], classes="choice-earlier")
        picked = set(self.answer.selected)
        if self.prompt.multiple:
            with Vertical(classes="choice-options"):
                for index in self.order:
                    yield WrappingCheckbox(
                        option_label(self.prompt, index),
                        index in picked,
                        id=f"opt-{self.prompt.id}-{index}",
                        compact=True,
                    )
        else:
            # compact: no border that appears with focus (it shifted the layout by two rows)
            with RadioSet(classes="choice-options", compact=True):
                for index in self.order:
                    yield WrappingRadioButton(
                        option_label(self.prompt, index),
                        index in picked,
                        id=f"opt-{self.prompt.id}-{index}",
                    )
        with Horizontal(classes="choice-actions"):
            yield Button(Content("Check"), id=f"check-{self.prompt.id}", compact=True)
        yield ProseText(self._feedback(), classes="choice-feedback")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_feedback()

    def status_text(self) -> Content:
        return self.hinted(self.save_label())

    def key_hint(self) -> Content:
        count = min(len(self.prompt.options), 9)
        keys = "1" if count == 1 else f"1–{count}"
        verb = "tick" if self.prompt.multiple else "pick"
        return Content(f"keys {keys} {verb} · Check: tab, enter")

    def action_pick(self, number: int) -> None:
        """Pick option `number` (1 is the first)."""
        index = number - 1
        if not 0 <= index < len(self.prompt.options):
            self.app.bell()
            return
        if self.prompt.multiple:
            box = self.query(Checkbox)[index]
            box.value = not box.value
            box.focus(scroll_visible=False)
        else:
            self.query(RadioButton)[index].value = True

    def selected(self) -> tuple[int, ...]:
        """Indexes of the options currently picked."""
        if self.prompt.multiple:
            shown = enumerate(self.query(Checkbox))
            return tuple(sorted(self.order[at] for at, box in shown if box.value))
        radio = self.query_one(RadioSet)
        return () if radio.pressed_index < 0 else (self.order[radio.pressed_index],)

    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    def _picked(self, event: RadioSet.Changed | Checkbox.Changed) -> None:
        event.stop()
        self.answer = ChoiceAnswer(self.selected(), False, False)
        self._show_feedback()
        self.changed(self.answer, answered=False)

    @on(Button.Pressed)
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        picked = self.selected()
        if not picked:
            self.app.notify("Pick an option first.", markup=False, timeout=3)
            return
        correct = frozenset(picked) == self.prompt.correct
        self.answer = ChoiceAnswer(picked, True, correct)
        for note in self.query(".choice-earlier"):  # answered afresh: the note is history
            note.display = False
        self._show_feedback()
        self.changed(self.answer, answered=True)

    def _show_feedback(self) -> None:
        found = self.query(".choice-feedback").results(ProseText)
        feedback = next(iter(found), None)
        if feedback is None:  # mounting was cut short (the app is closing)
            return
        pieces = self._feedback()
        feedback.display = bool(pieces)
        feedback.set_pieces(pieces)
        feedback.set_class(self.answer.checked and self.answer.correct, "-correct")
        feedback.set_class(self.answer.checked and not self.answer.correct, "-wrong")

    def _position(self, index: int) -> int:
        return self.order.index(index) if index in self.order else index

    def _feedback(self) -> list[Piece]:
        if not self.answer.checked:
            return []
        verdict = (
            Content.styled("Correct.", "bold $text-success")
            if self.answer.correct
            else Content.styled(
                "Not quite. Read the feedback, then try again.", "bold $text-warning"
            )
        )
        pieces = [Piece(verdict)]
        for index in sorted(self.answer.selected, key=self._position):
            option = self.prompt.options[index]
            mark = "✓ " if option.correct else "✗ "
            pieces.append(Piece(Content.styled(mark, "bold") + option_label(self.prompt, index)))
            if option.feedback is not None:
                pieces.extend(
                    Piece(p.content, Content("  ") + p.first, Content("  ") + p.rest, 0, p.kind)
                    for p in render(option.feedback.tokens)
                )
        if self.prompt.explanation is not None and self.answer.correct:
            pieces.extend(render(self.prompt.explanation.tokens))
        return pieces
