"""Read one share export and check its shape, without trusting anything in it.

A file that cannot be used at all raises `BadExport` with one sentence for the
facilitator; a single record of the wrong shape is skipped and named in `warnings`, so
one odd answer does not cost a learner's whole export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from leadtutor.progress.model import COURSE_ID_PATTERN as ID_PATTERN
from leadtutor.progress.share import FORMAT, SCHEMA_VERSION

MAX_BYTES: Final = 5 * 1024 * 1024
"""An export of the biggest course is well under 1 MiB; anything larger is not one."""
STATUSES: Final = frozenset({"new", "started", "done"})


class BadExport(Exception):
    """The file is not a share export this version can read; the message says why."""


@dataclass(frozen=True)
class ScaleAnswer:
    """A rating, with the scale it was given on."""

    value: int
    minimum: int
    maximum: int


@dataclass(frozen=True)
class ChoiceAnswer:
    """A quick-check answer: the first checked pick and the latest one."""

    options: int
    selected: tuple[int, ...]
    correct: bool | None
    first_selected: tuple[int, ...]
    first_correct: bool | None
    option_ids: tuple[str, ...] | None = None
    """The fingerprint of each option the indexes count in (`None` in older exports)."""


@dataclass(frozen=True)
class ShareExport:
    """One learner's share export."""

    includes_text: bool
    course_id: str
    course_version: str
    lessons: dict[str, str]
    scales: dict[str, ScaleAnswer] = field(default_factory=dict)
    choices: dict[str, ChoiceAnswer] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    """Only when `includes_text`: text in an export that does not declare it is ignored."""
    warnings: tuple[str, ...] = ()
    """Records that were skipped, as sentences (they name prompt ids, never text)."""


def read_export(path: Path) -> ShareExport:
    """Read and check the export at `path`.

    Raises:
        BadExport: The file is missing, too big, not JSON, or not a share export.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadExport(f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise BadExport("is larger than 5 MiB, so it is not a share export")
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadExport(f"is not UTF-8 text (byte {exc.start})") from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise BadExport(f"is not valid JSON{where}") from exc
    return parse_export(doc)


def parse_export(doc: Any) -> ShareExport:
    """Check a decoded export; see `read_export`."""
    if not isinstance(doc, dict):
        raise BadExport("is not a share export (the JSON is not an object)")
    if doc.get("format") != FORMAT:
        if "schema_version" in doc and "answers" in doc and "format" not in doc:
            raise BadExport(
                "is a full progress export, which holds private writing, not a share "
                "export; ask for `leadtutor journal export --share -o FILE` instead"
            )
        raise BadExport(f'is not a leadtutor share export (no "format": "{FORMAT}")')
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadExport("has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise BadExport(
            f"was made by a newer leadtutor (share format {version}; this one reads "
            f"{SCHEMA_VERSION}); update leadtutor to summarize it"
        )
    includes_text = doc.get("includes_text")
    if not isinstance(includes_text, bool):
        raise BadExport("has no includes_text field (true or false)")
    lessons = doc.get("lessons")
    answers = doc.get("answers")
    if not isinstance(lessons, dict) or not isinstance(answers, dict):
        raise BadExport("has no lessons or answers section")
    warnings: list[str] = []
    statuses = {}
    for lesson_id, status in lessons.items():
        if status in STATUSES and ID_PATTERN.fullmatch(lesson_id):
            statuses[lesson_id] = status
        else:
            warnings.append(f"lesson '{_short(lesson_id)}' has a bad id or status; skipped")
    export = ShareExport(
        includes_text=includes_text,
        course_id=_text(doc.get("course_id")),
        course_version=_text(doc.get("course_version")),
        lessons=statuses,
    )
    for prompt_id, record in answers.items():
        try:
            if not ID_PATTERN.fullmatch(prompt_id):
                raise ValueError(prompt_id)
            _add(export, prompt_id, record)
        except ValueError:
            warnings.append(f"the answer to '{_short(prompt_id)}' has an unknown shape; skipped")
    return replace(export, warnings=tuple(warnings))


def _add(export: ShareExport, prompt_id: str, record: object) -> None:
    if not isinstance(record, dict):
        raise ValueError(prompt_id)
    kind = record.get("kind")
    if kind == "scale":
        value, low, high = (_int(record.get(k)) for k in ("value", "min", "max"))
        if not low <= value <= high:
            raise ValueError(prompt_id)
        export.scales[prompt_id] = ScaleAnswer(value, low, high)
    elif kind == "choice":
        options = _int(record.get("options"))
        selected = _indexes(record.get("selected"), options)
        first = _indexes(record.get("first_selected", record.get("selected")), options)
        export.choices[prompt_id] = ChoiceAnswer(
            options,
            selected,
            _verdict(record.get("correct")),
            first,
            _verdict(record.get("first_correct", record.get("correct"))),
            _option_ids(record.get("option_ids"), options),
        )
    elif kind == "reflect":
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError(prompt_id)
        if export.includes_text and text.strip():
            export.reflections[prompt_id] = text
    else:
        raise ValueError(prompt_id)


def _int(raw: object) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise ValueError("not a whole number")
    return raw


def _indexes(raw: object, options: int) -> tuple[int, ...]:
    if not isinstance(raw, list):
        raise ValueError("not a list")
    found = tuple(sorted({_int(i) for i in raw}))
    if any(not 0 <= i < options for i in found):
        raise ValueError("index out of range")
    return found


def _option_ids(raw: object, options: int) -> tuple[str, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != options or not all(isinstance(i, str) for i in raw):
        raise ValueError("option_ids is not one text per option")
    return tuple(raw)


def _verdict(raw: object) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    raise ValueError("not true, false or null")


def _text(raw: object) -> str:
    return raw if isinstance(raw, str) else ""


def _short(raw: object) -> str:
    text = "".join(ch for ch in str(raw) if ch.isprintable())
    return text if len(text) <= 40 else text[:39] + "…"
