"""`ProblemPanel`: shown instead of a lesson that failed validation."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from leadtutor.core import Lesson


class ProblemPanel(VerticalScroll):
    """Lists the lesson's problems as `file:line: message` lines."""

    DEFAULT_CSS = """
    ProblemPanel { align-horizontal: center; padding: 1 2; }
    ProblemPanel Static { width: 100%; max-width: 90; }
    """

    def __init__(self, lesson: Lesson, root: Path, advice: str = "") -> None:
        super().__init__(id="problems")
        self.lesson = lesson
        self.root = root
        self.advice = advice

    def compose(self):  # type: ignore[no-untyped-def]
        lines = [
            Content.styled("This lesson can't be shown yet", "bold $text-error"),
            Content(""),
            Content("The file has problems. The rest of the course works as usual."),
            Content(""),
        ]
        if self.advice:
            lines += [Content(self.advice), Content("")]
        for problem in self.lesson.problems:
            style = "$text-error" if problem.level == "error" else "$text-warning"
            lines.append(Content.styled(problem.format(relative_to=self.root), style))
        yield Static(Content("\n").join(lines), markup=False)
