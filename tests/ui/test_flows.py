"""Pilot tests of the learner's flows, asserting on the saved progress file."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Button, RadioButton

from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.welcome import WelcomeScreen
from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.rating import ScaleBox
from tests.ui.conftest import make_app, text_area


def saved(data_dir: Path) -> dict[str, object]:
    path = data_dir / "sample-course" / "progress.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


async def test_answer_quit_relaunch_resumes_with_the_answer(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        area = text_area(app, "s-reflect")
        area.focus()
        await pilot.press(*"My words [/] here")
        await pilot.pause()
        await app.action_quit()
    answers = saved(data_dir)["answers"]
    assert answers["s-reflect"]["value"] == "My words [/] here"  # type: ignore[index]

    again = make_app(course_dir, data_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        assert isinstance(again.screen, WelcomeScreen)
        label = str(again.screen.query_one("#continue", Button).label)
        assert label.startswith("Continue: Sample lesson")
        await pilot.click("#continue")
        await pilot.pause(0.3)
        area = text_area(again, "s-reflect")
        assert area.text == "My words [/] here"
        assert again.focused is area


async def test_autosave_reaches_disk_without_quitting(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        text_area(app, "s-reflect").focus()
        await pilot.press(*"typed")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        assert saved(data_dir)["answers"]["s-reflect"]["value"] == "typed"  # type: ignore[index]
        assert app.save_state == "saved"


async def test_choice_feedback_and_retry(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        box = app.screen.query_one(ChoiceBox)
        box.query_one("#opt-s-choice-0", RadioButton).value = True
        await pilot.pause()
        box.query_one("#check-s-choice", Button).press()
        await pilot.pause()
        feedback = box.query_one(".choice-feedback")
        text = "\n".join(line.plain for line in feedback.lines(80))  # type: ignore[attr-defined]
        assert "Not quite" in text and "Feedback for wrong." in text
        assert "The explanation." not in text
        box.query_one("#opt-s-choice-1", RadioButton).value = True
        await pilot.pause()
        box.query_one("#check-s-choice", Button).press()
        await pilot.pause()
        text = "\n".join(line.plain for line in feedback.lines(80))  # type: ignore[attr-defined]
        assert "Correct." in text and "Feedback for right." in text and "The explanation." in text
        await app.action_quit()
    value = saved(data_dir)["answers"]["s-choice"]["value"]  # type: ignore[index]
    assert value == {"selected": [1], "correct": True}


async def test_scale_saves_when_chosen(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        box = app.screen.query_one(ScaleBox)
        box.query_one("#pt-s-scale-4", RadioButton).value = True
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        assert saved(data_dir)["answers"]["s-scale"]["value"] == 4  # type: ignore[index]


async def test_commitment_gets_a_due_date(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#commit-s-commit").focus()
        await pilot.press(*"Ask for feedback")
        await pilot.pause()
        await app.action_quit()
    data = saved(data_dir)
    [commitment] = data["commitments"].values()  # type: ignore[attr-defined]
    assert commitment["text"] == "Ask for feedback"
    assert commitment["follow_up_days"] == 7


async def test_next_and_previous_lesson(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one(LessonView).focus()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"
