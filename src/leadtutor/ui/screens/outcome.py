"""Ask how a commitment went: done, partly, or not done, with an optional note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class OutcomeDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (result, note), or None when cancelled."""

    DEFAULT_CSS = """
    OutcomeDialog { align: center middle; }
    OutcomeDialog > Vertical { width: 76; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    OutcomeDialog Static { margin: 0 0 1 0; }
    OutcomeDialog Horizontal { height: auto; margin: 1 0 0 0; }
    OutcomeDialog Button { margin: 0 1 0 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    """Escape closes without recording."""

    def __init__(self, text: str, due: str) -> None:
        super().__init__()
        self.text = text
        self.due = due

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.styled(f"You committed to this (due {self.due}):", "bold"))
            yield Static(Content(self.text))
            yield Input(placeholder="A note on how it went (optional)", id="note")
            with Horizontal():
                yield Button(Content("Done"), id="done", variant="success")
                yield Button(Content("Partly"), id="partly")
                yield Button(Content("Not done"), id="not-done")
                yield Button(Content("Later"), id="later")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "later":
            self.dismiss(None)
            return
        self.dismiss((event.button.id or "", self.query_one(Input).value.strip()))
