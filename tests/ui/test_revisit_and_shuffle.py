"""`:revisit:` shows the earlier answer with its date; `:shuffle:` orders options per learner."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import RadioButton, Static

from leadtutor.core import ChoicePrompt, load_course
from leadtutor.core.prompt_rules import option_order
from leadtutor.progress import ProgressStore
from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.widgets.earlier import EarlierAnswer
from leadtutor.ui.widgets.lesson_view import LessonView
from tests.conftest import write_course
from tests.ui.conftest import make_app

FIRST = """---
id: first
title: First lesson
---

:::{reflect} first-view
What does leading mean to you? Say it in a sentence.
:::
"""

LAST = """---
id: last
title: Last lesson
---

:::{reflect} last-view
:revisit: first-view
What does leading mean to you now?
:::

:::{choice} last-check
:shuffle:
Which fits best?

- [ ] Alpha option
- [ ] Bravo option
- [x] Charlie option
- [ ] Delta option
- [ ] Echo option

Charlie.
:::
"""


def _course(tmp_path: Path) -> Path:
    return write_course(
        tmp_path / "course", {"01-m/01-first.md": FIRST, "02-m/01-last.md": LAST}, "rv-course"
    )


def _earlier_text(app: object) -> str:
    panel = app.screen.query_one(EarlierAnswer)  # type: ignore[attr-defined]
    return "\n".join(str(s.render()) for s in panel.query(Static))


async def _open_all(app: object) -> None:
    view = app.screen.query_one(LessonView)  # type: ignore[attr-defined]
    view.build_all()


async def test_revisit_shows_the_earlier_answer_and_its_date(tmp_path: Path) -> None:
    root = _course(tmp_path)
    data = tmp_path / "data"
    when = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    store = ProgressStore(data, "rv-course", clock=lambda: when)
    store.load()
    store.set_reflection("first-view", "first", "Getting people to [b]agree[/b].")
    store.save()
    app = make_app(root, data, start_lesson="last")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        text = _earlier_text(app)
        assert "On 4 Mar 2026 you answered “What does leading mean to you?”:" in text
        assert "Getting people to [b]agree[/b]." in text  # shown as text, never markup
        assert "Has your view changed?" in text


async def test_revisit_of_an_unanswered_prompt_says_so(tmp_path: Path) -> None:
    app = make_app(_course(tmp_path), tmp_path / "data", start_lesson="last")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        text = _earlier_text(app)
        assert "asked “What does leading mean to you?” You have not answered it yet." in text


async def test_revisit_counts_versions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = ProgressStore(data, "rv-course")
    store.load()
    store.set_reflection("first-view", "first", "one")
    store.finish_editing()
    store.set_reflection("first-view", "first", "two")
    store.save()
    app = make_app(_course(tmp_path), data, start_lesson="last")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        assert "That answer has 2 versions" in _earlier_text(app)


def _shown(app: object) -> list[str]:
    box = app.screen.query_one(ChoiceBox)  # type: ignore[attr-defined]
    return [str(b.label).split()[0] for b in box.query(RadioButton)]


async def test_shuffle_is_stable_per_learner_and_saves_the_real_option(tmp_path: Path) -> None:
    root = _course(tmp_path)
    data = tmp_path / "data"
    app = make_app(root, data, start_lesson="last")
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause(0.3)
        await _open_all(app)
        await pilot.pause(0.3)
        first = _shown(app)
        seed = app.store.shuffle_seed()
        prompt = app.course.find_prompt("last-check")
        assert prompt is not None and isinstance(prompt[1], ChoicePrompt)
        names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
        assert first == [names[i] for i in option_order(prompt[1], seed)]
        box = app.screen.query_one(ChoiceBox)
        box.query(RadioButton)[0].value = True  # the option shown first
        await pilot.pause(0.2)
        app.autosave.save_now()
    answer = app.store.answer("last-check")
    assert answer is not None
    assert answer.value.selected == (names.index(first[0]),)  # type: ignore[union-attr]
    again = make_app(root, data, start_lesson="last")  # a relaunch: same order, same pick
    async with again.run_test(size=(100, 50)) as pilot:
        await pilot.pause(0.3)
        await _open_all(again)
        await pilot.pause(0.3)
        assert _shown(again) == first
        assert again.store.shuffle_seed() == seed
        box = again.screen.query_one(ChoiceBox)
        assert box.query(RadioButton)[0].value is True


def test_option_order_depends_on_learner_and_prompt(tmp_path: Path) -> None:
    course = load_course(_course(tmp_path))
    found = course.find_prompt("last-check")
    assert found is not None and isinstance(found[1], ChoicePrompt)
    prompt = found[1]
    orders = {option_order(prompt, f"seed-{n}") for n in range(20)}
    assert all(sorted(order) == [0, 1, 2, 3, 4] for order in orders)
    assert len(orders) > 5  # learners see different orders
    assert option_order(prompt, "x") == option_order(prompt, "x")  # always the same for one
    from dataclasses import replace

    assert option_order(replace(prompt, shuffle=False), "x") == (0, 1, 2, 3, 4)
    other = replace(prompt, id="another-check")
    assert any(option_order(other, f"s{n}") != option_order(prompt, f"s{n}") for n in range(5))


def test_the_seed_is_made_once_and_saved(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, "c")
    store.load()
    seed = store.shuffle_seed()
    assert len(seed) == 16 and store.shuffle_seed() == seed
    store.save()
    reloaded = ProgressStore(tmp_path, "c")
    reloaded.load()
    assert reloaded.shuffle_seed() == seed
    assert not reloaded.has_unsaved_changes()
    reloaded.reset()
    assert reloaded.shuffle_seed() == seed  # starting over keeps the order
