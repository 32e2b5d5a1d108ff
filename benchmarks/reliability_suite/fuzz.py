"""R4: Hypothesis over the parser (`parse_lesson`) and over `check` (`load_course` on
bytes written to a lesson file), with long inputs made by repeating lesson fragments.

Every input is timed. An uncaught exception is a failure (kept with its input); the
figures are inputs tried, exceptions, inputs over 1 s, and the slowest input's time
divided by the time to parse (or check) a normal lesson of the same size, through the
same target (re-timed, best of 3).
"""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from benchmarks.lessons import lesson_text
from benchmarks.reliability_suite import Row
from leadtutor.core import load_course, parse_lesson

FRAGMENTS: Final = [
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
    "# h\n",
    "[l](../x.md#h)\n",
    "[l](#head)\n",
    "![i](p.png)\n",
    "| a | b |\n|---|---|\n",
    "| 1 | 2 |\n",
    "```\ncode\n",
    "```\n",
    "~~~py\n",
    "> quote\n",
    "> ",
    ">",
    "- ",
    "1. ",
    "* ",
    "    ",
    "  ",
    "\t",
    "x",
    "word ",
    "*x",
    "_x",
    "`x",
    "**",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "<",
    "&amp;",
    "&#27;",
    "\\",
    "!",
    "|",
    ":",
    "=\n",
    "[a]: b\n",
    "[a]: <b> 'c'\n",
    "<div>\n",
    "\x1b[2J",
    "\x9b",
    "\r\n",
    "\r",
    "\ufeff",
    "\u202e",
    "[/]",
    "[@click=app.quit]",
    "http://]x",
    "%41",
    "\x00",
    "é",
    "漢",
    "😀",
]
_FRAGMENT: Final = st.sampled_from(FRAGMENTS)
_ANY_TEXT: Final = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
SHORT: Final = st.lists(st.one_of(_FRAGMENT, st.text(max_size=20)), max_size=60).map("".join)


def texts(max_bytes: int) -> st.SearchStrategy[str]:
    """Lesson-ish text: short mixes, long repetitions (1 in 8, up to `max_bytes`), any Unicode."""
    long = st.tuples(st.lists(_FRAGMENT, min_size=1, max_size=8), st.integers(1, 4000)).map(
        lambda t: ("".join(t[0]) * t[1])[:max_bytes]
    )
    return st.one_of(SHORT, SHORT, SHORT, SHORT, SHORT, long, _ANY_TEXT, _ANY_TEXT)


def data(max_bytes: int) -> st.SearchStrategy[bytes]:
    """Bytes for a lesson file: random, or lesson-ish text (lone surrogates kept)."""
    return st.one_of(
        st.binary(max_size=2000),
        texts(max_bytes).map(lambda s: s.encode("utf-8", "surrogatepass")),
    )


class Record:
    """What a fuzz run saw."""

    def __init__(self) -> None:
        self.tried = 0
        self.errors: list[tuple[str, Any]] = []
        self.over_1s: list[tuple[float, int, Any, str]] = []
        """Inputs that took over 1 s when first timed: (seconds, size, input, target)."""
        self.slowest: dict[str, list[tuple[float, float, int, Any]]] = {}
        """Per target, the 20 inputs (of 1,000 bytes or more) with the highest estimated
        ratio to a normal lesson of their size: (ratio, seconds, size, input)."""
        self.normals: dict[tuple[str, int], float] = {}
        self.max_seconds = 0.0
        self.slowest_input: tuple[str, int, Any] = ("", 0, "")
        self.targets: dict[str, Callable[[Any], object]] = {}

    def time(self, kind: str, target: Callable[[Any], object], value: Any, size: int) -> None:
        self.tried += 1
        started = time.perf_counter()
        try:
            target(value)
        except Exception as exc:  # the figure we are after
            self.errors.append(
                (f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}", value)
            )
            return
        seconds = time.perf_counter() - started
        self.targets[kind] = target
        if seconds > self.max_seconds:
            self.max_seconds = seconds
            self.slowest_input = (kind, size, value)
        if seconds > 1.0:
            self.over_1s.append((seconds, size, value, kind))
        if size >= 1000:
            worst = self.slowest.setdefault(kind, [])
            worst.append((seconds / self._normal(kind, target, size), seconds, size, value))
            worst.sort(key=lambda item: -item[0])
            del worst[20:]

    def _normal(self, kind: str, target: Callable[[Any], object], size: int) -> float:
        """An estimate of a normal lesson's time at `size` (measured once per power of 2)."""
        bucket = 1 << max(10, (size - 1).bit_length())
        key = (kind, bucket)
        if key not in self.normals:
            self.normals[key] = normal_seconds(bucket, target) / bucket
        return self.normals[key] * size


