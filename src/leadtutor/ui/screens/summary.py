"""The end-of-course summary: how much is done, every commitment with its dates and
outcome, and an offer to take the journal away.

Offered at the end of the last lesson (in place of "Next lesson"), on the course map
once every lesson is done, and in the palette at any time.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from leadtutor.progress import Commitment
from leadtutor.progress.journal import commitment_line
from leadtutor.ui import answers
from leadtutor.ui.render import Piece
from leadtutor.ui.screens.course_map import STATUS_MARKS, bar, bar_width
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar
from leadtutor.ui.wrapped import Wrapped, hanging

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp


def when(due: date, today: date) -> str:
    """How far a check-in date is from today, in words."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days > 0:
        return "tomorrow" if days == 1 else f"in {days} days"
    return "yesterday" if days == -1 else f"{-days} days ago"


class CourseSummaryScreen(Screen[None]):
    """Completion, commitments, export."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]
    """Escape goes back to where the learner was."""

    DEFAULT_CSS = """
    CourseSummaryScreen VerticalScroll { align-horizontal: center; padding: 1 2 0 1; }
    CourseSummaryScreen VerticalScroll > * { width: 100%; max-width: 90; }
    CourseSummaryScreen .summary-text { padding-right: 1; }
    CourseSummaryScreen .summary-actions { height: auto; margin: 1 0; }
    CourseSummaryScreen .summary-actions Button { margin: 0 2 1 0; }
    CourseSummaryScreen.-narrow .summary-actions { layout: vertical; }
    CourseSummaryScreen.-narrow .summary-actions Button { margin: 0 0 1 0; }
    """
    """On a narrow screen (-narrow) the buttons stack; on a short one they are compact."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar(
            Content.styled("Course summary", "bold")
            + Content("  ")
            + Content(self.tutor.course.title)
        )
        with VerticalScroll():
            yield Static(Wrapped(self._pieces), classes="summary-text", markup=False)
            with Horizontal(classes="summary-actions"):
                yield Button(Content("Export your journal…"), id="export", variant="primary")
                yield Button(Content("Course map"), id="map")
                yield Button(Content("Back"), id="back")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.watch(self.tutor, "save_state", self.query_one(TopBar).set_save_state, init=True)
        self.query_one("#export", Button).focus(scroll_visible=False)  # read from the top

    @on(events.Resize)
    def _resized(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 60, "-narrow")
        for button in self.query(Button):
            button.compact = event.size.height < 18

    def _pieces(self, width: int) -> list[Piece]:
        course, store = self.tutor.course, self.tutor.store
        stages = [(lesson, answers.lesson_stage(store, lesson)) for lesson in course.lessons]
        done = sum(1 for _, stage in stages if stage == "done")
        prompts = [p for lesson in course.lessons for p in lesson.prompts]
        answered = sum(1 for p in prompts if answers.is_answered(store, p))
        total = len(stages)
        if done == total:
            head = Content.styled("You have finished the course. Well done!", "bold $text-success")
        else:
            head = Content.styled(f"You have done {done} of {total} lessons.", "bold")
        pieces = [
            hanging(head),
            Piece(
                Content.assemble(
                    bar(done, total, bar_width(width, 30)),
                    f" {done} of {total} lessons done · {answered} of {len(prompts)} prompts "
                    "answered",
                ),
                gap=1,
            ),
        ]
        still = [
            (n, lesson, stage) for n, (lesson, stage) in enumerate(stages, 1) if stage != "done"
        ]
        if still:
            pieces.append(Piece(Content.styled("Still to do", "bold $text-accent"), gap=1))
            for number, lesson, stage in still:
                mark, style, _ = STATUS_MARKS[stage]
                left = len(answers.open_required(store, lesson))
                text = Content(f"{number}. {lesson.title}")
                if left:
                    text += Content.styled(f" · {left} required left", "$text-muted")
                pieces.append(hanging(text, Content.assemble("  ", (mark, style), " ")))
        pieces.extend(self._commitments(store.commitments(), store.today()))
        pieces.append(
            Piece(
                Content(
                    "Your answers stay in this app. To keep them elsewhere, or to share some "
                    "with a coach, export your journal as Markdown, a printable page or JSON."
                ),
                gap=1,
            )
        )
        return pieces

    @staticmethod
    def _commitments(commitments: list[Commitment], today: date) -> list[Piece]:
        heading = Content.styled("Your commitments", "bold $text-accent")
        if not commitments:
            return [Piece(heading, gap=1), hanging(Content.styled("None made yet.", "$text-muted"))]
        pieces = [Piece(heading, gap=1)]
        for item in commitments:
            pieces.append(hanging(Content(item.text.strip()), "  • "))
            line = commitment_line(item)
            if item.outcome is None:
                line += f" ({when(item.due_on, today)})"
            pieces.append(hanging(Content.styled(line, "$text-muted"), "    "))
        return pieces

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.tutor.export_journal()

    @on(Button.Pressed, "#map")
    def _map(self) -> None:
        self.app.pop_screen()
        self.tutor.action_course_map()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()
