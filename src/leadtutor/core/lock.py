"""`course.lock`: the published lesson and prompt ids, so a rename cannot hide answers.

Learners' answers are saved under prompt ids, and their progress under lesson ids.
`leadtutor check --update-lock` writes every lesson id and prompt id (with its kind) in
course order; `leadtutor check` then reports, as errors, a locked id that disappears
or changes kind, and an id reused after it was retired. Retiring is deliberate:
`--update-lock --retire ID --reason "..."` moves the id to `[retired]`, where it stays.

The file is TOML written by hand here (bare-key ids, one line per prompt) so that it
reads well and diffs line by line; `tomllib` reads it back.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.model import PROMPT_KINDS
from leadtutor.core.problems import Problems
from leadtutor.core.reader import ReadError, kind_of, read_text

LOCK_FILE: Final = "course.lock"
SCHEMA: Final = 1
RETIRE_HINT: Final = (
    'to retire it on purpose, run: leadtutor check --update-lock --retire {id} --reason "why"'
)
HEADER: Final = """\
# The published ids of this course. Learners' answers are saved under prompt ids and
# their progress under lesson ids, so `leadtutor check` reports an id below that
# disappears or changes kind. Written by `leadtutor check --update-lock`; commit it.
# To retire an id on purpose: leadtutor check --update-lock --retire ID --reason "..."
"""


@dataclass
class Lock:
    """The contents of `course.lock`."""

    course: str
    lessons: dict[str, dict[str, str]] = field(default_factory=dict)
    """Lesson id -> {prompt id: kind}, in course order."""
    retired_prompts: dict[str, dict[str, str]] = field(default_factory=dict)
    """Prompt id -> {"kind", "lesson", "reason"}."""
    retired_lessons: dict[str, str] = field(default_factory=dict)
    """Lesson id -> reason."""
    lines: dict[str, int] = field(default_factory=dict)
    """`lesson:ID` / `prompt:ID` -> line in the file (for messages)."""

    @functools.cached_property
    def owners(self) -> dict[str, str]:
        """Prompt id -> the lesson id it is locked under."""
        return {pid: lesson for lesson, entries in self.lessons.items() for pid in entries}

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready copy (for the index cache)."""
        return {
            "course": self.course,
            "lessons": self.lessons,
            "retired_prompts": self.retired_prompts,
            "retired_lessons": self.retired_lessons,
            "lines": self.lines,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lock:
        """The inverse of `as_json`."""
        return cls(**data)


def read_lock(root: Path, problems: Problems) -> Lock | None:
    """Read `course.lock` if there is one; report `lock.invalid` if it is unusable."""
    path = root / LOCK_FILE
    report = problems.at(path)
    if kind_of(path) == "missing":
        return None
    try:
        text = read_text(path, root)
    except ReadError as exc:
        report.error(exc.line, "lock.invalid", f"course.lock: {exc.message}")
        return None
    try:
        data = tomllib.loads(text)
        return _parse(data, text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match[1]) if match else 1
        message = f"course.lock is not valid TOML ({exc})"
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        line, message = 1, f"course.lock is not in the expected shape ({exc})"
    report.error(
        line,
        "lock.invalid",
        f"{message}; restore it from version control, or delete it and run "
        "leadtutor check --update-lock",
    )
    return None


def _parse(data: dict[str, Any], text: str) -> Lock:
    if data.get("schema") != SCHEMA:
        raise ValueError(f"schema must be {SCHEMA}")
    lock = Lock(course=str(data["course"]))
    for lesson_id, prompts in data.get("lessons", {}).items():
        lock.lessons[lesson_id] = {str(k): _kind(v) for k, v in dict(prompts).items()}
    retired = data.get("retired", {})
    for prompt_id, entry in retired.get("prompts", {}).items():
        lock.retired_prompts[prompt_id] = {
            "kind": _kind(entry["kind"]),
            "lesson": str(entry.get("lesson", "")),
            "reason": str(entry.get("reason", "")),
        }
    for lesson_id, entry in retired.get("lessons", {}).items():
        lock.retired_lessons[lesson_id] = str(dict(entry).get("reason", ""))
    lock.lines = _lines(text)
    return lock


def _kind(value: Any) -> str:
    if value not in PROMPT_KINDS:
        raise ValueError(f"unknown prompt kind {value!r}")
    return str(value)


def _lines(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), start=1):
        header = re.fullmatch(r"\s*\[\s*([^\]]+?)\s*\]\s*", line)
        if header:
            table = header[1]
            if table.startswith("lessons."):
                found.setdefault(f"lesson:{table[8:]}", number)
            continue
        key = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if key and table.startswith("lessons."):
            found.setdefault(f"prompt:{key[1]}", number)
        elif key and not table:
            found.setdefault(key[1], number)
    return found


def render_lock(lock: Lock) -> str:
    """The text of `course.lock` for `lock` (stable: same lock, same bytes)."""
    out = [HEADER, f"schema = {SCHEMA}", f"course = {_string(lock.course)}"]
    for lesson_id, prompts in lock.lessons.items():
        out.extend(["", f"[lessons.{_key(lesson_id)}]"])
        out.extend(f"{_key(pid)} = {_string(kind)}" for pid, kind in prompts.items())
    for prompt_id, entry in sorted(lock.retired_prompts.items()):
        out.extend(["", f"[retired.prompts.{_key(prompt_id)}]"])
        out.extend(f"{name} = {_string(entry[name])}" for name in ("kind", "lesson", "reason"))
    for lesson_id, reason in sorted(lock.retired_lessons.items()):
        out.extend(["", f"[retired.lessons.{_key(lesson_id)}]", f"reason = {_string(reason)}"])
    return "\n".join(out) + "\n"


def _key(value: str) -> str:
    return value if ID_PATTERN.fullmatch(value) else _string(value)


def _string(value: str) -> str:
    """A TOML basic string: JSON escapes plus DEL (TOML forbids it raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def lock_of(course_id: str, lessons: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> Lock:
    """A lock listing `lessons` ((lesson id, [(prompt id, kind)]) in course order)."""
    lock = Lock(course=course_id)
    for lesson_id, prompts in lessons:
        entry = lock.lessons.setdefault(lesson_id, {})
        for prompt_id, kind in prompts:
            entry.setdefault(prompt_id, kind)
    return lock
