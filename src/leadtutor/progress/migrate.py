"""Upgrade progress files written with older schemas to the current one.

Each step takes the decoded JSON object of version N and returns one of version N + 1,
so a file of any old version is upgraded by applying the steps in order. Steps work on
plain JSON values; `decode` then reads the result like any current file.

Schema 1 (leadtutor 0.0.x) was::

    {"schema_version": 1,
     "answers": {"<prompt-id>": "<text>"},
     "completed": ["<lesson-id>"],
     "current": "<lesson-id>"}

It had no timestamps, no lesson ids on answers and only free-text answers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from leadtutor.progress.errors import UnknownSchema, UnreadableFile
from leadtutor.progress.model import SCHEMA_VERSION, format_time

Doc = dict[str, Any]


def _v1_to_v2(doc: Doc, course_id: str, file_time: datetime) -> Doc:
    """Schema 1 → 2: date everything by the file's modification time."""
    stamp = format_time(file_time)
    answers: Doc = {}
    raw_answers = doc.get("answers", {})
    if isinstance(raw_answers, dict):
        for prompt_id, text in raw_answers.items():
            answers[prompt_id] = {
                "lesson_id": "",
                "kind": "reflect",
                "value": text,  # a non-string is caught by the reader as a bad record
                "created_at": stamp,
                "updated_at": stamp,
                "history": [],
            }
    lessons: Doc = {}
    completed = doc.get("completed", [])
    for lesson_id in completed if isinstance(completed, list) else []:
        if isinstance(lesson_id, str):
            lessons[lesson_id] = {
                "status": "done",
                "first_opened": None,
                "completed_at": stamp,
                "updated_at": stamp,
            }
    current = doc.get("current")
    resume = None
    if isinstance(current, str):
        resume = {"lesson_id": current, "block": 0, "scroll": 0, "prompt_id": None}
        resume["updated_at"] = stamp
        if current not in lessons:
            lessons[current] = {
                "status": "started",
                "first_opened": None,
                "completed_at": None,
                "updated_at": stamp,
            }
    return {
        "schema_version": 2,
        "course_id": course_id,
        "resume": resume,
        "lessons": lessons,
        "answers": answers,
        "commitments": {},
        "drafts": {},
    }


STEPS: Final[dict[int, Callable[[Doc, str, datetime], Doc]]] = {1: _v1_to_v2}
"""`STEPS[n]` upgrades a version-n document to version n + 1."""


def upgrade(doc: Doc, course_id: str, file_time: datetime) -> tuple[Doc, int | None]:
    """Bring a decoded progress file up to `SCHEMA_VERSION`.

    Args:
        doc: The decoded JSON object.
        course_id: The store's course, for schemas that did not record it.
        file_time: When the file was last written, for schemas without timestamps.

    Returns:
        The current-schema document, and the version it started at if it was older.

    Raises:
        UnreadableFile: `schema_version` is missing or not a positive whole number.
        UnknownSchema: The version is newer than this code knows.
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UnreadableFile("missing or invalid schema_version")
    if version > SCHEMA_VERSION:
        raise UnknownSchema(version)
    start = version
    while version < SCHEMA_VERSION:
        doc = STEPS[version](doc, course_id, file_time)
        version += 1
    return doc, (start if start != SCHEMA_VERSION else None)
