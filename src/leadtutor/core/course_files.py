"""Find a course's files: `course.toml` (with its `[check]` table), module folders,
`module.toml` and lesson files, in order.

Anything that looks like a lesson but would be left out (a `.markdown` or `.MD` file,
an uppercase name, a module folder without its number, two lessons with one number,
an empty module) gets a warning that says how to rename it. Nothing here raises: a
folder that cannot be listed, a broken `course.toml` or `module.toml` is a problem
line, and the rest of the course is still found.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from leadtutor.core.course_config import (
    COURSE_FILE,
    CourseConfig,
    key_line,
    toml_error_column,
    toml_error_line,
)
from leadtutor.core.problems import Problems, did_you_mean
from leadtutor.core.reader import ReadError, absolute, kind_of, read_text

NUMBERED: Final = re.compile(r"(?P<number>\d+)-(?P<slug>[a-z0-9][a-z0-9_-]*)")
LESSON_SUFFIXES: Final = (".md", ".markdown", ".mdown", ".mkd")
"""File endings that look like Markdown (compared without case)."""
IGNORED_FILES: Final = re.compile(r"(?i)(readme|license|licence|changelog|contributing)(\.\w+)?")
MODULE_KEYS: Final = ("title",)
MAX_PARENTS: Final = 64
"""How far `find_course_root` walks up."""


@dataclass(frozen=True)
class ModuleDir:
    """A module folder and its lesson files in order."""

    slug: str
    title: str
    path: Path
    lessons: tuple[Path, ...] = field(default=())


def find_course_root(path: Path) -> Path | None:
    """Return the nearest folder at or above `path` that holds `course.toml`."""
    start = absolute(path)
    for folder in [start, *start.parents][:MAX_PARENTS]:
        if kind_of(folder / COURSE_FILE) != "missing":
            return folder
    return None


def lesson_like(name: str) -> bool:
    """Whether a file name looks like a Markdown lesson (any case of the ending)."""
    return name.lower().endswith(LESSON_SUFFIXES) and not IGNORED_FILES.fullmatch(name)


def suggested_name(name: str, *, folder: bool) -> str | None:
    """The `NN-slug` (or `NN-slug.md`) name closest to `name`, if it has a number."""
    stem = name
    if not folder:
        lowered = name.lower()
        stem = next((name[: -len(s)] for s in LESSON_SUFFIXES if lowered.endswith(s)), name)
    fixed = re.sub(r"[^a-z0-9_-]+", "-", stem.strip().lower())
    fixed = re.sub(r"^(\d+)[-_]*", r"\1-", fixed).strip("-")
    fixed = re.sub(r"-{2,}", "-", fixed)
    if not NUMBERED.fullmatch(fixed):
        return None
    return fixed if folder else f"{fixed}.md"


def modules(root: Path, config: CourseConfig, problems: Problems) -> tuple[ModuleDir, ...]:
    """The module folders of the course in order, each with its lesson files.

    Without course.toml and without module folders, the `*.md` files at the top are
    read as one loose module (so a plain folder of lessons can still be checked).
    """
    found: list[tuple[int, str, Path]] = []
    loose: list[Path] = []
    for entry in _entries(root, problems):
        name = entry.name
        path = root / name
        if name.startswith(".") or name in (COURSE_FILE, "course.lock"):
            continue
        if _is_dir(entry):
            numbered = _numbered_folder(path, config, problems)
            if numbered is not None:
                found.append(numbered)
        elif lesson_like(name):
            loose.append(path)
    if not found and not config.found:
        return (ModuleDir("", root.name, root, tuple(p for p in loose if p.suffix == ".md")),)
    for path in loose:
        problems.at(path).warning(
            1,
            "course.ignored",
            "ignored: lessons belong in a module folder (NN-slug/), e.g. 01-intro/",
        )
    _no_shared_numbers(found, problems, "module folder")
    result: list[ModuleDir] = []
    for _, slug, folder in found:
        lessons = _lessons(folder, problems)
        if not lessons:
            problems.at(folder).warning(
                1,
                "module.empty",
                "this module has no lessons (NN-slug.md files), so it is not shown; add one or "
                "delete the folder",
            )
            continue
        result.append(ModuleDir(slug, "", folder, lessons))
    return tuple(result)


def _numbered_folder(
    path: Path, config: CourseConfig, problems: Problems
) -> tuple[int, str, Path] | None:
    name = path.name
    match = NUMBERED.fullmatch(name)
    if match is not None:
        return int(match["number"]), match["slug"], path
    if any(asset.split("/", 1)[0].lower() == name.lower() for asset in config.assets):
        return None
    report = problems.at(path)
    holds_lessons = any(lesson_like(entry.name) for entry in _entries(path, None))
    suggestion = suggested_name(name, folder=True)
    if holds_lessons:
        rename = f"'{suggestion}'" if suggestion else f"'NN-{suggested_slug(name)}' (e.g. 01-)"
        report.warning(
            1,
            "course.misnamed",
            f"folder '{name}' holds lessons but is not named NN-slug, so they are not in the "
            f"course; rename it to {rename}",
        )
    elif suggestion:
        report.warning(
            1,
            "course.misnamed",
            f"folder '{name}' is not named NN-slug; rename it to '{suggestion}'",
        )
    else:
        report.warning(
            1,
            "course.ignored",
            f"ignored: '{name}' is not a module folder (NN-slug); if it holds images or other "
            f'files for lessons, list it in course.toml: [check] assets = ["{name}/"]',
        )
    return None


def suggested_slug(name: str) -> str:
    """`name` as a slug (lowercase letters, digits and `-`)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "module"


