"""Property tests: no input, text or bytes, makes parsing or checking raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtutor.core import load_course, parse_lesson
from leadtutor.core.model import walk
from leadtutor.core.sanitize import has_unsafe

# Lesson-shaped fragments make the generator reach deep into the parser quickly.
FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "title: x\n",
        "id: no\n",
        "minutes: 3\n",
        "objectives:\n  - a\n",
        ":::{reflect} a\n",
        ":::{choice} b\n",
        ":::{scale} c\n",
        ":::{commit} d\n",
        ":::{note} t\n",
        "::::{debate}\n",
        ":::\n",
        "::::\n",
        ":required:\n",
        ":min: 9\n",
        ":max: x\n",
        ":follow-up: 3\n",
        "- [x] y\n",
        "- [ ] z\n",
        "  feedback\n",
        "\n",
        "## Head\n",
        "[l](../x.md#h)\n",
        "![i](p.png)\n",
        "| a | b |\n|---|---|\n",
        "```\ncode\n",
        "> quote\n",
        "\x1b[2J",
        "\r\n",
        "\ufeff",
        "&a\n",
        "*x\n",
        "[/]\n",
        "[@click=app.quit]\n",
    ]
)
LESSONISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join)
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)


@settings(max_examples=400, deadline=None)
@given(st.one_of(LESSONISH, ANY_TEXT))
def test_parse_never_raises_and_output_is_clean(text: str) -> None:
    lesson = parse_lesson(text, Path("fuzz.md"))
    assert not has_unsafe(lesson.title)
    for block in lesson.blocks:
        for token in walk(list(block.body.tokens)):
            assert not has_unsafe(token.content)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=600) | LESSONISH.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_check_never_raises_on_bytes(tmp_path: Path, data: bytes) -> None:
    root = tmp_path / "course"
    (root / "01-m").mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text('id = "c"\ntitle = "C"\n')
    (root / "01-m" / "01-fuzz.md").write_bytes(data)
    course = load_course(root)
    for problem in course.problems:
        assert problem.line >= 1
        assert problem.format()
