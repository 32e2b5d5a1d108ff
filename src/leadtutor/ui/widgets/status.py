"""`StatusLine`: a line of text that repaints without a layout pass."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class StatusLine(Widget, can_focus=False):
    """One line of status text. Changing it repaints the line only, never the layout:
    it changes on every keystroke, and a layout pass would re-measure the lesson.

    It may be given shorter versions of the text as well: on a narrow screen the first
    that fits is drawn, so what matters most ("required", "✓ saved") is not cut off.
    """

    DEFAULT_CSS = "StatusLine { height: 1; width: 1fr; }"

    def __init__(self, content: Content, *shorter: Content, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.content = content
        self.shorter = shorter

    def show(self, content: Content, *shorter: Content) -> None:
        """Replace the text (and its shorter versions, longest first)."""
        if content != self.content or shorter != self.shorter:
            self.content = content
            self.shorter = shorter
            self.refresh()

    def render(self) -> Content:
        width = self.size.width
        if not width or self.content.cell_length <= width:
            return self.content
        for option in self.shorter:
            if option.cell_length <= width:
                return option
        return self.shorter[-1] if self.shorter else self.content
