"""P5 (typing with autosave) and P6 (checking a large course) for `benchmarks/run.py`."""

from __future__ import annotations

from benchmarks.harness import (
    HERE,
    MIB,
    Fixtures,
    Plan,
    Report,
    Spread,
    progress,
    ratios,
    run_child,
    yes,
)
from benchmarks.lessons import (
    many_lessons_course,
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
