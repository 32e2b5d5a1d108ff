"""`leadtutor list [DIR]`: every module, lesson and prompt of a course, in order.

Text for people (ids to copy into `--lesson`, prompt kinds at a glance), or `--format
json` (schema 1) for scripts. Problems are not listed; a note on stderr points to
`leadtutor check` when there are errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Final

from leadtutor.commands import Subparsers, common_options, course_dir

JSON_SCHEMA: Final = 1


def register(subparsers: Subparsers) -> None:
    """Add the `list` command."""
    parser = subparsers.add_parser(
        "list",
        parents=[common_options()],
        help="list a course's modules, lessons and prompt ids",
        description="List every module, lesson id and title, and prompt id with its kind.",
    )
    parser.add_argument("path", nargs="?", help="course directory (default: --course)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the listing; return 1 if there is no course to list."""
    from leadtutor.core import load_course

    path = Path(args.path) if args.path else course_dir(args)
    course = load_course(path)
    if not course.lessons:
        for problem in course.problems:
            print(problem.format(relative_to=_here()), file=sys.stderr)
        return 1
    root = course.root
    if args.format == "json":
        json.dump(_as_json(course, root), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _text(course, root)
    errors = sum(1 for p in course.problems if p.level == "error")
    if errors:
        print(
            f"note: the course has {errors} error(s); run: leadtutor check {path}",
            file=sys.stderr,
        )
    return 0


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _text(course: Any, root: Path) -> None:
    prompts = sum(len(lesson.prompts) for lesson in course.lessons)
    print(
        f"{course.title} ({course.id}): {len(course.modules)} module(s), "
        f"{len(course.lessons)} lesson(s), {prompts} prompt(s)"
    )
    for module in course.modules:
        print()
        print(f"{_rel(module.path, root) or '.'}  {module.title}")
        for lesson in module.lessons:
            flag = "" if lesson.ok else "  (has errors)"
            print(f"  {lesson.id}  {lesson.title}  [{_rel(lesson.path, root)}]{flag}")
            for prompt in lesson.prompts:
                print(f"    {prompt.kind:<8} {prompt.id}")


def _as_json(course: Any, root: Path) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA,
        "course": {"id": course.id, "title": course.title, "path": str(root)},
        "modules": [
            {
                "slug": module.slug,
                "title": module.title,
                "path": _rel(module.path, root),
                "lessons": [
                    {
                        "id": lesson.id,
                        "title": lesson.title,
                        "path": _rel(lesson.path, root),
                        "minutes": lesson.minutes,
                        "ok": lesson.ok,
                        "prompts": [
                            {"id": p.id, "kind": p.kind, "line": p.lines[0]} for p in lesson.prompts
                        ],
                    }
                    for lesson in module.lessons
                ],
            }
            for module in course.modules
        ],
    }


def _here() -> Path | None:
    """The current folder (None if it was deleted), imported only when needed."""
    from leadtutor.core.reader import here

    return here()
