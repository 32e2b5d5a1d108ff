"""Load a course directory: `course.toml`, module folders, lesson files, and the checks
that need the whole course (duplicate ids, links between lessons).

`load_course` never raises: everything wrong is a problem line.
"""

from __future__ import annotations

import gc
import os
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.links import Target, classify
from leadtutor.core.model import Course, Lesson, Module
from leadtutor.core.parser import parse_lesson
from leadtutor.core.problems import Problems
from leadtutor.core.reader import ReadError, read_text, resolve_inside

NUMBERED: Final = re.compile(r"(?P<number>\d+)-(?P<slug>[a-z0-9][a-z0-9_-]*)")
COURSE_KEYS: Final = ("id", "title", "description", "version")
IGNORED_FILES: Final = re.compile(r"(?i)(readme|license|licence|changelog|contributing)(\.\w+)?")

LessonCache = dict[Path, tuple[str, Lesson]]
"""Parsed lessons by file, with the text each was parsed from. Passed to `load_course`,
it is filled in, and lessons whose text has not changed are not parsed again (the
author's preview reloads a course this way after every save)."""


def load_course(root: Path, *, cache: LessonCache | None = None) -> Course:
    """Load a course directory, or a single lesson file.

    A directory without `course.toml` is read as a loose folder of lessons (its `*.md`
    files), with an error saying the course file is missing. With a `cache`, files
    whose text is unchanged since the last load are not parsed again (every file is
    still read, and the course-wide checks run on the whole course).
    """
    # Parsing makes many long-lived objects and almost no garbage: pausing the cyclic
    # collector meanwhile saves about a third of the time on a large course.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), cache)
    finally:
        if paused:
            gc.enable()


def _load(root: Path, cache: LessonCache | None = None) -> Course:
    if root.is_file():
        return _single_lesson(root, cache)
    problems = Problems(root / "course.toml")
    if not root.is_dir():
        problems.error(1, "course.missing", f"no such course directory: {root}")
        return Course(id="missing", title=root.name, root=root, problems=tuple(problems.items))
    meta = _course_meta(root, problems)
    modules: tuple[Module, ...]
    if meta is None:
        modules = (_loose_module(root, problems, cache),)
        meta = {"id": _fallback_id(root.name), "title": root.name}
    else:
        modules = _modules(root, problems, cache)
    course = Course(
        id=meta["id"],
        title=meta["title"],
        root=root,
        description=meta.get("description", ""),
        version=meta.get("version", ""),
        modules=modules,
    )
    if not course.lessons:
        problems.error(1, "course.empty", "the course has no lessons (NN-slug/NN-slug.md)")
    _check_ids(course, problems)
    _check_links(course, problems)
    return _with_problems(course, problems)


def _single_lesson(path: Path, cache: LessonCache | None) -> Course:
    problems = Problems(path)
    lesson = _lesson(path, path.parent, "", problems, cache)
    course = Course(
        id=lesson.id if ID_PATTERN.fullmatch(lesson.id) else "lesson",
        title=lesson.title,
        root=path.parent,
        modules=(Module("", "", path.parent, (lesson,)),),
    )
    _check_links(course, problems, only_existing=True)
    return _with_problems(course, problems)


def _with_problems(course: Course, problems: Problems) -> Course:
    by_path: dict[Path, list[Any]] = {}
    for problem in problems.items:
        by_path.setdefault(problem.path, []).append(problem)
    modules = tuple(
        replace(
            module,
            lessons=tuple(
                replace(lesson, problems=tuple(sorted(by_path.get(lesson.path, []), key=_order)))
                for lesson in module.lessons
            ),
        )
        for module in course.modules
    )
    ordered = tuple(sorted(problems.items, key=_order))
    return replace(course, modules=modules, problems=ordered)


def _order(problem: Any) -> tuple[str, int, str]:
    return (str(problem.path), problem.line, problem.code)


