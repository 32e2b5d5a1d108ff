"""`LeadTutorApp`: owns the course, the progress store, autosave and the screens.

Quitting, signals and the rescue file are in `leaving.py` (its base class); opening
lessons and Back / Forward in `navigation.py`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from leadtutor.core import Course, Lesson
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui import navigation
from leadtutor.ui.autosave import Autosave
from leadtutor.ui.leaving import LeavingApp
from leadtutor.ui.widgets.place import Place

if TYPE_CHECKING:
    from textual.widget import Widget

    from leadtutor.progress.followups import FollowUp
    from leadtutor.ui.reload import Outcome, Reloader
    from leadtutor.ui.screens.lesson_places import Found


class LeadTutorApp(LeavingApp):
    """The tutorial. `leadtutor.commands.launch` builds and runs it; screens reach the
    course, the store and autosave through it."""

    CSS_PATH: ClassVar[str] = str(Path(__file__).with_name("app.tcss"))
    """Absolute, so subclasses defined elsewhere (tests, benchmarks) find it."""
    TITLE = "leadtutor"
    COMMANDS = App.COMMANDS | {lambda: _lesson_commands()}
    """Palette providers; ours is imported only when the palette opens."""
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("g", "course_map", "Map", id="course-map"),
        Binding("ctrl+j", "journal", "Journal", id="journal"),
        Binding("ctrl+r", "reload_lesson", "Reload", id="reload-lesson", show=False),
    ]
    """App-wide keys; single letters only fire when no text box has focus."""

    save_state: var[str] = var("saved")  # var, not reactive: a change must not repaint the app
    """`saved`, `saving` or `failed` (see `save_error`)."""
    save_error: var[str] = var("")
    storage_problem: var[str] = var("")
    """Why answers are not reaching the disk ("" while saving works): shown as a banner."""

    records_completion: ClassVar[bool] = True
    """Whether lessons can be marked done (the author's preview never records it)."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        settings: Settings,
        *,
        start_lesson: str | None = None,
        notices: list[str] | None = None,
        storage_problem: str = "",
    ) -> None:
        super().__init__()
        self.startup_notices = list(notices or [])
        self.set_reactive(LeadTutorApp.storage_problem, storage_problem)
        self.course = course
        self.store = store
        self.settings = settings
        self.start_lesson = start_lesson
        self.start_anchor = ""
        self.start_prompt = ""
        """Where in `start_lesson` to open (the preview's `--lesson id#anchor`, `--prompt`)."""
        self.autosave = Autosave(self, store, self._save_state_changed)
        self.saved_generation = 0
        self.farewell = ""
        self.back_stack: list[tuple[str, Place]] = []
        """(lesson id, place) of where each followed link or search was followed from."""
        self.forward_stack: list[tuple[str, Place]] = []
        self.resume_gc_after_start = False
        self.input_count = 0
        """Key and mouse events so far: tells the learner's scrolling from the app's."""
        """Set by `leadtutor` (which pauses the GC while starting): re-enable it."""
        if settings.theme:
            self.theme = settings.theme
        self.course_source = course.root
        """What `load_course` read: the course directory (or a lesson file, in preview)."""
        self.reloader: Reloader | None = None

    # -- start and stop ---------------------------------------------------------

    def on_mount(self) -> None:
        if self.resume_gc_after_start:
            self.call_after_refresh(self._resume_gc)
        self.title = self.course.title
        self.show_notices(self.startup_notices)
        self.screen_change_signal.subscribe(self, self.show_storage_problem)
        self._install_signal_handlers()
        self._open_first_screen()
        self._check_in_at_start()

    def _open_first_screen(self) -> None:
        from leadtutor.ui.screens.welcome import WelcomeScreen

        if self.start_lesson is not None:
            lesson = self.course.lesson(self.start_lesson)
            if lesson is not None:
                self.open_lesson(lesson, prompt_id=self.start_prompt, anchor=self.start_anchor)
                return
            self.notify(
                f"There is no lesson with the id '{self.start_lesson}'.",
                severity="error",
                markup=False,
            )
        self.push_screen(WelcomeScreen())

    def _check_in_at_start(self) -> None:
        """After the first screen: due check-ins come first, before anything else."""
        due = self.store.follow_ups_due()
        if due:
            self.check_in(due)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_count += 1
        await super().on_event(event)

    def _resume_gc(self) -> None:
        import gc

        gc.freeze()  # what start-up built lives as long as the app: never scan it again
        gc.enable()

    # -- saving -----------------------------------------------------------------

    def show_notices(self, extra: list[str] | None = None) -> None:
        """Tell the learner what the store had to do (a file set aside, permissions fixed)."""
        for notice in [*(extra or []), *self.store.take_notices()]:
            self.notify(notice, title="Your progress", severity="warning", timeout=20, markup=False)

    def pick_up_other_changes(self) -> None:
        """Merge what another leadtutor instance saved (before building a screen)."""
        if self.store.refresh():
            self.show_notices()

    def changed(self, *, quiet: bool = False) -> int:
        """Screens call this after changing the store; returns the change generation.

        `quiet` is for position changes (scrolling, focus), which the learner did not
        type: they are saved without showing "saving…".
        """
        return self.autosave.touch(quiet=quiet)

    def _save_state_changed(self, state: str, message: str, generation: int) -> None:
        previous = self.save_state
        self.saved_generation = generation
        self.save_error = message
        self.save_state = state
        if state == "failed":
            self.storage_problem = message  # a lasting banner, not a toast
        elif state == "saved":
            self.storage_problem = ""
        if state in ("saved", "failed"):
            self.show_notices()
        if state == "saved" and previous == "failed":
            self.notify("Saved again. Nothing was lost.", timeout=5, markup=False)

    def watch_storage_problem(self) -> None:
        self.show_storage_problem(self.screen)

    def show_storage_problem(self, screen: Screen[object]) -> None:
        """Put the save banner on `screen` (or take it away once saving works)."""
        from leadtutor.ui.widgets.banner import SaveBanner

        if isinstance(screen, ModalScreen) or not screen.is_mounted:
            return
        banners = screen.query(SaveBanner)
        if not self.storage_problem:
            banners.remove()
        elif banners:
            banners.first().show(self.storage_problem)
        else:
            screen.mount(SaveBanner(self.storage_problem), before=0)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            self.settings.save()

    # -- navigation -------------------------------------------------------------

    def open_lesson(
        self,
        lesson: Lesson,
        *,
        prompt_id: str = "",
        anchor: str = "",
        place: Place | None = None,
        found: Found | None = None,
        mark: bool = False,
    ) -> None:
        """Show a lesson (see `navigation.open_lesson`; `mark`: remember the place now
        for Back)."""
        navigation.open_lesson(
            self, lesson, prompt_id=prompt_id, anchor=anchor, place=place, found=found, mark=mark
        )

    def go_back(self, step: int = -1) -> None:
        """Back (`step` -1) to where a link or search was followed from, or Forward (1)."""
        navigation.go_back(self, step)

    def action_reload_lesson(self) -> None:
        """Read the course files again and show the open lesson as it is now on disk."""
        if self.reloader is None:
            from leadtutor.ui.reload import Reloader

            self.reloader = Reloader(self, self.course_source)
        self.report_reload(self.reloader.reload())

    def report_reload(self, outcome: Outcome) -> None:
        """Tell the learner what "Reload lesson" did."""
        messages = {
            "shown": "Lesson read again from its file.",
            "same": "The lesson file has not changed.",
            "course": "Course read again from its files.",
            "waiting": "Read again; the lesson updates when you go back to it.",
        }
        if outcome.kind == "refused":
            self.notify(outcome.message, title="Not reloaded", severity="error", markup=False)
        else:
            self.notify(messages.get(outcome.kind, ""), timeout=3, markup=False)
        if outcome.kind == "waiting":
            self.set_timer(0.3, self._apply_pending_reload)

    def _apply_pending_reload(self) -> None:
        if self.reloader is None or not self.reloader.pending:
            return
        outcome = self.reloader.apply_pending()
        if outcome is None:
            self.set_timer(0.3, self._apply_pending_reload)
        elif outcome.kind == "refused":
            self.report_reload(outcome)

    def lesson_banner(self, lesson: Lesson) -> Widget | None:
        """A widget shown above a lesson (the author's preview shows its problems)."""
        return None

    def problem_advice(self) -> str:
        """What the problem panel tells the reader to do about a broken lesson."""
        return (
            "If you are its author: fix the file, then press ctrl+r to read it again "
            "(`leadtutor check` lists every problem; `leadtutor preview` reloads on save)."
        )

    def action_course_map(self) -> None:
        from leadtutor.ui.screens.course_map import CourseMapScreen

        if not isinstance(self.screen, CourseMapScreen):
            self.prepare_to_leave()
            self.pick_up_other_changes()
            self.push_screen(CourseMapScreen())

    def action_journal(self) -> None:
        from leadtutor.ui.screens.journal import JournalScreen

        if isinstance(self.screen, JournalScreen):
            return
        self.prepare_to_leave()
        self.pick_up_other_changes()
        earlier = [s for s in self.screen_stack if isinstance(s, JournalScreen)]
        if earlier:  # the journal this lesson was opened from: go back to it
            while self.screen is not earlier[-1]:
                self.pop_screen()
            return
        self.push_screen(JournalScreen())

    def action_follow_ups(self) -> None:
        """Open the Follow-ups screen: every commitment, open and closed."""
        from leadtutor.ui.screens.followups import FollowUpsScreen

        if not isinstance(self.screen, FollowUpsScreen):
            self.prepare_to_leave()
            self.pick_up_other_changes()
            self.push_screen(FollowUpsScreen())

    def check_in(self, items: list[FollowUp], then: Callable[[], object] | None = None) -> None:
        """Show the follow-up card for each item in turn; `then` runs after the last.

        "Later" moves on to the next card; escape skips the rest (they come back at the
        next launch).
        """
        from leadtutor.ui.screens.outcome import CardResult, FollowUpCard

        def show(index: int) -> None:
            if index >= len(items):
                if then is not None:
                    then()
                return

            def after(result: CardResult | None) -> None:
                show(len(items) if result == "stop" else index + 1)

            card = FollowUpCard(items[index], position=index + 1, count=len(items))
            self.push_screen(card, after)

        self.pick_up_other_changes()
        show(0)

    def action_course_summary(self) -> None:
        """Show the end-of-course summary (completion, commitments, export)."""
        from leadtutor.ui.screens.summary import CourseSummaryScreen

        if not isinstance(self.screen, CourseSummaryScreen):
            self.prepare_to_leave()
            self.push_screen(CourseSummaryScreen())

    def action_help(self) -> None:
        from leadtutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with a scrollbar that stands out (`ui/theme.py`)."""
        from leadtutor.ui.theme import visible_scrollbar

        variables = visible_scrollbar(super().get_css_variables(), self.current_theme.variables)
        self.theme_variables = variables
        return variables

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands without Keys (our Help, `?`, says more) and without
        Screenshot (it cannot save anywhere useful in a terminal); Theme is the one theme
        command."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Screenshot"):
                yield command
        yield SystemCommand(
            "Help", "Every key, and how to answer each kind of prompt", self.action_help
        )

    def leave_screen(self) -> None:
        """Go back; from the only screen, go to the welcome screen instead of a blank one."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            from leadtutor.ui.screens.welcome import WelcomeScreen

            self.switch_screen(WelcomeScreen())

    def export_journal(self) -> None:
        """Ask where to write the journal and in which format (md, html, json)."""
        from leadtutor.ui.screens.export import ExportDialog

        def written(target: Path | None) -> None:
            if target is not None:
                self.notify(
                    f"Journal written to {target}", title="Exported", timeout=10, markup=False
                )

        self.push_screen(ExportDialog(), written)


def _lesson_commands() -> type[Provider]:
    from leadtutor.ui.commands import LessonCommands

    return LessonCommands
