"""`leadtutor followups`: print the commitments whose check-in is due, for shell start-up.

Prints nothing and exits 0 when nothing is due, so it can sit in `~/.bashrc`. It is
fast: it reads only the progress files (never the lessons, never Textual), takes no
lock and writes nothing. Without `--course` it looks at every course in the data
folder. `LEADTUTOR_TODAY` moves the date (see `leadtutor.clock`).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from leadtutor.commands import Subparsers, common_options, data_dir

if TYPE_CHECKING:
    from leadtutor.progress.followups import FollowUp
    from leadtutor.progress.model import Commitment

_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")
"""Control characters (and newlines) in the learner's text: a terminal must not get them."""


def register(subparsers: Subparsers) -> None:
    """Add the `followups` command."""
    parser = subparsers.add_parser(
        "followups",
        parents=[common_options()],
        help="print commitments that are due for a check-in (silent if none)",
        description="Print the commitments whose follow-up date has come, in every course "
        "in your data folder (or only in --course). Prints nothing and exits 0 when "
        "none are due, so it can run from your shell's start-up file.",
    )
    parser.add_argument(
        "--all", action="store_true", help="also list upcoming and closed commitments"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print due follow-ups; return 1 only if a progress file could not be read."""
    from leadtutor import clock
    from leadtutor.progress.followups import follow_ups

    today = clock.today()
    failed = False
    sections: list[tuple[str, list[FollowUp]]] = []
    for course_id, path in _progress_files(args):
        try:
            commitments = _read(path, course_id)
        except _Unreadable as exc:
            print(f"leadtutor: {path}: {exc}; open leadtutor to repair it.", file=sys.stderr)
            failed = True
            continue
        items = follow_ups(commitments, today)
        shown = items if args.all else [f for f in items if f.state == "due"]
        if shown:
            sections.append((course_id, shown))
    several = len(sections) > 1
    for course_id, items in sections:
        _print_course(course_id if several else "", items, args.all)
    due = sum(1 for _, items in sections for f in items if f.state == "due")
    if due:
        print(f"Run `leadtutor` to say how {'it' if due == 1 else 'they'} went.")
    return 1 if failed else 0


class _Unreadable(Exception):
    """The progress file exists but cannot be used."""


def _progress_files(args: argparse.Namespace) -> list[tuple[str, Path]]:
    folder = data_dir(args)
    chosen = getattr(args, "course", None)
    if chosen:
        course_id = _course_id(Path(chosen).expanduser())
        return [(course_id, folder / course_id / "progress.json")] if course_id else []
    from leadtutor.progress.model import COURSE_ID_PATTERN

    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []  # no data folder yet: nothing can be due
    return [
        (entry.name, entry / "progress.json")
        for entry in entries
        if COURSE_ID_PATTERN.fullmatch(entry.name) and (entry / "progress.json").is_file()
    ]


def _course_id(root: Path) -> str:
    """The id in `course.toml`, without loading the lessons."""
    import tomllib

    try:
        data = tomllib.loads((root / "course.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    value = data.get("id")
    if isinstance(value, str):
        return value.strip()
    from leadtutor.core import load_course  # a single lesson or a loose folder: rare

    return load_course(root).id


def _read(path: Path, course_id: str) -> list[Commitment]:
    from leadtutor.progress.decode import decode
    from leadtutor.progress.errors import UnknownSchema, UnreadableFile

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _Unreadable(f"cannot be read ({exc.strerror or exc})") from exc
    try:
        progress = decode(data, course_id).progress
    except UnknownSchema as exc:
        raise _Unreadable("was written by a newer leadtutor") from exc
    except UnreadableFile as exc:
        raise _Unreadable("is damaged") from exc
    return list(progress.commitments.values())


def _print_course(course_id: str, items: list[FollowUp], show_all: bool) -> None:
    due = [f for f in items if f.state == "due"]
    where = f" in the course '{course_id}'" if course_id else ""
    if due:
        noun = "commitment is" if len(due) == 1 else "commitments are"
        print(f"{len(due)} {noun} due for a check-in{where}:")
    else:
        print(f"Nothing is due{where}.")
    for item in due:
        print(f"  - {_line(item)}")
    if not show_all:
        return
    for state, title in (("upcoming", "Coming up"), ("closed", "Closed")):
        group = [f for f in items if f.state == state]
        if group:
            print(f"{title}:")
            for item in group:
                print(f"  - {_line(item)}")


def _line(item: FollowUp) -> str:
    from leadtutor.progress.dates import day

    text = " ".join(_CONTROL.sub(" ", item.text).split()) or "(no text)"
    dates = f"committed {day(item.first_committed_on)}, "
    if item.state == "closed" and item.outcome is not None:
        dates += f"{item.result_label}"
        if item.outcome.on:
            dates += f" on {day(item.outcome.on)}"
    else:
        dates += f"due {day(item.due_on)}"
    return f"{text} ({dates})"