def _course_meta(root: Path, problems: Problems) -> dict[str, Any] | None:
    path = root / "course.toml"
    if not path.exists() and not path.is_symlink():
        problems.error(
            1,
            "course.missing",
            "no course.toml here, so this is read as a loose folder of lessons "
            "(a course needs course.toml with id and title)",
        )
        return None
    try:
        data = tomllib.loads(read_text(path, root))
    except ReadError as exc:
        problems.error(exc.line, exc.code, exc.message)
        return None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        problems.error(int(match[1]) if match else 1, "course.invalid", f"invalid TOML: {exc}")
        return None
    meta: dict[str, Any] = {"id": _fallback_id(root.name), "title": root.name}
    for key, value in data.items():
        if key not in COURSE_KEYS:
            problems.warning(1, "course.unknown-key", f"unknown key '{key}' in course.toml")
        elif not isinstance(value, str):
            problems.error(1, "course.field", f"'{key}' in course.toml must be text")
        else:
            meta[key] = " ".join(value.split()) if key != "description" else value.strip()
    for key in ("id", "title"):
        if key not in data:
            problems.error(1, "course.field", f"course.toml has no '{key}'")
    if not ID_PATTERN.fullmatch(meta["id"]):
        problems.error(
            1,
            "course.field",
            f"course id '{meta['id']}' must be lowercase letters, digits, '-' or '_'",
        )
        meta["id"] = _fallback_id(meta["id"])
    return meta


def _fallback_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")[:64]
    return slug or "course"


def _numbered(root: Path, problems: Problems, *, dirs: bool) -> list[tuple[int, str, Path]]:
    found: list[tuple[int, str, Path]] = []
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        problems.at(root).error(1, "file.unreadable", f"cannot list the folder: {exc.strerror}")
        return found
    for entry in entries:
        name = entry.name if dirs else entry.name.removesuffix(".md")
        if entry.name.startswith(".") or (dirs and not entry.is_dir()):
            continue
        if not dirs and (not entry.name.endswith(".md") or IGNORED_FILES.fullmatch(entry.name)):
            continue
        match = NUMBERED.fullmatch(name)
        if match is None:
            what = "module folders are named NN-slug" if dirs else "lessons are named NN-slug.md"
            problems.at(entry).warning(1, "course.ignored", f"ignored: {what}")
            continue
        found.append((int(match["number"]), match["slug"], entry))
    found.sort(key=lambda item: (item[0], item[2].name))
    return found


def _modules(root: Path, problems: Problems, cache: LessonCache | None) -> tuple[Module, ...]:
    for entry in sorted(root.glob("*.md")):
        if not IGNORED_FILES.fullmatch(entry.name):
            problems.at(entry).warning(
                1, "course.ignored", "ignored: lessons belong in a module folder (NN-slug/)"
            )
    modules: list[Module] = []
    for _, slug, folder in _numbered(root, problems, dirs=True):
        title = _module_title(folder, root, slug, problems)
        lessons = tuple(
            _lesson(path, root, slug, problems, cache)
            for _, _, path in _numbered(folder, problems, dirs=False)
        )
        modules.append(Module(slug, title, folder, lessons))
    return tuple(modules)


def _loose_module(root: Path, problems: Problems, cache: LessonCache | None) -> Module:
    paths = sorted(p for p in root.glob("*.md") if not IGNORED_FILES.fullmatch(p.name))
    lessons = tuple(_lesson(path, root, "", problems, cache) for path in paths)
    return Module("", root.name, root, lessons)


def _module_title(folder: Path, root: Path, slug: str, problems: Problems) -> str:
    default = slug.replace("-", " ").capitalize()
    path = folder / "module.toml"
    if not path.exists():
        return default
    try:
        data = tomllib.loads(read_text(path, root))
    except ReadError as exc:
        problems.at(path).error(exc.line, exc.code, exc.message)
        return default
    except tomllib.TOMLDecodeError as exc:
        problems.at(path).error(1, "module.invalid", f"invalid TOML: {exc}")
        return default
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.at(path).error(1, "module.invalid", "module.toml needs a 'title' (text)")
        return default
    return " ".join(title.split())


