"""The scale widget shows every point: one row when they fit, wrapped rows otherwise;
and the checker's 80-column rule matches what the widget really has at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import RadioButton

from leadtutor.core import ScalePrompt, parse_lesson
from leadtutor.core.model import SCALE_ROW_AT_80, scale_columns
from leadtutor.ui.widgets.rating import ScaleBox
from tests.conftest import write_course
from tests.ui.conftest import make_app

LESSON = """---
title: Scales
id: scales
---

Intro.

:::{{scale}} wide-scale
:min: {low}
:max: {high}
How often?
:::
"""


def visible(button: RadioButton, box: ScaleBox) -> bool:
    """Inside the prompt box's content area (not clipped by its border)."""
    region = button.region
    return region.width > 0 and region.height > 0 and region.right <= box.content_region.right


@pytest.mark.parametrize(("low", "high"), [(0, 10), (-5, 5), (1, 5)])
async def test_every_allowed_scale_fits_one_row_at_80_columns(
    tmp_path: Path, low: int, high: int
) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-a.md": LESSON.format(low=low, high=high)})
    app = make_app(root, tmp_path / "data", start_lesson="scales")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause(0.3)
        box = app.screen.query_one(ScaleBox)
        assert box.content_size.width >= SCALE_ROW_AT_80
        buttons = list(box.query(RadioButton))
        assert [str(b.label) for b in buttons] == [str(p) for p in range(low, high + 1)]
        assert all(visible(b, box) for b in buttons)
        assert len({b.region.y for b in buttons}) == 1, "allowed scales fit on one row"


def test_the_checker_allows_exactly_what_fits() -> None:
    ok = parse_lesson(LESSON.format(low=0, high=10), Path("a.md"))
    wide = parse_lesson(LESSON.format(low=0, high=11), Path("a.md"))
    assert ok.ok
    assert [p.code for p in wide.problems] == ["scale.too-wide"]
    assert scale_columns(0, 10, SCALE_ROW_AT_80) == 11
    assert scale_columns(0, 11, SCALE_ROW_AT_80) < 12


class ScaleApp(App[None]):
    def __init__(self, prompt: ScalePrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield ScaleBox(self.prompt)


@pytest.mark.parametrize(("width", "low", "high"), [(80, 0, 100), (40, 0, 10), (30, -100, 100)])
async def test_points_wrap_so_none_is_lost(width: int, low: int, high: int) -> None:
    lesson = parse_lesson(LESSON.format(low=0, high=5), Path("a.md"))
    prompt = lesson.prompts[0]
    assert isinstance(prompt, ScalePrompt)
    from dataclasses import replace

    app = ScaleApp(replace(prompt, minimum=low, maximum=high))
    async with app.run_test(size=(width, 80)) as pilot:
        await pilot.pause(0.2)
        box = app.query_one(ScaleBox)
        buttons = list(app.query(RadioButton))
        assert len(buttons) == high - low + 1
        assert box.content_region.right <= width
        assert all(visible(b, box) for b in buttons), [
            (str(b.label), b.region) for b in buttons if not visible(b, box)
        ]
        rows = len({b.region.y for b in buttons})
        assert rows > 1
        cells = {(b.region.x, b.region.y) for b in buttons}
        assert len(cells) == len(buttons), "no two points share a place"
