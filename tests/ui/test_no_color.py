"""With NO_COLOR the app is monochrome: a chosen option must differ by shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, RadioButton

from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.widgets.rating import ScaleBox
from tests.ui.conftest import make_app


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def glyph(button: RadioButton) -> str:
    return button.render().plain.lstrip()[:3]


async def test_chosen_options_differ_by_shape(
    no_color: None, course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    app.store.set_choice("s-choice", "sample", [1], True)
    app.store.set_scale("s-scale", "sample", 4)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause(0.3)
        assert app.no_color
        choice = app.screen.query_one(ChoiceBox)
        options = list(choice.query(RadioButton))
        assert [glyph(b) for b in options] == ["▐○▌", "▐●▌"]
        scale = app.screen.query_one(ScaleBox)
        points = [glyph(b) for b in scale.query(RadioButton)]
        assert points == ["▐○▌", "▐○▌", "▐○▌", "▐●▌", "▐○▌"]
        options[0].value = True  # choosing another option moves the dot
        await pilot.pause()
        assert [glyph(b) for b in options] == ["▐●▌", "▐○▌"]


async def test_highlighted_list_row_is_underlined(
    no_color: None, course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        style = options.get_visual_style("option-list--option-highlighted")
        assert style.underline  # what OptionList draws with
