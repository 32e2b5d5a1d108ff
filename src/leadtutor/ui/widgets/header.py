"""`TopBar`: one line with where you are on the left and the save state on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from leadtutor.ui.widgets.status import StatusLine

SAVE_LABELS = {
    "saved": ("✓ saved", "$text-success"),
    "saving": ("saving…", "$text-warning"),
    "failed": ("⚠ not saved", "bold $text-error"),
}


class TopBar(Horizontal):
    """Title on the left, save state on the right."""

    DEFAULT_CSS = """
    TopBar { height: 1; dock: top; background: $panel; padding: 0 1; }
    TopBar .top-title { width: 1fr; text-overflow: ellipsis; text-wrap: nowrap; }
    TopBar .top-state { width: 12; }
    """

    def __init__(self, title: Content) -> None:
        super().__init__()
        self.title_content = title

    def compose(self) -> ComposeResult:
        yield Static(self.title_content, classes="top-title", markup=False)
        yield StatusLine(Content(""), classes="top-state")

    def set_title(self, title: Content) -> None:
        """Replace the title."""
        self.query_one(".top-title", Static).update(title)

    def set_save_state(self, state: str) -> None:
        """Show `saved`, `saving` or `failed`."""
        text, style = SAVE_LABELS.get(state, ("", ""))
        for label in self.query(".top-state").results(StatusLine):
            label.show(Content.styled(text.rjust(12), style))
