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
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

from benchmarks.check_one import check_one_figure  # noqa: E402
from benchmarks.harness import (  # noqa: E402
    FAILURES,
    FULL,
    QUICK,
    Child,
    Fixtures,
    Plan,
    Report,
    Spread,
    exponent,
    progress,
    ratios,
    run_checked,
    run_child,
    yes,
)
from benchmarks.lessons import (  # noqa: E402
    lesson_text,
)
from benchmarks.usage_figures import check_figure, typing_figure  # noqa: E402

SIZES = (100, 1000, 5000, 20000)
"""Lesson sizes (lines) for P3."""


# -- the figures ---------------------------------------------------------------------------------


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


FIGURES = ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "ref")


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
        if "P7" in only:
            check_one_figure(plan, fx, report)
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
