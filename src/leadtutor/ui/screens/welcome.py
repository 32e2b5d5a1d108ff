"""The first screen: the course at a glance, then Start (first run) or Continue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from leadtutor.core import Lesson
from leadtutor.ui import answers
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.place import section_at
from leadtutor.ui.wrapped import Wrapped, hanging

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp


class WelcomeScreen(Screen[None]):
    """Course title, description, modules and minutes; where answers are kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "Quit", show=False),
        Binding("f", "app.follow_ups", "Follow-ups"),
    ]
    """Escape on the first screen quits (after saving); f opens the Follow-ups screen."""

    DEFAULT_CSS = """
    WelcomeScreen VerticalScroll { align-horizontal: center; padding: 1 1 0 2; }
    WelcomeScreen.-short VerticalScroll { padding: 0 1 0 2; }
    WelcomeScreen VerticalScroll > * { width: 100%; max-width: 80; padding-right: 1; }
    WelcomeScreen .welcome-title { margin: 0 0 1 0; }
    WelcomeScreen .welcome-modules { margin: 1 0 0 0; }
    WelcomeScreen .welcome-privacy { color: $text-muted; margin: 1 0 0 0; }
    WelcomeScreen .welcome-check-ins { margin: 0; }
    WelcomeScreen VerticalScroll { height: auto; }
    WelcomeScreen .welcome-buttons { height: auto; align-horizontal: center; padding: 1 2 0 2; }
    WelcomeScreen.-short .welcome-buttons { padding: 0 2; }
    WelcomeScreen .welcome-buttons > * { width: 100%; max-width: 80; height: auto; }
    WelcomeScreen .welcome-actions Button { margin: 0 2 0 0; }
    WelcomeScreen .welcome-continue {
        width: 100%; text-wrap: nowrap; text-overflow: ellipsis;
        content-align: left middle; text-align: left;
    }
    """
    """The buttons sit right below the text, which scrolls if it has to (`_fit`), so they
    stay in view however long the course description is; on a short terminal (-short)
    they become one line high."""

    _shown = False
    """Whether the screen has been shown once (later shows refresh the progress)."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        course = self.tutor.course
        resume = self._resume_target()
        with VerticalScroll():
            yield Static(self._title(), classes="welcome-title")
            if course.description:
                yield Static(Content(course.description), classes="welcome-description")
            if resume is None:
                yield Static(self._outline(), classes="welcome-modules")
            else:
                yield Static(self._progress(), classes="welcome-modules")
            yield from self._check_ins()
            yield Static(self._privacy(), classes="welcome-privacy")
        with Vertical(classes="welcome-buttons"):
            if resume is None:
                with Horizontal(classes="welcome-actions"):
                    yield Button(Content("Start"), id="start", variant="primary")
                    yield Button(Content("Course map"), id="map")
            else:
                lesson, section = resume
                label = Content("Continue: ") + Content(lesson.title)
                if section:
                    label += Content(" — ") + Content(section)
                with Horizontal(classes="welcome-resume"):
                    yield Button(
                        label, id="continue", variant="primary", classes="welcome-continue"
                    )
                with Horizontal(classes="welcome-actions"):
                    yield Button(Content("Course map"), id="map")
                    yield Button(Content("Start over"), id="start-over")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(events.Resize)
    def _resized(self, event: events.Resize) -> None:
        short = event.size.height < 18
        self.set_class(short, "-short")
        for button in self.query(Button):
            button.compact = short
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Let the text take what the buttons, the footer and any banner leave."""
        scroll = self.query_one(VerticalScroll)
        others = sum(w.outer_size.height for w in self.children if w is not scroll)
        room = max(self.size.height - others, 3)
        if scroll.styles.max_height is None or scroll.styles.max_height.value != room:
            scroll.styles.max_height = room

    async def on_screen_resume(self) -> None:
        if not self._shown:  # the first resume is the first show: nothing changed yet
            self._shown = True
            return
        await self.recompose()
        self.query(Button).first().focus()
        self.call_after_refresh(self._fit)  # a new check-in line may have come

    def _title(self) -> Content:
        course = self.tutor.course
        hours, minutes = divmod(course.minutes, 60)
        length = f"{hours} h {minutes} min" if hours else f"{minutes} min"
        count = len(course.lessons)
        return Content.assemble(
            (course.title, "bold $text-accent"),
            (f"  ·  {count} lesson{'s' if count != 1 else ''} · about {length}", "$text-muted"),
        )

    def _progress(self) -> Content:
        """For a returning learner: how far they are (the map has the modules)."""
        course, store = self.tutor.course, self.tutor.store
        done = sum(1 for lesson in course.lessons if answers.lesson_stage(store, lesson) == "done")
        prompts = [p for lesson in course.lessons for p in lesson.prompts]
        answered = sum(1 for p in prompts if answers.is_answered(store, p))
        return Content.assemble(
            ("Your progress: ", "bold"),
            f"{done} of {len(course.lessons)} lessons done · {answered} of {len(prompts)} "
            "prompts answered",
        )

    def _outline(self) -> Wrapped:
        pieces = []
        for number, module in enumerate(self.tutor.course.modules, start=1):
            minutes = sum(lesson.minutes or 0 for lesson in module.lessons)
            count = len(module.lessons)
            pieces.append(
                hanging(
                    Content.assemble(
                        (module.title, "bold"),
                        (
                            f"  {count} lesson{'s' if count != 1 else ''} · {minutes} min",
                            "$text-muted",
                        ),
                    ),
                    Content.styled(f"{number}. ", "$text-secondary"),
                )
            )
        return Wrapped(pieces)

    def _check_ins(self) -> ComposeResult:
        """One line with the number of due check-ins, if any."""
        count = len(self.tutor.store.follow_ups_due())
        if count:
            noun = "check-in is" if count == 1 else "check-ins are"
            yield Static(
                Content.styled(f"⏰ {count} {noun} due: ", "bold $text-warning")
                + Content("how did your commitments go? Press f for Follow-ups."),
                classes="welcome-check-ins",
            )

    def _privacy(self) -> Content:
        path = self.tutor.store.path
        if self.tutor.storage_problem:  # the banner above says why
            return Content.styled(
                f"Your answers cannot be saved in {path.parent} right now; they are kept "
                "while leadtutor is open. Nothing is sent anywhere.",
                "$text-warning",
            )
        if self.app.is_web:  # `leadtutor serve`: the answers live where the server runs
            return Content(
                f"Your answers are saved as you type, in {path} on the computer running "
                "leadtutor serve. Nothing is sent anywhere else."
            )
        return Content(
            f"Stop whenever you like: answers are saved as you type, in {_home(path)}, "
            "and stay on this computer."
        )

    def _resume_target(self) -> tuple[Lesson, str] | None:
        store, course = self.tutor.store, self.tutor.course
        resume = store.resume
        lesson = course.lesson(resume.lesson_id) if resume is not None else None
        if lesson is None:
            opened = [
                (record.first_opened, course.lesson(lesson_id))
                for lesson_id, record in store.lessons().items()
                if record.first_opened is not None
            ]
            known = [(when, found) for when, found in opened if found is not None]
            if not known:
                return None
            return max(known, key=lambda pair: pair[0])[1], ""
        point = store.position(lesson.id) or resume
        heading = section_at(lesson, point.block, point.line, point.chars) if point else None
        return lesson, heading.text if heading is not None else ""

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.tutor.open_lesson(self.tutor.course.lessons[0])

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        target = self._resume_target()
        if target is not None:
            self.tutor.open_lesson(target[0])

    @on(Button.Pressed, "#map")
    def _map(self) -> None:
        self.tutor.action_course_map()

    @on(Button.Pressed, "#start-over")
    def _start_over(self) -> None:
        from leadtutor.ui.screens.dialogs import ConfirmDialog

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            backup = self.tutor.store.reset()
            self.tutor.changed()
            self.tutor.autosave.save_now()
            self.notify(
                f"Progress cleared. A backup of everything is in {backup}", timeout=15, markup=False
            )
            self.tutor.open_lesson(self.tutor.course.lessons[0])

        self.app.push_screen(
            ConfirmDialog(
                "Start over?",
                "This clears your answers and lesson progress and begins again at the first "
                "lesson. A backup of everything is written first, so nothing is lost.",
                yes="Start over",
            ),
            decided,
        )


def _home(path: Path) -> str:
    """`path` with the home folder written as `~` (shorter, and what people type)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except (ValueError, RuntimeError, KeyError):
        return str(path)
