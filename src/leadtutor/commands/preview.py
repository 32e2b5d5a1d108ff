"""`leadtutor preview PATH`: the app on one lesson (or a course), reloaded on every save.

Progress goes to a throw-away folder that is deleted on quit, so a preview never
touches a learner's real progress, and lessons are never marked done. The UI is
imported only inside `run()`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from leadtutor.commands import Subparsers

if TYPE_CHECKING:
    from leadtutor.core import Course, Lesson
    from leadtutor.core.catalog import LessonCache


def register(subparsers: Subparsers) -> None:
    """Add the `preview` command."""
    parser = subparsers.add_parser(
        "preview",
        help="preview a lesson or course as a learner sees it, reloading on every save",
        description=(
            "Open the app on a lesson file (inside its course, if it has one) or on a course "
            "directory. Every save reloads the lesson within a second, keeping your place and "
            "what you typed; problems (warnings too) are shown above the lesson. Answers go "
            "to a temporary folder deleted on quit, and lessons are never marked done."
        ),
    )
    parser.add_argument("path", help="a lesson file (.md) or a course directory")
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--lesson",
        metavar="ID[#ANCHOR]",
        help="open this lesson of the course, at a heading's anchor if given ('#anchor' "
        "alone: that heading of PATH)",
    )
    target.add_argument("--prompt", metavar="ID", help="open the lesson with this prompt, on it")
    parser.add_argument(
        "--no-watch", action="store_true", help="do not watch the files (reload with ctrl+r)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Load what PATH names, open the preview, and clean up the throw-away data."""
    from leadtutor.core import load_course
    from leadtutor.core.course_files import find_course_root

    path = Path(args.path).expanduser()
    if not path.exists():
        print(f"leadtutor preview: no such file or directory: {path}", file=sys.stderr)
        return 2
    cache: LessonCache = {}
    source = path
    if path.is_file():
        root = find_course_root(path.parent)
        if root is not None:
            course = load_course(root, cache=cache)
            if course.lesson_at(path) is not None:
                source = root
            else:
                print(
                    f"leadtutor preview: {path} is not a lesson of the course at {root} "
                    "(see `leadtutor check`); previewing it on its own.",
                    file=sys.stderr,
                )
                cache.clear()
    course = load_course(source, cache=cache)
    fatal = [p for p in course.problems if p.level == "error" and p.path.suffix != ".md"]
    if fatal or not course.lessons:
        print(f"leadtutor preview: cannot open {source}:", file=sys.stderr)
        for problem in fatal or course.problems[:20]:
            print(f"  {problem.format(relative_to=Path.cwd())}", file=sys.stderr)
        return 1
    start = _start(course, path, args)
    if isinstance(start, str):
        print(f"leadtutor preview: {start}", file=sys.stderr)
        return 2
    lesson, anchor, prompt_id = start
    return _run_app(course, source, cache, lesson, anchor, prompt_id, watch=not args.no_watch)


def _start(course: Course, path: Path, args: argparse.Namespace) -> tuple[Lesson, str, str] | str:
    """The lesson to open (and where), or a message saying why there is none."""
    opened = course.lesson_at(path) if path.is_file() else None
    lesson = opened or course.lessons[0]
    if args.prompt:
        found = course.find_prompt(args.prompt)
        if found is None:
            known = ", ".join(sorted(course.prompt_ids)[:12]) or "none"
            return f"no prompt with the id '{args.prompt}' in this course (some ids: {known})"
        return found[0], "", args.prompt
    if args.lesson:
        lesson_id, _, anchor = args.lesson.partition("#")
        if lesson_id:
            chosen = course.lesson(lesson_id)
            if chosen is None:
                known = ", ".join(x.id for x in course.lessons[:12])
                return f"no lesson with the id '{lesson_id}' in this course (lessons: {known})"
            lesson = chosen
        if anchor and lesson.ok and lesson.heading(anchor) is None:
            slugs = ", ".join(h.slug for h in lesson.headings[:12]) or "none"
            return f"'{lesson.title}' has no heading with the anchor '#{anchor}' (anchors: {slugs})"
        return lesson, anchor, ""
    return lesson, "", ""


def _run_app(
    course: Course,
    source: Path,
    cache: LessonCache,
    lesson: Lesson,
    anchor: str,
    prompt_id: str,
    *,
    watch: bool,
) -> int:
    from leadtutor.progress import ProgressStore
    from leadtutor.ui.preview import PreviewApp  # deferred: imports Textual

    with tempfile.TemporaryDirectory(prefix="leadtutor-preview-") as scratch:
        store = ProgressStore(Path(scratch), course.id)
        store.load()
        app = PreviewApp(
            course,
            store,
            source=source,
            cache=cache,
            start_lesson=lesson.id,
            start_anchor=anchor,
            start_prompt=prompt_id,
            watch=watch,
        )
        try:
            app.run()
        finally:
            app.stop_watching()
    return app.return_code or 0
