"""`leadtutor cohort summarize EXPORT.json…`: merge learners' share exports into a report.

For a facilitator running the course with a group, offline: each learner runs
`leadtutor journal export --share -o me.json` and hands the file over. The report (Markdown,
or `--format html`) shows completion per lesson, scale distributions as text bars,
quick-check answer rates with misconceptions marked, and reflections only where a
learner included them, never with a learner's or a file's name. A file that cannot be
read is named on standard error and the others are still summarized.
"""

from __future__ import annotations

import argparse
import sys

from leadtutor.commands import Subparsers, common_options, emit
from leadtutor.commands.progress import CommandFailed, open_course, reporting


def register(subparsers: Subparsers) -> None:
    """Add the `cohort` command and its `summarize` subcommand."""
    parser = subparsers.add_parser(
        "cohort", parents=[common_options()], help="summarize a group's share exports"
    )
    actions = parser.add_subparsers(dest="cohort_command", metavar="ACTION", required=True)
    summarize = actions.add_parser(
        "summarize",
        aliases=["summarise"],
        parents=[common_options()],
        help="merge share exports into one report",
        description="Merge share exports (leadtutor journal export --share) into one report "
        "for a facilitator: completion per lesson, scale distributions, quick-check answer "
        "rates, and reflections where learners included them. Prompts are matched by id "
        "against the course (--course, default: the bundled course). Exit status 1 if some "
        "file could not be read (the others are still summarized).",
    )
    summarize.add_argument("exports", nargs="+", metavar="EXPORT.json", help="share exports")
    summarize.add_argument("--format", choices=("md", "html"), default="md", help="default: md")
    summarize.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    summarize.set_defaults(handler=run_summarize)


@reporting
def run_summarize(args: argparse.Namespace) -> int:
    """Read every export, report the unreadable ones, print or write the summary."""
    from pathlib import Path

    from leadtutor.cohort.load import BadExport, ShareExport, read_export
    from leadtutor.cohort.render import html_page, markdown
    from leadtutor.cohort.summary import summarize

    course = open_course(args)
    exports: list[ShareExport] = []
    failed = 0
    for name in args.exports:
        try:
            export = read_export(Path(name).expanduser())
        except BadExport as exc:
            print(f"leadtutor: {name}: {exc}; left out.", file=sys.stderr)
            failed += 1
            continue
        for warning in export.warnings:
            print(f"leadtutor: {name}: {warning}.", file=sys.stderr)
        exports.append(export)
    if not exports:
        raise CommandFailed("no export could be read, so there is nothing to summarize")
    summary = summarize(course, exports, unreadable=failed)
    text = html_page(summary) if args.format == "html" else markdown(summary)
    data = text.encode("utf-8", "replace")
    if args.output in (None, "-"):
        emit(data)
    else:
        from leadtutor.progress.atomic import write_file

        target = Path(args.output).expanduser()
        try:
            write_file(target, data)
        except OSError as exc:
            raise CommandFailed(f"could not write {target}: {exc.strerror or exc}") from exc
        print(f"Summary of {len(exports)} exports written to {target}", file=sys.stderr)
    return 1 if failed else 0
