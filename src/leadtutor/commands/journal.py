"""`leadtutor journal export`: the learner's answers as Markdown (by module and lesson,
with each question and date), as one printable HTML page, or as the full data in JSON."""

from __future__ import annotations

import argparse
import sys

from leadtutor.commands import Subparsers, common_options
from leadtutor.commands.progress import CommandFailed, open_course, open_store, reporting


def register(subparsers: Subparsers) -> None:
    """Add the `journal` command and its `export` subcommand."""
    parser = subparsers.add_parser(
        "journal", parents=[common_options()], help="export your answers"
    )
    actions = parser.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        parents=[common_options()],
        help="write your answers as Markdown, HTML or JSON",
        description="Markdown: your answers grouped by module and lesson, with each "
        "question, the dates and earlier versions. HTML: the same as one printable page "
        "(no scripts, nothing fetched). JSON: all your progress data. Files are written "
        "readable by you only (0600).",
    )
    export.add_argument(
        "--format", choices=("md", "html", "json"), default="md", help="default: md"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    export.set_defaults(handler=run_export)


@reporting
def run_export(args: argparse.Namespace) -> int:
    """Export the journal to a file or standard output."""
    from pathlib import Path

    from leadtutor.progress.exports import render, write

    course = open_course(args)
    progress = open_store(args, course).snapshot()
    if args.output in (None, "-"):
        _emit(render(course, progress, args.format))
        return 0
    target = Path(args.output).expanduser()
    try:
        write(course, progress, args.format, target)
    except OSError as exc:
        raise CommandFailed(f"could not write {target}: {exc.strerror or exc}") from exc
    print(f"Journal written to {target}", file=sys.stderr)
    return 0


def _emit(data: bytes) -> None:
    """Write UTF-8 bytes to standard output, whatever its text encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
