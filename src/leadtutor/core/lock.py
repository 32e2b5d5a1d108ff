"""`course.lock`: the published lesson and prompt ids, so a rename cannot hide answers.

Learners' answers are saved under prompt ids, and their progress under lesson ids.
`leadtutor check --update-lock` writes every lesson id and prompt id (with its kind) in
course order; `leadtutor check` then reports, as errors, a locked id that disappears
or changes kind, and an id reused after it was retired. Retiring is deliberate:
`--update-lock --retire ID --reason "..."` moves the id to `[retired]`, where it stays.

Answers to a choice are option indexes, so the lock also records each locked choice's
options (`[options.ID]`: one "fingerprint label" line per option, with the course
version they were locked in) and, under `[[options.ID.earlier]]`, every list they
replaced, oldest first. `check` warns when the options differ from the lock
(`lock.options-changed`); the app reads answers saved without fingerprints against the
oldest list (`leadtutor.core.options`, `leadtutor.progress.choices`).

The file is TOML written by hand here (bare-key ids, one line per prompt) so that it
reads well and diffs line by line; `tomllib` reads it back.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.model import PROMPT_KINDS
from leadtutor.core.options import FINGERPRINT, OptionList, PublishedOption
from leadtutor.core.problems import Problems
from leadtutor.core.reader import ReadError, kind_of, read_text

LOCK_FILE: Final = "course.lock"
SCHEMA: Final = 1
RETIRE_HINT: Final = (
    'retire it on purpose with: leadtutor check --update-lock --retire {id} --reason "why"'
)
HEADER: Final = """\
# The published ids of this course. Learners' answers are saved under prompt ids and
# their progress under lesson ids, so `leadtutor check` reports an id below that
# disappears or changes kind. Written by `leadtutor check --update-lock`; commit it.
# To retire an id on purpose: leadtutor check --update-lock --retire ID --reason "..."
# [options.ID]: a choice's options ("fingerprint label"), and the lists they replaced,
# so answers saved as option numbers are read against the options they were given.
"""


@dataclass(frozen=True)
class LockedOptions:
    """A locked choice's options: the list locked now and the lists it replaced."""

    now: OptionList
    version: str = ""
    """The course version (`course.toml`) when `now` was locked."""
    earlier: tuple[tuple[str, OptionList], ...] = ()
    """(version, options) of every list `now` replaced, oldest first."""

    @property
    def lists(self) -> tuple[OptionList, ...]:
        """Every list, oldest first; the last is `now`."""
        return (*(options for _, options in self.earlier), self.now)


