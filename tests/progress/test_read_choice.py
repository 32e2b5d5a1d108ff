"""`read_choice`: a saved choice read against the options now by option identity, and
every reader that uses it (words, the lesson's note, the share export, the cohort)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from leadtutor.cohort.load import parse_export
from leadtutor.cohort.summary import summarize
from leadtutor.core import ChoicePrompt, Course, load_course
from leadtutor.core.options import fingerprint
from leadtutor.progress import Answer, ChoiceValue, Progress, Revision
from leadtutor.progress.choices import GONE, choice_words, earlier_note, read_choice
from leadtutor.progress.journal import describe, render_markdown
from leadtutor.progress.journal_html import render_html
from leadtutor.progress.share import share_export
from tests.conftest import write_course

ONE = ["Alpha", "Bravo", "Charlie"]
"""The first edition's options (Bravo is right)."""
TWO = ["Charlie", "Delta", "Bravo!"]
"""The second: re-ordered, Alpha re-worded into Delta, Bravo re-punctuated (Bravo right)."""
WHEN = datetime(2026, 11, 20, 18, 2, tzinfo=UTC)


def _lesson(options: list[str], right: str) -> str:
    items = "\n".join(f"- [{'x' if o.startswith(right) else ' '}] {o}" for o in options)
    return f"---\ntitle: A\nid: a\n---\n\n:::{{choice}} a-check\nWhich?\n\n{items}\n\nWhy.\n:::\n"


def _lock(*lists: list[str]) -> str:
    def table(options: list[str]) -> str:
        lines = "".join(f'    "{fingerprint(o)} {o}",\n' for o in options)
        return f'version = "1"\noptions = [\n{lines}]\n'

    text = 'schema = 1\ncourse = "c"\n\n[lessons.a]\na-check = "choice"\n\n'
    text += "[options.a-check]\n" + table(lists[-1])
    for old in lists[:-1]:
        text += "\n[[options.a-check.earlier]]\n" + table(old)
    return text


def _course(root: Path, options: list[str], *history: list[str]) -> Course:
    write_course(root, {"01-m/01-a.md": _lesson(options, "Bravo")}, "c")
    (root / "course.lock").write_text(_lock(*history, options))
    return load_course(root)


def _prompt(course: Course) -> ChoicePrompt:
    found = course.find_prompt("a-check")
    assert found is not None and isinstance(found[1], ChoicePrompt)
    return found[1]


@pytest.fixture
def second(tmp_path: Path) -> ChoicePrompt:
    return _prompt(_course(tmp_path / "c2", TWO, ONE))


def _given(options: list[str]) -> tuple[str, ...]:
    return tuple(fingerprint(o) for o in options)


def test_an_answer_follows_its_options_to_where_they_are_now(second: ChoicePrompt) -> None:
    value = ChoiceValue((1,), True, _given(ONE))  # Bravo, right in the first edition
    reading = read_choice(value, second)
    assert reading.current and reading.selected == (2,) and reading.correct is True
    assert reading.labels == ("Bravo!",)
    assert describe(value, second) == "Bravo! (correct)"
    assert earlier_note(value, second, WHEN) is None
    unchecked = read_choice(ChoiceValue((2,), None, _given(ONE)), second)  # Charlie
    assert unchecked.selected == (0,) and unchecked.correct is None and not unchecked.checked


def test_the_verdict_is_recomputed_against_the_options_now(tmp_path: Path) -> None:
    prompt = _prompt(_course(tmp_path / "c", ["Charlie", "Bravo"], ONE))
    reading = read_choice(ChoiceValue((2,), True, _given(ONE)), prompt)
    assert reading.selected == (0,)
    assert reading.correct is False  # Charlie is not right any more
    assert reading.saved_correct is True


def test_a_reworded_option_makes_an_answer_to_an_earlier_version(second: ChoicePrompt) -> None:
    value = ChoiceValue((0,), False, _given(ONE))  # Alpha, since re-worded into Delta
    reading = read_choice(value, second)
    assert not reading.current and reading.selected == () and reading.correct is None
    assert reading.labels == ("Alpha",) and reading.saved_correct is False
    assert describe(value, second) == ("An earlier version of this check: Alpha (not correct then)")
    note = earlier_note(value, second, WHEN)
    assert note is not None
    assert note.startswith(
        "On 20 Nov 2026 you answered an earlier version of this check: “Alpha” "
        "(not correct then). Its options have changed since"
    )
    picked = earlier_note(ChoiceValue((0,), None, _given(ONE)), second, WHEN)
    assert picked is not None and "you picked an answer to an earlier version" in picked


