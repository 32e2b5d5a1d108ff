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
from typing import Any, Final

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.problems import CODES, Problems, did_you_mean
from leadtutor.core.reader import ReadError, absolute, kind_of, read_text

NUMBERED: Final = re.compile(r"(?P<number>\d+)-(?P<slug>[a-z0-9][a-z0-9_-]*)")
LESSON_SUFFIXES: Final = (".md", ".markdown", ".mdown", ".mkd")
"""File endings that look like Markdown (compared without case)."""
IGNORED_FILES: Final = re.compile(r"(?i)(readme|license|licence|changelog|contributing)(\.\w+)?")
COURSE_KEYS: Final = ("id", "title", "description", "version", "check")
CHECK_KEYS: Final = ("ignore", "assets")
MODULE_KEYS: Final = ("title",)
COURSE_FILE: Final = "course.toml"
MAX_PARENTS: Final = 64
"""How far `find_course_root` walks up."""


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
            toml_error_line(exc), "course.invalid", f"course.toml is not valid TOML: {exc}"
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
    if any(name.lower() == asset.rstrip("/").lower() for asset in config.assets):
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
