"""`leadtutor progress [path | reset]`: where the learner's progress is, what it holds,
and starting over (always after writing a full backup)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from leadtutor.commands import Subparsers, common_options, course_dir, data_dir

if TYPE_CHECKING:
    from leadtutor.core import Course
    from leadtutor.progress import Answer, ProgressStore


class CommandFailed(Exception):
    """Stop the command: print `message` to stderr and exit with `status`."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def register(subparsers: Subparsers) -> None:
    """Add the `progress` command and its `path` and `reset` subcommands."""
    parser = subparsers.add_parser(
        "progress",
        parents=[common_options()],
        help="show your progress, where it is stored, or reset it",
        description="Without a subcommand: a summary of your progress in the course.",
    )
    parser.set_defaults(handler=run_summary)
    actions = parser.add_subparsers(dest="progress_command", metavar="ACTION")
    path = actions.add_parser(
        "path", parents=[common_options()], help="print the progress file's path"
    )
    path.set_defaults(handler=run_path)
    reset = actions.add_parser(
        "reset",
        parents=[common_options()],
        help="delete your progress (a backup is written first)",
        description="Delete your progress in the course, or in one lesson. A full backup "
        "is written next to the progress file first, and its path is printed.",
    )
    reset.add_argument("--lesson", metavar="ID", help="reset only this lesson")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    reset.set_defaults(handler=run_reset)
    restore = actions.add_parser(
        "restore",
        parents=[common_options()],
        help="bring back the progress a reset backed up",
        description="Bring back a backup that `leadtutor progress reset` (or Start over) wrote "
        "(progress.json.reset-<time>; the newest by default). Anything written since is kept "
        "too, and the current progress is backed up first.",
    )
    restore.add_argument("backup", nargs="?", metavar="FILE", help="the backup to restore")
    restore.add_argument("--list", action="store_true", help="list the backups and stop")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(handler=run_restore)


