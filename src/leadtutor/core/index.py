"""A cache of what each lesson tells the others, for fast single-lesson checks.

`leadtutor check one.md` must know every other lesson's ids, anchors and links into
it, and parsing 1,000 lessons for that takes seconds. The index keeps, per course, each
lesson's `LessonRef` facts, the parsed `course.lock`, and the course's layout (module
folders and lesson names, with the warnings found while listing them). Each file entry
is keyed by the file's size, inode and change times, the layout by its folders' change
times; an entry changed less than two seconds before it was recorded is not trusted
(a second change in the same clock tick could go unseen), so it is parsed again.

The index lives in the user's cache folder (owner-only), never in the course, and is
only ever an accelerator: a missing, corrupt or foreign index is ignored. It is stored
with `marshal` (plain tuples, dicts and strings), like Python's own `__pycache__`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, cast
from urllib.parse import unquote

from leadtutor import __version__
from leadtutor.core.course_checks import LessonRef
from leadtutor.core.course_config import CourseConfig
from leadtutor.core.course_files import ModuleDir
from leadtutor.core.links import classify
from leadtutor.core.lock import LOCK_FILE, Lock, read_lock
from leadtutor.core.problems import Problem, Problems
from leadtutor.core.reader import safe_resolve

SCHEMA: Final = 3
SETTLED_NS: Final = 2_000_000_000
"""A file changed less than this long before it was stamped is not cached."""
_CORE: Final = Path(__file__).resolve().parent
Stamp = tuple[int, int, int, int]
Entry = tuple[Stamp, str, bool, str, tuple[str, ...], str, str, str, str]
"""A lesson as stored: stamp, id, ok, title, prompt ids, then text blobs (prompts,
anchors, relative links as tab-separated lines; the decoded link targets to search)."""
Layout = tuple[str, str, tuple[str, ...]]
"""A module as (slug, folder, lesson files), relative to the course."""


@functools.cache
def _fingerprint() -> str:
    """Changes whenever leadtutor's checker might give different results."""
    stamps = []
    for path in sorted(_CORE.glob("*.py")):
        with contextlib.suppress(OSError):
            stamps.append(f"{path.name}:{path.stat().st_mtime_ns}")
    return f"{__version__}|{SCHEMA}|{'|'.join(stamps)}"


def stamp(path: Path | str) -> Stamp | None:
    """The file's (size, inode, mtime, ctime), or None if it cannot be stat'ed."""
    try:
        info = os.stat(path)  # noqa: PTH116 (a str path: no Path object per lesson)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


def settled(taken: Stamp | None, now: int) -> bool:
    """Whether a stamp is old enough to be trusted later."""
    return taken is not None and taken[2] < now - SETTLED_NS


