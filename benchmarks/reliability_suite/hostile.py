"""R3: hostile lessons through `check` and through the real app in a terminal.

For each case the course is checked (`load_course`, timed: oversized input must be
refused fast, with a message), then the real `leadtutor` runs in a pty
(`terminal.tour`) and visits every lesson; `scan.violations` reads every byte it wrote.
A click sweep (Pilot, in process) clicks every CLICKME payload and records what ran.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Final

from hypothesis import HealthCheck, Phase, given, settings

from benchmarks.reliability_suite import Row, scan, terminal
from benchmarks.reliability_suite.hostile_cases import (
    CASES,
    SPECIAL_FILES,
    directory_loop,
    expected_markers,
    generated_lessons,
)
from leadtutor.core import load_course

MODULE: Final = "01-hostile"
SLOW_OPEN: Final = 10.0
"""A lesson that takes longer than this to open counts as a failure."""


def _course(root: Path, lessons: dict[str, str], special: bool) -> Path:
    (root / MODULE).mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text(
        'id = "hostile"\ntitle = "Hostile [/] [@click=app.quit]x[/]"\n'
    )
    for index, (name, text) in enumerate(lessons.items(), start=1):
        (root / MODULE / f"{index:03d}-{name}.md").write_text(
            text, encoding="utf-8", errors="surrogatepass"
        )
    if special:
        files = [(n, make) for n, make in SPECIAL_FILES.items() if n != "symlink-loop"]
        for index, (name, make) in enumerate(files, start=len(lessons) + 1):
            make(root / MODULE / f"{index:03d}-{name}.md", root)
    return root


def hand_written_course(root: Path) -> Path:
    """Every hand-written case in one course, except the symlink loops (`loop_course`)."""
    lessons = {name: make() for name, make in CASES.items()}
    lessons["links"] += "\n[CLICKME lesson](002-markup-everywhere.md#missing)\n"
    return _course(root, lessons, special=True)


def loop_course(root: Path) -> Path:
    """The symlink loop between two files and the loop through a directory, next to a
    lesson that links to another real lesson (which makes the checker resolve paths)."""
    good = "---\ntitle: Good\n---\n\nSee [the other](002-other.md).\n"
    course = _course(root, {"good": good, "other": good.replace("002-other", "001-good")}, False)
    SPECIAL_FILES["symlink-loop"](course / MODULE / "003-loop.md", course)
    directory_loop(course, MODULE)
    return course


def generate(count: int, seed: int) -> list[str]:
    """`count` hostile lessons from Hypothesis (deterministic for a seed)."""
    found: list[str] = []
    if count <= 0:
        return found

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(generated_lessons)
    def collect(text: str) -> None:
        found.append(text)

    collect()
    # Prompt ids must be unique across the course: number them per lesson.
    return [
        t.replace(":::{reflect} g", f":::{{reflect}} g{i}-") for i, t in enumerate(found[:count])
    ]


def check_course(root: Path) -> dict[str, Any]:
    """Run the checker; time it; the oversized file's problem must say why."""
    started = time.monotonic()
    try:
        course = load_course(root)
    except Exception as exc:  # a crash is a figure here, not an error of the harness
        return {"crash": f"{type(exc).__name__}: {exc}", "seconds": time.monotonic() - started}
    seconds = time.monotonic() - started
    oversized = [p for p in course.problems if p.code == "file.too-large"]
    return {
        "crash": "",
        "seconds": seconds,
        "lessons": len(course.lessons),
        "first": course.lessons[0].id if course.lessons else "",
        "oversized": oversized,
    }


def _session_figures(session: terminal.Session, figures: dict[str, Any], markers: bool) -> None:
    found = scan.violations(session.output, limit=1000)
    figures["control_leaks"] += len(found)
    figures["examples"].extend(found[:3])
    if markers:
        wrong = scan.payload_problems(session.output, _shown_markers(session.output))
        figures["payload_mismatch"] += len(wrong)
        figures["examples"].extend(wrong[:3])
    text = session.output.decode("utf-8", "replace")
    crashed = session.exited_early or session.exit_code != 0 or "internal error" in text
    figures["app_crashes"] += crashed
    figures["keys_taken_by_a_text_box"] = (
        figures.get("keys_taken_by_a_text_box", 0) + session.swallowed
    )
    opens = session.open_seconds
    figures["slowest_open_s"] = max(figures["slowest_open_s"], *opens)
    figures["slow_opens"] += sum(s > SLOW_OPEN for s in opens)


def _shown_markers(output: bytes) -> dict[str, str]:
    """The markers to check: those whose lesson part was on screen at some point."""
    text = scan.visible(output.decode("utf-8", "replace"))
    return {m: want for m, want in expected_markers().items() if f"«{m}»" in text}


def run(workdir: Path, generated: int, *, seed: int = 14, per_session: int = 60) -> Row:
    """R3 with all hand-written cases and `generated` Hypothesis lessons."""
    figures: dict[str, Any] = {
        "crashes": 0,
        "app_crashes": 0,
        "control_leaks": 0,
        "payload_mismatch": 0,
        "actions_run": 0,
        "slow_opens": 0,
        "slowest_open_s": 0.0,
        "examples": [],
    }
    hand = hand_written_course(workdir / "hand")
    result = check_course(hand)
    figures["crashes"] += bool(result["crash"])
    if result["crash"]:
        raise RuntimeError(f"check crashed on the hand-written course: {result['crash']}")
    figures["check_hand_s"] = round(result["seconds"], 2)
    refused = [p for p in result.get("oversized", []) if "too large" in p.message]
    figures["oversized_not_refused"] = 0 if refused else 1
    session = terminal.tour(hand, workdir / "data-hand", result["first"], result["lessons"])
    _session_figures(session, figures, markers=True)
    figures["markers_checked"] = len(_shown_markers(session.output))
    loops = loop_course(workdir / "loops")
    result = check_course(loops)
    figures["crashes"] += bool(result["crash"])
    if result["crash"]:
        figures["examples"].append(f"symlink loops: {result['crash']}")
    else:
        session = terminal.tour(loops, workdir / "data-loops", result["first"], result["lessons"])
        _session_figures(session, figures, markers=False)
    texts = generate(generated, seed)
    for start in range(0, len(texts), per_session):
        batch = {f"gen{start + i}": t for i, t in enumerate(texts[start : start + per_session])}
        root = _course(workdir / f"gen-{start}", batch, special=False)
        result = check_course(root)
        figures["crashes"] += bool(result["crash"])
        if result["crash"]:
            figures["examples"].append(result["crash"])
            continue
        session = terminal.tour(root, workdir / f"data-gen-{start}", result["first"], len(batch))
        _session_figures(session, figures, False)
    from benchmarks.reliability_suite.clicks import sweep

    actions = asyncio.run(sweep(hand, workdir / "data-clicks"))
    figures["actions_run"] = len(actions["ran"])
    figures["clicks"] = actions["clicks"]
    figures["unclickable"] = actions["unreachable"]
    figures["examples"].extend(actions["ran"][:3])
    examples = figures.pop("examples")
    figures["slowest_open_s"] = round(figures["slowest_open_s"], 2)
    zero = (
        "crashes",
        "app_crashes",
        "control_leaks",
        "payload_mismatch",
        "actions_run",
        "slow_opens",
        "oversized_not_refused",
    )
    row = Row(
        "R3 hostile lessons",
        f"{len(CASES) + len(SPECIAL_FILES) + 1} hand-written + {generated} generated",
        figures,
        zero,
    )
    row.notes.extend(str(e) for e in examples)
    return row
