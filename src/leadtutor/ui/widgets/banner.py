"""`SaveBanner`: a lasting line at the top of every screen while answers are not saved.

A toast disappears after a few seconds and covers dialogs; a save problem lasts until it
is fixed, so it gets a banner instead. The app mounts it on each screen it shows and
removes it once a save succeeds (`LeadTutorApp.show_storage_problem`).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class SaveBanner(Static):
    """What is wrong with saving, and what happens to the answers meanwhile."""

    DEFAULT_CSS = """
    SaveBanner {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $error-muted;
        color: $foreground;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, problem: str) -> None:
        super().__init__(self._text(problem), markup=False, id="save-banner")
        self.problem = problem

    @staticmethod
    def _text(problem: str) -> Content:
        return Content.assemble(("⚠ Not saved: ", "bold"), problem)

    def show(self, problem: str) -> None:
        """Change the message."""
        if problem != self.problem:
            self.problem = problem
            self.update(self._text(problem))
