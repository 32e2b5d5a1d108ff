"""Checks that need the whole course: duplicate ids and links between lessons.

They work on `LessonRef`s, the few facts about a lesson that other lessons depend on,
so the same code checks a freshly parsed course and, for `leadtutor check one.md`, a
course whose other lessons come from the index cache. With `focus`, only problems the
focused lesson takes part in are reported (a duplicate of one of its ids, a link into
it or out of it).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote

from leadtutor.core.links import Target, classify
from leadtutor.core.model import ChoicePrompt, Lesson, Link
from leadtutor.core.options import OptionList
from leadtutor.core.problems import Problems, did_you_mean
from leadtutor.core.reader import ReadError, absolute, resolve_inside, safe_resolve

RawLink = tuple[str, int, bool, "int | None"]
"""A link as (target, line, image, column): how the index stores it."""


class LessonRef:
    """What other lessons need to know about a lesson.

    Built from a parsed `Lesson`, or from the index (then the path and the links are
    only made into objects when a check needs them: a course has thousands).
    """

    __slots__ = (
        "_links",
        "_path",
        "choices",
        "id",
        "ok",
        "prompts",
        "raw_links",
        "rel",
        "root",
        "slugs",
        "title",
    )

    def __init__(
        self,
        lesson_id: str,
        ok: bool,
        prompts: tuple[tuple[str, str, int], ...],
        slugs: tuple[str, ...],
        title: str,
        raw_links: tuple[RawLink, ...],
        *,
        root: Path,
        rel: str,
        path: Path | None = None,
        links: tuple[Link, ...] | None = None,
        choices: dict[str, OptionList] | None = None,
    ) -> None:
        self.id = lesson_id
        self.ok = ok
        self.prompts = prompts
        """(prompt id, kind, line) in order."""
        self.slugs = slugs
        """Heading anchors."""
        self.title = title
        self.raw_links = raw_links
        self.root = root
        self.rel = rel
        """The path relative to the course, with `/`."""
        self._path = path
        self._links = links
        self.choices = choices
        """Choice prompt id -> its options now; `None` for a lesson from the index (only
        a lesson being checked is compared with course.lock's options)."""

    @property
    def path(self) -> Path:
        """The lesson file."""
        if self._path is None:
            self._path = self.root / self.rel
        return self._path

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link and image (for an indexed lesson: only relative ones)."""
        if self._links is None:
            self._links = tuple(Link(t, n, i, c) for t, n, i, c in self.raw_links)
        return self._links

    @classmethod
    def of(cls, lesson: Lesson, root: Path) -> LessonRef:
        """The facts about a parsed lesson of the course at `root`."""
        return cls(
            lesson.id,
            lesson.ok,
            tuple((p.id, p.kind, p.lines[0]) for p in lesson.prompts),
            tuple(h.slug for h in lesson.headings),
            lesson.title,
            tuple((k.target, k.line, k.image, k.column) for k in lesson.links),
            root=root,
            rel=relative(lesson.path, root),
            path=lesson.path,
            links=lesson.links,
            choices={p.id: p.option_list for p in lesson.prompts if isinstance(p, ChoicePrompt)},
        )


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` (with `/`), or as given when it is outside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_ids(
    refs: Sequence[LessonRef], root: Path, problems: Problems, focus: LessonRef | None = None
) -> None:
    """Report lesson ids and prompt ids used twice (the later one, naming the first)."""
    lessons: dict[str, LessonRef] = {}
    prompts: dict[str, tuple[LessonRef, int]] = {}
    for ref in refs:
        first = lessons.setdefault(ref.id, ref)
        if first is not ref and (focus is None or focus is ref or focus is first):
            problems.at(ref.path).error(
                1,
                "lesson.duplicate-id",
                f"lesson id '{ref.id}' is already used by {relative(first.path, root)}; "
                "give this lesson its own 'id:'",
            )
        for prompt_id, _, line in ref.prompts:
            seen = prompts.setdefault(prompt_id, (ref, line))
            if (seen[0] is ref and seen[1] == line) or not (
                focus is None or focus is ref or focus is seen[0]
            ):
                continue
            where = f"{relative(seen[0].path, root)}:{seen[1]}"
            problems.at(ref.path).error(
                line,
                "prompt.duplicate-id",
                f"prompt id '{prompt_id}' is already used at {where}; ids must be unique "
                "across the course",
            )


class Lessons:
    """Finds the lesson at a resolved path: by its place in the course first (no system
    calls), and by resolving every lesson's path only when that fails (symlinks)."""

    def __init__(
        self,
        root: Path,
        by_rel: Callable[[str], LessonRef | None],
        every: Callable[[], Sequence[LessonRef]],
    ) -> None:
        self.root = root
        self.by_rel = by_rel
        self.every = every
        self.base = ""
        self.real: dict[Path, LessonRef] | None = None

    @classmethod
    def of(cls, refs: Sequence[LessonRef], root: Path) -> Lessons:
        """Lessons found among `refs`."""
        table = {r.rel: r for r in refs}
        return cls(root, table.get, lambda: refs)

    def at(self, real: Path) -> LessonRef | None:
        if not self.base:
            self.base = str(safe_resolve(self.root)) + os.sep
        text = str(real)
        found = self.by_rel(text[len(self.base) :]) if text.startswith(self.base) else None
        if found is None:
            if self.real is None:
                self.real = {safe_resolve(r.path): r for r in self.every()}
            found = self.real.get(real)
        return found


def check_links(
    refs: Sequence[LessonRef],
    root: Path,
    problems: Problems,
    *,
    focus: LessonRef | None = None,
    course_known: bool = True,
    lessons: Lessons | None = None,
) -> None:
    """Report broken links and images.

    Args:
        refs: Every lesson of the course, in order (the focused one included).
        root: The course directory.
        problems: Where problems are reported.
        focus: Check only this lesson's links and the links into it.
        course_known: False for a lone lesson file: links to `.md` files that exist are
            then not reported as "not a lesson of this course".
        lessons: Finds any lesson of the course, when `refs` holds only those to check.
    """
    lessons = lessons or Lessons.of(refs, root)
    files = _Files(root)
    real_focus = safe_resolve(focus.path) if focus is not None else None
    name = focus.path.name if focus is not None else ""
    for ref in refs:
        own = focus is None or ref is focus
        if not own and not any(name in unquote(raw[0]) for raw in ref.raw_links):
            continue
        report = problems.at(ref.path)
        for link in ref.links:
            if not own and name not in unquote(link.target):
                continue
            target = classify(link.target)
            if not own and (target.kind != "relative" or target.path is None):
                continue
            into = None if own else real_focus
            _check_link(ref, link, target, files, lessons, report, course_known, into)


class _Files:
    """What one `check_links` call learnt about paths: each target is resolved, and each
    folder listed, once (a lesson may hold thousands of links to a few files)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolved: dict[Path, Path | ReadError] = {}
        self.nearby: dict[tuple[Path, str], str] = {}
        self.names: dict[Path, list[str] | None] = {}
        self.real_root: Path | None = None
        self.inside: dict[Path, bool] = {}
        self.slugs: dict[int, tuple[LessonRef, frozenset[str]]] = {}
        self.absolute_root = absolute(root)

    def has_anchor(self, ref: LessonRef, anchor: str) -> bool:
        """Whether `ref` has a heading with this anchor (a set per lesson, not a scan)."""
        known = self.slugs.get(id(ref))
        if known is None or known[0] is not ref:
            known = self.slugs[id(ref)] = (ref, frozenset(ref.slugs))
        return anchor in known[1]

    def within(self, path: Path) -> bool:
        """Whether `path`, as written (before symlinks), stays inside the course."""
        if path not in self.inside:
            self.inside[path] = absolute(path).is_relative_to(self.absolute_root)
        return self.inside[path]

    def resolve(self, path: Path) -> Path:
        """`resolve_inside(path, root)`, remembered (its ReadError too)."""
        if path not in self.resolved and _missing(path):  # one lstat, not a realpath walk
            self.resolved[path] = ReadError("file.unreadable", "no such file")
        if path not in self.resolved:
            try:
                if self.real_root is None:  # else resolve_inside reports the error
                    with contextlib.suppress(OSError, RuntimeError, ValueError):
                        self.real_root = self.root.resolve(strict=True)
                self.resolved[path] = resolve_inside(path, self.root, self.real_root)
            except ReadError as exc:
                self.resolved[path] = exc
        found = self.resolved[path]
        if isinstance(found, ReadError):
            raise ReadError(found.code, found.message, found.line)  # a fresh traceback
        return found

    def hint(self, path: Path, shown: str) -> str:
        """`_nearby(path, shown)`, remembered."""
        key = (path, shown)
        if key not in self.nearby:
            if path.parent not in self.names:
                self.names[path.parent] = _names(path.parent)
            self.nearby[key] = _nearby(path, shown, self.names[path.parent])
        return self.nearby[key]


def _check_link(
    ref: LessonRef,
    link: Link,
    target: Target,
    files: _Files,
    lessons: Lessons,
    report: Problems,
    course_known: bool,
    only_into: Path | None,
) -> None:
    at = {"column": link.column, "end_line": link.end_line, "end_column": link.end_column}
    if target.kind == "inert":
        report.warning(link.line, "link.inert", f"'{link.target}': {target.reason}", **at)
        return
    if target.kind == "anchor":
        if target.anchor and not files.has_anchor(ref, target.anchor):
            report.warning(
                link.line,
                "link.anchor",
                f"no heading in this lesson has the anchor '#{target.anchor}'"
                + did_you_mean(target.anchor, ref.slugs, quote="'#{}'"),
                **at,
            )
        return
    if target.kind != "relative" or target.path is None:
        return
    path = ref.path.parent / str(target.path)
    shown = str(target.path)
    if only_into is not None:
        try:
            if files.resolve(path) != only_into:
                return
        except ReadError:
            return
    if not files.within(path):
        report.error(link.line, "link.outside-course", f"'{shown}' leads outside the course", **at)
        return
    try:
        real = files.resolve(path)
    except ReadError as exc:
        if exc.code == "file.outside-course":
            report.error(
                link.line, "link.outside-course", f"'{shown}' leads outside the course", **at
            )
        else:
            what = "is a symlink loop" if exc.code == "file.symlink-loop" else "does not exist"
            if link.image:
                report.error(
                    link.line,
                    "image.missing",
                    f"image '{shown}' {what}{files.hint(path, shown)}",
                    **at,
                )
            elif exc.code == "file.symlink-loop":
                report.error(link.line, "link.missing", f"link to '{shown}' {what}", **at)
            else:
                report.error(
                    link.line,
                    "link.missing",
                    f"link to '{shown}' points at nothing that exists{files.hint(path, shown)}",
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
    if target.anchor and other.ok and not files.has_anchor(other, target.anchor):
        report.warning(
            link.line,
            "link.anchor",
            f"'{other.title or other.id}' has no heading with the anchor '#{target.anchor}'"
            + did_you_mean(target.anchor, other.slugs, quote="'#{}'"),
            **at,
        )


def _nearby(path: Path, shown: str, names: list[str] | None = None) -> str:
    """A hint for a missing file: a close name in its folder, or a web address."""
    if shown.lower().startswith("www."):
        return f" (for a web page, write 'https://{shown}')"
    if names is None:
        names = _names(path.parent)
    if names is None:
        return ""
    if path.name + ".md" in names:
        return f" (did you mean '{shown}.md'?)"
    return did_you_mean(path.name, names)


def _missing(path: Path) -> bool:
    """Whether `path` surely does not exist (what `resolve_inside` reports as 'no such
    file'); a loop or any other error is left to it."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def _names(folder: Path) -> list[str] | None:
    try:
        return [entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except (OSError, ValueError):
        return None
