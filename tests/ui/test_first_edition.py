"""A learner of the bundled course's first edition comes back to the second.

The second edition re-worded and re-ordered `doors-check`: the option that was right in
the first edition (index 1, "Two complementary systems of action; organizations need
both.") is gone, and index 1 is now a wrong option. The answer was saved by the first
edition's app, without fingerprints, so it is read against the first edition's options
(the oldest list in lessons/course.lock): the lesson, the journal and the exports show
what the learner chose, as an answer to an earlier version, and nothing is pre-selected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, RadioButton

from leadtutor.cli import main
from leadtutor.core import ChoicePrompt, load_course
from leadtutor.progress import ChoiceValue, ProgressStore
from leadtutor.progress.journal import render_markdown
from leadtutor.progress.journal_html import render_html
from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.prose import ProseText
from tests.ui.conftest import bundled, make_app
from tests.ui.test_journal import rows

CHOSEN = "Two complementary systems of action; organizations need both."
"""The first edition's right answer to doors-check, its option 2 (index 1)."""

FIRST_EDITION_FILE = {
    "schema_version": 2,
    "course_id": "leading-and-managing",
    "resume": None,
    "lessons": {
        "opening-doors": {
            "status": "done",
            "first_opened": "2026-11-20T18:02:11.503112Z",
            "completed_at": "2026-11-20T18:30:00.000000Z",
            "updated_at": "2026-11-20T18:30:00.000000Z",
        }
    },
    "answers": {
        "doors-check": {
            "lesson_id": "opening-doors",
            "kind": "choice",
            "value": {"selected": [1], "correct": True},
            "created_at": "2026-11-20T18:20:00.000000Z",
            "updated_at": "2026-11-20T18:20:00.000000Z",
            "history": [],
        }
    },
    "commitments": {},
    "drafts": {},
}
"""A progress file as the first edition's app (a0e0e5b) writes it."""


def _first_edition_learner(data: Path) -> None:
    folder = data / "leading-and-managing"
    folder.mkdir(parents=True)
    (folder / "progress.json").write_text(json.dumps(FIRST_EDITION_FILE, indent=2))


def _shown(widget: ProseText) -> bool:
    return bool(widget.display)


def _doors_check() -> ChoicePrompt:
    found = load_course(bundled()).find_prompt("doors-check")
    assert found is not None and isinstance(found[1], ChoicePrompt)
    return found[1]


def test_the_premise_index_1_now_names_another_option() -> None:
    prompt = _doors_check()
    assert [o.label for o in prompt.published[0]][1] == CHOSEN
    assert CHOSEN not in [o.label for o in prompt.option_list]
    assert not prompt.options[1].correct


def test_exports_show_the_option_the_learner_chose(tmp_path: Path) -> None:
    _first_edition_learner(tmp_path)
    course = load_course(bundled())
    store = ProgressStore(tmp_path, course.id)
    store.load()
    progress = store.snapshot()
    wrong = _doors_check().option_list[1].label
    markdown = render_markdown(course, progress)
    assert f"An earlier version of this check: {CHOSEN} (correct then)" in markdown
    assert wrong not in markdown
    page = render_html(course, progress)
    assert f"An earlier version of this check: {CHOSEN} (correct then)" in page
    assert wrong not in page


async def test_the_lesson_and_journal_show_it_and_the_check_is_fresh(tmp_path: Path) -> None:
    _first_edition_learner(tmp_path)
    app = make_app(bundled(), tmp_path, start_lesson="opening-doors")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        app.screen.query_one(LessonView).build_all()
        await pilot.pause(0.3)
        box = app.screen.query_one("#prompt-doors-check", ChoiceBox)
        note = box.query_one(".choice-earlier", ProseText)
        text = " ".join(" ".join(str(p.content) for p in note.pieces).split())
        assert text.startswith(
            f"On 20 Nov 2026 you answered an earlier version of this check: “{CHOSEN}” "
            "(correct then). Its options have changed since"
        )
        assert not any(b.value for b in box.query(RadioButton))  # nothing pre-selected
        assert not box.query(Checkbox) and not box.answered
        app.action_journal()
        await pilot.pause(0.3)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        shown = rows(journal)["answer:doors-check"]
        assert f"An earlier version of this check: {CHOSEN} (correct then)" in shown
        await pilot.press("escape")
        await pilot.pause(0.2)
        # taking the check fresh: the new answer is read by its own options, the old kept
        prompt = box.prompt
        right = next(i for i, o in enumerate(prompt.options) if o.correct)
        box.query_one(f"#opt-doors-check-{right}", RadioButton).value = True
        await pilot.pause(0.1)
        assert _shown(note)  # picking is not answering yet
        box.query_one("#check-doors-check", Button).press()
        await pilot.pause(0.3)
        assert not _shown(note)
        app.autosave.save_now()
    answer = app.store.answer("doors-check")
    assert answer is not None
    assert answer.value == ChoiceValue((right,), True, prompt.fingerprints)
    assert [r.value for r in answer.history if r.value.correct is not None] == [  # type: ignore[union-attr]
        ChoiceValue((1,), True, None)
    ]
    again = make_app(bundled(), tmp_path, start_lesson="opening-doors")
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        again.screen.query_one(LessonView).build_all()
        await pilot.pause(0.3)
        box = again.screen.query_one("#prompt-doors-check", ChoiceBox)
        assert not box.query(".choice-earlier")
        assert box.query_one(f"#opt-doors-check-{right}", RadioButton).value
        assert box.answered


def test_the_progress_summary_says_which_checks_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _first_edition_learner(tmp_path)
    assert main(["--data-dir", str(tmp_path), "progress"]) == 0
    out = capsys.readouterr().out
    assert "Answered:" in out and "1 of 81 prompts" in out
    assert "1 choice answered before its options changed" in out
