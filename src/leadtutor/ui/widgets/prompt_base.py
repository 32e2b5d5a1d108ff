"""What every inline prompt widget shares: a heading, the question, a status line,
and the messages it posts. The screen listens and talks to the progress store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import TextArea

from leadtutor.core import AnyPrompt
from leadtutor.ui.render import render
from leadtutor.ui.widgets.earlier import Earlier, EarlierAnswer
from leadtutor.ui.widgets.prose import ProseText
from leadtutor.ui.widgets.status import StatusLine

SaveState = str
"""One of `clean` (nothing typed yet), `dirty` (not yet on disk), `saved`, `failed`."""


class PromptBox(Vertical, can_focus=False):
    """Base class for the four prompt widgets. Subclasses add their input widgets."""

    DEFAULT_CSS = """
    PromptBox {
        height: auto;
        border: round $primary 50%;
        padding: 0 1;
        margin: 1 0;
        &:focus-within { border: round $primary; }
        &.-answered { border: round $success 60%; }
        &.-answered:focus-within { border: round $success; }
        .prompt-status { color: $text-muted; height: 1; }
        .prompt-question { margin: 0 0 1 0; }
    }
    """

    LABEL: ClassVar[str] = "Prompt"
    """Shown in the border title."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave_input", "Leave box", key_display="esc"),
        Binding("tab", "screen.step_focus(1)", "Next", priority=True),  # shown; same action
    ]
    """Shown in the footer while the prompt has focus (a text box hides the letter keys)."""

    @dataclass
    class Changed(Message):
        """The learner changed an answer; `value` depends on the prompt kind."""

        box: PromptBox
        prompt_id: str
        value: Any

        @property
        def control(self) -> PromptBox:
            """The prompt widget."""
            return self.box

    answered: reactive[bool] = reactive(False)
    """Whether the prompt holds an answer (styles the border, ticks the outline)."""
    save_state: reactive[SaveState] = reactive("clean")
    """Shown in the status line."""

    def __init__(self, prompt: AnyPrompt, *, answered: bool = False) -> None:
        super().__init__(id=f"prompt-{prompt.id}", classes="prompt")
        self.prompt = prompt
        self.set_reactive(PromptBox.answered, answered)
        self.border_title = Content(self.LABEL)

    earlier: Earlier | None = None
    """Set by the screen for a `:revisit:` prompt: the earlier answer to show."""

    def compose(self) -> ComposeResult:
        yield ProseText(render(self.prompt.body.tokens), classes="prompt-question")
        if self.earlier is not None:
            yield EarlierAnswer(self.earlier)
        yield from self.compose_input()
        yield StatusLine(self.status_text(), *self.shorter_status(), classes="prompt-status")

    def compose_input(self) -> ComposeResult:
        """Yield the input widgets (overridden by each prompt kind)."""
        yield from ()

    def status_text(self) -> Content:
        """The status line: subclasses add their own hints before the save state."""
        saved = self.save_label()
        if not self.prompt.required:
            return saved
        return Content("required") + ("  " + saved if saved else Content(""))

    def essentials(self) -> Content:
        """What a narrow status line keeps: "required" and the save state."""
        saved = self.save_label()
        parts = [Content("required")] if self.prompt.required else []
        return Content("  ").join([*parts, saved] if saved else parts)

    def shorter_status(self) -> list[Content]:
        """Shorter versions of the status line for a narrow screen, longest first."""
        return [self.essentials()]

    def key_hint(self) -> Content:
        """Keys that answer this prompt, shown in the status line while it has focus."""
        return Content("")

    def hinted(self, status: Content) -> Content:
        """`status`, then the key hint while the prompt has focus (last, so a narrow
        line cuts the hint rather than the save state)."""
        hint = self.key_hint() if self.is_mounted and self.has_focus_within else Content("")
        if not hint:
            return status
        return (status + "  " if status else Content("")) + Content.styled(
            hint.plain, "$text-muted"
        )

    def on_descendant_focus(self) -> None:
        self.refresh_status()

    def on_descendant_blur(self) -> None:
        self.refresh_status()

    def save_label(self) -> Content:
        """A short word for the save state."""
        return {
            "clean": Content(""),
            "dirty": Content.styled("saving…", "$text-warning"),
            "saved": Content.styled("✓ saved", "$text-success"),
            "failed": Content.styled("not saved yet", "$text-error"),
        }.get(self.save_state, Content(""))

    def refresh_status(self) -> None:
        """Redraw the status line."""
        for line in self.query(".prompt-status").results(StatusLine):
            line.show(self.status_text(), *self.shorter_status())

    def watch_answered(self, answered: bool) -> None:
        self.set_class(answered, "-answered")

    def watch_save_state(self) -> None:
        self.refresh_status()

    def changed(self, value: Any, *, answered: bool = True) -> None:
        """Record a change: mark the box dirty and tell the screen."""
        self.answered = answered
        self.save_state = "dirty"
        self.post_message(self.Changed(self, self.prompt.id, value))

    def focus_input(self, *, scroll_visible: bool = True) -> None:
        """Focus the main input of this prompt (a text box: cursor at the end)."""
        focusable = [w for w in self.query("*") if w.focusable and not isinstance(w, ProseText)]
        if not focusable:
            return
        target = focusable[0]
        # at once, not after the queue: keys typed right after tab must reach the box
        self.screen.set_focus(target, scroll_visible=scroll_visible)
        if isinstance(target, TextArea):
            target.move_cursor(target.document.end)

    def on_mount(self) -> None:
        self.set_class(self.answered, "-answered")
