"""`leadtutor check [PATH]`: validate a course (or one lesson in its course) and list
every problem; `--update-lock` writes `course.lock`.

Output formats: `text` (`path:line[:column]: level: message [code]`), `json` (schema
2, below) and `github` (GitHub Actions annotations). Exit status: 1 if there is an
error (or, with `--strict`, any problem), else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from leadtutor.commands import Subparsers, common_options, course_dir

if TYPE_CHECKING:  # the CLI imports this module; the lessons' code loads only when checking
    from leadtutor.core.problems import Problem

JSON_SCHEMA: Final = 2
"""Version of the `--format json` report. 2 added columns, end lines and `schema`."""


def register(subparsers: Subparsers) -> None:
    """Add the `check` command."""
    parser = subparsers.add_parser(
        "check",
        parents=[common_options()],
        help="check a course or lesson for problems",
        description=(
            "Check a course directory, or one lesson file in its course. Prints one line per "
            "problem (path:line[:column]: error|warning: message [code]); exits 1 if there "
            "are errors (with --strict: any problem)."
        ),
    )
    parser.add_argument(
        "path", nargs="?", help="course directory or lesson file (default: --course)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github (GitHub Actions annotations)",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail too (for CI)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the index that makes checking one lesson fast",
    )
    lock = parser.add_argument_group("published ids (course.lock)")
    lock.add_argument(
        "--update-lock",
        action="store_true",
        help="write course.lock: every lesson and prompt id with its kind",
    )
    lock.add_argument(
        "--retire",
        metavar="ID",
        action="append",
        default=[],
        help="with --update-lock: retire this lesson or prompt id on purpose (repeatable)",
    )
    lock.add_argument("--reason", default="", help="with --retire: why (kept in course.lock)")
    lock.add_argument(
        "--options-from",
        metavar="DIR",
        help="with --update-lock: a copy of the course as first published, whose choice "
        "options learners may have answered before course.lock recorded options; they "
        "become each choice's oldest options",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the path and print the problems; return 1 on failure, else 0."""
    from leadtutor.core import load_course

    path = Path(args.path) if args.path else course_dir(args)
    for name in ("retire", "options_from"):
        if getattr(args, name) and not args.update_lock:
            print(
                f"leadtutor: --{name.replace('_', '-')} works with --update-lock", file=sys.stderr
            )
            return 2
    if args.update_lock:
        from leadtutor.commands.lock_update import update_lock

        first = Path(args.options_from) if args.options_from else None
        return update_lock(path, args.retire, args.reason, first)
    course = load_course(path, cache_dir=None if args.no_cache else _cache(args))
    problems = course.problems
    errors = sum(1 for p in problems if p.level == "error")
    failed = bool(errors or (args.strict and problems))
    if args.format == "json":
        _json(course.lessons, course.prompt_ids, problems, errors, failed, args.strict)
    elif args.format == "github":
        for problem in problems:
            print(github_line(problem))
    else:
        for problem in problems:
            print(problem.format(relative_to=_here()))
    if args.format != "json":
        print(
            _summary(len(course.lessons), len(course.prompt_ids), problems, errors, args.strict),
            file=sys.stderr,
        )
    return 1 if failed else 0


def _cache(args: argparse.Namespace) -> Path:
    from leadtutor.locations import cache_dir

    return cache_dir(getattr(args, "data_dir", None)) / "check-index"


def _summary(
    lessons: int, prompts: int, problems: Sequence[Problem], errors: int, strict: bool
) -> str:
    if not problems:
        return f"ok: {lessons} lesson(s), {prompts} prompt(s)"
    warnings = len(problems) - errors
    summary = f"{errors} error(s), {warnings} warning(s)"
    if strict and warnings and not errors:
        summary += " (--strict: warnings fail)"
    return summary


def _json(
    lessons: Sequence[object],
    prompts: frozenset[str],
    problems: Sequence[Problem],
    errors: int,
    failed: bool,
    strict: bool,
) -> None:
    report = {
        "schema": JSON_SCHEMA,
        "ok": not failed,
        "strict": strict,
        "errors": errors,
        "warnings": len(problems) - errors,
        "lessons": len(lessons),
        "prompts": len(prompts),
        "problems": [p.as_dict(relative_to=_here()) for p in problems],
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


def github_line(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command (an annotation)."""
    kind = "error" if problem.level == "error" else "warning"
    fields = [f"file={_property(str(problem.shown_path(_here())))}", f"line={problem.line}"]
    if problem.column is not None:
        fields.append(f"col={problem.column}")
    if problem.end_line is not None:
        fields.append(f"endLine={problem.end_line}")
    if problem.end_column is not None and problem.end_column > 1:
        fields.append(f"endColumn={problem.end_column - 1}")  # GitHub's is the last column
    fields.append(f"title={_property('leadtutor ' + problem.code)}")
    return f"::{kind} {','.join(fields)}::{_data(problem.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _here() -> Path | None:
    """The current folder (None if it was deleted), imported only when needed."""
    from leadtutor.core.reader import here

    return here()
