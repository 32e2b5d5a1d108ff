"""leadtutor performance benchmark: prints a table of the figures of issue 6.

    .venv/bin/python benchmarks/run.py            # full run, about 5-8 minutes
    .venv/bin/python benchmarks/run.py --quick    # about 1.5 minutes, fewer repetitions
    .venv/bin/python benchmarks/run.py --only P1,P4 --json results.json

Every figure is a ratio against a baseline measured in the same run (interleaved with
it, or in the same process), given as the median with the min-max of the per-pair
ratios. Absolute times are printed too but drift 10-30% on a shared machine; the
ratios are the stable quantity. A missed goal is reported, never raised: the script
exits 0 unless something crashes. See benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

from benchmarks.lessons import (  # noqa: E402
    GeneratedLesson,
    lesson_text,
    many_lessons_course,
    one_lesson_course,
)

SIZES = (100, 1000, 5000, 20000)
"""Lesson sizes (lines) for P3."""
MIB = 1024 * 1024


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


# -- the figures ---------------------------------------------------------------------------------


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


def startup_figures(plan: Plan, fx: Fixtures, report: Report, memory: bool, start: bool) -> None:
    """P1 (cold start) and P4 (memory): whole processes, interleaved with the bare app."""
    scratch = fx.root
    course150, lesson150 = fx.course(150)
    bundled = REPO / "lessons"
    bundled_id = ""
    if (bundled / "course.toml").exists():
        from leadtutor.core import load_course

        lessons = load_course(bundled).lessons
        bundled_id = lessons[0].id if lessons else ""
    course5k, lesson5k = fx.course(5000)
    counter = iter(range(10**6))

    def app(course: Path, lesson: str) -> Child:
        data = scratch / f"data-{next(counter)}"
        return run_checked(
            [
                str(HERE / "startup.py"),
                "app",
                "--course",
                str(course),
                "--lesson",
                lesson,
                "--data-dir",
                str(data),
            ],
            scratch,
        )

    def bare() -> Child:
        return run_checked([str(HERE / "startup.py"), "bare"], scratch)

    kinds: dict[str, Callable[[], Child]] = {"bare": bare}
    if start:
        kinds["app150"] = lambda: app(course150, lesson150.lesson_id)
        if bundled_id:
            kinds["bundled"] = lambda: app(bundled, bundled_id)
    runs: dict[str, list[Child]] = {k: [] for k in kinds}
    if start:
        progress(f"P1 cold start: 1 warm-up + {plan.startup_rounds} interleaved rounds")
        for warm_up in kinds.values():
            warm_up().result()  # warm-up: byte-compile, page cache
        for round_ in range(plan.startup_rounds):
            order = list(kinds)
            order = order[round_ % len(order) :] + order[: round_ % len(order)]
            for kind in order:
                child = kinds[kind]()
                child.result()
                runs[kind].append(child)
        walls = {k: [c.wall for c in v] for k, v in runs.items()}
        p1 = ratios(walls["app150"], walls["bare"])
        report.add(
            f"P1 cold start, {lesson150.lines}-line lesson (whole process)",
            Spread.of(walls["app150"]).fmt(),
            "bare App+Static " + Spread.of(walls["bare"]).fmt(),
            p1.ratio(),
            "<= 1.5x",
            yes(p1.median <= 1.5),
        )
        if "bundled" in walls:
            p1b = ratios(walls["bundled"], walls["bare"])
            report.add(
                "  info: same, bundled course (12 lessons parsed at start)",
                Spread.of(walls["bundled"]).fmt(),
                "bare (same rounds)",
                p1b.ratio(),
                "-",
                "info",
            )
        for kind, children in runs.items():
            marks = [c.result() for c in children]
            keys = [k for k in marks[0] if isinstance(marks[0][k], float)]
            parts = ", ".join(
                f"{k} {statistics.median(m[k] for m in marks) * 1000:.0f}" for k in keys
            )
            built = marks[0].get("parts_built")
            extra = (
                f"; parts built at first frame {built}/{marks[0]['parts_total']}" if built else ""
            )
            rss = Spread.of([c.max_rss for c in children]).fmt("MiB", 1, 1)
            report.note(
                f"P1 {kind}: in-process marks, median ms since the script's first line: "
                f"{parts}{extra}; peak RSS {rss}"
            )
        report.data["P1"] = {
            k: [vars(c) | {"stdout": c.result()} for c in v] for k, v in runs.items()
        }
    if memory:
        progress(f"P4 memory: {plan.memory_rounds} rounds, 5,000-line lesson vs bare")
        mem_app: list[Child] = []
        mem_bare: list[Child] = []
        for _ in range(plan.memory_rounds):
            child = app(course5k, lesson5k.lesson_id)
            child.result()
            mem_app.append(child)
            mem_bare.append(bare())
        rss_app = Spread.of([c.max_rss for c in mem_app])
        p4 = ratios([c.max_rss for c in mem_app], [c.max_rss for c in mem_bare])
        report.add(
            f"P4 peak RSS, {lesson5k.lines}-line lesson open",
            rss_app.fmt("MiB", 1, 1),
            "bare " + Spread.of([c.max_rss for c in mem_bare]).fmt("MiB", 1, 1),
            p4.ratio(),
            "<= 100 MiB",
            yes(rss_app.median <= 100),
        )
        report.note(
            f"P4: whole-process time with the 5,000-line lesson "
            f"{Spread.of([c.wall for c in mem_app]).fmt()}; parts built at first frame "
            f"{mem_app[0].result().get('parts_built')}/{mem_app[0].result().get('parts_total')}"
        )
        report.data["P4"] = {
            "app": [c.max_rss for c in mem_app],
            "bare": [c.max_rss for c in mem_bare],
        }


def open_figures(plan: Plan, fx: Fixtures, report: Report, reference: bool) -> None:
    """P2 (open a 1,000-line lesson), P3 (scaling) and the Textual `Markdown` reference."""
    results: dict[int, dict[str, Any]] = {}
    for lines in SIZES:
        course, lesson = fx.course(lines)
        reps = plan.open_reps[lines]
        progress(f"P2/P3 open: {lines:,}-line lesson, 1 cold + {reps} reps (fresh process)")
        results[lines] = run_child(
            [
                str(HERE / "inproc.py"),
                "open",
                "--course",
                str(course),
                "--lesson",
                lesson.lesson_id,
                "--reps",
                str(reps),
                "--preloaded",
            ],
            fx.root,
        ).result()
    report.data["P2P3"] = results
    r = results[1000]
    p2 = ratios(r["open"], r["parse"])
    report.add(
        f"P2 open a {r['lines']:,}-line lesson (already loaded) to first frame",
        Spread.of(r["open"]).fmt(),
        "parse " + Spread.of(r["parse"]).fmt(digits=1),
        p2.ratio(),
        "<= 4x",
        yes(p2.median <= 4),
    )
    p2b = ratios(r["load_open"], r["parse"])
    report.add(
        "  info: same, including reading and parsing the lesson",
        Spread.of(r["load_open"]).fmt(),
        "parse (same reps)",
        p2b.ratio(),
        "-",
        "info",
    )
    for lines in SIZES:
        r = results[lines]
        report.add(
            f"P3 load+open {r['lines']:,} lines ({r['bytes'] / 1024:,.0f} KiB)",
            Spread.of(r["load_open"]).fmt(),
            "parse " + Spread.of(r["parse"]).fmt(digits=1),
            ratios(r["load_open"], r["parse"]).ratio(),
            "-",
            "info",
        )
    for small, big in itertools.pairwise(SIZES):
        a, b = results[small], results[big]
        k = exponent(
            a["lines"],
            statistics.median(a["load_open"]),
            b["lines"],
            statistics.median(b["load_open"]),
        )
        k_min = exponent(a["lines"], min(a["load_open"]), b["lines"], min(b["load_open"]))
        k_parse = exponent(
            a["lines"], statistics.median(a["parse"]), b["lines"], statistics.median(b["parse"])
        )
        over = [statistics.median(r["load_open"]) - statistics.median(r["parse"]) for r in (a, b)]
        k_over = (
            f"{exponent(a['lines'], over[0], b['lines'], over[1]):.2f}" if min(over) > 0 else "-"
        )
        report.add(
            f"P3 growth k, {small:,} -> {big:,} lines",
            f"k = {k:.2f} (on minima {k_min:.2f})",
            f"parse k = {k_parse:.2f}; k of (load+open - parse) = {k_over}",
            "-",
            "k <= 1.1",
            yes(k <= 1.1),
        )
    for lines in SIZES:
        r = results[lines]
        cold = r.get("cold", {})
        report.note(
            f"P3 {lines:,} lines: parts built at first frame {r['parts'][0]}/{r['parts'][1]}; "
            f"open (already loaded) {Spread.of(r['open']).fmt()}; cold first open "
            f"{cold.get('open', math.nan) * 1000:.0f} ms, cold load+open "
            f"{cold.get('load_open', math.nan) * 1000:.0f} ms"
        )
    if reference:
        course, lesson = fx.course(1000)
        progress(f"reference: Textual Markdown widget, 1 cold + {plan.markdown_reps} reps")
        m = run_child(
            [
                str(HERE / "inproc.py"),
                "markdown",
                "--course",
                str(course),
                "--lesson",
                lesson.lesson_id,
                "--reps",
                str(plan.markdown_reps),
            ],
            fx.root,
        ).result()
        report.data["reference"] = m
        report.add(
            f"ref: Textual Markdown, {m['lines']:,} lines, update()+first frame",
            Spread.of(m["markdown"]).fmt(),
            "parse " + Spread.of(m["parse"]).fmt(digits=1),
            ratios(m["markdown"], m["parse"]).ratio(),
            "-",
            "reference",
        )
        report.note(
            f"ref: Textual Markdown built {m['widgets']} widgets; cold first update "
            f"{m['cold']['markdown'] * 1000:.0f} ms"
        )


def typing_figure(plan: Plan, fx: Fixtures, report: Report) -> None:
    """P5: per-key handler time, autosave on vs off, interleaved in one process."""
    course, lesson = fx.course(150)
    prompt = lesson.reflect_ids[0]
    progress(f"P5 typing: {plan.typing_keys} keys x (1 cold + {plan.typing_pairs}) on/off pairs")
    r = run_child(
        [
            str(HERE / "inproc.py"),
            "typing",
            "--course",
            str(course),
            "--lesson",
            lesson.lesson_id,
            "--prompt",
            prompt,
            "--runs",
            str(plan.typing_pairs),
            "--keys",
            str(plan.typing_keys),
        ],
        fx.root,
    ).result()
    report.data["P5"] = r
    runs = [run for run in r["runs"] if not run["cold"]]
    on = [run for run in runs if run["mode"] == "on"]
    off = [run for run in runs if run["mode"] == "off"]
    every_key = all(run["missing"] == 0 and run["text_ok"] and run["stored_ok"] for run in runs)
    saved = all(not run["unsaved_after_pause"] for run in on)
    p5 = ratios([x["mean"] for x in on], [x["mean"] for x in off])
    report.add(
        f"P5 typing, mean handler time per key ({r['keys']:,} keys, autosave on)",
        Spread.of([x["mean"] for x in on]).fmt(digits=2),
        "autosave off " + Spread.of([x["mean"] for x in off]).fmt(digits=2),
        p5.ratio(),
        "<= 1.1x, all keys, saved",
        yes(p5.median <= 1.1 and every_key and saved),
    )
    report.add(
        "  info: median handler time per key",
        Spread.of([x["median"] for x in on]).fmt(digits=2),
        "off " + Spread.of([x["median"] for x in off]).fmt(digits=2),
        ratios([x["median"] for x in on], [x["median"] for x in off]).ratio(),
        "-",
        "info",
    )
    report.note(
        f"P5: every key arrived and was stored: {yes(every_key)} "
        f"(text {runs[0]['text_chars']}/{runs[0]['expected_chars']} chars per run); "
        f"autosave on: saves during typing {[x['saves_while_typing'] for x in on]}, "
        f"changes still unsaved 1.5 s after the last key: "
        f"{[x['unsaved_after_pause'] for x in on]} (should all be False)"
    )
    report.note(
        f"P5: p99 per key on {Spread.of([x['p99'] for x in on]).fmt(digits=1)}, "
        f"off {Spread.of([x['p99'] for x in off]).fmt(digits=1)}; CPU per key on "
        f"{Spread.of([x['cpu_per_key'] for x in on]).fmt(digits=2)}, off "
        f"{Spread.of([x['cpu_per_key'] for x in off]).fmt(digits=2)}"
    )


def check_figure(plan: Plan, fx: Fixtures, report: Report) -> None:
    """P6: `leadtutor check` (in-process CLI) on a 1,000-lesson course vs parse."""
    if fx.many is None:
        progress(f"P6: writing a {plan.check_lessons:,}-lesson course")
        fx.many, _ = many_lessons_course(fx.root / "many", plan.check_lessons, plan.check_lines)
    progress(f"P6 check: 1 cold + {plan.check_reps} interleaved reps")
    r = run_child(
        [
            str(HERE / "inproc.py"),
            "check",
            "--course",
            str(fx.many),
            "--reps",
            str(plan.check_reps),
        ],
        fx.root,
    ).result()
    report.data["P6"] = r
    p6 = ratios(r["check"], r["parse"])
    report.add(
        f"P6 leadtutor check, {r['lessons']:,} lessons ({r['lines']:,} lines, "
        f"{r['bytes'] / MIB:.1f} MiB)",
        Spread.of(r["check"]).fmt("s", 1, 2),
        "parse " + Spread.of(r["parse"]).fmt("s", 1, 2),
        p6.ratio(),
        "<= 2x",
        yes(p6.median <= 2),
    )
    report.note(f"P6: check said: {r['output']}")


# -- main --------------------------------------------------------------------------------------------


FIGURES = ("P1", "P2", "P3", "P4", "P5", "P6", "ref")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the leadtutor performance benchmark and print the table."
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (~1.5 min)")
    parser.add_argument(
        "--only",
        default=",".join(FIGURES),
        help=f"comma-separated subset of {','.join(FIGURES)} (P2 and P3 run together)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the raw samples as JSON")
    args = parser.parse_args(argv)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    unknown = only - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    plan = QUICK if args.quick else FULL
    report = Report()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="leadtutor-bench-") as tmp:
        fx = Fixtures(Path(tmp))
        if "P1" in only or "P4" in only:
            startup_figures(plan, fx, report, memory="P4" in only, start="P1" in only)
        if only & {"P2", "P3", "ref"}:
            open_figures(plan, fx, report, reference="ref" in only)
        if "P5" in only:
            typing_figure(plan, fx, report)
        if "P6" in only:
            check_figure(plan, fx, report)
    elapsed = time.perf_counter() - began
    from importlib.metadata import version

    print(
        f"leadtutor {version('leadtutor')} benchmark ({'quick' if args.quick else 'full'} run, "
        f"{elapsed:.0f} s): Python {platform.python_version()}, textual {version('textual')}, "
        f"markdown-it-py {version('markdown-it-py')}, {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print()
    print(report.render())
    print()
    for line in report.details:
        print(f"- {line}")
    for line in FAILURES:
        print(f"- a run failed and was repeated: {line}")
    if args.json:
        report.data["plan"] = vars(plan)
        Path(args.json).write_text(json.dumps(report.data, indent=1, default=str))
    return 0


def _sanity() -> None:
    """Fail early if a generated 20,000-line lesson would not load (over 1 MiB)."""
    lesson_text(max(SIZES))


if __name__ == "__main__":
    _sanity()
    sys.exit(main())
