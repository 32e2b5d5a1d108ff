"""`AnswerArea`: the text box of reflections and commitments, free of control characters.

A pasted ESC sequence, NUL or bidi override (or one in text back from $EDITOR, or in a
hand-edited progress file) would otherwise sit in the `TextArea`, be saved, and be
written raw to the terminal every time the box is drawn. Every way text gets in is
cleaned with `clean_answer`: the initial text, `load_text` and pastes. Typed keys
cannot carry control characters.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea

from leadtutor.core.sanitize import clean_answer


class AnswerArea(TextArea):
    """A `TextArea` that never holds control characters (tab and newline excepted)."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(clean_answer(text), **kwargs)

    def load_text(self, text: str) -> None:
        """Replace the text, without its control characters."""
        super().load_text(clean_answer(text))

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual runs the handler of every class in the MRO, most derived first, so
        # this cleans the text and TextArea's own `_on_paste` then inserts it.
        event.text = clean_answer(event.text)
