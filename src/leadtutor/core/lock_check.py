"""Compare a course with its `course.lock`, and plan an update of the lock.

`check_lock` reports a published id that is gone (`lock.removed`), a prompt whose kind
changed (`lock.kind-changed`), a retired id used again (`lock.reused`), a lock written
for another course id (`lock.course-id`), and, as warnings, ids not in the lock yet
(`lock.unlisted`) and choices whose options changed (`lock.options-changed`, in
`lock_options.py`). `plan_update` builds the new lock, or says why it must not be
written (a locked id would silently disappear).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from leadtutor.core.course_checks import LessonRef
from leadtutor.core.lock import LOCK_FILE, RETIRE_HINT, Lock, lock_of
from leadtutor.core.lock_options import EarlierOptions, check_options, plan_options
from leadtutor.core.problems import Problems

UPDATE_HINT = "run `leadtutor check --update-lock` when you publish, so a later rename is caught"


def check_lock(
    refs: Sequence[LessonRef],
    lock: Lock,
    course_id: str,
    root: Path,
    problems: Problems,
    focus: LessonRef | None = None,
) -> None:
    """Report every difference between the course (`refs`) and its lock."""
    path = root / LOCK_FILE
    if lock.course != course_id and focus is None:
        problems.at(path).error(
            lock.line("course"),
            "lock.course-id",
            f"course.lock is for course '{lock.course}' but course.toml says '{course_id}'; "
            "the course id names every learner's progress file, so change it back (if the "
            "course was never published, delete course.lock and run --update-lock)",
        )
    lessons = {ref.id: ref for ref in reversed(refs)}
    prompts = {pid: (ref, kind, line) for ref in reversed(refs) for pid, kind, line in ref.prompts}
    locked = lock.owners
    wanted: Iterable[tuple[str, Mapping[str, str]]] = lock.lessons.items()
    if focus is not None:  # only lessons of the lock that the focused lesson takes part in
        owners = {focus.id, *(lock.owners.get(pid) for pid, _, _ in focus.prompts)}
        wanted = [(lid, lock.lessons[lid]) for lid in lock.lessons if lid in owners]
    for lesson_id, entries in wanted:
        current = lessons.get(lesson_id)
        if current is None:
            _lesson_gone(lesson_id, entries, prompts, lock, path, problems, focus)
        for prompt_id, kind in entries.items():
            found = prompts.get(prompt_id)
            if found is None:
                if focus is None or current is focus:
                    _prompt_gone(prompt_id, kind, lesson_id, current, locked, lock, path, problems)
            elif found[1] != kind and (focus is None or found[0] is focus):
                problems.at(found[0].path).error(
                    found[2],
                    "lock.kind-changed",
                    f"prompt '{prompt_id}' was published as a {{{kind}}} and is now a "
                    f"{{{found[1]}}}; saved answers would not fit. Keep it a {{{kind}}}, or "
                    "give this prompt a new id and "
                    + RETIRE_HINT.format(id=prompt_id).replace("retire it", "retire the old one"),
                )
    for ref in refs:
        if focus is None or ref is focus:
            _new_ids(ref, lock, locked, problems)
    check_options(refs, lock, problems, focus)


def _lesson_gone(
    lesson_id: str,
    entries: Mapping[str, str],
    prompts: dict[str, tuple[LessonRef, str, int]],
    lock: Lock,
    path: Path,
    problems: Problems,
    focus: LessonRef | None,
) -> None:
    holders = [prompts[pid][0] for pid in entries if pid in prompts]
    holder = max(set(holders), key=holders.count) if holders else None
    if holder is not None and holder.id not in lock.lessons:
        if focus is None or holder is focus:
            problems.at(holder.path).error(
                1,
                "lock.removed",
                f"lesson id '{lesson_id}' is published in course.lock, but no lesson has it "
                f"now, and this lesson (id '{holder.id}') holds its prompts: learners' progress "
                f"is saved under '{lesson_id}', so put back 'id: {lesson_id}', or "
                + RETIRE_HINT.format(id=lesson_id),
            )
        return
    if focus is None:
        problems.at(path).error(
            lock.line(f"lesson:{lesson_id}"),
            "lock.removed",
            f"lesson '{lesson_id}' is published in course.lock but no lesson has that id now; "
            f"learners' progress on it would be hidden: restore the lesson (or its 'id:'), or "
            f"{RETIRE_HINT.format(id=lesson_id)}",
        )


def _prompt_gone(
    prompt_id: str,
    kind: str,
    lesson_id: str,
    current: LessonRef | None,
    locked: Mapping[str, str],
    lock: Lock,
    path: Path,
    problems: Problems,
) -> None:
    close: list[str] = []
    if current is not None:
        new = [pid for pid, k, _ in current.prompts if k == kind and pid not in locked]
        close = difflib.get_close_matches(prompt_id, new, n=1, cutoff=0.0) if new else []
    fix = f"if you renamed it to '{close[0]}', put the old id back" if close else "put it back"
    message = (
        f"prompt '{prompt_id}' ({{{kind}}}) is published in course.lock but is no longer in "
        f"the course, so learners' answers to it would be hidden: {fix} (you may change its "
        f"question, or move it to another lesson), or {RETIRE_HINT.format(id=prompt_id)}"
    )
    if current is not None:
        line = next((n for pid, _, n in current.prompts if close and pid == close[0]), 1)
        problems.at(current.path).error(line, "lock.removed", message)
    else:
        problems.at(path).error(lock.line(f"prompt:{prompt_id}"), "lock.removed", message)


def _new_ids(ref: LessonRef, lock: Lock, locked: Mapping[str, str], problems: Problems) -> None:
    report = problems.at(ref.path)
    if ref.id in lock.retired_lessons:
        report.error(
            1,
            "lock.reused",
            f"lesson id '{ref.id}' was retired ({lock.retired_lessons[ref.id] or 'no reason'}); "
            "old progress would attach to this lesson: choose another id, or delete it from "
            "[retired.lessons] in course.lock to bring the lesson back",
        )
    fresh: list[tuple[str, int]] = []
    for prompt_id, _, line in ref.prompts:
        if prompt_id in lock.retired_prompts:
            reason = lock.retired_prompts[prompt_id].get("reason") or "no reason"
            report.error(
                line,
                "lock.reused",
                f"prompt id '{prompt_id}' was retired ({reason}); old answers would show under "
                "this question: choose another id, or delete it from [retired.prompts] in "
                "course.lock to bring it back",
            )
        elif prompt_id not in locked:
            fresh.append((prompt_id, line))
    if ref.id not in lock.lessons and ref.id not in lock.retired_lessons:
        names = f" and its {len(fresh)} prompt(s)" if fresh else ""
        report.warning(
            1, "lock.unlisted", f"lesson '{ref.id}'{names} not in course.lock yet; {UPDATE_HINT}"
        )
        return
    for prompt_id, line in fresh:
        report.warning(
            line, "lock.unlisted", f"prompt '{prompt_id}' is not in course.lock yet; {UPDATE_HINT}"
        )


def plan_update(
    refs: Sequence[LessonRef],
    course_id: str,
    old: Lock | None,
    retire: Sequence[str],
    reason: str,
    *,
    version: str = "",
    first: EarlierOptions | None = None,
) -> tuple[Lock | None, list[str]]:
    """Return the new lock, or None and the reasons it must not be written.

    Args:
        refs: The course's lessons in order.
        course_id: The id in course.toml.
        old: The current lock, if any.
        retire: Ids (lesson or prompt) that the author retires on purpose.
        reason: Why (required with `retire`).
        version: The course version, recorded with choice options locked now.
        first: Choice options of an earlier copy of the course, kept as each prompt's
            oldest options (`--options-from`).
    """
    new = lock_of(course_id, [(r.id, [(pid, kind) for pid, kind, _ in r.prompts]) for r in refs])
    new.options = plan_options(refs, old, version, first)
    if old is None:
        if retire:
            return None, ["there is no course.lock yet, so there is nothing to retire"]
        return new, []
    refusals: list[str] = []
    if old.course != course_id:
        refusals.append(
            f"course.lock is for course '{old.course}' but course.toml says '{course_id}'"
        )
    if retire and not reason.strip():
        refusals.append('--retire needs --reason "why" (it is kept in course.lock)')
    current_prompts = {pid: kind for r in refs for pid, kind, _ in r.prompts}
    current_lessons = {r.id for r in refs}
    new.retired_prompts = dict(old.retired_prompts)
    new.retired_lessons = dict(old.retired_lessons)
    wanted = set(retire)
    for lesson_id, entries in old.lessons.items():
        if lesson_id not in current_lessons:
            if lesson_id in wanted:
                new.retired_lessons[lesson_id] = reason.strip()
                wanted.discard(lesson_id)
            else:
                refusals.append(f"lesson '{lesson_id}' is gone; {RETIRE_HINT.format(id=lesson_id)}")
        for prompt_id, kind in entries.items():
            now = current_prompts.get(prompt_id)
            if now is None and prompt_id in wanted:
                new.retired_prompts[prompt_id] = {
                    "kind": kind,
                    "lesson": lesson_id,
                    "reason": reason.strip(),
                }
                wanted.discard(prompt_id)
            elif now is None:
                refusals.append(f"prompt '{prompt_id}' is gone; {RETIRE_HINT.format(id=prompt_id)}")
            elif now != kind:
                refusals.append(
                    f"prompt '{prompt_id}' changed from {{{kind}}} to {{{now}}}; give the new "
                    "prompt a new id, then retire the old one"
                )
    refusals.extend(
        f"'{unknown}' cannot be retired: it is still in the course, or not in course.lock"
        for unknown in sorted(wanted)
    )
    refusals.extend(
        f"prompt id '{prompt_id}' was retired; choose another id"
        for prompt_id in current_prompts
        if prompt_id in new.retired_prompts
    )
    return (None, refusals) if refusals else (new, [])
