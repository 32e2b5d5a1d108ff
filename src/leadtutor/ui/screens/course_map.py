"""The course map: modules and lessons with status, progress bars, due commitments."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from leadtutor.progress import Commitment
from leadtutor.ui import answers
from leadtutor.ui.text import first_sentence, shorten
from leadtutor.ui.widgets.header import TopBar

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

STATUS_MARKS = {
    "new": ("○", "$text-muted"),
    "started": ("◐", "$text-warning"),
    "done": ("●", "$text-success"),
}


def bar(done: int, total: int, width: int = 20) -> Content:
    """A text progress bar: filled cells for the done share."""
    filled = round(width * done / total) if total else 0
    return Content.assemble(
        ("█" * filled, "$success"), ("░" * (width - filled), "$panel-lighten-2")
    )


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
    CourseMapScreen .map-summary { height: auto; padding: 1 1 0 1; }
    CourseMapScreen OptionList { height: 1fr; border: none; padding: 0 0; }
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
            yield Static(self._summary(), classes="map-summary", markup=False)
            yield OptionList(*self._options(), id="map-list")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.tutor, "save_state", self._show_save_state, init=True)
        self._highlight()

    def _show_save_state(self, state: str) -> None:
        for bar in self.query(TopBar):
            bar.set_save_state(state)

    def _highlight(self) -> None:
        options = self.query_one(OptionList)
        resume = self.tutor.store.resume
        target = f"lesson:{resume.lesson_id}" if resume else ""
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

    def _summary(self) -> Content:
        course, store = self.tutor.course, self.tutor.store
        lessons = store.lessons()
        done = sum(
            1
            for lesson in course.lessons
            if lessons.get(lesson.id) and lessons[lesson.id].status == "done"
        )
        prompts = [p for lesson in course.lessons for p in lesson.prompts]
        answered = sum(1 for p in prompts if answers.is_answered(store, p))
        return Content("\n").join(
            [
                Content.assemble(
                    ("Whole course  ", "bold"),
                    bar(done, len(course.lessons), 30),
                    f"  {done} of {len(course.lessons)} lessons done",
                ),
                Content.styled(f"{answered} of {len(prompts)} prompts answered", "$text-muted"),
            ]
        )

    def _options(self) -> list[Option]:
        course, store = self.tutor.course, self.tutor.store
        lessons = store.lessons()
        options: list[Option] = []
        due = store.commitments_due(store.today())
        if due:
            options.append(
                Option(
                    Content.styled("Commitments to follow up", "bold $text-warning"), disabled=True
                )
            )
            for item in due:
                text = item.text if len(item.text) <= 60 else item.text[:59] + "…"
                options.append(
                    Option(
                        Content.assemble(
                            ("  ⏰ ", "$text-warning"),
                            text,
                            (f"  due {item.due_on}", "$text-muted"),
                        ),
                        id=f"commit:{item.commitment_id}",
                    )
                )
            options.append(Option(Content(""), disabled=True))
        for number, module in enumerate(course.modules, start=1):
            done = sum(
                1
                for item in module.lessons
                if item.id in lessons and lessons[item.id].status == "done"
            )
            options.append(
                Option(
                    Content.assemble(
                        (f"{number}. ", "$text-secondary"),
                        (module.title, "bold"),
                        "  ",
                        bar(done, len(module.lessons), 12),
                        (f" {done}/{len(module.lessons)}", "$text-muted"),
                    ),
                    disabled=True,
                )
            )
            for lesson in module.lessons:
                status = lessons[lesson.id].status if lesson.id in lessons else "new"
                mark, style = STATUS_MARKS[status]
                if not lesson.ok:
                    mark, style = "⚠", "$text-error"
                minutes = f"  {lesson.minutes} min" if lesson.minutes else ""
                label = Content.assemble(
                    ("   ", ""),
                    (mark + " ", style),
                    lesson.title,
                    (minutes + ("  (has problems)" if not lesson.ok else ""), "$text-muted"),
                )
                if lesson.summary:
                    summary = shorten(first_sentence(lesson.summary), 70)
                    label += Content("\n     ") + Content.styled(summary, "$text-muted")
                options.append(
                    Option(
                        label,
                        id=f"lesson:{lesson.id}",
                    )
                )
        options.extend(_follow_ups_entry(store.commitments()))
        return options

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
