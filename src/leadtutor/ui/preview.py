"""The author's live preview (`leadtutor preview`): the app on a throw-away data dir,
a panel of the lesson's problems above it, and a file watcher that reloads the lesson
within a second of every save.

The watcher (watchfiles) runs in its own thread and only posts messages to the app;
the reload itself (`ui/reload.py`) runs on the UI thread. Quitting stops the watcher
and waits for its thread. The preview never records a lesson as done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from leadtutor.core import Course, Lesson, Problem
from leadtutor.core.catalog import LessonCache
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.reload import Outcome, Reloader

DEBOUNCE_MS = 150
"""Changes closer together than this are one reload (editors write a file in steps)."""
STEP_MS = 40
"""How often the watcher looks for more changes, and for the request to stop."""


class Watcher:
    """Watches `paths` with watchfiles in a daemon thread; calls `changed(paths)` from
    that thread (so it must be thread-safe, e.g. `App.post_message`)."""

    def __init__(
        self,
        paths: list[Path],
        changed: Callable[[set[str]], object],
        failed: Callable[[str], object],
        *,
        recursive: bool = True,
    ) -> None:
        self.paths = paths
        self.changed = changed
        self.failed = failed
        self.recursive = recursive
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="leadtutor-preview-watch")
        self.thread.daemon = True
        self.ready = threading.Event()
        """Set once the watcher is watching (tests wait for it before editing files)."""

    def start(self) -> None:
        """Start the thread."""
        self.thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the thread to stop and wait for it (it checks every `STEP_MS`)."""
        self.stop_event.set()
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(timeout)

    def _run(self) -> None:
        from watchfiles import watch

        for polling in (False, True):  # inotify first; polling if it is unavailable
            try:
                for changes in watch(
                    *self.paths,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    stop_event=self.stop_event,
                    rust_timeout=500,
                    yield_on_timeout=True,
                    raise_interrupt=False,
                    recursive=self.recursive,
                    force_polling=polling,
                    poll_delay_ms=200,
                    ignore_permission_denied=True,
                ):
                    self.ready.set()
                    if self.stop_event.is_set():
                        return
                    if changes:
                        self.changed({path for _, path in changes})
                return
            except Exception as exc:  # the watcher is a convenience: never crash the app
                if polling or self.stop_event.is_set():
                    self.failed(f"{type(exc).__name__}: {exc}")
                    return


@dataclass
class FilesChanged(Message):
    """Posted by the watcher thread."""

    paths: set[str]


@dataclass
class WatchFailed(Message):
    """The watcher could not run; reloading by hand (ctrl+r) still works."""

    reason: str


class PreviewPanel(VerticalScroll, can_focus=False):
    """Above the lesson: what is previewed, and every problem of its file (warnings
    too), live. Errors also replace the lesson with the problem panel."""

    DEFAULT_CSS = """
    PreviewPanel {
        height: auto;
        max-height: 9;
        background: $boost;
        border-left: thick $accent;
        padding: 0 1;
    }
    PreviewPanel.-errors { border-left: thick $error; }
    PreviewPanel.-warnings { border-left: thick $warning; }
    """

    def __init__(self, lesson: Lesson, course: Course, reloaded: str) -> None:
        super().__init__(id="preview-panel")
        self.lesson = lesson
        self.course = course
        self.reloaded = reloaded

    def compose(self) -> ComposeResult:
        yield Static(self.text(), markup=False)

    def problems(self) -> list[Problem]:
        """This lesson's problems, then those of the course's own files (course.toml)."""
        own = list(self.lesson.problems)
        course_files = [p for p in self.course.problems if p.path.suffix != ".md"]
        return own + course_files

    def text(self) -> Content:
        """The panel's lines."""
        problems = self.problems()
        errors = sum(1 for p in problems if p.level == "error")
        warnings = len(problems) - errors
        self.set_class(errors > 0, "-errors")
        self.set_class(errors == 0 and warnings > 0, "-warnings")
        root = self.course.root
        counts = []
        if errors:
            counts.append(f"{errors} error{'s' if errors != 1 else ''}")
        if warnings:
            counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        others = sum(
            1 for p in self.course.problems if p.path.suffix == ".md" and p.path != self.lesson.path
        )
        head = Content.assemble(
            ("Preview ", "bold $text-accent"),
            (_relative(self.lesson.path, root), "bold"),
            "  ·  ",
            (", ".join(counts) or "no problems", "bold $text-error" if errors else ""),
            f"  ·  {self.reloaded}  ·  answers not kept",
        )
        lines = [head]
        if others:
            lines.append(
                Content.styled(
                    f"{others} problem(s) in other lessons: `leadtutor check` lists them",
                    "$text-muted",
                )
            )
        if not errors:  # with errors, the problem panel below lists them all
            for problem in problems:
                style = "$text-error" if problem.level == "error" else "$text-warning"
                lines.append(Content.styled(problem.format(relative_to=root), style))
        return Content("\n").join(lines)