def test_without_fingerprints_the_oldest_list_in_the_lock_counts(second: ChoicePrompt) -> None:
    """Saved before fingerprints: index 1 meant Bravo (the first edition), not Delta."""
    assert read_choice(ChoiceValue((1,), True), second).selected == (2,)
    assert read_choice(ChoiceValue((0,), True), second).labels == ("Alpha",)
    assert read_choice(ChoiceValue((7,), True), second).labels == (GONE,)


def test_without_a_history_the_options_now_count(tmp_path: Path) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-a.md": _lesson(TWO, "Bravo")}, "c")
    prompt = _prompt(load_course(root))  # no course.lock at all
    assert prompt.published == ()
    assert read_choice(ChoiceValue((1,), False), prompt).labels == ("Delta",)
    gone = ChoiceValue((1,), False, ("00000000", "11111111"))
    assert (
        choice_words(gone, prompt) == f"An earlier version of this check: {GONE} (not correct then)"
    )


def _progress(*values: tuple[ChoiceValue, datetime]) -> Progress:
    *older, (value, at) = values
    history = tuple(Revision(v, when) for v, when in older)
    created = values[0][1]
    answer = Answer("a-check", "a", "choice", value, created, at, history)
    return Progress("c", answers={"a-check": answer})


def test_exports_show_what_the_learner_chose(second: ChoicePrompt, tmp_path: Path) -> None:
    course = _course(tmp_path / "c", TWO, ONE)
    old = _progress((ChoiceValue((0,), False, _given(ONE)), WHEN))
    markdown = render_markdown(course, old, now=WHEN)
    assert "An earlier version of this check: Alpha (not correct then)" in markdown
    page = render_html(course, old, now=WHEN)
    assert "An earlier version of this check: Alpha (not correct then)" in page
    assert 'class="picked"' not in page  # nothing ticked among the options now
    assert share_export(course, old, today=date(2026, 12, 1))["answers"] == {}
    later = datetime(2026, 11, 21, tzinfo=UTC)
    fresh = _progress(
        (ChoiceValue((0,), False, _given(ONE)), WHEN),
        (ChoiceValue((1,), False, _given(TWO)), later),  # Delta: wrong, then
        (ChoiceValue((2,), True, _given(TWO)), later.replace(hour=1)),  # Bravo!: right
    )
    page = render_html(course, fresh, now=later)
    assert '<li class="picked">Bravo!</li>' in page
    assert "An earlier version of this check: Alpha" in page  # in the history
    record = share_export(course, fresh, today=date(2026, 12, 1))["answers"]["a-check"]
    assert record == {
        "kind": "choice",
        "options": 3,
        "option_ids": list(_given(TWO)),
        "selected": [2],
        "correct": True,
        "first_selected": [1],  # the first Check on these options, not the earlier version
        "first_correct": False,
    }


def test_the_cohort_reads_exports_by_option_identity(tmp_path: Path) -> None:
    """A facilitator's copy with the options in another order counts each pick where
    that option is now; an export of a version with a re-worded pick is left out."""
    learner = _course(tmp_path / "learner", TWO, ONE)
    facilitator = _course(tmp_path / "facilitator", ["Bravo!", "Charlie", "Delta"], ONE)
    later = datetime(2026, 11, 21, tzinfo=UTC)
    fresh = _progress(
        (ChoiceValue((1,), False, _given(TWO)), WHEN),
        (ChoiceValue((2,), True, _given(TWO)), later),
    )
    export = share_export(learner, fresh, today=date(2026, 12, 1))
    summary = summarize(facilitator, [parse_export(export)])
    (row,) = summary.choices
    assert [(o.label, o.first, o.final) for o in row.options] == [
        ("Bravo!", 0, 1),
        ("Charlie", 0, 0),
        ("Delta", 1, 0),
    ]
    assert (row.total, row.first_right, row.final_right) == (1, 0, 1)
    first_edition = _course(tmp_path / "first", ONE)
    summary = summarize(first_edition, [parse_export(export)])
    assert summary.choices == () and summary.changed == {"a-check": 1}
    old_export = dict(export, answers={"a-check": dict(export["answers"]["a-check"])})
    del old_export["answers"]["a-check"]["option_ids"]  # without them: the oldest list
    (row,) = summarize(facilitator, [parse_export(old_export)]).choices
    assert [(o.label, o.first, o.final) for o in row.options] == [
        ("Bravo!", 1, 0),  # index 1 of the first edition
        ("Charlie", 0, 1),  # index 2 of the first edition
        ("Delta", 0, 0),
    ]
