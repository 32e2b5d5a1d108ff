"""`leadtutor new course DIR` and `leadtutor new lesson PATH`: start a course or a lesson
from the templates in `leadtutor/templates/` (package data), never overwriting a file.

The generated course passes `leadtutor check --strict` as it is: one module, and one
lesson with an example of every prompt kind and callout. A new lesson takes the next
free number in its module, a slug of its title, and an id prefix for its prompts that no
other lesson of the course uses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Final

from leadtutor.commands import Subparsers

MODULE: Final = "01-getting-started"
FIRST_LESSON: Final = "01-first-lesson.md"
SLUG_LENGTH: Final = 40
PREFIX_LENGTH: Final = 16
NUMBERED: Final = re.compile(r"(?P<number>\d+)-(?P<slug>[a-z0-9][a-z0-9_-]*)")


class Refused(Exception):
    """The command would overwrite something, or cannot work out where to write."""


def register(subparsers: Subparsers) -> None:
    """Add the `new` command with its `course` and `lesson` subcommands."""
    parser = subparsers.add_parser(
        "new", help="start a new course or lesson from a template (never overwrites)"
    )
    kinds = parser.add_subparsers(dest="new_command", metavar="WHAT", required=True)
    course = kinds.add_parser(
        "course",
        help="a course folder: course.toml, one module, one sample lesson",
        description="Create DIR (which must not exist, or be empty) with course.toml, a "
        "module and a sample lesson showing every prompt kind. It passes "
        "`leadtutor check --strict` as generated.",
    )
    course.add_argument("dir", metavar="DIR", help="the folder to create")
    course.add_argument("--title", required=True, help="the course title")
    course.add_argument("--id", help="the course id (default: made from the title)")
    course.set_defaults(handler=run_course)
    lesson = kinds.add_parser(
        "lesson",
        help="a lesson file in a module folder",
        description="PATH is a module folder (the lesson gets the next free number and a "
        "file name made from the title) or the NN-slug.md file to create. Refuses to "
        "overwrite a file.",
    )
    lesson.add_argument("path", metavar="PATH", help="a module folder, or NN-slug.md")
    lesson.add_argument("--title", required=True, help="the lesson title")
    lesson.add_argument("--id", help="the lesson id (default: the slug of the title)")
    lesson.add_argument(
        "--prefix", help="the start of every prompt id in the lesson (default: from the id)"
    )
    lesson.set_defaults(handler=run_lesson)


def slug(text: str, limit: int = SLUG_LENGTH, fallback: str = "lesson") -> str:
    """Lowercase ASCII words joined by `-`, cut at a word boundary: `Giving feedback!`
    becomes `giving-feedback`; accents are dropped (`Führung` → `fuhrung`)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            break
        out = joined
    return out or (words[0][:limit] if words else fallback)


def run_course(args: argparse.Namespace) -> int:
    """Write the course; print what was made and what to do next."""
    title = _title(args.title)
    target = Path(args.dir).expanduser()
    course_id = args.id or slug(title, 64, "course")
    try:
        _check_id(course_id, "course id")
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise Refused(f"{target} already exists and is not an empty folder")
        lesson = target / MODULE / FIRST_LESSON
        target.mkdir(parents=True, exist_ok=True)
        (target / MODULE).mkdir()
        _write(target / "course.toml", "course.toml", id=_quote(course_id), title=_quote(title))
        _write(target / MODULE / "module.toml", "module.toml")
        _write(lesson, "first-lesson.md", lesson_id="first-lesson", prefix="first")
    except (Refused, OSError) as exc:
        return _refuse(exc)
    print(f"Created the course '{title}' in {target}:")
    for path in (target / "course.toml", target / MODULE / "module.toml", lesson):
        print(f"  {path}")
    print("Next:")
    print(f"  leadtutor check --strict {target}")
    print(f"  leadtutor preview {lesson}")
    return 0


