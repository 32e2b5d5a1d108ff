"""Check one lesson file in the context of its course (`leadtutor check one.md`).

The course is the nearest folder above the file that holds `course.toml`. The lesson
is parsed; the other lessons are known through the index (`index.py`), so a link to a
sibling module, a duplicate id or a published id is checked as in a full check. The
result has the one lesson and the problems it takes part in: its own, those of
`course.toml`, its `module.toml` and `course.lock`, a duplicate of one of its ids, and
a link from another lesson into it.
"""

from __future__ import annotations

from pathlib import Path

from leadtutor.core.catalog import read_lesson, with_problems
from leadtutor.core.course_checks import (
    LessonRef,
    Lessons,
    check_ids,
    check_links,
    relative,
)
from leadtutor.core.course_config import COURSE_FILE, read_config
from leadtutor.core.course_files import NUMBERED, find_course_root, module_title, modules
from leadtutor.core.index import Entry, Index
from leadtutor.core.lock import LOCK_FILE, Lock
from leadtutor.core.lock_check import check_lock
from leadtutor.core.lock_options import with_published
from leadtutor.core.model import Course, Module
from leadtutor.core.problems import Problems
from leadtutor.core.prompt_rules import check_prompt_rules
from leadtutor.core.reader import absolute, safe_resolve


def load_lesson_in_course(path: Path, *, cache_dir: Path | None = None) -> Course:
    """Check the lesson at `path` in its course (see the module docstring)."""
    path = absolute(path)
    root = find_course_root(path.parent)
    if root is None:
        return _alone(path)
    problems = Problems(root / COURSE_FILE)
    config = read_config(root, problems)
    index = Index(root, cache_dir)
    layout = Problems(root)
    found = index.layout(config, lambda report: modules(root, config, report), layout)
    order = [(slug, rel) for slug, _, lessons in found for rel in lessons]
    rel = relative(path, root)
    position = next((i for i, (_, r) in enumerate(order) if r == rel), None)
    if position is None and path.is_symlink():
        real = safe_resolve(path)
        position = next(
            (i for i, (_, r) in enumerate(order) if safe_resolve(root / r) == real), None
        )
    if position is not None:
        rel = order[position][1]
        path = root / rel
    slug = order[position][0] if position is not None else _slug(path.parent, root)
    folder = path.parent
    lesson = read_lesson(path, root, slug, problems)
    target = LessonRef.of(lesson, root)
    entries = index.entries_of([item for i, item in enumerate(order) if i != position])
    lock = index.lock(problems)
    involved = _involved(order, position, entries, index, target, lock)
    refs: dict[str, LessonRef] = {ref.rel: ref for ref in involved}

    def by_rel(rel: str) -> LessonRef | None:
        if rel not in refs and rel in entries:
            refs[rel] = index.ref(rel, entries[rel])
        return refs.get(rel)

    def every() -> list[LessonRef]:
        found = [ref for _, rel in order if (ref := by_rel(rel)) is not None]
        return found if position is not None else [*found, target]

    cross = Problems(path)
    check_ids(involved, root, cross, focus=target)
    check_links(involved, root, cross, focus=target, lessons=Lessons(root, by_rel, every))
    revisits = any(prompt.revisit for prompt in lesson.prompts)  # needs every prompt's place
    check_prompt_rules(every() if revisits else [target], [lesson], cross)
    if lock is not None and position is not None:  # a file left out of the course is not locked
        check_lock(involved, lock, config.id, root, cross, focus=target)
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
    return with_problems(with_published(course, lock), kept + cross.items, config.ignore)


def _involved(
    order: list[tuple[str, str]],
    position: int | None,
    entries: dict[str, Entry],
    index: Index,
    target: LessonRef,
    lock: Lock | None,
) -> list[LessonRef]:
    """The lessons (in course order) that a check of `target` can involve: those sharing
    one of its ids, holding a prompt locked with it, or linking to its file. The checks
    then give the same answers as on the whole course, in a fraction of the time."""
    prompts = {pid for pid, _, _ in target.prompts}
    lesson_ids = {target.id}
    if lock is not None:
        prompts.update(lock.lessons.get(target.id, ()))
        lesson_ids.update(lock.owners[pid] for pid in prompts if pid in lock.owners)
    name = target.path.name
    found: list[LessonRef] = []
    for i, (_, rel) in enumerate(order):
        if i == position:
            found.append(target)
            continue
        entry = entries[rel]
        if entry[1] in lesson_ids or not prompts.isdisjoint(entry[4]) or name in entry[8]:
            found.append(index.ref(rel, entry))
    if position is None:
        found.append(target)
    return found


def _slug(folder: Path, root: Path) -> str:
    match = NUMBERED.fullmatch(folder.name) if folder.parent == root else None
    return match["slug"] if match else ""


def _alone(path: Path) -> Course:
    """A lesson file outside any course: checked on its own."""
    problems = Problems(path)
    lesson = read_lesson(path, path.parent, "", problems)
    ref = LessonRef.of(lesson, path.parent)
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
