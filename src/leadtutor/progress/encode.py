"""Turn `Progress` into the bytes of a progress file.

The file is UTF-8 JSON laid out for people: top-level sections and records are indented
one field per line, small values (a history entry, a choice value) stay on one line, and
every map is sorted by key, so two saves of the same data give the same bytes. See
`docs/progress-format.md`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final, TypeVar

from leadtutor.progress.model import (
    CHOICE_OPTIONS,
    SCHEMA_VERSION,
    Answer,
    AnswerValue,
    ChoiceValue,
    Commitment,
    CommitValue,
    Draft,
    LessonProgress,
    Progress,
    ResumePoint,
    format_time,
)

_json: Final = json.JSONEncoder(ensure_ascii=False).encode
R = TypeVar("R")


def encode_value(value: AnswerValue) -> object:
    """The JSON form of an answer value; its shape tells its kind."""
    if isinstance(value, ChoiceValue):
        return {"selected": list(value.selected), "correct": value.correct}
    if isinstance(value, CommitValue):
        return {"text": value.text, "follow_up_days": value.follow_up_days}
    return value


class EncodeCache:
    """Remembers the encoded text of records, so a save re-encodes only what changed.

    Records are immutable, so a record that is the same object as last time encodes to
    the same text.
    """

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], tuple[object, str]] = {}

    def get(self, section: str, key: str, record: R, render: Callable[[R], str]) -> str:
        """Return the cached text for `record`, rendering it if it changed."""
        slot = (section, key)
        hit = self._texts.get(slot)
        if hit is not None and hit[0] is record:
            return hit[1]
        text = render(record)
        self._texts[slot] = (record, text)
        return text


def _fields(pairs: list[tuple[str, object]], indent: str) -> str:
    """An object with one `"key": value` per line, closed at `indent`."""
    inner = ",\n".join(f"{indent}  {_json(key)}: {_json(val)}" for key, val in pairs)
    return "{\n" + inner + "\n" + indent + "}"


def _optional(moment: datetime | None) -> str | None:
    return None if moment is None else format_time(moment)


def _render_answer(answer: Answer) -> str:
    head = _fields(
        [
            ("lesson_id", answer.lesson_id),
            ("kind", answer.kind),
            ("value", encode_value(answer.value)),
            ("created_at", format_time(answer.created_at)),
            ("updated_at", format_time(answer.updated_at)),
        ],
        "    ",
    ).removesuffix("\n    }")
    entries = ",\n".join(
        "        " + _json({"value": encode_value(rev.value), "at": format_time(rev.at)})
        for rev in answer.history
    )
    history = '"history": []' if not entries else '"history": [\n' + entries + "\n      ]"
    return head + ",\n      " + history + "\n    }"


def _render_lesson(lesson: LessonProgress) -> str:
    return _fields(
        [
            ("status", lesson.status),
            ("first_opened", _optional(lesson.first_opened)),
            ("completed_at", _optional(lesson.completed_at)),
            ("updated_at", _optional(lesson.updated_at)),
        ],
        "    ",
    )


def _render_commitment(item: Commitment) -> str:
    outcome = None
    if item.outcome is not None:
        on = item.outcome.on
        outcome = {
            "result": item.outcome.result,
            "note": item.outcome.note,
            "on": None if on is None else on.isoformat(),
        }
    return _fields(
        [
            ("prompt_id", item.prompt_id),
            ("lesson_id", item.lesson_id),
            ("text", item.text),
            ("follow_up_days", item.follow_up_days),
            ("committed_on", item.committed_on.isoformat()),
            ("due_on", item.due_on.isoformat()),
            ("outcome", outcome),
            ("updated_at", _optional(item.updated_at)),
        ],
        "    ",
    )


def _render_draft(draft: Draft) -> str:
    return _fields(
        [
            ("lesson_id", draft.lesson_id),
            ("text", draft.text),
            ("updated_at", format_time(draft.updated_at)),
        ],
        "    ",
    )


def _point_fields(point: ResumePoint) -> list[tuple[str, object]]:
    fields: list[tuple[str, object]] = [
        ("block", point.block),
        ("scroll", point.scroll),
        ("prompt_id", point.prompt_id),
    ]
    if point.line is not None:  # absent rather than null: older readers never see it
        fields += [("line", point.line), ("chars", point.chars)]
    return [*fields, ("updated_at", _optional(point.updated_at))]


def _render_resume(resume: ResumePoint | None) -> str:
    if resume is None:
        return "null"
    return _fields([("lesson_id", resume.lesson_id), *_point_fields(resume)], "  ")


def _render_position(point: ResumePoint) -> str:
    return _fields(_point_fields(point), "    ")


def _values(answer: Answer) -> list[tuple[datetime, AnswerValue]]:
    return [*((r.at, r.value) for r in answer.history), (answer.updated_at, answer.value)]


def _render_options(answer: Answer) -> str:
    """The fingerprints each of an answer's choice values was given, by its time."""
    found: dict[str, list[str]] = {}
    for at, value in _values(answer):
        if isinstance(value, ChoiceValue) and value.options is not None:
            found.setdefault(format_time(at), list(value.options))
    return _fields(sorted(found.items()), "    ")


def _section(
    name: str, records: Mapping[str, R], render: Callable[[R], str], cache: EncodeCache
) -> str:
    if not records:
        return f"  {_json(name)}: {{}}"
    body = ",\n".join(
        f"    {_json(key)}: {cache.get(name, key, records[key], render)}" for key in sorted(records)
    )
    return f"  {_json(name)}: {{\n{body}\n  }}"


def encode(progress: Progress, cache: EncodeCache | None = None) -> bytes:
    """Serialize progress to the bytes of a progress file.

    Text is written as UTF-8 so the file stays readable. A lone surrogate (such as
    `"\\ud800"` from a hand-edited file), which UTF-8 cannot hold, is written as the
    JSON escape `\\ud800`, which reads back as the same string. JSON escapes every
    backslash in text as `\\\\`, so the added escape can never be mistaken for text.

    Args:
        progress: What to write.
        cache: Reuse the text of records unchanged since the last call with this cache.

    Returns:
        The file's bytes.
    """
    cache = cache or EncodeCache()
    parts = [
        f'  "schema_version": {SCHEMA_VERSION}',
        f'  "course_id": {_json(progress.course_id)}',
        f'  "resume": {_render_resume(progress.resume)}',
        _section("lessons", progress.lessons, _render_lesson, cache),
        _section("answers", progress.answers, _render_answer, cache),
        _section("commitments", progress.commitments, _render_commitment, cache),
        _section("drafts", progress.drafts, _render_draft, cache),
    ]
    if progress.positions:  # left out when empty, so a file without positions is unchanged
        parts.append(_section("positions", progress.positions, _render_position, cache))
    given = {
        pid: answer
        for pid, answer in progress.answers.items()
        if any(isinstance(v, ChoiceValue) and v.options is not None for _, v in _values(answer))
    }
    if given:  # its own section, so older versions keep it as an unknown key (see decode)
        parts.append(_section(CHOICE_OPTIONS, given, _render_options, cache))
    extra = {k: v for k, v in progress.extra.items() if k != CHOICE_OPTIONS}
    parts.extend(f"  {_json(key)}: {_json(extra[key])}" for key in sorted(extra))
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    return text.encode("utf-8", "backslashreplace")