def reporting(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a command handler so that `CommandFailed` becomes a message and a status."""

    @functools.wraps(action)
    def run(args: argparse.Namespace) -> int:
        try:
            return action(args)
        except CommandFailed as exc:
            print(f"leadtutor: {exc}", file=sys.stderr)
            return exc.status

    return run


def open_course(args: argparse.Namespace) -> Course:
    """Load the course chosen with `--course` (or the bundled one).

    Raises:
        CommandFailed: The course cannot be opened.
    """
    from leadtutor.commands.arguments import course_folder_problem
    from leadtutor.core import load_course

    root = course_dir(args)
    problem = course_folder_problem(root)
    if problem is not None:
        raise CommandFailed(problem, 2)
    course = load_course(root)
    fatal = [p for p in course.problems if p.level == "error" and p.path.suffix != ".md"]
    if fatal or not course.lessons:
        details = "; ".join(p.message for p in fatal) or "it has no lessons"
        raise CommandFailed(f"cannot open the course at {course.root}: {details}")
    return course


def open_store(args: argparse.Namespace, course: Course) -> ProgressStore:
    """Open the learner's progress for `course`, printing any notices to stderr.

    Raises:
        CommandFailed: The progress cannot be opened (nothing is changed then).
    """
    from leadtutor.progress import ProgressLoadError, ProgressStore

    store = ProgressStore(data_dir(args), course.id)
    try:
        store.load()
    except ProgressLoadError as exc:
        raise CommandFailed(str(exc)) from exc
    finally:
        for notice in store.take_notices():
            print(f"leadtutor: {notice}", file=sys.stderr)
    return store


def _earlier_checks(course: Course, answers: list[Answer]) -> int:
    """How many answers are to an earlier version of their check (`read_choice`)."""
    from leadtutor.core import ChoicePrompt
    from leadtutor.progress import ChoiceValue
    from leadtutor.progress.choices import read_choice

    found = 0
    for answer in answers:
        place = course.find_prompt(answer.prompt_id)
        prompt = place[1] if place is not None else None
        if isinstance(prompt, ChoicePrompt) and isinstance(answer.value, ChoiceValue):
            found += not read_choice(answer.value, prompt).current
    return found


@reporting
def run_summary(args: argparse.Namespace) -> int:
    """Print lessons by stage, answers, commitments, answers to removed questions, the file.

    "Answered" follows `leadtutor.progress.answered`, as the course map and the journal do.
    """
    from leadtutor.progress.answered import counts, earlier_versions, stage

    course = open_course(args)
    store = open_store(args, course)
    records = store.lessons()
    stages = [
        stage(records.get(lesson.id), sum(counts(store.answer(p.id)) for p in lesson.prompts))
        for lesson in course.lessons
    ]
    in_course = [a for a in store.answers() if a.prompt_id in course.prompt_ids]
    answered = [a for a in in_course if counts(a)]
    unchecked = [a for a in in_course if a.kind == "choice" and not counts(a)]
    earlier = sum(len(earlier_versions(a)) for a in answered)
    orphans = [a for a in store.orphans(course.prompt_ids) if counts(a)]
    commitments = store.commitments()
    due = store.commitments_due(store.today())
    print(f"{course.title} ({course.id})")
    rows = [
        (
            "Lessons",
            f"{stages.count('done')} done, {stages.count('in-progress')} in progress, "
            f"{stages.count('opened')} opened, {stages.count('new')} not started "
            f"(of {len(stages)})",
        ),
        (
            "Answered",
            f"{len(answered)} of {_count(len(course.prompt_ids), 'prompt')}"
            f" (and {_count(earlier, 'earlier version')})",
        ),
    ]
    retake = _earlier_checks(course, answered)
    if retake:
        rows.append(
            (
                "Checks changed since",
                f"{_count(retake, 'choice')} answered before its options changed "
                "(kept as earlier versions; take it again in the lesson)",
            )
        )
    if unchecked:
        rows.append(
            (
                "Not checked",
                f"{_count(len(unchecked), 'choice')} picked but not checked yet "
                "(not counted as answered)",
            )
        )
    rows.append(("Commitments", f"{len(commitments)} ({len(due)} due for a check-in)"))
    if orphans:
        rows.append(
            (
                "Answers to removed questions",
                f"{len(orphans)} (kept; `leadtutor journal export` shows them)",
            )
        )
    else:
        rows.append(("Answers to removed questions", "none"))
    rows.append(("File", str(store.path)))
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        print(f"  {label + ':':<{width}}{value}")
    return 0


@reporting
def run_path(args: argparse.Namespace) -> int:
    """Print the progress file's path (without opening or creating anything)."""
    from leadtutor.progress import ProgressStore

    course = open_course(args)
    print(ProgressStore(data_dir(args), course.id).path)
    return 0


@reporting
def run_reset(args: argparse.Namespace) -> int:
    """Reset the course or one lesson after confirmation; print where the backup is."""
    course = open_course(args)
    lesson_id: str | None = args.lesson
    prompt_ids: list[str] = []
    if lesson_id is not None:
        lesson = course.lesson(lesson_id)
        if lesson is None:  # an exact id only: resetting must not guess
            from leadtutor.commands.arguments import find_lesson

            guess, why = find_lesson(course, lesson_id)
            if guess is not None:
                why = f"There is no lesson with the id '{lesson_id}'. Did you mean {guess.id}?"
            raise CommandFailed(why, 2)
        prompt_ids = [p.id for p in lesson.prompts]
    store = open_store(args, course)
    doomed = [
        a
        for a in store.answers()
        if lesson_id is None or a.lesson_id == lesson_id or a.prompt_id in prompt_ids
    ]
    scope = f"lesson {lesson_id!r}" if lesson_id else f"the course {course.title!r}"
    has_status = bool(store.lessons()) if lesson_id is None else lesson_id in store.lessons()
    if not doomed and not has_status and store.resume is None:
        print(f"There is no progress to reset in {scope}.")
        return 0
    if not args.yes and not _confirm(
        f"Reset your progress in {scope}? This deletes {_count(len(doomed), 'answer')} "
        "and their history. A backup is written first. [y/N] "
    ):
        print("Nothing was changed.")
        return 1
    from leadtutor.progress import ProgressSaveError

    try:
        backup = store.reset(lesson_id, prompt_ids)
    except ProgressSaveError as exc:
        raise CommandFailed(f"{exc} Nothing was reset.") from exc
    print(f"Backup written to {backup}")
    for notice in store.take_notices():
        print(notice)
    print(f"Your progress in {scope} was reset. `leadtutor progress restore` brings it back.")
    return 0


@reporting
def run_restore(args: argparse.Namespace) -> int:
    """Restore a reset backup (the newest, or the one named) after confirmation."""
    from pathlib import Path

    from leadtutor.progress import ProgressError

    course = open_course(args)
    store = open_store(args, course)
    backups = store.files.backups("reset")
    if args.list:
        for path in backups:
            print(path)
        if not backups:
            print(f"There are no reset backups in {store.files.directory}.")
        return 0
    if args.backup:
        chosen = Path(args.backup).expanduser()
        if not chosen.is_file():
            raise CommandFailed(f"There is no backup file {chosen}.", 2)
    elif backups:
        chosen = backups[0]
    else:
        raise CommandFailed(f"There is no reset backup to restore in {store.files.directory}.")
    if not args.yes and not _confirm(
        f"Bring back your progress from {chosen}? Anything written since is kept too. [y/N] "
    ):
        print("Nothing was changed.")
        return 1
    try:
        before = store.restore(chosen)
    except ProgressError as exc:
        raise CommandFailed(str(exc)) from exc
    print(f"Restored from {chosen}.")
    print(f"Your progress as it was just before is kept in {before}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _confirm(question: str) -> bool:
    print(question, end="", flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in {"y", "yes"}
