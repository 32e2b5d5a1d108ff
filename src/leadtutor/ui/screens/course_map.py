"""The course map: modules and lessons with status, progress bars, due commitments."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from leadtutor.core import Lesson, Module
from leadtutor.progress import Commitment
from leadtutor.progress.answered import Stage
from leadtutor.progress.dates import day
from leadtutor.ui import answers
from leadtutor.ui.render import Piece
from leadtutor.ui.text import first_sentence, shorten
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar
from leadtutor.ui.wrapped import Wrapped, hanging

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

STATUS_MARKS: dict[str, tuple[str, str, str]] = {
    "new": ("○", "$text-muted", "not started"),
    "opened": ("◌", "$text-secondary", "opened"),
    "in-progress": ("◐", "$text-warning", "in progress"),
    "done": ("●", "$text-success", "done"),
}
"""Mark, style and meaning of each lesson stage; the marks differ in shape, not only in
colour, so they read the same with NO_COLOR."""
PROBLEM_MARK = ("⚠", "$text-error", "has problems")


def bar(done: int, total: int, width: int = 20) -> Content:
    """A text progress bar: filled cells for the done share."""
    width = max(width, 1)
    filled = round(width * done / total) if total else 0
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "$foreground 30%"))


def bar_width(width: int, most: int) -> int:
    """A bar that shrinks with the screen: a quarter of the width, 4 to `most` cells."""
    return max(4, min(most, width // 4))


class CourseMapScreen(Screen[None]):
    """Every module and lesson; enter opens a lesson or a due commitment."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "app.pop_screen", "Back"),
        Binding("f", "app.follow_ups", "Follow-ups"),
    ]
    """Escape or g closes the map; f opens the Follow-ups screen."""

    DEFAULT_CSS = """
    CourseMapScreen Vertical { align-horizontal: center; }
    CourseMapScreen Vertical > * { width: 100%; max-width: 90; }
    CourseMapScreen .map-summary { height: auto; padding: 1 1; }
    CourseMapScreen.-short .map-summary { padding: 0 1; }
    CourseMapScreen OptionList, CourseMapScreen OptionList:focus {
        height: 1fr; border: none; padding: 0 1 0 1;
    }
    CourseMapScreen OptionList > .option-list--option-disabled { color: $foreground; }
    """

    _shown = False
    """Whether the screen has been shown once."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar(
            Content.styled("Course map", "bold") + Content("  ") + Content(self.tutor.course.title)
        )
        with Vertical():
            yield Static(self._progress_summary(), classes="map-summary", markup=False)
            yield OptionList(*self._options(), id="map-list")
        yield TutorFooter()

    @on(events.Resize)
    def _resized(self, event: events.Resize) -> None:
        self.set_class(event.size.height < 20, "-short")

    def on_mount(self) -> None:
        self.watch(self.tutor, "save_state", self._show_save_state, init=True)
        self._highlight()

    def _show_save_state(self, state: str) -> None:
        for bar in self.query(TopBar):
            bar.set_save_state(state)

    def _highlight(self) -> None:
        options = self.query_one(OptionList)
        upcoming = answers.next_up(self.tutor.store, self.tutor.course)
        target = f"lesson:{upcoming.id}" if upcoming else ""
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            if option.id == target or (not target and not option.disabled):
                options.highlighted = index
                break
        options.focus()

    async def on_screen_resume(self) -> None:
        if not self._shown:  # the first resume is the first show
            self._shown = True
            return
        await self.recompose()
        self._show_save_state(self.tutor.save_state)
        self._highlight()

    def _progress_summary(self) -> Wrapped:
        course, store = self.tutor.course, self.tutor.store
        stages = [answers.lesson_stage(store, lesson) for lesson in course.lessons]
        done = stages.count("done")
        prompts = [p for lesson in course.lessons for p in lesson.prompts]
        answered = sum(1 for p in prompts if answers.is_answered(store, p))
        total = len(course.lessons)
        marks = [STATUS_MARKS[key] for key in ("new", "opened", "in-progress", "done")]
        if any(not lesson.ok for lesson in course.lessons):
            marks.append(PROBLEM_MARK)

        def pieces(width: int) -> list[Piece]:
            narrow = width < 60
            counts = (
                f" {done}/{total} lessons · {answered}/{len(prompts)} answered"
                if narrow
                else f" {done} of {total} lessons done · {answered} of {len(prompts)} "
                "prompts answered"
            )
            label = Content("") if narrow else Content.styled("Whole course  ", "bold")
            legend = Content("  ").join(
                Content.assemble(
                    (mark, style), " ", "new" if narrow and meaning == "not started" else meaning
                )
                for mark, style, meaning in marks
            )
            progress = Content.assemble(bar(done, total, bar_width(width - 14, 30)), counts)
            return [hanging(progress, label), hanging(legend)]

        return Wrapped(pieces)

    def _next_up(self) -> list[Option]:
        upcoming = answers.next_up(self.tutor.store, self.tutor.course)
        if upcoming is None:
            hint = Content.assemble(
                ("Every lesson is done. ", "bold $text-success"),
                ("See your course summary ▸", "bold"),
            )
            finished = Option(Wrapped([hanging(hint)]), id="summary:")
            return [finished, Option(Content(""), disabled=True)]
        else:
            position = self.tutor.course.lessons.index(upcoming) + 1
            hint = Content.assemble(
                ("Next up: ", "bold $text-accent"), (f"{position}. {upcoming.title}", "bold")
            )
        return [Option(Wrapped([hanging(hint)]), disabled=True), Option(Content(""), disabled=True)]

    def _options(self) -> list[Option]:
        course, store = self.tutor.course, self.tutor.store
        stages = {lesson.id: answers.lesson_stage(store, lesson) for lesson in course.lessons}
        upcoming = answers.next_up(store, course)
        options = self._next_up()
        due = store.commitments_due(store.today())
        if due:
            options.append(
                Option(
                    Content.styled("Commitments to follow up", "bold $text-warning"), disabled=True
                )
            )
            options.extend(
                Option(
                    Wrapped(
                        [
                            hanging(
                                Content.assemble(
                                    shorten(item.text, 120),
                                    (f"  check in {day(item.due_on)}", "$text-muted"),
                                ),
                                Content.styled("  ⏰ ", "$text-warning"),
                            )
                        ]
                    ),
                    id=f"commit:{item.commitment_id}",
                )
                for item in due
            )
            options.append(Option(Content(""), disabled=True))
        for number, module in enumerate(course.modules, start=1):
            options.append(self._module_heading(number, module, stages))
            options.extend(
                Option(
                    self._lesson_row(lesson, stages[lesson.id], lesson is upcoming),
                    id=f"lesson:{lesson.id}",
                )
                for lesson in module.lessons
            )
        options.extend(_follow_ups_entry(store.commitments()))
        return options

    @staticmethod
    def _module_heading(number: int, module: Module, stages: dict[str, Stage]) -> Option:
        done = sum(1 for lesson in module.lessons if stages[lesson.id] == "done")
        count = len(module.lessons)

        def pieces(width: int) -> list[Piece]:
            return [
                hanging(
                    Content.assemble(
                        (module.title, "bold"),  # the foreground: 4.5:1 on every theme
                        "  ",
                        bar(done, count, bar_width(width, 12)),
                        (f" {done}/{count}", "$text-muted"),
                    ),
                    Content.styled(f"{number}. ", "bold"),
                )
            ]

        return Option(Wrapped(pieces), disabled=True)

    def _lesson_row(self, lesson: Lesson, stage: Stage, upcoming: bool) -> Wrapped:
        store = self.tutor.store
        mark, style, _ = STATUS_MARKS[stage]
        if not lesson.ok:
            mark, style, _ = PROBLEM_MARK
        title = Content(lesson.title)
        if lesson.minutes:
            title += Content.styled(f"  {lesson.minutes} min", "$text-muted")
        pieces = [hanging(title, Content.assemble("   ", (mark, style), " "))]
        facts: list[Content] = []
        if upcoming:
            facts.append(Content.styled("▸ next up", "bold $text-accent"))
        if not lesson.ok:
            facts.append(Content.styled("has problems", "$text-error"))
        elif lesson.prompts:
            answered = sum(1 for p in lesson.prompts if answers.is_answered(store, p))
            facts.append(Content(f"{answered} of {len(lesson.prompts)} prompts answered"))
            left = len(answers.open_required(store, lesson))
            if left:
                facts.append(Content(f"{left} required left"))
        if facts:
            line = Content(" · ").join(facts).stylize_before("$text-muted")
            pieces.append(hanging(line, "     "))
        if lesson.summary:
            summary = shorten(first_sentence(lesson.summary), 100)
            pieces.append(hanging(Content.styled(summary, "$text-muted"), "     "))
        return Wrapped(pieces)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _, target = (event.option.id or "").partition(":")
        if kind == "lesson":
            lesson = self.tutor.course.lesson(target)
            if lesson is not None:
                self.app.pop_screen()
                self.tutor.open_lesson(lesson)
        elif kind == "commit":
            item = next(
                (f for f in self.tutor.store.follow_ups() if f.commitment_id == target), None
            )
            if item is not None:
                self.tutor.check_in([item], then=lambda: self.call_later(self.on_screen_resume))
        elif kind == "followups":
            self.tutor.action_follow_ups()
        elif kind == "summary":
            self.app.pop_screen()
            self.tutor.action_course_summary()


def _follow_ups_entry(commitments: list[Commitment]) -> list[Option]:
    """One line that opens the Follow-ups screen, once the learner has a commitment."""
    if not commitments:
        return []
    closed = sum(1 for c in commitments if c.outcome is not None)
    label = Content.assemble(
        ("Follow-ups", "bold"),
        (f"  {len(commitments) - closed} open · {closed} closed · f", "$text-muted"),
    )
    return [Option(Content(""), disabled=True), Option(label, id="followups:")]
