"""The `leadtutor` command line.

Subcommands live in `leadtutor.commands.<name>` and never import Textual; the app
itself is imported only when the learner launches it, so `leadtutor check` stays
fast and works without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from leadtutor import __version__
from leadtutor.commands import (
    check,
    cohort,
    common_options,
    followups,
    journal,
    new,
    preview,
    progress,
    serve,
)
from leadtutor.commands import list as list_command

COMMANDS = [
    check.register,
    list_command.register,
    new.register,
    preview.register,
    progress.register,
    journal.register,
    followups.register,
    cohort.register,
    serve.register,
]
"""Each subcommand's `register(subparsers)`; add new commands here."""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="leadtutor",
        description="A terminal tutorial on leading and managing.",
        parents=[common_options()],
    )
    parser.add_argument("--version", action="version", version=f"leadtutor {__version__}")
    parser.add_argument("--lesson", metavar="ID", help="open this lesson directly")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None) or _launch_app
    try:
        result: int = handler(args)
    except BrokenPipeError:  # e.g. `leadtutor check | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("LEADTUTOR_DEBUG"):
            raise
        # No traceback: it could print a learner's answer held in a local variable.
        print(
            f"leadtutor: internal error ({type(exc).__name__}); nothing was lost. "
            "Run with LEADTUTOR_DEBUG=1 for details and please report it.",
            file=sys.stderr,
        )
        return 70
    return result


def _launch_app(args: argparse.Namespace) -> int:
    from leadtutor.commands.launch import launch  # deferred: imports Textual

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
