"""`ReflectBox`: free-text reflection with a word count and an optional target."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import TextArea

from leadtutor.core import ReflectPrompt
from leadtutor.core.completion import count_words
from leadtutor.ui.widgets.answer_area import AnswerArea
from leadtutor.ui.widgets.prompt_base import PromptBox

HEIGHT_STEPS = (6, 10, 16, 24)
"""The text box grows in steps, so a new line never re-lays-out the whole lesson."""


class ReflectBox(PromptBox):
    """A soft-wrapped text area; every change is autosaved by the screen."""

    DEFAULT_CSS = """
    ReflectBox TextArea { height: 6; border: tall $panel; }
    ReflectBox TextArea:focus { border: tall $primary; }
    """

    LABEL: ClassVar[str] = "Reflect"
    prompt: ReflectPrompt

    def __init__(self, prompt: ReflectPrompt, text: str = "") -> None:
        super().__init__(prompt, answered=bool(text.strip()))
        self.initial = text

    def compose_input(self) -> ComposeResult:
        area = AnswerArea(
            self.initial,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=Content(self.prompt.placeholder or "Write here…"),
            id=f"text-{self.prompt.id}",
        )
        yield area

    @property
    def text(self) -> str:
        """The current text."""
        return self.query_one(TextArea).text

    _words = 0
    """The word count `status_text` found (reused by `shorter_status`: counting once
    per keystroke is enough)."""

    def status_text(self) -> Content:
        words = count_words(self.text) if self.is_mounted else count_words(self.initial)
        self._words = words
        parts = [f"{words} word{'s' if words != 1 else ''}"]
        if self.prompt.min_words:
            parts.append(f"aim for {self.prompt.min_words}+")
        if self.prompt.required:
            parts.append("required")
        hint = Content(" · ".join(parts))
        saved = self.save_label()
        return hint + ("  " + saved if saved else Content(""))

    def shorter_status(self) -> list[Content]:
        words = self._words  # refresh_status calls status_text first
        count = Content(f"{words} word{'s' if words != 1 else ''}")
        essentials = self.essentials()
        return [count + ("  " + essentials if essentials else Content("")), essentials]

    def on_mount(self) -> None:
        super().on_mount()
        self._fit_height()

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._fit_height()
        text = event.text_area.text
        if text == self.initial and self.save_state == "clean":
            return
        self.changed(text, answered=bool(text.strip()))
        self.refresh_status()

    def _fit_height(self) -> None:
        areas = self.query(TextArea)
        if not areas:  # mounting was cut short (the app is closing)
            return
        area = areas.first()
        needed = area.wrapped_document.height + 2
        height = next((h for h in HEIGHT_STEPS if h >= needed), HEIGHT_STEPS[-1])
        if area.styles.height is None or area.styles.height.value != height:
            area.styles.height = height
