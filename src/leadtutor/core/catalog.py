"""Load a course directory: `course.toml`, module folders, lesson files, and the checks
that need the whole course (duplicate ids, links between lessons, `course.lock`).

`load_course` never raises: everything wrong is a problem line. Given a lesson file
instead of a folder, it checks that lesson in its course (see `focus.py`).
"""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Any

from leadtutor.core.course_checks import LessonRef, check_ids, check_links
from leadtutor.core.course_config import COURSE_FILE, CourseConfig, read_config
from leadtutor.core.course_files import ModuleDir, lesson_like, module_title, modules
from leadtutor.core.index import Index, stamp
from leadtutor.core.lock import read_lock
from leadtutor.core.lock_check import check_lock
from leadtutor.core.lock_options import with_published
from leadtutor.core.model import Course, Lesson, Module
from leadtutor.core.parser import parse_lesson
from leadtutor.core.problems import Problem, Problems
from leadtutor.core.prompt_rules import check_prompt_rules
from leadtutor.core.reader import ReadError, kind_of, read_text

LessonCache = dict[Path, tuple[str, Lesson]]
"""Parsed lessons by file, with the text each was parsed from. Passed to `load_course`,
it is filled in, and lessons whose text has not changed are not parsed again (the
author's preview reloads a course this way after every save)."""


def load_course(
    root: Path, *, cache_dir: Path | None = None, cache: LessonCache | None = None
) -> Course:
    """Load a course directory, or check one lesson file in its course.

    A directory without `course.toml` is still checked (its module folders, or else
    its `*.md` files), with an error saying the course file is missing. A lesson file
    is checked in the course that holds it (the nearest folder above with
    `course.toml`): the result has that one lesson and only the problems it takes part
    in. `cache_dir` lets that reuse what earlier checks learnt about the other lessons.
    With `cache` (a folder only), files whose text is unchanged since the last load are
    not parsed again; every file is still read and the course-wide checks still run.
    """
    # Parsing makes many long-lived objects and almost no garbage: pausing the cyclic
    # collector meanwhile saves about a third of the time on a large course.
    paused = gc.isenabled()
    gc.disable()
    try:
        path = Path(root)
        kind = kind_of(path)
        if kind == "file" or (kind == "other" and lesson_like(path.name)):
            from leadtutor.core.focus import load_lesson_in_course

            return load_lesson_in_course(path, cache_dir=cache_dir)
        return _load(path, cache_dir, cache)
    finally:
        if paused:
            gc.enable()


def _load(root: Path, cache_dir: Path | None, cache: LessonCache | None = None) -> Course:
    problems = Problems(root / COURSE_FILE)
    if kind_of(root) != "dir":
        problems.error(1, "course.missing", f"no such course directory or lesson file: {root}")
        return Course(id="missing", title=root.name, root=root, problems=tuple(problems.items))
    config = read_config(root, problems)
    index = Index(root, cache_dir) if cache_dir is not None else None
    scanned: list[tuple[ModuleDir, ...]] = []

    def scan(report: Problems) -> tuple[ModuleDir, ...]:
        scanned.append(modules(root, config, report))
        return scanned[-1]

    if index is None:
        found = scan(problems)
    else:
        index.layout(config, scan, problems, fresh=True)
        found = scanned[-1]
    stamps = {p: stamp(p) for m in found for p in m.lessons} if index is not None else {}
    course = build_course(root, config, found, problems, cache)
    if not course.lessons:
        problems.error(1, "course.empty", "the course has no lessons (NN-slug/NN-slug.md files)")
    refs = [LessonRef.of(lesson, root) for lesson in course.lessons]
    check_ids(refs, root, problems)
    check_links(refs, root, problems)
    check_prompt_rules(refs, course.lessons, problems)
    lock = index.lock(problems) if index is not None else read_lock(root, problems)
    if lock is not None:
        check_lock(refs, lock, course.id, root, problems)
    if index is not None:
        for ref in refs:
            index.remember(ref, stamps.get(ref.path))
        index.save()
    return with_problems(with_published(course, lock), problems.items, config.ignore)


def build_course(
    root: Path,
    config: CourseConfig,
    found: tuple[ModuleDir, ...],
    problems: Problems,
    cache: LessonCache | None = None,
) -> Course:
    """Parse every lesson of `found` into a `Course` (problems not attached yet)."""
    built = tuple(
        Module(
            module.slug,
            module_title(module.path, root, module.slug, problems) if module.slug else module.title,
            module.path,
            tuple(read_lesson(path, root, module.slug, problems, cache) for path in module.lessons),
        )
        for module in found
    )
    return Course(
        id=config.id,
        title=config.title,
        root=root,
        description=config.description,
        version=config.version,
        modules=built,
    )


def read_lesson(
    path: Path, root: Path, module: str, problems: Problems, cache: LessonCache | None = None
) -> Lesson:
    """Read and parse one lesson file; a file that cannot be read is an empty lesson
    carrying its problem."""
    try:
        text = read_text(path, root)
    except ReadError as exc:
        report = problems.at(path)
        report.error(exc.line, exc.code, exc.message)
        return Lesson(
            id=path.stem, title=path.stem, path=path, module=module, problems=(report.items[-1],)
        )
    known = cache.get(path) if cache is not None else None
    if known is not None and known[0] == text:
        lesson = known[1]  # its own problems, as parsing found them
        problems.items.extend(lesson.problems)
    else:
        lesson = parse_lesson(text, path, problems)
        if cache is not None:
            cache[path] = (text, lesson)
    return replace(lesson, module=module)


def with_problems(
    course: Course, found: list[Problem], ignore: frozenset[str] = frozenset()
) -> Course:
    """Attach problems (minus ignored warnings) to the course and to each lesson."""
    kept = [p for p in found if not (p.level == "warning" and p.code in ignore)]
    by_path: dict[Path, list[Problem]] = {}
    for problem in kept:
        by_path.setdefault(problem.path, []).append(problem)
    modules_with = tuple(
        replace(
            module,
            lessons=tuple(
                replace(lesson, problems=tuple(sorted(by_path.get(lesson.path, []), key=_order)))
                for lesson in module.lessons
            ),
        )
        for module in course.modules
    )
    return replace(course, modules=modules_with, problems=tuple(sorted(kept, key=_order)))


def _order(problem: Any) -> tuple[str, int, int, str]:
    return (str(problem.path), problem.line, problem.column or 0, problem.code)
