"""Read the bytes of a progress file into `Progress`.

Decoding never raises for bad content except `UnreadableFile` and `UnknownSchema`, which
mean the file as a whole cannot be used. A record that cannot be read is skipped and
counted in `Decoded.problems`, and so is a field this version does not know; the store
then keeps a copy of the original file, so nothing is lost by reading it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Final, TypeVar, cast

from leadtutor.progress.errors import UnknownSchema, UnreadableFile
from leadtutor.progress.migrate import upgrade
from leadtutor.progress.model import (
    CHOICE_OPTIONS,
    LESSON_STATUSES,
    OUTCOME_RESULTS,
    PROMPT_KINDS,
    Answer,
    AnswerValue,
    ChoiceValue,
    Commitment,
    CommitValue,
    Draft,
    LessonProgress,
    LessonStatus,
    Outcome,
    OutcomeResult,
    Progress,
    PromptKind,
    ResumePoint,
    Revision,
    value_kind,
)

__all__ = ["Decoded", "UnknownSchema", "UnreadableFile", "decode"]

_KNOWN_KEYS: Final = frozenset(
    {"schema_version", "course_id", "resume", "positions", CHOICE_OPTIONS}
    | {"lessons", "answers", "commitments", "drafts"}
)
_RECORD_FIELDS: Final = {
    "answers": frozenset({"lesson_id", "kind", "value", "created_at", "updated_at", "history"}),
    "lessons": frozenset({"status", "first_opened", "completed_at", "updated_at"}),
    "commitments": frozenset(
        {"prompt_id", "lesson_id", "text", "follow_up_days", "committed_on", "due_on"}
        | {"outcome", "updated_at"}
    ),
    "drafts": frozenset({"lesson_id", "text", "updated_at"}),
    "positions": frozenset({"block", "scroll", "prompt_id", "line", "chars", "updated_at"}),
}
R = TypeVar("R")


class BadRecord(ValueError):
    """One record does not have the expected shape."""


@dataclass(frozen=True)
class Decoded:
    """The result of reading a progress file."""

    progress: Progress
    problems: int = 0
    """Records or fields that could not be read and were skipped."""
    migrated_from: int | None = None
    """The file's schema version if it was older than the current one."""


def _time(raw: object) -> datetime:
    if not isinstance(raw, str):
        raise BadRecord("timestamp is not a string")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadRecord("bad timestamp") from exc
    if moment.tzinfo is None:
        raise BadRecord("timestamp without a time zone")
    return moment.astimezone(UTC)


def _optional_time(raw: object) -> datetime | None:
    return None if raw is None else _time(raw)


def _date(raw: object) -> date:
    if not isinstance(raw, str):
        raise BadRecord("date is not a string")
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise BadRecord("bad date") from exc


def _str(raw: object) -> str:
    if not isinstance(raw, str):
        raise BadRecord("expected text")
    return raw


def _int(raw: object, minimum: int = 0) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < minimum:
        raise BadRecord("expected a whole number")
    return raw


