"""In-process measurements, one fresh process per call; run by `run.py`.

    python benchmarks/inproc.py open     --course DIR --lesson ID --reps N [--preloaded]
    python benchmarks/inproc.py markdown --course DIR --lesson ID --reps N
    python benchmarks/inproc.py typing   --course DIR --lesson ID --prompt ID --runs N --keys K
    python benchmarks/inproc.py check    --course DIR --reps N

Each prints one JSON object on its last stdout line. Times are seconds. Every mode
measures its baseline (the markdown-it-py parse of the same text, with the project's
parser) in the same process, interleaved with the figure, after one warm-up that is
reported separately as `cold`.

The app runs headless at 120x40 (`App.run_test`). "First screen rendered" means: the
active screen is the `LessonScreen`, its `LessonView` has built at least one part,
every built part is mounted and laid out, and the screen has refreshed since (a
`call_after_refresh` callback only runs once the screen has nothing left to lay out
or repaint).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import firstframe

SIZE = (120, 40)
TIMEOUT = 900.0
"""Seconds to wait for one lesson to open before giving up."""


# -- helpers ------------------------------------------------------------------------------


def lesson_file(course: Path, lesson_id: str) -> Path:
    """The file of `lesson_id` in a course written by `benchmarks.lessons`."""
    matches = sorted(course.glob(f"*/*-{lesson_id}.md"))
    if not matches:
        raise SystemExit(f"inproc.py: no lesson {lesson_id!r} in {course}")
    return matches[0]


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of `function` takes (after a full collection)."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def make_parse(text: str) -> Callable[[], object]:
    """The baseline: the project's MarkdownIt parser on `text`."""
    from leadtutor.core import create_parser

    parser = create_parser()
    return lambda: parser.parse(text)


def bench_app_class() -> type[Any]:
    """`LeadTutorApp` with its CSS path made absolute and a hook for P5.

    `changed_hook` is called with the time whenever a `PromptBox.Changed` message has
    been handled by the screen and has bubbled up to the app.
    """
    from textual import on

    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.widgets.prompt_base import PromptBox

    class BenchApp(LeadTutorApp):
        CSS_PATH = firstframe.absolute_css(LeadTutorApp)
        changed_hook: Callable[[float], None] | None = None

        @on(PromptBox.Changed)
        def _bench_changed(self, event: PromptBox.Changed) -> None:
            if self.changed_hook is not None:
                self.changed_hook(time.perf_counter())

    return BenchApp


def lesson_ready(app: Any) -> bool:
    """Whether the lesson's first screenful is built, mounted and laid out."""
    return firstframe.lesson_on_screen(app.screen)


async def until(app: Any, done: asyncio.Future[float]) -> float:
    """Wait for `done`, giving up if the app stops (a crashed app never resolves it)."""
    deadline = time.perf_counter() + TIMEOUT
    while not done.done():
        await asyncio.wait([done], timeout=0.25)
        if not done.done() and (not app.is_running or time.perf_counter() > deadline):
            raise RuntimeError(f"the app stopped or timed out (exception: {app._exception!r})")
    return done.result()


async def time_to_first_frame(app: Any, action: Callable[[], object]) -> float:
    """Seconds from calling `action()` to the first frame showing the lesson."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    firstframe.arm(lambda now: None if done.done() else done.set_result(now))
    gc.collect()
    start = time.perf_counter()
    action()
    return await until(app, done) - start


async def after_refresh(app: Any, condition: Callable[[], bool] = lambda: True) -> float:
    """Wait until `condition()` holds right after a screen refresh; return the time."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()

    def check() -> None:
        if done.done():
            return
        if condition():
            done.set_result(time.perf_counter())
        else:
            app.call_after_refresh(check)

    app.call_after_refresh(check)
    return await until(app, done)


def built_all(app: Any) -> bool:
    """Whether the lesson view has finished its background build (or will not do one)."""
    from leadtutor.ui.widgets import lesson_view

    view = app.screen.query_one(lesson_view.LessonView)
    limit = getattr(lesson_view, "EAGER_LIMIT", 0)
    return bool(view.built >= len(view.parts) or len(view.parts) > limit)


async def settle(app: Any, pilot: Any) -> None:
    """Let pending work finish: idle, one refresh, and no autosave in flight."""
    await pilot.pause()
    await after_refresh(app)
    app.autosave.save_now()
    await pilot.pause()


async def close_lesson(app: Any, pilot: Any) -> None:
    """Go back from the lesson screen to the welcome screen.

    Waits for the lesson view's background build to finish first: a `ChoiceBox` whose
    mount is still in flight when its screen closes gets `Mount` without having
    composed, and its `on_mount` raises `NoMatches` (an app bug, see the README).
    """
    from leadtutor.ui.screens.lesson import LessonScreen

    if isinstance(app.screen, LessonScreen):
        if app.screen.lesson.ok:
            await after_refresh(app, lambda: built_all(app))
        await app.pop_screen()
    await settle(app, pilot)