def run_lesson(args: argparse.Namespace) -> int:
    """Write the lesson; print its path, id and prompt prefix."""
    title = _title(args.title)
    path = Path(args.path).expanduser()
    try:
        target = _lesson_path(path, title)
        lesson_id, prefix = _ids(target, title, args.id, args.prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, "lesson.md", lesson_id=lesson_id, title=_quote(title), prefix=prefix)
    except (Refused, OSError) as exc:
        return _refuse(exc)
    print(f"Created {target}")
    print(f"  lesson id '{lesson_id}', prompt ids start with '{prefix}-'")
    print(f"Next: leadtutor preview {target}")
    return 0


def _lesson_path(path: Path, title: str) -> Path:
    """The file to create: `path` itself, or the next free NN-slug.md in a module folder."""
    if path.suffix.lower() == ".md" or (path.exists() and not path.is_dir()):
        if path.suffix != ".md" or NUMBERED.fullmatch(path.stem) is None:
            raise Refused(
                f"{path.name} would be ignored: lesson files are named NN-slug.md, "
                f"e.g. 02-{slug(title)}.md"
            )
        if path.exists() or path.is_symlink():
            raise Refused(f"{path} already exists; nothing was written")
        return path
    if not path.is_dir():
        raise Refused(f"no module folder {path}; create it first (named NN-slug, e.g. 02-more)")
    if (path / "course.toml").exists():
        raise Refused(
            f"{path} is the course folder; give a module folder inside it (e.g. {path / MODULE})"
        )
    numbers = [
        (int(m["number"]), len(m["number"]))
        for entry in path.iterdir()
        if entry.suffix == ".md" and (m := NUMBERED.fullmatch(entry.stem)) is not None
    ]
    number = max((n for n, _ in numbers), default=0) + 1
    width = max([2, *(w for _, w in numbers)])
    return path / f"{number:0{width}d}-{slug(title)}.md"


def _ids(target: Path, title: str, lesson_id: str | None, prefix: str | None) -> tuple[str, str]:
    """A lesson id and prompt prefix that no other lesson of the course uses."""
    taken_lessons, taken_prompts = _taken(target)
    wanted = lesson_id or slug(title, SLUG_LENGTH)
    _check_id(wanted, "lesson id")
    if wanted in taken_lessons:
        if lesson_id:
            raise Refused(f"the lesson id '{lesson_id}' is already used in this course")
        wanted = _unique(wanted, taken_lessons.__contains__)
    base = prefix or slug(wanted, PREFIX_LENGTH)
    _check_id(f"{base}-reflection", "prompt id prefix")

    def used(candidate: str) -> bool:
        return any(p.startswith(f"{candidate}-") for p in taken_prompts)

    if prefix and used(prefix):
        raise Refused(f"prompt ids starting with '{prefix}-' are already used in this course")
    return wanted, base if prefix else _unique(base, used)


def _taken(target: Path) -> tuple[set[str], set[str]]:
    """Lesson ids and prompt ids of the course that `target` would belong to."""
    from leadtutor.core import load_course
    from leadtutor.core.course_files import find_course_root

    root = find_course_root(target.parent)
    if root is None:
        return set(), set()
    course = load_course(root)
    return {lesson.id for lesson in course.lessons}, set(course.prompt_ids)


def _unique(base: str, taken: Callable[[str], bool]) -> str:
    number = 2
    candidate = base
    while taken(candidate):
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _check_id(value: str, what: str) -> None:
    from leadtutor.core.directives import ID_PATTERN

    if ID_PATTERN.fullmatch(value) is None:
        raise Refused(
            f"the {what} '{value}' must be lowercase letters, digits, '-' or '_' "
            "(starting with a letter or digit, at most 64 characters)"
        )


def _title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise SystemExit("leadtutor new: --title must not be empty")
    return title


def _quote(text: str) -> str:
    """A double-quoted string that is valid in both TOML and YAML."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, template: str, **values: str) -> None:
    """Fill in a template and create `path` with it (never replacing a file)."""
    text = Template(files("leadtutor.templates").joinpath(template).read_text("utf-8"))
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text.substitute(values))
    except FileExistsError as exc:
        raise Refused(f"{path} already exists; nothing was written") from exc


def _refuse(exc: Refused | OSError) -> int:
    message = f"{exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
    print(f"leadtutor new: {message}", file=sys.stderr)
    return 1
