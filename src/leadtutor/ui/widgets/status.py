"""`StatusLine`: a line of text that repaints without a layout pass."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class StatusLine(Widget, can_focus=False):
    """One line of status text. Changing it repaints the line only, never the layout:
    it changes on every keystroke, and a layout pass would re-measure the lesson."""

    DEFAULT_CSS = "StatusLine { height: 1; width: 1fr; }"

    def __init__(self, content: Content, *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.content = content

    def show(self, content: Content) -> None:
        """Replace the text."""
        if content != self.content:
            self.content = content
            self.refresh()

    def render(self) -> Content:
        return self.content
