"""The learner's progress: answers with full history, lesson status, resume point,
drafts and commitments, stored durably and privately in one JSON file per course.

Pure Python: this package never imports Textual, Rich or the UI. The app and the CLI
inject the data directory (see `leadtutor.locations`).
"""

from __future__ import annotations

from leadtutor.progress.errors import ProgressError, ProgressLoadError, ProgressSaveError
from leadtutor.progress.model import (
    COALESCE_WINDOW,
    SCHEMA_VERSION,
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
)
from leadtutor.progress.store import ProgressStore

__all__ = [
    "COALESCE_WINDOW",
    "SCHEMA_VERSION",
    "Answer",
    "AnswerValue",
    "ChoiceValue",
    "CommitValue",
    "Commitment",
    "Draft",
    "LessonProgress",
    "LessonStatus",
    "Outcome",
    "OutcomeResult",
    "Progress",
    "ProgressError",
    "ProgressLoadError",
    "ProgressSaveError",
    "ProgressStore",
    "PromptKind",
    "ResumePoint",
    "Revision",
]
