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
    # Start-up builds thousands of long-lived objects (modules, styles, widgets); the
    # cyclic GC would scan them over and over. Paused here, frozen and resumed by the
    # app after its first frame.
    gc.disable()
    from leadtutor.core import load_course
    from leadtutor.progress import ProgressError, ProgressStore

    course = load_course(course_dir(args))
    fatal = [p for p in course.problems if p.level == "error" and p.path.suffix != ".md"]
    if not course.lessons or fatal:
        print(f"leadtutor: cannot open the course at {course.root}:", file=sys.stderr)
        for problem in fatal or course.problems:
            print(f"  {problem.format(relative_to=Path.cwd())}", file=sys.stderr)
        return 1
    folder = data_dir(args)
    store = ProgressStore(folder, course.id)
    notices: list[str] = []
    try:
        store.load()
    except ProgressError as exc:
        notices.append(str(exc))
    from leadtutor.settings import Settings
    from leadtutor.ui.app import LeadTutorApp

    app = LeadTutorApp(
        course,
        store,
        Settings.load(folder),
        start_lesson=getattr(args, "lesson", None),
        notices=notices,
    )
    app.resume_gc_after_start = True
    app.run()
    # Skip collecting the widget graph at exit: it costs ~250 ms of quit latency.
    gc.disable()
    gc.freeze()
    return app.return_code or 0
