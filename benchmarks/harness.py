"""Shared machinery of `benchmarks/run.py`: run plans, child processes, spreads of
ratios, and the report table."""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MIB = 1024 * 1024

if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

from benchmarks.lessons import GeneratedLesson, one_lesson_course  # noqa: E402


@dataclass(frozen=True)
class Plan:
    """How many repetitions each figure gets."""

    startup_rounds: int
    memory_rounds: int
    open_reps: dict[int, int]
    markdown_reps: int
    typing_pairs: int
    typing_keys: int
    check_lessons: int
    check_lines: int
    check_reps: int


FULL = Plan(
    startup_rounds=10,
    memory_rounds=5,
    open_reps={100: 10, 1000: 7, 5000: 5, 20000: 3},
    markdown_reps=3,
    typing_pairs=5,
    typing_keys=2000,
    check_lessons=1000,
    check_lines=150,
    check_reps=5,
)
QUICK = Plan(
    startup_rounds=4,
    memory_rounds=2,
    open_reps={100: 3, 1000: 3, 5000: 2, 20000: 2},
    markdown_reps=1,
    typing_pairs=1,
    typing_keys=2000,
    check_lessons=1000,
    check_lines=150,
    check_reps=1,
)


# -- running children ------------------------------------------------------------------------


@dataclass
class Child:
    """One finished child process."""

    wall: float
    """Seconds from spawn to reaped (whole process)."""
    max_rss: float
    """Peak resident set size in MiB (from `wait4`'s rusage of this child alone)."""
    code: int
    stdout: str
    stderr: str

    def result(self) -> dict[str, Any]:
        """The JSON object on the last line of stdout."""
        lines = [line for line in self.stdout.splitlines() if line.startswith("{")]
        if self.code != 0 or not lines:
            raise RuntimeError(
                f"child failed (exit {self.code}):\n{self.stdout[-2000:]}\n{self.stderr[-4000:]}"
            )
        value: dict[str, Any] = json.loads(lines[-1])
        return value


def child_env(scratch: Path) -> dict[str, str]:
    """The environment for children.

    No Textual dev/debug switches. Byte-code caching is switched on, into a private
    folder (`PYTHONPYCACHEPREFIX`), whatever the caller's `PYTHONDONTWRITEBYTECODE`
    says: an installed leadtutor has its `.pyc` files, and compiling ~60 modules from
    source would add ~50 ms to every start. The warm-up runs fill the cache.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("LEADTUTOR_DEBUG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("LEADTUTOR_CACHE", str(scratch / "cache"))  # never the user's cache
    return env


FAILURES: list[str] = []
"""Children that failed and were run again (reported under the table)."""


def run_checked(args: Sequence[str], scratch: Path, tries: int = 3) -> Child:
    """`run_child`, run again (at most `tries` times) if it fails; failures are noted."""
    for attempt in range(tries):
        child = run_child(args, scratch)
        if (child.code == 0 and '"first_frame"' in child.stdout) or attempt == tries - 1:
            return child
        error = [line for line in child.stderr.splitlines() if line.strip()][-3:]
        FAILURES.append(f"{Path(args[0]).name} {args[1]} exit {child.code}: {' / '.join(error)}")
    return child


def run_child(args: Sequence[str], scratch: Path) -> Child:
    """Run `python args...`; time it and read its own peak RSS with `os.wait4`."""
    with (
        tempfile.TemporaryFile(dir=scratch) as out,
        tempfile.TemporaryFile(dir=scratch) as err,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *args], stdout=out, stderr=err, cwd=REPO, env=child_env(scratch)
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(
            wall=wall,
            max_rss=usage.ru_maxrss / 1024,  # KiB on Linux
            code=proc.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
        )


def progress(message: str) -> None:
    """Tell the person waiting what is running (stderr, so stdout is only the report)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- statistics ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Median with min and max."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(math.nan, math.nan, math.nan, 0)
        return cls(statistics.median(values), min(values), max(values), len(values))

    def fmt(self, unit: str = "ms", scale: float = 1000.0, digits: int = 0) -> str:
        if not self.n:
            return "-"
        m, lo, hi = (f"{v * scale:,.{digits}f}" for v in (self.median, self.low, self.high))
        return f"{m} {unit} ({lo}-{hi})" if self.n > 1 else f"{m} {unit}"

    def ratio(self) -> str:
        if not self.n:
            return "-"
        return (
            f"{self.median:.2f}x ({self.low:.2f}-{self.high:.2f})"
            if self.n > 1
            else f"{self.median:.2f}x"
        )


def ratios(top: Sequence[float], bottom: Sequence[float]) -> Spread:
    """Per-pair ratios of two equally long series."""
    return Spread.of([a / b for a, b in zip(top, bottom, strict=True) if b > 0])


def exponent(n1: float, t1: float, n2: float, t2: float) -> float:
    """k in t ∝ n^k between two points."""
    return math.log(t2 / t1) / math.log(n2 / n1)


@dataclass
class Row:
    """One line of the report table."""

    figure: str
    measured: str
    baseline: str
    ratio: str
    goal: str
    met: str


@dataclass
class Report:
    """The table plus details printed under it."""

    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def add(self, *cells: str) -> None:
        self.rows.append(Row(*cells))

    def note(self, text: str) -> None:
        self.details.append(text)

    def render(self) -> str:
        header = Row("Figure", "Measured", "Baseline", "Ratio median (min-max)", "Goal", "Met")
        rows = [header, *self.rows]
        cols = list(zip(*(vars(r).values() for r in rows), strict=True))
        widths = [max(len(str(c)) for c in col) for col in cols]
        lines = []
        for index, row in enumerate(rows):
            cells = [str(c).ljust(w) for c, w in zip(vars(row).values(), widths, strict=True)]
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


@dataclass
class Fixtures:
    """Courses written once per run."""

    root: Path
    sized: dict[int, tuple[Path, GeneratedLesson]] = field(default_factory=dict)
    lesson150: tuple[Path, GeneratedLesson] | None = None
    many: Path | None = None

    def course(self, lines: int) -> tuple[Path, GeneratedLesson]:
        if lines == 150:
            if self.lesson150 is None:
                self.lesson150 = one_lesson_course(self.root / "c150", 150)
            return self.lesson150
        if lines not in self.sized:
            self.sized[lines] = one_lesson_course(self.root / f"c{lines}", lines)
        return self.sized[lines]