class Index:
    """The cached facts about one course (a no-op without a cache folder)."""

    def __init__(self, root: Path, cache_dir: Path | None) -> None:
        self.root = root
        self.base = str(root)
        self.real_root = str(safe_resolve(root))
        self.file: Path | None = None
        self.entries: dict[str, Any] = {}
        self.dirty = False
        self.now = time.time_ns()
        self.fingerprint = ""
        if cache_dir is None:
            return
        self.fingerprint = _fingerprint()
        name = hashlib.sha256(self.real_root.encode()).hexdigest()[:24]
        self.file = cache_dir / f"{name}.idx"
        try:
            data = marshal.loads(self.file.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if (
            isinstance(data, dict)
            and data.get("fingerprint") == self.fingerprint
            and data.get("root") == self.real_root
            and isinstance(data.get("entries"), dict)
        ):
            self.entries = data["entries"]

    # -- lessons ------------------------------------------------------------------------

    def entry(self, rel: str, module: str) -> Entry:
        """The facts about the lesson at `rel` (relative to the course) as stored,
        parsing the file only if it changed."""
        from leadtutor.core.catalog import read_lesson

        now = stamp(f"{self.base}/{rel}")
        entry = self.entries.get(rel)
        if now is not None and entry is not None and entry[0] == now and len(entry) == 9:
            return cast(Entry, entry)
        path = self.root / rel
        ref = LessonRef.of(read_lesson(path, self.root, module, Problems(path)), self.root)
        return self.remember(ref, now)

    def entries_of(self, lessons: list[tuple[str, str]]) -> dict[str, Entry]:
        """`entry()` for many (module, file) pairs at once (one stat each: this is the
        hot loop of checking one lesson in a large course)."""
        base, get, found = self.base + os.sep, self.entries.get, {}
        for module, rel in lessons:
            try:
                info = os.stat(base + rel)  # noqa: PTH116 (a str path: no Path per lesson)
                now: Stamp | None = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
            except (OSError, ValueError):
                now = None
            entry = get(rel)
            if now is not None and entry is not None and entry[0] == now and len(entry) == 9:
                found[rel] = entry
            else:
                found[rel] = self.entry(rel, module)
        return found

    def ref(self, rel: str, entry: Entry) -> LessonRef:
        """The `LessonRef` of a stored entry."""
        _, lesson_id, ok, title, _, prompts, slugs, links, _ = entry
        return LessonRef(
            lesson_id,
            ok,
            tuple((p[0], p[1], int(p[2])) for p in _rows(prompts)),
            tuple(slugs.split("\n")) if slugs else (),
            title,
            tuple((t, int(n), i == "1", int(c) if c else None) for t, n, i, c in _rows(links)),
            root=self.root,
            rel=rel,
        )

    def remember(self, ref: LessonRef, taken: Stamp | None) -> Entry:
        """Record a lesson parsed from a file whose stamp was `taken` before reading
        (only a settled one is kept); return its entry."""
        relative = [raw for raw in ref.raw_links if classify(raw[0]).kind == "relative"]
        entry: Entry = (
            taken or (0, 0, 0, 0),
            ref.id,
            ref.ok,
            ref.title,
            tuple(p[0] for p in ref.prompts),
            "\n".join(f"{pid}\t{kind}\t{line}" for pid, kind, line in ref.prompts),
            "\n".join(ref.slugs),
            "\n".join(f"{t}\t{n}\t{int(i)}\t{'' if c is None else c}" for t, n, i, c in relative),
            "\n".join(unquote(raw[0]) for raw in relative),
        )
        if self.file is None:
            return entry
        if not settled(taken, self.now):
            if self.entries.pop(ref.rel, None) is not None:
                self.dirty = True
        elif self.entries.get(ref.rel) != entry:
            self.entries[ref.rel] = entry
            self.dirty = True
        return entry

    # -- course.lock and the layout -----------------------------------------------------

    def lock(self, problems: Problems) -> Lock | None:
        """`course.lock`, parsed (from the index when the file has not changed)."""
        now = stamp(self.root / LOCK_FILE)
        entry = self.entries.get(":lock")
        if now is not None and entry is not None and entry[0] == now:
            with contextlib.suppress(TypeError, KeyError, IndexError, ValueError):
                return Lock.from_compact(entry[1], self.root / LOCK_FILE)
        start = len(problems.items)
        lock = read_lock(self.root, problems)
        unchanged = len(problems.items) == start
        if self.file is not None and lock is not None and unchanged and settled(now, self.now):
            self.entries[":lock"] = (now, lock.compact())
            self.dirty = True
        return lock

    def layout(
        self,
        config: CourseConfig,
        scan: Callable[[Problems], tuple[ModuleDir, ...]],
        problems: Problems,
        *,
        fresh: bool = False,
    ) -> tuple[Layout, ...]:
        """The course's modules as (slug, folder, lesson files), all relative to the
        course (`scan` lists them when a folder changed); the warnings found while
        listing go to `problems` either way."""
        key = (config.found, config.assets)
        entry = self.entries.get(":layout")
        if (
            not fresh
            and entry is not None
            and entry[0] == key
            and self._folders_unchanged(entry[1])
        ):
            with contextlib.suppress(TypeError, ValueError, IndexError):
                problems.items.extend(
                    Problem(self.root / p[0], p[1], p[2], p[3], p[4], p[5]) for p in entry[3]
                )
                layout: tuple[Layout, ...] = entry[2]
                return layout
        folders = self._folder_stamps()
        seen = len(problems.items)
        layout = tuple(
            (m.slug, _rel(m.path, self.root), tuple(_rel(p, self.root) for p in m.lessons))
            for m in scan(problems)
        )
        if self.file is not None and all(settled(s, self.now) for s in folders.values()):
            self.entries[":layout"] = (
                key,
                folders,
                layout,
                tuple(
                    (_rel(p.path, self.root), p.line, p.level, p.code, p.message, p.column)
                    for p in problems.items[seen:]
                ),
            )
            self.dirty = True
        return layout

    def _folder_stamps(self) -> dict[str, Stamp | None]:
        folders: dict[str, Stamp | None] = {"": stamp(self.root)}
        try:
            with os.scandir(self.root) as entries:
                for entry in entries:
                    with contextlib.suppress(OSError):
                        if entry.is_dir() and not entry.name.startswith("."):
                            folders[entry.name] = stamp(entry.path)
        except OSError:
            folders[""] = None
        return folders

    def _folders_unchanged(self, folders: dict[str, Stamp | None]) -> bool:
        return all(
            taken is not None and stamp(f"{self.base}/{name}" if name else self.base) == taken
            for name, taken in folders.items()
        )

    def save(self) -> None:
        """Write the index if it changed (atomically, owner-only); failures are ignored."""
        if self.file is None or not self.dirty:
            return
        data = {"fingerprint": self.fingerprint, "root": self.real_root, "entries": self.entries}
        temp = ""
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.file.parent, prefix=".index-", suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(data))
            Path(temp).replace(self.file)
        except (OSError, ValueError):
            if temp:
                with contextlib.suppress(OSError):
                    Path(temp).unlink()
            return
        self.dirty = False


def _rows(blob: str) -> list[list[str]]:
    return [line.split("\t") for line in blob.split("\n")] if blob else []


def _rel(path: Path, root: Path) -> str:
    text, base = str(path), str(root)
    return text[len(base) + 1 :] if text.startswith(base + os.sep) else text