def make_app(course_dir: Path, data_dir: Path) -> Any:
    """The app on `course_dir`, a fresh progress store, settings kept in memory."""
    from leadtutor.core import load_course
    from leadtutor.progress import ProgressStore
    from leadtutor.settings import Settings

    course = load_course(course_dir)
    store = ProgressStore(data_dir, course.id)
    store.load()
    return bench_app_class()(course, store, Settings(None))


# -- P2 / P3: open a lesson -----------------------------------------------------------------


async def measure_open(args: argparse.Namespace) -> dict[str, Any]:
    from leadtutor.core import load_course

    course_dir = Path(args.course)
    text = lesson_file(course_dir, args.lesson).read_text(encoding="utf-8")
    parse = make_parse(text)
    result: dict[str, Any] = {
        "lines": text.count("\n"),
        "bytes": len(text.encode()),
        "parse": [],
        "open": [],
        "load_open": [],
    }
    firstframe.install()
    with tempfile.TemporaryDirectory() as data:
        app = make_app(course_dir, Path(data))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)

            def open_preloaded() -> None:
                app.open_lesson(app.course.lesson(args.lesson))

            def load_and_open() -> None:
                app.course = load_course(course_dir)
                app.open_lesson(app.course.lesson(args.lesson))

            for rep in range(args.reps + 1):
                key = "cold" if rep == 0 else ""
                samples: dict[str, float] = {"parse": timed(parse)}
                if args.preloaded:
                    samples["open"] = await time_to_first_frame(app, open_preloaded)
                    result["parts"] = firstframe.parts()
                    await close_lesson(app, pilot)
                samples["load_open"] = await time_to_first_frame(app, load_and_open)
                await close_lesson(app, pilot)
                for name, value in samples.items():
                    if key:
                        result.setdefault("cold", {})[name] = value
                    else:
                        result[name].append(value)
    return result


# -- reference: Textual's Markdown widget ----------------------------------------------------


async def measure_markdown(args: argparse.Namespace) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    text = lesson_file(Path(args.course), args.lesson).read_text(encoding="utf-8")
    parse = make_parse(text)

    class MarkdownApp(App[None]):
        def compose(self) -> ComposeResult:
            yield VerticalScroll(id="host")

    result: dict[str, Any] = {"lines": text.count("\n"), "parse": [], "markdown": []}
    app = MarkdownApp()
    async with app.run_test(size=SIZE) as pilot:
        host = app.query_one("#host")
        for rep in range(args.reps + 1):
            parse_time = timed(parse)
            markdown = Markdown()
            await host.mount(markdown)
            await pilot.pause()
            gc.collect()
            start = time.perf_counter()
            await markdown.update(text)
            end = await after_refresh(app)
            blocks = len(list(markdown.query("*")))
            await markdown.remove()
            await pilot.pause()
            if rep == 0:
                result["cold"] = {"parse": parse_time, "markdown": end - start}
            else:
                result["parse"].append(parse_time)
                result["markdown"].append(end - start)
            result["widgets"] = blocks
    return result


# -- P5: typing --------------------------------------------------------------------------------


class NullAutosave:
    """Stands in for `leadtutor.ui.autosave.Autosave` with saving switched off."""

    def __init__(self) -> None:
        self.generation = 0
        self.saved_generation = 0

    @property
    def dirty(self) -> bool:
        return False

    def touch(self, *, quiet: bool = False) -> int:
        self.generation += 1
        return self.generation

    def save_now(self) -> str:
        return ""


def typing_keys(count: int, seed: int = 5) -> list[tuple[str, str]]:
    """`count` (key, character) pairs of prose: words, spaces, a newline every ~70."""
    import random

    from benchmarks.lessons import WORDS

    rng = random.Random(seed)
    keys: list[tuple[str, str]] = []
    column = 0
    while len(keys) < count:
        if column > 65:
            keys.append(("enter", "\r"))
            column = 0
            continue
        for char in rng.choice(WORDS) + " ":
            keys.append(("space", " ") if char == " " else (char, char))
            column += 1
    return keys[:count]


