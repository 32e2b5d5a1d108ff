"""A cache of what each lesson tells the others (`LessonRef`), for fast single-lesson
checks.

`leadtutor check one.md` must know every other lesson's ids, anchors and links, and
parsing 1,000 lessons for that would take seconds. The index keeps each lesson's
`LessonRef` (and the parsed `course.lock`) in one JSON file per course, keyed by the
file's size, inode and change times: a file that changed in any way is parsed again.
The index lives in the user's cache folder (owner-only), never in the course, and is
only ever an accelerator: a missing, corrupt or foreign index is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Final

from leadtutor import __version__
from leadtutor.core.course_checks import LessonRef
from leadtutor.core.lock import LOCK_FILE, Lock, read_lock
from leadtutor.core.model import Link
from leadtutor.core.problems import Problems
from leadtutor.core.reader import safe_resolve

SCHEMA: Final = 1
_CORE: Final = Path(__file__).resolve().parent


def _fingerprint() -> str:
    """Changes whenever leadtutor's parser might give different results."""
    stamps = []
    for path in sorted(_CORE.glob("*.py")):
        with contextlib.suppress(OSError):
            stamps.append(f"{path.name}:{path.stat().st_mtime_ns}")
    return f"{__version__}|{SCHEMA}|{hashlib.sha256('|'.join(stamps).encode()).hexdigest()[:16]}"


def stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]


class Index:
    """The cached `LessonRef`s of one course (a no-op without a cache folder)."""

    def __init__(self, root: Path, cache_dir: Path | None) -> None:
        self.root = root
        self.real_root = str(safe_resolve(root))
        self.file: Path | None = None
        self.entries: dict[str, Any] = {}
        self.dirty = False
        if cache_dir is None:
            return
        name = hashlib.sha256(self.real_root.encode()).hexdigest()[:24]
        self.file = cache_dir / f"{name}.json"
        self.fingerprint = _fingerprint()
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (
            isinstance(data, dict)
            and data.get("fingerprint") == self.fingerprint
            and data.get("root") == self.real_root
            and isinstance(data.get("entries"), dict)
        ):
            self.entries = data["entries"]

    def ref(self, path: Path, module: str) -> LessonRef:
        """The `LessonRef` of the lesson at `path`, parsing it only if it changed."""
        from leadtutor.core.catalog import read_lesson

        key = path.relative_to(self.root).as_posix()
        now = stamp(path)
        entry = self.entries.get(key)
        if now is not None and isinstance(entry, dict) and entry.get("stamp") == now:
            try:
                return _decode(entry["ref"], path)
            except (KeyError, TypeError, ValueError):
                pass
        ref = LessonRef.of(read_lesson(path, self.root, module, Problems(path)))
        self.remember(ref, now)
        return ref

    def remember(self, ref: LessonRef, taken: list[int] | None = None) -> None:
        """Record a freshly parsed lesson (`taken`: its stamp from before reading it)."""
        if self.file is None or not ref.path.is_relative_to(self.root):
            return
        key = ref.path.relative_to(self.root).as_posix()
        if taken is None:
            self.entries.pop(key, None)
        else:
            self.entries[key] = {"stamp": taken, "ref": _encode(ref)}
        self.dirty = True

    def lock(self, problems: Problems) -> Lock | None:
        """`course.lock`, parsed (from the cache when the file has not changed)."""
        path = self.root / LOCK_FILE
        now = stamp(path)
        entry = self.entries.get(LOCK_FILE)
        if now is not None and isinstance(entry, dict) and entry.get("stamp") == now:
            with contextlib.suppress(KeyError, TypeError):
                return Lock.from_json(entry["lock"])
        start = len(problems.items)
        lock = read_lock(self.root, problems)
        if lock is not None and now is not None and len(problems.items) == start:
            self.entries[LOCK_FILE] = {"stamp": now, "lock": lock.as_json()}
            self.dirty = self.file is not None
        return lock

    def save(self) -> None:
        """Write the index if it changed (atomically, owner-only); failures are ignored."""
        if self.file is None or not self.dirty:
            return
        data = {"fingerprint": self.fingerprint, "root": self.real_root, "entries": self.entries}
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.file.parent, prefix=".index-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"))
            Path(temp).replace(self.file)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                Path(temp).unlink()
            return
        self.dirty = False


def _encode(ref: LessonRef) -> list[Any]:
    return [
        ref.id,
        ref.ok,
        ref.title,
        [list(p) for p in ref.prompts],
        sorted(ref.slugs),
        [[link.target, link.line, link.image, link.column] for link in ref.links],
    ]


def _decode(data: list[Any], path: Path) -> LessonRef:
    lesson_id, ok, title, prompts, slugs, links = data
    return LessonRef(
        id=str(lesson_id),
        path=path,
        ok=bool(ok),
        prompts=tuple((str(p[0]), str(p[1]), int(p[2])) for p in prompts),
        slugs=frozenset(slugs),
        links=tuple(Link(str(t), int(n), bool(i), c) for t, n, i, c in links),
        title=str(title),
    )