def _lessons(folder: Path, problems: Problems) -> tuple[Path, ...]:
    found: list[tuple[int, str, Path]] = []
    for entry in _entries(folder, problems):
        name = entry.name
        if name.startswith(".") or not lesson_like(name):
            continue
        path = folder / name
        match = NUMBERED.fullmatch(name[:-3]) if name.endswith(".md") else None
        if match is not None:
            found.append((int(match["number"]), match["slug"], path))
            continue
        suggestion = suggested_name(name, folder=False)
        if suggestion:
            message = (
                f"'{name}' is not in the course: lessons are named NN-slug.md in lowercase; "
                f"rename it to '{suggestion}'"
            )
            problems.at(path).warning(1, "course.misnamed", message)
        else:
            problems.at(path).warning(
                1,
                "course.ignored",
                "ignored: lessons are named NN-slug.md; to include it, rename it to "
                f"'NN-{suggested_slug(name.rsplit('.', 1)[0])}.md'",
            )
    _no_shared_numbers(found, problems, "lesson")
    return tuple(path for _, _, path in found)


def _no_shared_numbers(found: list[tuple[int, str, Path]], problems: Problems, what: str) -> None:
    found.sort(key=lambda item: (item[0], item[2].name))
    for (number, _, first), (other, _, path) in itertools.pairwise(found):
        if number == other:
            problems.at(path).warning(
                1,
                "course.duplicate-number",
                f"this {what} has the same number as '{first.name}', so their order is only "
                "alphabetical; give each its own number",
            )


def _entries(folder: Path, problems: Problems | None) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except (OSError, ValueError) as exc:
        if problems is not None:
            reason = getattr(exc, "strerror", None) or str(exc)
            problems.at(folder).error(1, "file.unreadable", f"cannot list the folder: {reason}")
        return []
    return sorted(entries, key=lambda entry: entry.name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def module_title(folder: Path, root: Path, slug: str, problems: Problems) -> str:
    """The title in `module.toml`, or one made from the folder name (with a warning
    when module.toml exists but cannot be used: a broken module must not stop the app)."""
    default = slug.replace("-", " ").capitalize()
    path = folder / "module.toml"
    if kind_of(path) == "missing":
        return default
    report = problems.at(path)
    fallback = f"; the folder name '{folder.name}' is used as the title"
    try:
        text = read_text(path, root)
        data = tomllib.loads(text)
    except ReadError as exc:
        report.warning(exc.line, "module.invalid", f"module.toml: {exc.message}{fallback}")
        return default
    except tomllib.TOMLDecodeError as exc:
        report.warning(
            toml_error_line(exc),
            "module.invalid",
            f"module.toml is not valid TOML: {exc}{fallback}",
            column=toml_error_column(exc),
        )
        return default
    for key in data:
        if key not in MODULE_KEYS:
            report.warning(
                key_line(text, key),
                "module.unknown-key",
                f"unknown key '{key}' in module.toml{did_you_mean(key, MODULE_KEYS)} "
                '(module.toml has only title = "...")',
            )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        report.warning(
            key_line(text, "title"),
            "module.invalid",
            f'module.toml needs title = "..." (text){fallback}',
        )
        return default
    return " ".join(title.split())
