"""Check the `--course` and `--lesson` arguments, and say what is wrong in one sentence.

A wrong argument is the learner's typo, not a problem in a lesson, so the answer is a
plain sentence (and exit status 2), never a `file:line: error:` report. Problems inside
a real course (one with `course.toml`) are still reported by file and line.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leadtutor.core import Course, Lesson

COURSE_FILE = "course.toml"


def course_folder_problem(path: Path) -> str | None:
    """Why `path` cannot be a course, as one sentence; `None` if it may be one.

    A course is a folder holding `course.toml`; a single `.md` lesson file also opens.
    """
    shown = str(path)
    try:
        if not path.exists():
            parent = path.parent
            if parent != path and not parent.is_dir():
                return f"There is no folder {shown}: {parent} does not exist either."
            return f"There is no folder {shown}."
        if path.is_file():
            if path.suffix.lower() == ".md":
                return None
            return (
                f"{shown} is a file, not a course: give --course the folder that holds "
                f"{COURSE_FILE}."
            )
        if not path.is_dir():
            return f"{shown} is not a folder, so it cannot be a course."
        if not (path / COURSE_FILE).is_file():
            return f"{shown} is not a course: there is no {COURSE_FILE} in it."
    except PermissionError:
        return f"{shown} cannot be read: permission denied."
    except OSError as exc:
        return f"{shown} cannot be read: {exc.strerror or exc}."
    return None


def find_lesson(course: Course, wanted: str) -> tuple[Lesson | None, str]:
    """The lesson `wanted` names, or `None` and one sentence saying why not.

    `wanted` may be a lesson id, a unique start of one, a title, or a word (or words)
    of a title that only one lesson has; case does not matter.
    """
    lessons = course.lessons
    text = wanted.strip()
    key = text.casefold()
    if not key:
        return None, "--lesson needs a lesson id or a word of its title."
    for lesson in lessons:
        if lesson.id == text or lesson.id.casefold() == key or lesson.title.casefold() == key:
            return lesson, ""
    for found in (
        [x for x in lessons if x.id.casefold().startswith(key)],
        [x for x in lessons if _has_words(x.title, key)],
    ):
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, (
                f"'{text}' matches {len(found)} lessons: {_listing(found)}. "
                "Give more of the id or title."
            )
    names = {x.id: x for x in lessons}
    names.update({x.title.casefold(): x for x in lessons})
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    near = list(dict.fromkeys(names[c] for c in close))
    if near:
        return None, f"There is no lesson '{text}'. Did you mean {_listing(near, ' or ')}?"
    width = max(len(x.id) for x in lessons) if lessons else 0
    rows = "\n".join(f"  {x.id:<{width}}  {x.title}" for x in lessons)
    return None, f"There is no lesson '{text}'. The lessons are:\n{rows}"


def _has_words(title: str, words: str) -> bool:
    """Whether every word of `words` starts a word of `title`."""
    title_words = re.findall(r"\w+", title.casefold())
    wanted = re.findall(r"\w+", words)
    return bool(wanted) and all(any(t.startswith(w) for t in title_words) for w in wanted)


def _listing(lessons: list[Lesson], joiner: str = ", ") -> str:
    return joiner.join(f"{x.id} ({x.title})" for x in lessons)
