"""`LeadTutorApp`: owns the course, the progress store, autosave and the screens."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual._context import active_message_pump
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.message_pump import MessagePump
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from leadtutor.core import Course, Lesson
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui.autosave import Autosave
from leadtutor.ui.widgets.place import Place

if TYPE_CHECKING:
    from textual.widget import Widget

    from leadtutor.progress.followups import FollowUp
    from leadtutor.ui.reload import Outcome, Reloader
    from leadtutor.ui.screens.lesson_places import Found

HISTORY = 100
"""How many places Back remembers."""
SETTLE_TIMEOUT = 2.0
"""Longest wait, when quitting, for keys already typed to be handled."""


class LeadTutorApp(App[None]):
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
        """Printed by `leadtutor` after the app has left the terminal (a rescue file's path)."""
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

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on Windows, or not in the main thread (tests)

    def _on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP (terminal closed): save, then leave, for sure."""
        self.prepare_to_leave()
        if self.autosave.save_now():
            self.farewell = self.rescue()
        # With the terminal gone, a normal exit can block restoring it; don't linger.
        timer = threading.Timer(1.5, os._exit, args=(128 + signum,))
        timer.daemon = True
        timer.start()
        self.exit(return_code=128 + signum)

    def on_exit_app(self) -> None:
        """Every way out saves first. Quitting and signals already have; this catches
        the exits that skip `action_quit`: in a browser (`leadtutor serve`), closing the
        tab or the server stopping the session arrive as a bare `ExitApp`."""
        self.prepare_to_leave()
        self.autosave.save_now()  # writes nothing when nothing is unsaved

    def prepare_to_leave(self) -> None:
        """Ask the active screen to record where the learner is (resume point, drafts)."""
        remember = getattr(self.screen, "remember_position", None)
        if callable(remember):
            remember()

    def _fatal_error(self) -> None:
        """On a crash: save first, then report without local variables (they may hold
        a learner's answer) unless LEADTUTOR_DEBUG is set; if saving fails, rescue."""
        try:
            self.store.save()
        except Exception:
            self.farewell = self.rescue()
        if os.environ.get("LEADTUTOR_DEBUG"):
            super()._fatal_error()
            return
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, max_frames=4)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    async def settle_input(self, timeout: float = SETTLE_TIMEOUT) -> None:
        """Wait until keys already typed have reached their widgets and the answers they
        change have reached the store (quitting must not drop what was typed).

        Keys are queued from widget to widget (app → screen → text box → prompt →
        screen): wait until no widget of the screen has a message queued or in hand.
        """
        current = active_message_pump.get(None)
        deadline = time.monotonic() + timeout
        calm = 0
        while calm < 2 and time.monotonic() < deadline:
            screen = self.screen
            nodes = [screen, *screen.walk_children(with_self=False)]
            calm = 0 if any(_busy(node, node is current) for node in nodes) else calm + 1
            await asyncio.sleep(0.002)

    async def action_quit(self) -> None:
        await self.settle_input()
        self.prepare_to_leave()
        error = self.autosave.save_now()
        if not error:
            self.exit()
            return
        from leadtutor.ui.screens.dialogs import ConfirmDialog

        def decided(leave: bool | None) -> None:
            if leave:
                self.leave_with_rescue()

        self.clear_notifications()  # no toast may cover the dialog's buttons
        self.push_screen(
            ConfirmDialog(
                "Your latest changes could not be saved",
                f"{error}\n\nQuit anyway writes everything you have written to a rescue "
                "file in your home folder (or the temp folder) and tells you where; "
                "`leadtutor progress restore FILE` brings it back later. Or stay, free "
                "some space or fix the permissions, and quit again.",
                yes="Quit anyway",
                no="Stay",
            ),
            decided,
        )

    def rescue(self) -> str:
        """Write what is in memory to a rescue file; return a sentence saying where."""
        from leadtutor.progress.rescue import write_rescue

        try:
            path = write_rescue(self.store.snapshot())
        except Exception as exc:  # the last resort must not raise
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            return f"leadtutor: not even a rescue file could be written ({why})."
        return (
            "leadtutor: your progress could not be saved, so everything you wrote is in "
            f"this rescue file (readable by you only):\n  {path}\n"
            f"Once the problem is fixed, bring it back with:\n  leadtutor progress restore {path}"
        )

    def leave_with_rescue(self) -> None:
        """Quit anyway: rescue the unsaved answers, exit with status 1; `leadtutor`
        prints `farewell` (where the rescue file is) once the terminal is restored."""
        self.farewell = self.rescue()
        self.exit(return_code=1)

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
        """Show a lesson (replacing the current lesson screen, if any).

        Args:
            lesson: The lesson.
            prompt_id: Focus this prompt.
            anchor: Open at this heading.
            place: Open at this place.
            found: Open at this search match, highlighted.
            mark: Remember where the learner is now, for Back (following a link, a
                search result).
        """
        from leadtutor.ui.screens.lesson import LessonScreen

        current = self.screen
        if isinstance(current, LessonScreen) and current.lesson.ok:
            if mark:
                self.back_stack.append((current.lesson.id, current.view.place))
                del self.back_stack[:-HISTORY]
                self.forward_stack.clear()
            if current.lesson is lesson and (anchor or place or found) and not prompt_id:
                current.jump(anchor=anchor, place=place, found=found)
                return
        self.pick_up_other_changes()
        screen = LessonScreen(lesson, prompt_id=prompt_id, anchor=anchor, place=place, found=found)
        if isinstance(current, LessonScreen):
            current.remember_position()
            self.autosave.save_now()
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_back(self, step: int = -1) -> None:
        """Back (`step` -1) to where a link or search was followed from, or Forward (1)."""
        from leadtutor.ui.screens.lesson import LessonScreen

        source, target = (
            (self.back_stack, self.forward_stack)
            if step < 0
            else (self.forward_stack, self.back_stack)
        )
        while source:
            lesson_id, place = source.pop()
            lesson = self.course.lesson(lesson_id)
            if lesson is None:
                continue
            current = self.screen
            if isinstance(current, LessonScreen) and current.lesson.ok:
                target.append((current.lesson.id, current.view.place))
            self.open_lesson(lesson, place=place)
            return
        where = "back to" if step < 0 else "forward to"
        self.notify(
            f"Nothing to go {where}: Back returns to where you followed a link or a search from.",
            markup=False,
            timeout=4,
        )

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


def _busy(node: MessagePump, handling: bool) -> bool:
    """Whether a widget has messages waiting or being handled (`handling`: it is handling
    the one that asked, which does not count)."""
    # asyncio.Queue counts a message taken but not yet handled as unfinished
    unfinished = getattr(node._message_queue, "_unfinished_tasks", 0)
    size = max(node.message_queue_size, unfinished if isinstance(unfinished, int) else 0)
    return size - (1 if handling else 0) > 0


def _lesson_commands() -> type[Provider]:
    from leadtutor.ui.commands import LessonCommands

    return LessonCommands
