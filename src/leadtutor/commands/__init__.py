"""Subcommands of the `leadtutor` CLI.

Each command module exposes `register(subparsers)`, which adds its parser and sets
`handler=run` where `run(args) -> int` returns the exit status. Command modules must
not import Textual (the import-linter contract checks this); the app is launched by
`leadtutor.commands.launch`, which the CLI imports lazily.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

Subparsers = Any
"""`argparse._SubParsersAction` is private; this alias keeps signatures readable."""


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts: where the course and the learner's data are."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--course",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="course directory (default: the bundled course)",
    )
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where progress is stored (default: $LEADTUTOR_HOME or the user data dir)",
    )
    return parent


def course_dir(args: argparse.Namespace) -> Path:
    """The course directory chosen with `--course`, else the bundled course."""
    from leadtutor.locations import bundled_course_dir

    chosen = getattr(args, "course", None)
    return Path(chosen).expanduser() if chosen else bundled_course_dir()


def data_dir(args: argparse.Namespace) -> Path:
    """The data directory chosen with `--data-dir`, else `$LEADTUTOR_HOME` or the default."""
    from leadtutor.locations import data_dir as resolve

    return resolve(getattr(args, "data_dir", None))


def emit(data: bytes) -> None:
    """Write UTF-8 bytes to standard output, whatever its text encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