@dataclass
class Lock:
    """The contents of `course.lock`."""

    course: str
    lessons: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Lesson id -> {prompt id: kind}, in course order."""
    retired_prompts: dict[str, dict[str, str]] = field(default_factory=dict)
    """Prompt id -> {"kind", "lesson", "reason"}."""
    retired_lessons: dict[str, str] = field(default_factory=dict)
    """Lesson id -> reason."""
    lines: dict[str, int] | None = None
    """`course` / `lesson:ID` / `prompt:ID` -> line in the file; None: read on demand."""
    path: Path | None = None
    """The file, to find lines in on demand."""
    owner_blob: str = ""
    """For a lock from the index: "\\nprompt\\tlesson" lines (see `owners`)."""
    options: Mapping[str, LockedOptions] = field(default_factory=dict)
    """Choice prompt id -> its locked options and their history, in course order."""

    @functools.cached_property
    def owners(self) -> Mapping[str, str]:
        """Prompt id -> the lesson id it is locked under."""
        if self.owner_blob:
            return _Owners(self.owner_blob)
        return {pid: lesson for lesson, entries in self.lessons.items() for pid in entries}

    def line(self, key: str) -> int:
        """The line of `key` (`course`, `lesson:ID`, `prompt:ID`) in the file, or 1."""
        if self.lines is None:
            try:
                self.lines = _lines(self.path.read_text(encoding="utf-8")) if self.path else {}
            except (OSError, UnicodeDecodeError, ValueError):
                self.lines = {}
        return self.lines.get(key, 1)

    def compact(self) -> tuple[Any, ...]:
        """The lock as the index stores it: one text blob per lesson, decoded on demand
        (a course has thousands of prompts and a check of one lesson needs a few)."""
        blobs = {
            lid: "\n".join(f"{p}\t{k}" for p, k in e.items()) for lid, e in self.lessons.items()
        }
        owners = "".join(f"\n{p}\t{lid}" for lid, e in self.lessons.items() for p in e) + "\n"
        options = {
            pid: json.dumps([entry.version, entry.now, entry.earlier], ensure_ascii=False)
            for pid, entry in self.options.items()
        }
        return (self.course, blobs, self.retired_prompts, self.retired_lessons, owners, options)

    @classmethod
    def from_compact(cls, data: tuple[Any, ...], path: Path) -> Lock:
        """The inverse of `compact`."""
        course, blobs, retired_prompts, retired_lessons, owners, options = data
        return cls(
            str(course),
            _Lessons(blobs),
            dict(retired_prompts),
            dict(retired_lessons),
            None,
            path,
            str(owners),
            _Options(dict(options)),
        )


class _Options(Mapping[str, LockedOptions]):
    """Prompt id -> locked options, each decoded from its JSON text when first asked for."""

    def __init__(self, blobs: dict[str, str]) -> None:
        self.blobs = blobs
        self.decoded: dict[str, LockedOptions] = {}

    def __getitem__(self, key: str) -> LockedOptions:
        found = self.decoded.get(key)
        if found is None:
            version, now, earlier = json.loads(self.blobs[key])
            found = LockedOptions(
                _listed(now), str(version), tuple((str(v), _listed(o)) for v, o in earlier)
            )
            self.decoded[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self.blobs)

    def __len__(self) -> int:
        return len(self.blobs)


def _listed(items: Any) -> OptionList:
    return tuple(PublishedOption(str(fp), str(label)) for fp, label in items)


class _Lessons(Mapping[str, Mapping[str, str]]):
    """Lesson id -> {prompt id: kind}, each lesson decoded when first asked for."""

    def __init__(self, blobs: dict[str, str]) -> None:
        self.blobs = blobs
        self.decoded: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: str) -> Mapping[str, str]:
        found = self.decoded.get(key)
        if found is None:
            blob = self.blobs[key]
            found = dict(line.split("\t", 1) for line in blob.split("\n")) if blob else {}
            self.decoded[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self.blobs)

    def __len__(self) -> int:
        return len(self.blobs)


class _Owners(Mapping[str, str]):
    """Prompt id -> lesson id, found by searching one text blob (no dict of thousands)."""

    def __init__(self, blob: str) -> None:
        self.blob = blob

    def __getitem__(self, key: str) -> str:
        start = self.blob.find(f"\n{key}\t")
        if start < 0 or "\n" in key or "\t" in key:
            raise KeyError(key)
        start += len(key) + 2
        return self.blob[start : self.blob.index("\n", start)]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and f"\n{key}\t" in self.blob

    def __iter__(self) -> Iterator[str]:
        return (line.split("\t", 1)[0] for line in self.blob.strip("\n").split("\n") if line)

    def __len__(self) -> int:
        return self.blob.count("\n") - 1


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
    lessons = {
        str(lesson_id): {str(k): _kind(v) for k, v in dict(prompts).items()}
        for lesson_id, prompts in data.get("lessons", {}).items()
    }
    lock = Lock(course=str(data["course"]), lessons=lessons)
    retired = data.get("retired", {})
    for prompt_id, entry in retired.get("prompts", {}).items():
        lock.retired_prompts[prompt_id] = {
            "kind": _kind(entry["kind"]),
            "lesson": str(entry.get("lesson", "")),
            "reason": str(entry.get("reason", "")),
        }
    for lesson_id, entry in retired.get("lessons", {}).items():
        lock.retired_lessons[lesson_id] = str(dict(entry).get("reason", ""))
    options: dict[str, LockedOptions] = {}
    for prompt_id, entry in dict(data.get("options", {})).items():
        earlier = tuple(
            (_version(dict(old)), _option_lines(dict(old)["options"], prompt_id))
            for old in list(dict(entry).get("earlier", []))
        )
        options[str(prompt_id)] = LockedOptions(
            _option_lines(entry["options"], prompt_id), _version(entry), earlier
        )
    lock.options = options
    lock.lines = _lines(text)
    return lock


def _version(entry: dict[str, Any]) -> str:
    version = entry.get("version", "")
    if not isinstance(version, str):
        raise ValueError("an options version must be a string")
    return version


def _option_lines(items: Any, prompt_id: str) -> OptionList:
    """Options from their lines, "fingerprint label" (the label may be empty)."""
    if not isinstance(items, list):
        raise ValueError(f"the options of '{prompt_id}' must be a list of strings")
    found: list[PublishedOption] = []
    for item in items:
        fp, _, label = item.partition(" ") if isinstance(item, str) else ("", "", "")
        if not FINGERPRINT.fullmatch(fp):
            raise ValueError(
                f"an option of '{prompt_id}' must read \"<8 hex digits> <label>\", not {item!r}"
            )
        found.append(PublishedOption(fp, label))
    return tuple(found)


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
    for prompt_id, locked in lock.options.items():
        out.extend(["", f"[options.{_key(prompt_id)}]", *_option_table(locked.version, locked.now)])
        for version, options in locked.earlier:
            out.extend(["", f"[[options.{_key(prompt_id)}.earlier]]"])
            out.extend(_option_table(version, options))
    for prompt_id, entry in sorted(lock.retired_prompts.items()):
        out.extend(["", f"[retired.prompts.{_key(prompt_id)}]"])
        out.extend(f"{name} = {_string(entry[name])}" for name in ("kind", "lesson", "reason"))
    for lesson_id, reason in sorted(lock.retired_lessons.items()):
        out.extend(["", f"[retired.lessons.{_key(lesson_id)}]", f"reason = {_string(reason)}"])
    return "\n".join(out) + "\n"


def _option_table(version: str, options: OptionList) -> list[str]:
    lines = [f"    {_string(f'{o.fingerprint} {o.label}'.rstrip())}," for o in options]
    return [f"version = {_string(version)}", "options = [", *lines, "]"]


def _key(value: str) -> str:
    return value if ID_PATTERN.fullmatch(value) else _string(value)


def _string(value: str) -> str:
    """A TOML basic string: JSON escapes plus DEL (TOML forbids it raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def lock_of(course_id: str, lessons: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> Lock:
    """A lock listing `lessons` ((lesson id, [(prompt id, kind)]) in course order)."""
    table: dict[str, dict[str, str]] = {}
    for lesson_id, prompts in lessons:
        entry = table.setdefault(lesson_id, {})
        for prompt_id, kind in prompts:
            entry.setdefault(prompt_id, kind)
    return Lock(course=course_id, lessons=table)
