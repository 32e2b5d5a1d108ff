"""`leadtutor check --update-lock`: write `course.lock` from the course as it is.

Refuses (exit 1, lock unchanged) while the course has errors, or when a locked id would
disappear or change kind without `--retire ID --reason "..."`. `--options-from DIR`
records the choice options of an earlier copy of the course as each choice's oldest.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from leadtutor.core import load_course
from leadtutor.core.course_checks import LessonRef
from leadtutor.core.course_files import find_course_root
from leadtutor.core.lock import LOCK_FILE, read_lock, render_lock
from leadtutor.core.lock_check import plan_update
from leadtutor.core.lock_options import EarlierOptions
from leadtutor.core.model import ChoicePrompt
from leadtutor.core.problems import Problems
from leadtutor.core.reader import here, kind_of


def update_lock(
    path: Path, retire: Sequence[str], reason: str, options_from: Path | None = None
) -> int:
    """Write `course.lock` for the course at (or holding) `path`; return the exit status."""
    root = find_course_root(path if kind_of(path) == "dir" else path.parent)
    if root is None:
        print(f"leadtutor: no course.toml at or above {path}", file=sys.stderr)
        return 1
    course = load_course(root)
    blocking = [p for p in course.problems if p.level == "error" and not p.code.startswith("lock.")]
    if blocking:
        for problem in blocking:
            print(problem.format(relative_to=here()))
        print(
            f"leadtutor: course.lock not written: fix the {len(blocking)} error(s) above first",
            file=sys.stderr,
        )
        return 1
    first = None
    if options_from is not None:
        first = _options_of(options_from, course.id)
        if first is None:
            return 1
    old = read_lock(root, Problems(root / LOCK_FILE))
    refs = [LessonRef.of(lesson, root) for lesson in course.lessons]
    new, refusals = plan_update(
        refs, course.id, old, retire, reason, version=course.version, first=first
    )
    if new is None:
        for refusal in refusals:
            print(f"leadtutor: {refusal}", file=sys.stderr)
        print("leadtutor: course.lock not written", file=sys.stderr)
        return 1
    text = render_lock(new)
    target = root / LOCK_FILE
    previous = None
    with contextlib.suppress(OSError):
        previous = target.read_text(encoding="utf-8")
    if text != previous:
        try:
            _write(target, text)
        except OSError as exc:
            print(f"leadtutor: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    prompts = sum(len(entries) for entries in new.lessons.values())
    added = prompts - (sum(len(e) for e in old.lessons.values()) if old else 0)
    change = "unchanged" if text == previous else "written"
    shown = target.relative_to(cwd) if (cwd := here()) and target.is_relative_to(cwd) else target
    before = {pid: len(e.earlier) for pid, e in old.options.items()} if old else {}
    moved = sum(1 for pid, e in new.options.items() if len(e.earlier) > before.get(pid, 0))
    print(
        f"{shown}: {change}: {len(new.lessons)} lesson(s), {prompts} prompt(s)"
        + (f", {added:+d} prompt(s)" if old and added else "")
        + (f", retired {', '.join(retire)}" if retire else "")
        + (f", earlier options kept for {moved} choice(s)" if moved else ""),
        file=sys.stderr,
    )
    return 0


def _options_of(path: Path, course_id: str) -> EarlierOptions | None:
    """Every choice's options in the course at `path` (None, with a message, if it is
    not a copy of this course)."""
    root = find_course_root(path if kind_of(path) == "dir" else path.parent)
    earlier = load_course(root) if root is not None else None
    if earlier is None or earlier.id != course_id or not earlier.lessons:
        print(
            f"leadtutor: --options-from {path}: not a copy of course '{course_id}'",
            file=sys.stderr,
        )
        return None
    return {
        prompt.id: (earlier.version, prompt.option_list)
        for lesson in earlier.lessons
        for prompt in lesson.prompts
        if isinstance(prompt, ChoicePrompt) and prompt.options
    }


def _write(target: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".course.lock-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(temp).chmod(0o644)
        Path(temp).replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
