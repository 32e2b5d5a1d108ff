"""P7: `leadtutor check` of one lesson inside a 1,000-lesson course, for `run.py`.

    python benchmarks/check_one.py --course DIR --lesson FILE --reps N

The child prints one JSON object. Timed, in one process and interleaved: the `check`
command on that file (`leadtutor.commands.check.run` with the arguments already parsed:
loading the course's context, checking, printing; argparse's own cost, a few ms of
gettext lookups per call, is reported apart as `cli.main`) with the index of the other
lessons warm, as after any earlier check; and the baseline: parsing that one lesson
alone with the project's lesson parser (`leadtutor.core.parse_lesson`: markdown-it,
front matter, prompt bodies, lints). Also reported: the bare markdown-it parse of the
text (`create_parser().parse`, the baseline of the other figures), the whole
`cli.main`, the same check with `--no-cache` (every other lesson parsed), and the very
first check (cold: it builds the index).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    HERE,
    Fixtures,
    Plan,
    Report,
    Spread,
    progress,
    ratios,
    run_child,
    yes,
)
from benchmarks.lessons import many_lessons_course


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure(course: Path, lesson: Path, reps: int) -> dict[str, Any]:
    """Run in the child: the samples described in the module docstring."""
    from leadtutor import cli
    from leadtutor.commands import check as command
    from leadtutor.core import create_parser, parse_lesson

    text = lesson.read_text(encoding="utf-8")
    parser = create_parser()
    outputs: list[str] = []

    def check(*extra: str, whole: bool = False) -> Callable[[], object]:
        argv = ["check", *extra, str(lesson)]
        args = cli.build_parser().parse_args(argv)

        def run() -> object:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli.main(argv) if whole else command.run(args)
            outputs.append(f"exit {code}: {err.getvalue().strip()}")
            return code

        return run

    result: dict[str, Any] = {
        "lessons": len(list(course.glob("*/*.md"))),
        "lines": text.count("\n"),
        "cold": timed(check()),
        "cold_output": outputs[-1],
        "parse": [],
        "check": [],
        "parse_lesson": [],
        "cli_main": [],
        "no_cache": [],
    }
    warm, whole = check(), check(whole=True)
    for _ in range(reps):
        result["parse"].append(timed(lambda: parser.parse(text)))
        result["check"].append(timed(warm))
        result["parse_lesson"].append(timed(lambda: parse_lesson(text, lesson)))
        result["cli_main"].append(timed(whole))
    for _ in range(max(1, reps // 5)):
        result["no_cache"].append(timed(check("--no-cache")))
    result["output"] = outputs[0]
    return result


def check_one_figure(plan: Plan, fx: Fixtures, report: Report) -> None:
    """P7: check one lesson of a 1,000-lesson course vs parsing that lesson."""
    if fx.many is None:
        progress(f"P7: writing a {plan.check_lessons:,}-lesson course")
        fx.many, _ = many_lessons_course(fx.root / "many", plan.check_lessons, plan.check_lines)
    lock = fx.many / "course.lock"
    if not lock.exists():
        from leadtutor import cli

        with contextlib.redirect_stderr(io.StringIO()):
            cli.main(["check", "--update-lock", str(fx.many)])
        time.sleep(2.5)  # the index trusts only files unchanged for 2 s (index.SETTLED_NS)
    lessons = sorted(fx.many.glob("*/*.md"))
    lesson = lessons[len(lessons) // 2]
    reps = max(10, plan.check_reps * 10)
    progress(f"P7 check one lesson: 1 cold + {reps} interleaved reps")
    with tempfile.TemporaryDirectory(dir=fx.root) as cache:
        os.environ["LEADTUTOR_CACHE"] = cache
        try:
            r = run_child(
                [
                    str(HERE / "check_one.py"),
                    "--course",
                    str(fx.many),
                    "--lesson",
                    str(lesson),
                    "--reps",
                    str(reps),
                ],
                fx.root,
            ).result()
        finally:
            os.environ.pop("LEADTUTOR_CACHE", None)
    report.data["P7"] = r
    p7 = ratios(r["check"], r["parse_lesson"])
    report.add(
        f"P7 leadtutor check one.md ({r['lines']} lines) in a {r['lessons']:,}-lesson course",
        Spread.of(r["check"]).fmt(digits=1),
        "parse_lesson " + Spread.of(r["parse_lesson"]).fmt(digits=1),
        p7.ratio(),
        "<= 3x",
        yes(p7.median <= 3),
    )
    report.add(
        "  info: same, vs the markdown-it parse alone",
        Spread.of(r["check"]).fmt(digits=1),
        "parse " + Spread.of(r["parse"]).fmt(digits=1),
        ratios(r["check"], r["parse"]).ratio(),
        "-",
        "info",
    )
    report.add(
        "  info: same, the whole CLI (argparse included)",
        Spread.of(r["cli_main"]).fmt(digits=1),
        "parse_lesson (same reps)",
        ratios(r["cli_main"], r["parse_lesson"]).ratio(),
        "-",
        "info",
    )
    report.note(
        f"P7: first check (builds the index of the other lessons) {r['cold'] * 1000:,.0f} ms; "
        f"with --no-cache {Spread.of(r['no_cache']).fmt()}; check said: {r['output']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--course", required=True)
    parser.add_argument("--lesson", required=True)
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(measure(Path(args.course), Path(args.lesson), args.reps)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