class PreviewApp(LeadTutorApp):
    """`LeadTutorApp` for authors: throw-away progress, problems shown, live reload."""

    records_completion: ClassVar[bool] = False

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        *,
        source: Path,
        cache: LessonCache,
        start_lesson: str,
        start_anchor: str = "",
        start_prompt: str = "",
        watch: bool = True,
    ) -> None:
        super().__init__(course, store, Settings(), start_lesson=start_lesson)
        self.start_anchor = start_anchor
        self.start_prompt = start_prompt
        self.course_source = source
        self.reloader = Reloader(self, source, cache, keep_id=False)
        self.reloaded = "watching for changes"
        self.reloads = 0
        """Lesson screens rebuilt after a change (tests and the benchmark read it)."""
        self.watcher: Watcher | None = None
        if watch:
            single = source.is_file()
            self.watcher = Watcher(
                [source.parent if single else source],
                lambda paths: self.post_message(FilesChanged(paths)),
                lambda reason: self.post_message(WatchFailed(reason)),
                recursive=not single,
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"Preview: {self.course.title}"
        if self.watcher is not None:
            self.watcher.start()
        self.set_interval(0.25, self._apply_pending_reload, name="preview-pending")

    def on_unmount(self) -> None:
        self.stop_watching()

    def stop_watching(self) -> None:
        """Stop the watcher thread and wait for it (safe to call twice)."""
        if self.watcher is not None:
            self.watcher.stop()

    def lesson_banner(self, lesson: Lesson) -> Widget | None:
        return PreviewPanel(lesson, self.course, self.reloaded)

    def problem_advice(self) -> str:
        return "Preview: fix the file and save it; the lesson is shown again as soon as it loads."

    @on(FilesChanged)
    def _files_changed(self, event: FilesChanged) -> None:
        self.reload_now()

    @on(WatchFailed)
    def _watch_failed(self, event: WatchFailed) -> None:
        self.notify(
            f"Cannot watch the files ({event.reason}). Press ctrl+r after saving instead.",
            title="Preview",
            severity="warning",
            timeout=15,
            markup=False,
        )

    def reload_now(self) -> Outcome:
        """Re-read the files and rebuild the lesson if it changed."""
        assert self.reloader is not None
        self.reloaded = f"reloaded {datetime.now():%H:%M:%S}"
        outcome = self.reloader.reload()
        if outcome.kind == "shown":
            self.reloads += 1
        elif outcome.kind == "refused":
            self.report_reload(outcome)
        return outcome

    def action_reload_lesson(self) -> None:
        outcome = self.reload_now()
        if outcome.kind != "refused":
            self.report_reload(outcome)

    def _apply_pending_reload(self) -> None:
        if self.reloader is not None and self.reloader.pending:
            outcome = self.reloader.apply_pending()
            if outcome is not None and outcome.kind == "shown":
                self.reloads += 1


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name
