"""Cut a lesson into the parts `LessonView` mounts: prose sections (split at top-level
headings), callouts, prompts and the end-of-lesson checklist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from markdown_it.token import Token
from textual.content import Content
from textual.widget import Widget

from leadtutor.core import AnyPrompt, Callout, Lesson, Prose
from leadtutor.ui.render import Piece, render
from leadtutor.ui.widgets.callout import CalloutBox
from leadtutor.ui.widgets.lesson_view import Part
from leadtutor.ui.widgets.prose import ProseText

WIDTH = 80
"""Width used for height estimates."""


def lesson_parts(
    lesson: Lesson,
    prompt_widget: Callable[[AnyPrompt], Widget],
    end_widget: Callable[[], Widget],
) -> list[Part]:
    """Return the parts of `lesson` in order.

    Args:
        lesson: The lesson.
        prompt_widget: Builds the widget of a prompt (the screen knows the answers).
        end_widget: Builds the end-of-lesson checklist.
    """
    parts: list[Part] = []
    intro = intro_pieces(lesson)
    if intro:
        parts.append(Part(0, lambda: ProseText(intro, classes="lesson-intro"), len(intro) + 4))
    headings = list(lesson.headings)
    for index, block in enumerate(lesson.blocks):
        if isinstance(block, Prose):
            slugs = [h.slug for h in headings if h.block == index]
            parts.extend(_sections(index, block.body.tokens, slugs, block.lines[0] - 1))
        elif isinstance(block, Callout):
            parts.append(Part(index, _callout(block), estimate(block.body.tokens) + 3))
        else:
            parts.append(Part(index, _prompt(prompt_widget, block), 12, prompt_id=block.id))
    parts.append(Part(len(lesson.blocks), end_widget, 10))
    return parts


def _sections(block: int, tokens: Sequence[Token], slugs: list[str], origin: int) -> list[Part]:
    cuts = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)
    cuts.append(len(tokens))
    parts: list[Part] = []
    remaining = iter(slugs)
    for start, end in pairwise(cuts):
        section = tokens[start:end]
        if not section:
            continue
        count = sum(1 for t in section if t.type == "heading_open" and t.level == 0)
        anchors = tuple(next(remaining, "") for _ in range(count))
        first_line = next((t.map[0] for t in section if t.map), origin)
        build = _prose(section, anchors)
        parts.append(Part(block, build, estimate(section), anchors, "", first_line, origin))
    return parts


def _prose(tokens: Sequence[Token], anchors: tuple[str, ...]) -> Callable[[], Widget]:
    return lambda: ProseText(render(tokens, anchors), classes="section")


def _callout(block: Callout) -> Callable[[], Widget]:
    return lambda: CalloutBox(block)


def _prompt(factory: Callable[[AnyPrompt], Widget], prompt: AnyPrompt) -> Callable[[], Widget]:
    return lambda: factory(prompt)


def estimate(tokens: Sequence[Token]) -> int:
    """Roughly how many lines these tokens take at 80 columns (no wrapping done)."""
    lines = 0
    for token in tokens:
        if token.type == "inline":
            lines += len(token.content) // (WIDTH - 4) + 2
        elif token.type in ("fence", "code_block"):
            lines += token.content.count("\n") + 1
    return max(lines, 1)


def intro_pieces(lesson: Lesson) -> list[Piece]:
    """The lesson's summary, objectives and time, shown above its first words."""
    pieces: list[Piece] = []
    if lesson.summary:
        pieces.append(Piece(Content.styled(lesson.summary, "italic")))
    if lesson.objectives:
        pieces.append(Piece(Content.styled("In this lesson you will", "bold")))
        pieces.extend(
            Piece(Content(objective), Content.styled("• ", "$text-secondary"), Content("  "), gap=0)
            for objective in lesson.objectives
        )
    facts = []
    if lesson.minutes:
        facts.append(f"about {lesson.minutes} minutes")
    if lesson.prompts:
        count = len(lesson.prompts)
        facts.append(f"{count} prompt{'s' if count != 1 else ''}")
    if facts:
        pieces.append(Piece(Content.styled(" · ".join(facts).capitalize(), "$text-muted")))
    return pieces
