"""`leadtutor check [PATH]`: validate a course (or one lesson) and list every problem."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from leadtutor.commands import Subparsers, common_options, course_dir


def register(subparsers: Subparsers) -> None:
    """Add the `check` command."""
    parser = subparsers.add_parser(
        "check",
        parents=[common_options()],
        help="check a course or lesson for problems",
        description=(
            "Check a course directory or a single lesson file. Prints one line per problem "
            "(path:line: error|warning: message [code]); exits 1 if there are errors."
        ),
    )
    parser.add_argument(
        "path", nargs="?", help="course directory or lesson file (default: --course)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the path and print the problems; return 1 on errors, else 0."""
    from leadtutor.core import load_course

    course = load_course(Path(args.path) if args.path else course_dir(args))
    problems = course.problems
    errors = sum(1 for p in problems if p.level == "error")
    if args.format == "json":
        report = {
            "errors": errors,
            "warnings": len(problems) - errors,
            "lessons": len(course.lessons),
            "prompts": len(course.prompt_ids),
            "problems": [p.as_dict() for p in problems],
        }
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem.format(relative_to=Path.cwd()))
        if problems:
            summary = f"{errors} error(s), {len(problems) - errors} warning(s)"
        else:
            summary = f"ok: {len(course.lessons)} lesson(s), {len(course.prompt_ids)} prompt(s)"
        print(summary, file=sys.stderr)
    return 1 if errors else 0