def _lesson(
    path: Path, root: Path, module: str, problems: Problems, cache: LessonCache | None = None
) -> Lesson:
    try:
        text = read_text(path, root)
    except ReadError as exc:
        problems.at(path).error(exc.line, exc.code, exc.message)
        return Lesson(id=path.stem, title=path.stem, path=path, module=module)
    known = cache.get(path) if cache is not None else None
    if known is not None and known[0] == text:
        lesson = known[1]  # its own problems, as parsing found them
        problems.items.extend(lesson.problems)
    else:
        lesson = parse_lesson(text, path, problems)
        if cache is not None:
            cache[path] = (text, lesson)
    return replace(lesson, module=module)


def _check_ids(course: Course, problems: Problems) -> None:
    lessons: dict[str, Lesson] = {}
    prompts: dict[str, tuple[Lesson, int]] = {}
    for lesson in course.lessons:
        first = lessons.setdefault(lesson.id, lesson)
        if first is not lesson:
            problems.at(lesson.path).error(
                1,
                "lesson.duplicate-id",
                f"lesson id '{lesson.id}' is already used by {_rel(first.path, course.root)}",
            )
        for prompt in lesson.prompts:
            seen = prompts.setdefault(prompt.id, (lesson, prompt.lines[0]))
            if seen != (lesson, prompt.lines[0]):
                where = f"{_rel(seen[0].path, course.root)}:{seen[1]}"
                problems.at(lesson.path).error(
                    prompt.lines[0],
                    "prompt.duplicate-id",
                    f"prompt id '{prompt.id}' is already used at {where}; ids must be unique "
                    "across the course",
                )


def _check_links(course: Course, problems: Problems, *, only_existing: bool = False) -> None:
    for lesson in course.lessons:
        report = problems.at(lesson.path)
        for link in lesson.links:
            target = classify(link.target)
            if target.kind == "inert":
                report.warning(link.line, "link.inert", f"'{link.target}': {target.reason}")
            elif (
                target.kind == "anchor" and target.anchor and lesson.heading(target.anchor) is None
            ):
                report.warning(
                    link.line,
                    "link.anchor",
                    f"no heading in this lesson has the anchor '#{target.anchor}'",
                )
            elif target.kind == "relative" and target.path is not None:
                _check_relative(
                    course, lesson, link.line, link.image, target, report, only_existing
                )


def _check_relative(
    course: Course,
    lesson: Lesson,
    line: int,
    image: bool,
    target: Target,
    report: Problems,
    only_existing: bool,
) -> None:
    path = lesson.path.parent / str(target.path)
    shown = str(target.path)
    if not Path(os.path.normpath(path.absolute())).is_relative_to(course.root.absolute()):
        report.error(line, "link.outside-course", f"'{shown}' leads outside the course")
        return
    try:
        real = resolve_inside(path, course.root)
    except ReadError as exc:
        if exc.code == "file.outside-course":
            report.error(line, "link.outside-course", f"'{shown}' leads outside the course")
        elif image:
            report.error(line, "image.missing", f"image '{shown}' does not exist")
        else:
            report.error(line, "link.missing", f"link to '{shown}' points at nothing that exists")
        return
    if image:
        return
    if real.suffix != ".md":
        report.warning(
            line, "link.unsupported", f"'{shown}' is not a lesson; the app only opens lesson links"
        )
        return
    other = course.lesson_at(real)
    if other is None:
        if not only_existing:
            report.error(line, "link.missing", f"'{shown}' is not a lesson of this course")
        return
    if target.anchor and other.ok and other.heading(target.anchor) is None:
        report.warning(
            line,
            "link.anchor",
            f"'{other.title}' has no heading with the anchor '#{target.anchor}'",
        )


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
