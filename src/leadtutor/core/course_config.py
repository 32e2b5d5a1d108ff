"""`course.toml`: the course's id, title and description, and its `[check]` table.

`read_config` never raises: a missing or broken file is a problem line, and the folder's
name stands in for the id and title so that every lesson is still checked.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.problems import CODES, Problems, did_you_mean
from leadtutor.core.reader import ReadError, kind_of, read_text

COURSE_FILE: Final = "course.toml"
COURSE_KEYS: Final = ("id", "title", "description", "version", "check")
CHECK_KEYS: Final = ("ignore", "assets")


@dataclass(frozen=True)
class CourseConfig:
    """What `course.toml` says (or the fallbacks when it is missing or broken)."""

    id: str
    title: str
    description: str = ""
    version: str = ""
    ignore: frozenset[str] = frozenset()
    """Warning codes that `[check] ignore` turns off."""
    assets: tuple[str, ...] = ()
    """Folders (relative to the course, ending in `/`) that hold files, not modules."""
    found: bool = False
    """Whether `course.toml` exists (even if it has problems)."""


def read_config(root: Path, problems: Problems) -> CourseConfig:
    """Read `course.toml`, reporting every problem; fall back to the folder's name."""
    path = root / COURSE_FILE
    report = problems.at(path)
    fallback = CourseConfig(id=fallback_id(root.name), title=root.name or "Course")
    if kind_of(path) == "missing":
        report.error(
            1,
            "course.missing",
            "no course.toml here; every lesson is still checked, but the app needs a "
            'course.toml with id = "..." and title = "..." to open the course',
        )
        return fallback
    found = replace_found(fallback)
    try:
        text = read_text(path, root)
        data = tomllib.loads(text)
    except ReadError as exc:
        report.error(exc.line, exc.code, f"course.toml: {exc.message}")
        return found
    except tomllib.TOMLDecodeError as exc:
        report.error(
            toml_error_line(exc),
            "course.invalid",
            f"course.toml is not valid TOML: {exc}",
            column=toml_error_column(exc),
        )
        return found
    meta: dict[str, Any] = {"id": found.id, "title": found.title}
    for key, value in data.items():
        line = key_line(text, key)
        if key not in COURSE_KEYS:
            report.warning(
                line,
                "course.unknown-key",
                f"unknown key '{key}' in course.toml{did_you_mean(key, COURSE_KEYS)}",
            )
        elif key == "check":
            continue
        elif not isinstance(value, str) or (key in ("id", "title") and not value.strip()):
            report.error(line, "course.field", f"'{key}' in course.toml must be text")
        else:
            meta[key] = " ".join(value.split()) if key != "description" else value.strip()
    for key in ("id", "title"):
        if key not in data:
            report.error(1, "course.field", f"course.toml has no '{key}' (add {key} = \"...\")")
    if not ID_PATTERN.fullmatch(meta["id"]):
        report.error(
            key_line(text, "id"),
            "course.field",
            f"course id '{meta['id']}' must be lowercase letters, digits, '-' or '_'",
        )
        meta["id"] = fallback_id(meta["id"])
    ignore, assets = _check_table(data.get("check"), text, report)
    return CourseConfig(
        id=meta["id"],
        title=meta["title"],
        description=meta.get("description", ""),
        version=meta.get("version", ""),
        ignore=ignore,
        assets=assets,
        found=True,
    )


def replace_found(config: CourseConfig) -> CourseConfig:
    """The fallback config, marked as coming from an existing (broken) course.toml."""
    return CourseConfig(id=config.id, title=config.title, found=True)


def _check_table(table: Any, text: str, report: Problems) -> tuple[frozenset[str], tuple[str, ...]]:
    if table is None:
        return frozenset(), ()
    line = key_line(text, "check", header=True)
    if not isinstance(table, dict):
        report.warning(line, "course.check", "'check' in course.toml must be a table: [check]")
        return frozenset(), ()
    for key in table:
        if key not in CHECK_KEYS:
            report.warning(
                key_line(text, key, after=line),
                "course.unknown-key",
                f"unknown key '{key}' in [check]{did_you_mean(key, CHECK_KEYS)}",
            )
    ignore: set[str] = set()
    for code in _strings(table.get("ignore", []), "ignore", text, line, report):
        where = key_line(text, "ignore", after=line)
        if code not in CODES:
            report.warning(
                where,
                "course.check",
                f"[check] ignore: there is no problem code '{code}'{did_you_mean(code, CODES)}",
            )
        elif CODES[code] == "error":
            report.warning(
                where,
                "course.check",
                f"[check] ignore: '{code}' is an error and cannot be ignored (the app would "
                "still refuse the lesson); only warnings can be ignored",
            )
        else:
            ignore.add(code)
    assets: list[str] = []
    for folder in _strings(table.get("assets", []), "assets", text, line, report):
        cleaned = folder.strip().strip("/")
        if not cleaned or cleaned.startswith("..") or Path(folder).is_absolute():
            report.warning(
                key_line(text, "assets", after=line),
                "course.check",
                f"[check] assets: '{folder}' must be a folder inside the course, e.g. \"img/\"",
            )
            continue
        assets.append(cleaned + "/")
    return frozenset(ignore), tuple(assets)


def _strings(value: Any, key: str, text: str, after: int, report: Problems) -> list[str]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    report.warning(
        key_line(text, key, after=after),
        "course.check",
        f'[check] {key} must be a list of text, e.g. {key} = ["..."]',
    )
    return []


def toml_error_line(exc: tomllib.TOMLDecodeError) -> int:
    """The line number in a TOML error message, or 1."""
    match = re.search(r"line (\d+)", str(exc))
    return int(match[1]) if match else 1


def toml_error_column(exc: tomllib.TOMLDecodeError) -> int | None:
    """The column in a TOML error message, if it gives one."""
    match = re.search(r"column (\d+)", str(exc))
    return int(match[1]) if match else None


def key_line(text: str, key: str, *, after: int = 0, header: bool = False) -> int:
    """The first line (after line `after`) that sets `key` (or opens `[key]`), else 1."""
    pattern = (
        re.compile(rf"\s*\[\s*{re.escape(key)}\s*\]")
        if header
        else re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    )
    for number, line in enumerate(text.split("\n"), start=1):
        if number > after and pattern.match(line):
            return number
    return max(after, 1)


def fallback_id(name: str) -> str:
    """A valid course id made from a folder name."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")[:64]
    return slug or "course"
