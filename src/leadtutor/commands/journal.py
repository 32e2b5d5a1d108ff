"""`leadtutor journal export`: the learner's answers as Markdown (by module and lesson,
with each question and date), as one printable HTML page, or as the full data in JSON."""

from __future__ import annotations

import argparse
import sys

from leadtutor.commands import Subparsers, common_options, emit
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
        "--format",
        choices=("md", "html", "json"),
        default=None,
        help="default: md (json with --share)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    export.add_argument(
        "--share",
        action="store_true",
        help="JSON to hand to a facilitator: lessons done, scale ratings and quick-check "
        "answers only, no written answers (see docs/share-format.md)",
    )
    export.add_argument(
        "--include-text",
        action="store_true",
        help="with --share: add your written reflections (the export says so)",
    )
    export.set_defaults(handler=run_export)


@reporting
def run_export(args: argparse.Namespace) -> int:
    """Export the journal to a file or standard output."""
    from pathlib import Path

    from leadtutor.progress.exports import ExportFormat, render, write

    if args.include_text and not args.share:
        raise CommandFailed("--include-text only goes with --share", 2)
    if args.share:
        if args.format not in (None, "json"):
            raise CommandFailed("--share writes JSON; leave out --format or use --format json", 2)
        return _share(args)
    fmt: ExportFormat = args.format or "md"
    course = open_course(args)
    progress = open_store(args, course).snapshot()
    if args.output in (None, "-"):
        emit(render(course, progress, fmt))
        return 0
    target = Path(args.output).expanduser()
    try:
        write(course, progress, fmt, target)
    except OSError as exc:
        raise CommandFailed(f"could not write {target}: {exc.strerror or exc}") from exc
    print(f"Journal written to {target}", file=sys.stderr)
    return 0


def _share(args: argparse.Namespace) -> int:
    from pathlib import Path

    from leadtutor.progress.atomic import write_file
    from leadtutor.progress.share import encode_share, share_export

    course = open_course(args)
    store = open_store(args, course)
    export = share_export(
        course, store.snapshot(), today=store.today(), include_text=args.include_text
    )
    data = encode_share(export)
    what = (
        "It INCLUDES your written reflections: read them before you hand it over."
        if args.include_text
        else "It holds lessons done, ratings and quick-check answers; none of your writing."
    )
    if args.output in (None, "-"):
        emit(data)
        print(f"leadtutor: share export printed. {what}", file=sys.stderr)
        return 0
    target = Path(args.output).expanduser()
    try:
        write_file(target, data)
    except OSError as exc:
        raise CommandFailed(f"could not write {target}: {exc.strerror or exc}") from exc
    print(f"Share export written to {target}. {what}", file=sys.stderr)
    return 0
