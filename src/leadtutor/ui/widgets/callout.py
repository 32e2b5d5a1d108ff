"""`CalloutBox`: a `note`, `tip` or `debate` box around rendered prose."""

from __future__ import annotations

from typing import Final

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from leadtutor.core import Callout
from leadtutor.ui.render import Piece, render
from leadtutor.ui.widgets.prose import ProseText

LABELS: Final = {"note": "Note", "tip": "Tip", "debate": "Debate: the other side"}


class CalloutBox(Vertical, can_focus=False):
    """A bordered box; the border colour says which kind it is."""

    DEFAULT_CSS = """
    CalloutBox {
        height: auto;
        padding: 0 1;
        margin: 1 0;
        border: round $secondary;
        border-title-color: $text-secondary;
        &.-tip { border: round $success 70%; border-title-color: $text-success; }
        &.-debate { border: heavy $warning 70%; border-title-color: $text-warning; }
    }
    """

    def __init__(self, callout: Callout) -> None:
        super().__init__(classes=f"callout -{callout.callout}")
        self.callout = callout
        label = LABELS.get(callout.callout, callout.callout.title())
        self.border_title = Content.styled(label, "bold")

    def compose(self) -> ComposeResult:
        pieces = render(self.callout.body.tokens)
        if self.callout.title:
            pieces.insert(0, Piece(Content.styled(self.callout.title, "bold")))
        yield ProseText(pieces)
