"""R4 in CI: ~5,000 Hypothesis inputs through the parser and `check`, and the saved
corpus of inputs that once crashed or took superlinear time (tests/data/fuzz/).
The long run is `benchmarks/reliability.py --only R4` (120,000 inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.reliability_suite import fuzz

from leadtutor.core import load_course, parse_lesson
from tests.conftest import REPO

CORPUS = sorted((REPO / "tests" / "data" / "fuzz").glob("*.md"))


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_fuzz_parser_and_check(tmp_path: Path) -> None:
    row = fuzz.run(tmp_path, 4_000, 1_000, max_bytes=8_000)
    print(f"\n{row.test}: {row.shown()}")
    assert int(row.figures["uncaught_exceptions"]) == 0, row.notes
    assert int(row.figures["inputs"]) == 5_000


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_input_parses_and_checks(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    parse_lesson(data.decode("utf-8", "surrogateescape"), path)
    lesson = tmp_path / "01-m" / "01-case.md"
    lesson.parent.mkdir(parents=True)
    (tmp_path / "course.toml").write_text('id = "c"\ntitle = "C"\n')
    lesson.write_bytes(data)
    course = load_course(tmp_path)
    assert all(p.line >= 1 and p.format() for p in course.problems)


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 8
