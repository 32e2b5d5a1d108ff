"""Checks that need the whole course: duplicate ids and links between lessons.

They work on `LessonRef`s, the few facts about a lesson that other lessons depend on,
so the same code checks a freshly parsed course and, for `leadtutor check one.md`, a
course whose other lessons come from the index cache. With `focus`, only problems the
focused lesson takes part in are reported (a duplicate of one of its ids, a link into
it or out of it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from leadtutor.core.links import Target, classify
from leadtutor.core.model import Lesson, Link
from leadtutor.core.problems import Problems
from leadtutor.core.reader import ReadError, resolve_inside, safe_resolve


@dataclass(frozen=True)
class LessonRef:
    """What other lessons need to know about a lesson."""

    id: str
    path: Path
    ok: bool
    prompts: tuple[tuple[str, str, int], ...]
    """(prompt id, kind, line) in order."""
    slugs: frozenset[str]
    """Heading anchors."""
    links: tuple[Link, ...]
    title: str = ""

    @classmethod
    def of(cls, lesson: Lesson) -> LessonRef:
        """The facts about a parsed lesson."""
        return cls(
            id=lesson.id,
            path=lesson.path,
            ok=lesson.ok,
            prompts=tuple((p.id, p.kind, p.lines[0]) for p in lesson.prompts),
            slugs=frozenset(h.slug for h in lesson.headings),
            links=lesson.links,
            title=lesson.title,
        )


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` (with `/`), or as given when it is outside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_ids(
    refs: Sequence[LessonRef], root: Path, problems: Problems, focus: Path | None = None
) -> None:
    """Report lesson ids and prompt ids used twice (the later one, naming the first)."""
    lessons: dict[str, LessonRef] = {}
    prompts: dict[str, tuple[LessonRef, int]] = {}
    for ref in refs:
        first = lessons.setdefault(ref.id, ref)
        if first is not ref and focus in (None, ref.path, first.path):
            problems.at(ref.path).error(
                1,
                "lesson.duplicate-id",
                f"lesson id '{ref.id}' is already used by {relative(first.path, root)}; "
                "give this lesson its own 'id:'",
            )
        for prompt_id, _, line in ref.prompts:
            seen = prompts.setdefault(prompt_id, (ref, line))
            if seen == (ref, line) or focus not in (None, ref.path, seen[0].path):
                continue
            where = f"{relative(seen[0].path, root)}:{seen[1]}"
            problems.at(ref.path).error(
                line,
                "prompt.duplicate-id",
                f"prompt id '{prompt_id}' is already used at {where}; ids must be unique "
                "across the course",
            )


class _Lessons:
    """Finds the lesson at a resolved path, resolving every lesson path only if needed."""

    def __init__(self, refs: Sequence[LessonRef], root: Path) -> None:
        self.refs = refs
        real_root = safe_resolve(root)
        self.assumed = {real_root / r.path.relative_to(root): r for r in refs if _under(r, root)}
        self.real: dict[Path, LessonRef] | None = None

    def at(self, real: Path) -> LessonRef | None:
        found = self.assumed.get(real)
        if found is None:
            if self.real is None:
                self.real = {safe_resolve(r.path): r for r in self.refs}
            found = self.real.get(real)
        return found


def _under(ref: LessonRef, root: Path) -> bool:
    return ref.path.is_relative_to(root)


def check_links(
    refs: Sequence[LessonRef],
    root: Path,
    problems: Problems,
    *,
    focus: LessonRef | None = None,
    course_known: bool = True,
) -> None:
    """Report broken links and images.

    Args:
        refs: Every lesson of the course, in order (the focused one included).
        root: The course directory.
        problems: Where problems are reported.
        focus: Check only this lesson's links and the links into it.
        course_known: False for a lone lesson file: links to `.md` files that exist are
            then not reported as "not a lesson of this course".
    """
    lessons = _Lessons(refs, root)
    real_focus = safe_resolve(focus.path) if focus is not None else None
    for ref in refs:
        own = focus is None or ref is focus
        report = problems.at(ref.path)
        for link in ref.links:
            target = classify(link.target)
            if not own:
                if target.kind != "relative" or target.path is None:
                    continue
                if focus is None or PurePosixPath(target.path).name != focus.path.name:
                    continue
            into = None if own else real_focus
            _check_link(ref, link, target, root, lessons, report, course_known, into)


def _check_link(
    ref: LessonRef,
    link: Link,
    target: Target,
    root: Path,
    lessons: _Lessons,
    report: Problems,
    course_known: bool,
    only_into: Path | None,
) -> None:
    at = {"column": link.column}
    if target.kind == "inert":
        report.warning(link.line, "link.inert", f"'{link.target}': {target.reason}", **at)
        return
    if target.kind == "anchor":
        if target.anchor and target.anchor not in ref.slugs:
            report.warning(
                link.line,
                "link.anchor",
                f"no heading in this lesson has the anchor '#{target.anchor}'",
                **at,
            )
        return
    if target.kind != "relative" or target.path is None:
        return
    path = ref.path.parent / str(target.path)
    shown = str(target.path)
    if only_into is not None:
        try:
            if resolve_inside(path, root) != only_into:
                return
        except ReadError:
            return
    if not Path(os.path.normpath(path.absolute())).is_relative_to(root.absolute()):
        report.error(link.line, "link.outside-course", f"'{shown}' leads outside the course", **at)
        return
    try:
        real = resolve_inside(path, root)
    except ReadError as exc:
        if exc.code == "file.outside-course":
            report.error(
                link.line, "link.outside-course", f"'{shown}' leads outside the course", **at
            )
        else:
            what = "is a symlink loop" if exc.code == "file.symlink-loop" else "does not exist"
            if link.image:
                report.error(link.line, "image.missing", f"image '{shown}' {what}", **at)
            elif exc.code == "file.symlink-loop":
                report.error(link.line, "link.missing", f"link to '{shown}' {what}", **at)
            else:
                report.error(
                    link.line,
                    "link.missing",
                    f"link to '{shown}' points at nothing that exists",
                    **at,
                )
        return
    if link.image:
        return
    if real.suffix != ".md":
        report.warning(
            link.line,
            "link.unsupported",
            f"'{shown}' is not a lesson; the app only opens lesson links",
            **at,
        )
        return
    other = lessons.at(real)
    if other is None:
        if course_known:
            report.error(
                link.line, "link.missing", f"'{shown}' is not a lesson of this course", **at
            )
        return
    if target.anchor and other.ok and target.anchor not in other.slugs:
        report.warning(
            link.line,
            "link.anchor",
            f"'{other.title or other.id}' has no heading with the anchor '#{target.anchor}'",
            **at,
        )
