"""Launch the app (the default when `leadtutor` has no subcommand).

This is the only command module that imports the UI, and only inside `launch()`, so
`leadtutor check` and the other commands never load Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from leadtutor.commands import course_dir, data_dir


def launch(args: argparse.Namespace) -> int:
    """Load the course and the learner's progress, run the app, return the exit status."""
    from leadtutor.commands.arguments import course_folder_problem, find_lesson

    root = course_dir(args)
    problem = course_folder_problem(root)
    if problem is not None:  # a wrong --course: one sentence, exit 2
        print(f"leadtutor: {problem}", file=sys.stderr)
        return 2
    # Start-up builds thousands of long-lived objects (modules, styles, widgets); the
    # cyclic GC would scan them over and over. Paused here, frozen and resumed by the
    # app after its first frame.
    gc.disable()
    from leadtutor.core import load_course
    from leadtutor.progress import ProgressError, ProgressStore

    course = load_course(root)
    fatal = [p for p in course.problems if p.level == "error" and p.path.suffix != ".md"]
    if not course.lessons or fatal:
        print(f"leadtutor: cannot open the course at {course.root}:", file=sys.stderr)
        for item in fatal or course.problems:
            print(f"  {item.format(relative_to=Path.cwd())}", file=sys.stderr)
        gc.enable()
        return 1
    start_lesson: str | None = None
    if getattr(args, "lesson", None) is not None:
        lesson, why = find_lesson(course, args.lesson)
        if lesson is None:
            print(f"leadtutor: {why}", file=sys.stderr)
            gc.enable()
            return 2
        start_lesson = lesson.id
    folder = data_dir(args)
    store = ProgressStore(folder, course.id)
    storage_problem = ""
    try:
        store.load()
    except ProgressError as exc:
        storage_problem = str(exc)  # answers stay in memory: the app shows a lasting banner
    from leadtutor.settings import Settings
    from leadtutor.ui.app import LeadTutorApp

    app = LeadTutorApp(
        course,
        store,
        Settings.load(folder),
        start_lesson=start_lesson,
        storage_problem=storage_problem,
    )
    app.resume_gc_after_start = True
    app.run()
    if app.farewell:
        print(app.farewell, file=sys.stderr)
    # Skip collecting the widget graph at exit: it costs ~250 ms of quit latency.
    gc.disable()
    gc.freeze()
    return app.return_code or 0
