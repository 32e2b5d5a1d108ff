"""Launch the app (the default when `leadtutor` has no subcommand).

Until the Textual app lands this prints the course outline, so the README's launch
command already works end to end.
"""

from __future__ import annotations

import argparse
import sys

from leadtutor.commands import course_dir


def launch(args: argparse.Namespace) -> int:
    """Load the course and show it; return the exit status."""
    from leadtutor.core import load_course

    course = load_course(course_dir(args))
    errors = [p for p in course.problems if p.level == "error"]
    print(f"{course.title} — {len(course.lessons)} lessons, about {course.minutes} minutes")
    for module in course.modules:
        print(f"\n{module.title}")
        for lesson in module.lessons:
            print(f"  {lesson.title} ({lesson.minutes or '?'} min)")
    if errors:
        print(f"\n{len(errors)} problem(s); run `leadtutor check` for details", file=sys.stderr)
    return 0
