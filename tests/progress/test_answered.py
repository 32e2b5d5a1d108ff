"""The one definition of "answered" (`leadtutor.progress.answered`) and the shared dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from leadtutor.progress import Answer, ChoiceValue, CommitValue, LessonProgress, Revision
from leadtutor.progress.answered import counts, earlier_versions, is_answered, stage
from leadtutor.progress.dates import day, moment

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("words", True),
        ("  \n ", False),
        ("", False),
        (3, True),
        (ChoiceValue((1,), None), False),
        (ChoiceValue((1,), True), True),
        (ChoiceValue((0,), False), True),
        (CommitValue("Ask Sam", 7), True),
        (CommitValue(" ", 7), False),
        (None, False),
    ],
)
def test_what_counts_as_answered(value: object, expected: bool) -> None:
    assert is_answered(value) is expected  # type: ignore[arg-type]


def _answer(value: object, *history: object) -> Answer:
    revisions = tuple(
        Revision(v, T0 + timedelta(minutes=i))  # type: ignore[arg-type]
        for i, v in enumerate(history)
    )
    return Answer("p", "l", "choice", value, T0, T0 + timedelta(hours=1), revisions)  # type: ignore[arg-type]


def test_a_choice_checked_once_has_no_earlier_version() -> None:
    answer = _answer(ChoiceValue((1,), True), ChoiceValue((1,), None))
    assert counts(answer) and earlier_versions(answer) == []


def test_a_wrong_check_then_a_right_one_is_one_earlier_version() -> None:
    wrong = ChoiceValue((0,), False)
    answer = _answer(
        ChoiceValue((1,), True), ChoiceValue((0,), None), wrong, wrong, ChoiceValue((1,), None)
    )
    assert [r.value for r in earlier_versions(answer)] == [wrong]


def test_blank_versions_are_not_versions() -> None:
    answer = _answer("second", "first", "", "second")
    assert [r.value for r in earlier_versions(answer)] == ["first"]


@pytest.mark.parametrize(
    ("status", "answered", "expected"),
    [
        (None, 0, "new"),
        ("started", 0, "opened"),
        ("started", 2, "in-progress"),
        ("done", 0, "done"),
        ("new", 1, "in-progress"),
    ],
)
def test_stage_keeps_opened_apart_from_in_progress(
    status: str | None, answered: int, expected: str
) -> None:
    record = None if status is None else LessonProgress("l", status)  # type: ignore[arg-type]
    assert stage(record, answered) == expected


def test_dates_read_the_same_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        assert day(date(2026, 11, 7)) == "7 Nov 2026"
        assert moment(T0) == "20 Nov 2026, 09:30"
        assert day(T0) == "20 Nov 2026"
    finally:
        monkeypatch.undo()
        time.tzset()
