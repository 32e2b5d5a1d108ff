"""Check one lesson file in the context of its course (`leadtutor check one.md`).

The course is the nearest folder above the file that holds `course.toml`. The lesson
is parsed; the other lessons are known through the index (`index.py`), so a link to a
sibling module, a duplicate id or a published id is checked as in a full check. The
result has the one lesson and the problems it takes part in: its own, those of
`course.toml`, its `module.toml` and `course.lock`, a duplicate of one of its ids, and
a link from another lesson into it.
"""

from __future__ import annotations

import os
from pathlib import Path

from leadtutor.core.catalog import read_lesson, with_problems
from leadtutor.core.course_checks import LessonRef, check_ids, check_links
from leadtutor.core.course_files import (
    COURSE_FILE,
    NUMBERED,
    find_course_root,
    module_title,
    modules,
    read_config,
)
from leadtutor.core.index import Index, stamp
from leadtutor.core.lock import LOCK_FILE
from leadtutor.core.lock_check import check_lock
from leadtutor.core.model import Course, Module
from leadtutor.core.problems import Problems
from leadtutor.core.prompt_rules import check_prompt_rules
from leadtutor.core.reader import safe_resolve


def load_lesson_in_course(path: Path, *, cache_dir: Path | None = None) -> Course:
    """Check the lesson at `path` in its course (see the module docstring)."""
    path = Path(os.path.normpath(path.absolute()))
    root = find_course_root(path.parent)
    if root is None:
        return _alone(path)
    problems = Problems(root / COURSE_FILE)
    config = read_config(root, problems)
    layout = Problems(root)
    found = modules(root, config, layout)
    order: list[tuple[str, Path]] = [(m.slug, p) for m in found for p in m.lessons]
    position = next((i for i, (_, p) in enumerate(order) if p == path), None)
    if position is None:
        real = safe_resolve(path)
        position = next((i for i, (_, p) in enumerate(order) if safe_resolve(p) == real), None)
    if position is not None:
        path = order[position][1]
    slug = order[position][0] if position is not None else _slug(path.parent, root)
    folder = path.parent
    taken = stamp(path)
    lesson = read_lesson(path, root, slug, problems)
    index = Index(root, cache_dir)
    target = LessonRef.of(lesson)
    refs = [target if i == position else index.ref(p, s) for i, (s, p) in enumerate(order)]
    if position is None:
        refs.append(target)
    cross = Problems(path)
    check_ids(refs, root, cross, focus=path)
    check_links(refs, root, cross, focus=target)
    check_prompt_rules(refs, [lesson], cross)
    lock = index.lock(problems)
    if lock is not None:
        check_lock(refs, lock, config.id, root, cross, focus=target)
    index.remember(target, taken)
    index.save()
    title = module_title(folder, root, slug, problems) if slug else folder.name
    mine = {path, folder, folder / "module.toml", root / COURSE_FILE, root / LOCK_FILE}
    kept = [p for p in [*problems.items, *layout.items] if p.path in mine]
    course = Course(
        id=config.id,
        title=config.title,
        root=root,
        description=config.description,
        version=config.version,
        modules=(Module(slug, title, folder, (lesson,)),),
    )
    return with_problems(course, kept + cross.items, config.ignore)


def _slug(folder: Path, root: Path) -> str:
    match = NUMBERED.fullmatch(folder.name) if folder.parent == root else None
    return match["slug"] if match else ""


def _alone(path: Path) -> Course:
    """A lesson file outside any course: checked on its own."""
    problems = Problems(path)
    lesson = read_lesson(path, path.parent, "", problems)
    ref = LessonRef.of(lesson)
    check_links([ref], path.parent, problems, course_known=False)
    check_prompt_rules([ref], [lesson], problems, course_known=False)
    from leadtutor.core.directives import ID_PATTERN

    course = Course(
        id=lesson.id if ID_PATTERN.fullmatch(lesson.id) else "lesson",
        title=lesson.title,
        root=path.parent,
        modules=(Module("", "", path.parent, (lesson,)),),
    )
    return with_problems(course, problems.items)