async def measure_typing(args: argparse.Namespace) -> dict[str, Any]:
    from textual import events
    from textual.widgets import TextArea

    keys = typing_keys(args.keys)
    expected = "".join("\n" if key == "enter" else char for key, char in keys)
    result: dict[str, Any] = {"keys": args.keys, "runs": []}
    firstframe.install()
    with tempfile.TemporaryDirectory() as data:
        app = make_app(Path(args.course), Path(data))
        real_autosave = app.autosave
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            lesson = app.course.lesson(args.lesson)
            arrived: asyncio.Event = asyncio.Event()
            stamp: list[float] = [0.0]

            def hook(now: float) -> None:
                stamp[0] = now
                arrived.set()

            app.changed_hook = hook
            saves = [0]
            store_save = app.store.save

            def counting_save() -> object:
                saves[0] += 1
                return store_save()

            app.store.save = counting_save
            modes = ["on", "off"] * (args.runs + 1)
            for index, mode in enumerate(modes):
                app.store.set_reflection(args.prompt, lesson.id, "")
                app.autosave.save_now()
                app.open_lesson(lesson, prompt_id=args.prompt)
                await after_refresh(
                    app,
                    lambda: (
                        lesson_ready(app)
                        and isinstance(app.focused, TextArea)
                        and app.focused.id == f"text-{args.prompt}"
                    ),
                )
                await settle(app, pilot)
                area = app.focused
                initial = area.text
                app.autosave = real_autosave if mode == "on" else NullAutosave()
                saves_before = saves[0]
                times: list[float] = []
                missing = 0
                gc.collect()
                cpu = time.process_time()
                wall = time.perf_counter()
                for key, char in keys:
                    arrived.clear()
                    start = time.perf_counter()
                    app.post_message(events.Key(key, char))
                    try:
                        await asyncio.wait_for(arrived.wait(), 5.0)
                    except TimeoutError:
                        missing += 1
                        if missing >= 3 and not times:
                            break  # the hook is not reached at all: give up on this run
                        continue
                    times.append(stamp[0] - start)
                wall = time.perf_counter() - wall
                cpu = time.process_time() - cpu
                saves_typing = saves[0] - saves_before
                # Autosave promises a save within MAX_WAIT (0.8 s) of a change: wait 1.5 s.
                await asyncio.sleep(1.5)
                await pilot.pause()
                unsaved = bool(app.autosave.dirty)
                await settle(app, pilot)
                text = area.text
                answer = app.store.answer(args.prompt)
                stored = str(answer.value) if answer is not None else ""
                app.autosave = real_autosave
                await close_lesson(app, pilot)
                run = {
                    "mode": mode,
                    "cold": index < 2,
                    "handled": len(times),
                    "missing": missing,
                    "mean": statistics.fmean(times) if times else None,
                    "median": statistics.median(times) if times else None,
                    "p99": sorted(times)[int(len(times) * 0.99)] if times else None,
                    "max": max(times) if times else None,
                    "cpu_per_key": cpu / len(keys),
                    "wall": wall,
                    "saves_while_typing": saves_typing,
                    "unsaved_after_pause": unsaved,
                    "text_ok": text == initial + expected,
                    "stored_ok": stored == text,
                    "text_chars": len(text),
                    "expected_chars": len(initial) + len(expected),
                }
                result["runs"].append(run)
    return result


# -- P6: check a course -----------------------------------------------------------------------


def measure_check(args: argparse.Namespace) -> dict[str, Any]:
    from leadtutor import cli
    from leadtutor.core import create_parser

    course = Path(args.course)
    texts = [p.read_text(encoding="utf-8") for p in sorted(course.glob("*/*.md"))]
    parser = create_parser()
    outputs: list[str] = []

    def parse_all() -> object:
        return [parser.parse(text) for text in texts]

    def check() -> object:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check", str(course)])
        outputs.append(f"exit {code}: {err.getvalue().strip()}")
        return code

    result: dict[str, Any] = {
        "lessons": len(texts),
        "lines": sum(t.count("\n") for t in texts),
        "bytes": sum(len(t.encode()) for t in texts),
        "parse": [],
        "check": [],
    }
    for rep in range(args.reps + 1):
        samples = {"parse": timed(parse_all), "check": timed(check)}
        if rep == 0:
            result["cold"] = samples
        else:
            for name, value in samples.items():
                result[name].append(value)
    result["output"] = outputs[-1]
    return result


# -- main ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("open", "markdown", "typing", "check"))
    parser.add_argument("--course", required=True)
    parser.add_argument("--lesson", default="")
    parser.add_argument("--prompt", default="")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=2000)
    parser.add_argument("--preloaded", action="store_true")
    args = parser.parse_args()
    result: dict[str, Any]
    if args.mode == "open":
        result = asyncio.run(measure_open(args))
    elif args.mode == "markdown":
        result = asyncio.run(measure_markdown(args))
    elif args.mode == "typing":
        result = asyncio.run(measure_typing(args))
    else:
        result = measure_check(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
