"""P8: the author's preview reloading a lesson after a save, against opening it.

    .venv/bin/python benchmarks/preview_reload.py            # about a minute
    .venv/bin/python benchmarks/preview_reload.py --quick    # fewer repetitions

In one process, headless at 120x40, with `PreviewApp` (the watcher off, so the figure
is the reload itself), alternating per repetition:

- baseline, opening the lesson: read its file and parse it (`parse_lesson`), then
  `app.open_lesson(lesson)` from the welcome screen to the first frame showing it,
  which is what opening a lesson from its file costs;
- figure: the file is saved with one paragraph changed, then `app.reload_now()` (what
  the watcher's message triggers: re-read the course, parse the changed file, run the
  course-wide checks, rebuild the screen at the same place) to the first frame showing
  the new version;
- info baseline: `app.open_lesson(lesson)` alone, the lesson already parsed (as when
  the learner presses `n`): the reload must parse, this cannot, so this ratio shows
  the parse's share.

Two courses: one 1,000-line lesson, and a 1,000-line lesson among 20 lessons of ~300
lines (the other files are read and the course-wide checks run on every reload). The
goal is a median ratio <= 1.5x against opening the lesson. An info row times save ->
frame with the real watcher (watchfiles, 150 ms debounce): the one-second promise.
Figures are ratios against baselines measured in the same run; absolute times drift on
a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import firstframe
from benchmarks.harness import Report, Spread, progress, ratios, yes
from benchmarks.inproc import (
    SIZE,
    after_refresh,
    built_all,
    lesson_file,
    settle,
    time_to_first_frame,
    until,
)
from benchmarks.lessons import lesson_text, write_course


def preview_app(course_dir: Path, data: Path, lesson_id: str, *, watch: bool) -> Any:
    """`PreviewApp` on `course_dir` as `leadtutor preview` builds it (CSS path absolute)."""
    from leadtutor.core import load_course
    from leadtutor.core.catalog import LessonCache
    from leadtutor.progress import ProgressStore
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.preview import PreviewApp

    class BenchPreview(PreviewApp):
        CSS_PATH = firstframe.absolute_css(LeadTutorApp)

    cache: LessonCache = {}
    course = load_course(course_dir, cache=cache)
    store = ProgressStore(data, course.id)
    store.load()
    return BenchPreview(
        course, store, source=course_dir, cache=cache, start_lesson=lesson_id, watch=watch
    )


def edited(text: str, rep: int) -> str:
    """`text` with its first long paragraph changed (differently each time)."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if len(line) > 40 and i > 20)
    lines[index] = f"Edited in save {rep}: " + lines[index]
    return "\n".join(lines)