def _parse(text: str) -> None:
    lesson = parse_lesson(text, Path("fuzz.md"))
    assert all(p.line >= 1 for p in lesson.problems)


def _checker(folder: Path) -> Callable[[bytes], None]:
    lesson = folder / "01-m" / "01-fuzz.md"
    lesson.parent.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text('id = "c"\ntitle = "C"\n')

    def check(data: bytes) -> None:
        lesson.write_bytes(data)
        course = load_course(folder)
        assert all(p.line >= 1 and p.format() for p in course.problems)

    return check


def _run(strategy: Any, examples: int, run_seed: int, body: Callable[[Any], None]) -> None:
    @seed(run_seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def fuzz(value: Any) -> None:
        body(value)

    fuzz()


def normal_seconds(size: int, target: Callable[[Any], object] | None = None) -> float:
    """Best-of-3 time to parse (or give `target`: check) an ordinary lesson of about
    `size` bytes, generated like the benchmark lessons."""
    lines = max(30, size // 34)
    text = lesson_text(lines, seed=3).text[:size]
    value: Any = text if target is None or target is _parse else text.encode("utf-8")
    return _retime(value, target or _parse)


def _retime(value: Any, target: Callable[[Any], object]) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        target(value)
        best = min(best, time.perf_counter() - started)
    return best


def run(
    workdir: Path,
    parse_examples: int,
    check_examples: int,
    *,
    run_seed: int = 14,
    max_bytes: int = 200_000,
) -> Row:
    """R4: `parse_examples` texts through the parser, `check_examples` files through check."""
    record = Record()
    started = time.monotonic()
    _run(
        texts(max_bytes),
        parse_examples,
        run_seed,
        lambda t: record.time("parse", _parse, t, len(t.encode("utf-8", "surrogatepass"))),
    )
    check = _checker(workdir / "course")
    _run(
        data(max_bytes),
        check_examples,
        run_seed + 1,
        lambda b: record.time("check", check, b, len(b)),
    )
    worst = (0.0, 0, "", "")
    for kind, target in (("parse", _parse), ("check", check)):
        for _, _, size, value in record.slowest.get(kind, [])[:5]:  # re-time, best of 3
            ratio = _retime(value, target) / normal_seconds(size, target)
            worst = max(worst, (ratio, size, value, kind), key=lambda w: w[0])
    # An input over 1 s is timed again (best of 3): the machine is shared, and one
    # timing can include another process's burst. Both counts are reported.
    still_over = [
        (s, n, v, k) for s, n, v, k in record.over_1s if _retime(v, record.targets[k]) > 1.0
    ]
    kind, size, value = record.slowest_input
    slowest_again = _retime(value, record.targets[kind]) if kind else 0.0
    figures: dict[str, float | int | str] = {
        "uncaught_exceptions": len(record.errors),
        "inputs_over_1s": len(still_over),
        "over_1s_when_first_timed": len(record.over_1s),
        "inputs": record.tried,
        "worst_ratio_vs_normal": round(worst[0], 1),
        "worst_input_bytes": worst[1],
        "slowest_s": round(record.max_seconds, 3),
        "slowest_retimed_s": round(slowest_again, 3),
        "seconds": round(time.monotonic() - started),
    }
    row = Row(
        "R4 fuzz",
        f"{parse_examples:,} parser + {check_examples:,} check inputs",
        figures,
        ("uncaught_exceptions", "inputs_over_1s"),
    )
    row.notes.extend(
        error.splitlines()[0] + f" <- {value!r:.200}" for error, value in record.errors[:5]
    )
    row.notes.extend(
        f"{s:.2f} s first timed, {n:,} bytes, through {k} <- {v!r:.160}"
        for s, n, v, k in record.over_1s[:8]
    )
    if record.over_1s:
        smallest = min(n for _, n, _, _ in record.over_1s)
        row.notes.append(f"inputs over 1 s when first timed: the smallest is {smallest:,} bytes")
    if kind:
        row.notes.append(
            f"slowest input ({size:,} bytes, through {kind}): {record.max_seconds:.3f} s, "
            f"{slowest_again:.3f} s re-timed: {value!r:.200}"
        )
    if worst[1]:
        row.notes.append(
            f"worst ratio input ({worst[1]:,} bytes, through {worst[3]}): {worst[2]!r:.300}"
        )
    return row