def _value(raw: object) -> AnswerValue:
    """An answer value from its self-describing JSON form."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, dict) and raw.keys() == {"selected", "correct"}:
        selected = raw["selected"]
        correct = raw["correct"]
        if not isinstance(selected, list):
            raise BadRecord("choice selection is not a list")
        if correct is not None and not isinstance(correct, bool):
            raise BadRecord("choice 'correct' is not true, false or null")
        return ChoiceValue(tuple(sorted({_int(i) for i in selected})), correct)
    if isinstance(raw, dict) and raw.keys() == {"text", "follow_up_days"}:
        return CommitValue(_str(raw["text"]), _int(raw["follow_up_days"]))
    raise BadRecord("unknown answer value")


def _answer(prompt_id: str, raw: Mapping[str, Any]) -> Answer:
    kind = raw.get("kind")
    if kind not in PROMPT_KINDS:
        raise BadRecord("unknown prompt kind")
    value = _value(raw.get("value"))
    if value_kind(value) != kind:
        raise BadRecord("value does not match the prompt kind")
    history_raw = raw.get("history", [])
    if not isinstance(history_raw, list):
        raise BadRecord("history is not a list")
    history: list[Revision] = []
    for entry in history_raw:
        if not isinstance(entry, dict) or entry.keys() != {"value", "at"}:
            raise BadRecord("bad history entry")
        history.append(Revision(_value(entry["value"]), _time(entry["at"])))
    history.sort(key=lambda rev: rev.at)
    return Answer(
        prompt_id=prompt_id,
        lesson_id=_str(raw.get("lesson_id")),
        kind=cast(PromptKind, kind),
        value=value,
        created_at=_time(raw.get("created_at")),
        updated_at=_time(raw.get("updated_at")),
        history=tuple(history),
    )


def _lesson(lesson_id: str, raw: Mapping[str, Any]) -> LessonProgress:
    status = raw.get("status")
    if status not in LESSON_STATUSES:
        raise BadRecord("unknown lesson status")
    return LessonProgress(
        lesson_id=lesson_id,
        status=cast(LessonStatus, status),
        first_opened=_optional_time(raw.get("first_opened")),
        completed_at=_optional_time(raw.get("completed_at")),
        updated_at=_optional_time(raw.get("updated_at")),
    )


def _outcome(raw: object) -> Outcome | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("result") not in OUTCOME_RESULTS:
        raise BadRecord("bad commitment outcome")
    note = raw.get("note")
    on = raw.get("on")
    return Outcome(
        result=cast(OutcomeResult, raw["result"]),
        note=None if note is None else _str(note),
        on=None if on is None else _date(on),
    )


def _commitment(commitment_id: str, raw: Mapping[str, Any]) -> Commitment:
    return Commitment(
        commitment_id=commitment_id,
        prompt_id=_str(raw.get("prompt_id")),
        lesson_id=_str(raw.get("lesson_id")),
        text=_str(raw.get("text")),
        follow_up_days=_int(raw.get("follow_up_days")),
        committed_on=_date(raw.get("committed_on")),
        due_on=_date(raw.get("due_on")),
        outcome=_outcome(raw.get("outcome")),
        updated_at=_optional_time(raw.get("updated_at")),
    )


def _draft(prompt_id: str, raw: Mapping[str, Any]) -> Draft:
    return Draft(
        prompt_id=prompt_id,
        lesson_id=_str(raw.get("lesson_id")),
        text=_str(raw.get("text")),
        updated_at=_time(raw.get("updated_at")),
    )


def _resume(raw: object) -> ResumePoint | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise BadRecord("resume point is not an object")
    return _point(_str(raw.get("lesson_id")), raw)


def _point(lesson_id: str, raw: Mapping[str, Any]) -> ResumePoint:
    """A resume point or a lesson's position (`line` and `chars` are optional: files
    written before they existed have neither)."""
    prompt_id = raw.get("prompt_id")
    line = raw.get("line")
    chars = raw.get("chars", 0)
    if not isinstance(chars, int) or isinstance(chars, bool):
        raise BadRecord("expected a whole number")
    return ResumePoint(
        lesson_id=lesson_id,
        block=_int(raw.get("block", 0)),
        scroll=_int(raw.get("scroll", 0)),
        prompt_id=None if prompt_id is None else _str(prompt_id),
        updated_at=_optional_time(raw.get("updated_at")),
        line=None if line is None else _int(line),
        chars=chars if line is not None else 0,
    )


class _Reader:
    """Reads the sections of a decoded JSON object, counting what it had to skip."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.problems = 0

    def section(self, name: str, build: Callable[[str, Mapping[str, Any]], R]) -> dict[str, R]:
        raw = self.doc.get(name, {})
        if not isinstance(raw, dict):
            self.problems += 1
            return {}
        records: dict[str, R] = {}
        for key, value in raw.items():
            if not isinstance(value, dict):
                self.problems += 1
                continue
            if not value.keys() <= _RECORD_FIELDS[name]:
                self.problems += 1  # unknown fields are not kept, so keep a copy of the file
            try:
                records[key] = build(key, value)
            except BadRecord:
                self.problems += 1
        return records

    def choice_options(self, answers: dict[str, Answer]) -> dict[str, Answer]:
        """`answers` with each choice value given the fingerprints `choice_options` holds
        for it (matched by prompt id and the time the value was written)."""
        raw = self.doc.get(CHOICE_OPTIONS, {})
        if not isinstance(raw, dict):
            self.problems += 1
            return answers
        found: dict[tuple[str, datetime], tuple[str, ...]] = {}
        for prompt_id, entries in raw.items():
            if not isinstance(entries, dict):
                self.problems += 1
                continue
            for at, prints in entries.items():
                try:
                    if not isinstance(prints, list) or not all(isinstance(p, str) for p in prints):
                        raise BadRecord("choice options are not a list of text")
                    found[(prompt_id, _time(at))] = tuple(prints)
                except BadRecord:
                    self.problems += 1
        if not found:
            return answers

        def given(prompt_id: str, value: AnswerValue, at: datetime) -> AnswerValue:
            prints = found.get((prompt_id, at))
            if isinstance(value, ChoiceValue) and prints is not None:
                return replace(value, options=prints)
            return value

        return {
            pid: replace(
                answer,
                value=given(pid, answer.value, answer.updated_at),
                history=tuple(Revision(given(pid, r.value, r.at), r.at) for r in answer.history),
            )
            if answer.kind == "choice"
            else answer
            for pid, answer in answers.items()
        }

    def resume(self) -> ResumePoint | None:
        try:
            return _resume(self.doc.get("resume"))
        except BadRecord:
            self.problems += 1
            return None


def decode(data: bytes, course_id: str, *, file_time: datetime | None = None) -> Decoded:
    """Read the bytes of a progress file.

    Args:
        data: The file's content.
        course_id: The course the store is for; a file naming another course counts as
            a problem but is still read.
        file_time: The file's modification time, used to date records of old schemas
            that had no timestamps.

    Returns:
        The progress, the number of skipped records, and the schema it was migrated from.

    Raises:
        UnreadableFile: The bytes are not a JSON object with a usable `schema_version`.
        UnknownSchema: The file was written by a newer version of leadtutor.
    """
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise UnreadableFile(f"not valid JSON ({type(exc).__name__})") from exc
    if not isinstance(doc, dict):
        raise UnreadableFile("not a JSON object")
    doc, migrated_from = upgrade(doc, course_id, file_time or datetime.now(UTC))
    reader = _Reader(doc)
    if doc.get("course_id") != course_id:
        reader.problems += 1
    progress = Progress(
        course_id=course_id,
        answers=reader.choice_options(reader.section("answers", _answer)),
        lessons=reader.section("lessons", _lesson),
        commitments=reader.section("commitments", _commitment),
        drafts=reader.section("drafts", _draft),
        resume=reader.resume(),
        positions=reader.section("positions", _point),
        extra={key: value for key, value in doc.items() if key not in _KNOWN_KEYS},
    )
    return Decoded(progress, reader.problems, migrated_from)