async def measure(course_dir: Path, lesson_id: str, reps: int) -> dict[str, Any]:
    """Interleaved open and reload times (seconds), first pair reported as cold."""
    from leadtutor.ui.screens.lesson import LessonScreen

    path = lesson_file(course_dir, lesson_id)
    original = path.read_text(encoding="utf-8")
    from leadtutor.core import parse_lesson

    result: dict[str, Any] = {"open": [], "loaded": [], "reload": [], "cold": {}}
    firstframe.install()
    with tempfile.TemporaryDirectory() as data:
        app = preview_app(course_dir, Path(data), lesson_id, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await after_refresh(app, lambda: isinstance(app.screen, LessonScreen))
            for rep in range(reps + 1):
                await after_refresh(app, lambda: built_all(app))
                await app.pop_screen()  # back to the welcome screen
                await settle(app, pilot)
                lesson = app.course.lesson(lesson_id)

                def read_parse_open(lesson: Any = lesson) -> None:
                    parse_lesson(path.read_text(encoding="utf-8"), path)
                    app.open_lesson(lesson)

                opened = await time_to_first_frame(app, read_parse_open)
                await after_refresh(app, lambda: built_all(app))
                await app.pop_screen()
                await settle(app, pilot)
                loaded = await time_to_first_frame(app, partial(app.open_lesson, lesson))
                await after_refresh(app, lambda: built_all(app))
                await settle(app, pilot)
                path.write_text(edited(original, rep), encoding="utf-8")
                before = app.reloads
                reloaded = await time_to_first_frame(app, app.reload_now)
                assert app.reloads == before + 1, "the lesson screen was rebuilt"
                assert f"save {rep}:" in app.screen.lesson.blocks[0].body.source or any(
                    f"save {rep}:" in b.body.source for b in app.screen.lesson.blocks
                )
                await settle(app, pilot)
                if rep == 0:
                    result["cold"] = {"open": opened, "loaded": loaded, "reload": reloaded}
                else:
                    result["open"].append(opened)
                    result["loaded"].append(loaded)
                    result["reload"].append(reloaded)
    path.write_text(original, encoding="utf-8")
    return result


async def measure_watch(course_dir: Path, lesson_id: str, reps: int) -> list[float]:
    """Seconds from writing the file to the first frame of the new version, watcher on."""
    from leadtutor.ui.screens.lesson import LessonScreen

    path = lesson_file(course_dir, lesson_id)
    original = path.read_text(encoding="utf-8")
    found: list[float] = []
    firstframe.install()
    with tempfile.TemporaryDirectory() as data:
        app = preview_app(course_dir, Path(data), lesson_id, watch=True)
        async with app.run_test(size=SIZE) as pilot:
            await after_refresh(app, lambda: isinstance(app.screen, LessonScreen))
            while not app.watcher.ready.is_set():
                await asyncio.sleep(0.05)
            for rep in range(reps):
                await after_refresh(app, lambda: built_all(app))
                await settle(app, pilot)
                await asyncio.sleep(0.3)
                done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
                before = app.reloads

                def frame(
                    now: float, done: asyncio.Future[float] = done, before: int = before
                ) -> None:
                    if not done.done() and app.reloads > before:
                        done.set_result(now)

                firstframe.arm(frame)
                start = time.perf_counter()
                path.write_text(edited(original, 100 + rep), encoding="utf-8")
                found.append(await until(app, done) - start)
    path.write_text(original, encoding="utf-8")
    return found


def courses(root: Path) -> list[tuple[str, Path, str]]:
    """(label, course folder, lesson id) for each measured course."""
    single = lesson_text(1000, prefix="one")
    many = [lesson_text(1000, prefix="big")] + [
        lesson_text(300, seed=i, prefix=f"m{i}") for i in range(19)
    ]
    return [
        (
            "1,000-line lesson, 1-lesson course",
            write_course(root / "one", [single]),
            single.lesson_id,
        ),
        (
            "1,000-line lesson in a 20-lesson course",
            write_course(root / "many", many, course_id="bench-many"),
            many[0].lesson_id,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="Preview reload vs open (P8).")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    reps, watch_reps = (5, 3) if args.quick else (12, 6)
    report = Report()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="leadtutor-bench-preview-") as tmp:
        for label, course_dir, lesson_id in courses(Path(tmp)):
            progress(f"P8 {label}: 1 cold + {reps} interleaved open/reload pairs")
            r = asyncio.run(measure(course_dir, lesson_id, reps))
            p8 = ratios(r["reload"], r["open"])
            report.add(
                f"P8 preview reload after a save, {label}",
                Spread.of(r["reload"]).fmt(),
                "read+parse+open " + Spread.of(r["open"]).fmt(),
                p8.ratio(),
                "<= 1.5x",
                yes(p8.median <= 1.5),
            )
            report.add(
                "  info: same reloads vs opening it already parsed",
                Spread.of(r["reload"]).fmt(),
                "open " + Spread.of(r["loaded"]).fmt(),
                ratios(r["reload"], r["loaded"]).ratio(),
                "-",
                "info",
            )
            report.note(
                f"P8 {label}: cold read+parse+open {r['cold']['open'] * 1000:.0f} ms, cold "
                f"open {r['cold']['loaded'] * 1000:.0f} ms, cold reload "
                f"{r['cold']['reload'] * 1000:.0f} ms"
            )
        label, course_dir, lesson_id = courses(Path(tmp) / "w")[1]
        progress(f"P8 info: save -> frame with the watcher, {watch_reps} saves")
        saves = asyncio.run(measure_watch(course_dir, lesson_id, watch_reps))
        spread = Spread.of(saves)
        report.add(
            f"  save -> new frame, watcher on, {label}",
            spread.fmt(),
            "-",
            "-",
            "median <= 1 s",
            yes(spread.median <= 1.0),
        )
        report.note(
            f"P8 watcher: {sum(s <= 1.0 for s in saves)} of {len(saves)} saves shown within 1 s "
            f"(each: {', '.join(f'{s * 1000:.0f}' for s in saves)} ms)"
        )
    import os
    import platform

    print(
        f"leadtutor preview benchmark ({'quick' if args.quick else 'full'}, "
        f"{time.perf_counter() - began:.0f} s): Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print()
    print(report.render())
    print()
    for line in report.details:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
