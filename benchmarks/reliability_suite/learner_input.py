"""R8: what learners type or paste is saved and shown exactly, minus control characters.

In the app (Pilot): each payload is typed (short ones, key by key) or pasted (as the
terminal driver delivers a paste) into a reflection; after autosave the text box, the
store and a fresh store reading the file must all hold the payload with its control
characters removed, and the journal must show it. Then, in a real pty, an answer
holding raw escape sequences (as a hand-edited progress file might) is displayed and
the terminal stream is scanned as in R3.
"""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path
from typing import Any, Final

from benchmarks.reliability_suite import Row, apps, scan, terminal
from leadtutor.core.sanitize import clean_answer
from leadtutor.progress import ProgressStore

TYPED: Final = {
    "brackets": "[ ] [[x]] ]",
    "markup": "[/] and [@click=app.quit]quit[/] and [bold]b",
}
PASTED: Final = {
    "emoji": "Team 😀👍🏽 — 🧑‍🤝‍🧑 ok",
    "right-to-left": "שלום עולם and مرحبا بالعالم",
    "mixed scripts": "漢字 ñ é ü ß Ω",
    "control characters": "a\x1b[2Jb\x1b]0;PWNED\x07c\x00d\x9be\u202ef\r\ng\tend",
    "one megabyte": ("A long reflection, line after line. é漢😀 [x]\n" * 22_000)[:1_000_000],
}
ON_DISK: Final = "«A»x\x1b]0;PWNED\x07y\x1b[2Jz\u202eq«/»"


async def in_app(workdir: Path) -> dict[str, dict[str, bool]]:
    from textual import events
    from textual.widgets import TextArea

    results: dict[str, dict[str, bool]] = {}
    payloads = {
        **{k: ("type", v) for k, v in TYPED.items()},
        **{k: ("paste", v) for k, v in PASTED.items()},
    }
    for index, (name, (how, payload)) in enumerate(payloads.items()):
        course_dir = apps.course(workdir / f"course-{index}")
        app, store, _ = apps.make_app(course_dir, workdir / f"data-{index}")
        expected = clean_answer(payload)
        outcome: dict[str, bool] = {}
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause(0.3)
            area = app.screen.query_one("#text-trust-why", TextArea)
            area.focus()
            if how == "type":
                await pilot.press(*payload)
            else:
                app.post_message(events.Paste(payload))
            await apps.wait(pilot, partial(_holds, area, expected), 20)
            outcome["shown"] = area.text == expected
            await apps.wait(pilot, partial(_stored, store, expected), 20)
            await apps.saved(pilot, app, store)
            outcome["saved"] = _stored(store, expected)
            if len(payload) < 1000:
                await pilot.press("escape", "ctrl+j")
                await apps.wait(pilot, partial(_on_journal, app), 5)
                shown = _screen_text(app)
                outcome["journal"] = expected.split("\n")[0][:40] in shown
            outcome["running"] = app.is_running
        again = ProgressStore(workdir / f"data-{index}", store.course_id)
        again.load()
        reread = again.answer("trust-why")
        outcome["reread"] = reread is not None and reread.value == expected
        results[f"{how} {name}"] = outcome
    return results


def _holds(area: Any, expected: str) -> bool:
    return bool(area.text == expected)


def _stored(store: ProgressStore, expected: str) -> bool:
    answer = store.answer("trust-why")
    return answer is not None and answer.value == expected


def _on_journal(app: Any) -> bool:
    from leadtutor.ui.screens.journal import JournalScreen

    return isinstance(app.screen, JournalScreen)


def _screen_text(app: Any) -> str:
    import html
    import re

    svg: str = app.export_screenshot().split("</style>")[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def on_disk(workdir: Path) -> list[str]:
    """An answer with raw escapes in the progress file, shown in a real terminal."""
    course_dir = apps.course(workdir / "course-disk")
    store = ProgressStore(workdir / "data-disk", "rel-course")
    store.load()
    store.set_reflection("trust-why", apps.LESSON, ON_DISK)
    store.save()
    term = terminal.Terminal(
        [
            "--course",
            str(course_dir),
            "--data-dir",
            str(workdir / "data-disk"),
            "--lesson",
            apps.LESSON,
        ]
    )
    term.started()
    term.send(b"\x0a")  # ctrl+j: the journal shows the answer too
    term.settle()
    term.close()
    output = bytes(term.output)
    problems = scan.violations(output)
    problems += scan.payload_problems(output, {"A": clean_answer(ON_DISK)[3:-3]})
    return problems


def run(workdir: Path) -> Row:
    """R8: every payload in the app, and the on-disk escapes in a pty."""
    results = asyncio.run(in_app(workdir))
    leaks = on_disk(workdir)
    failures = {name: [k for k, ok in r.items() if not ok] for name, r in results.items()}
    figures: dict[str, float | int | str] = {
        "not_exact": sum(
            bool(set(f) & {"shown", "saved", "reread", "journal"}) for f in failures.values()
        ),
        "crashes": sum("running" in f for f in failures.values()),
        "control_leaks": len(leaks),
        "payloads": len(results) + 1,
    }
    row = Row(
        "R8 learner input",
        "; ".join(results) + "; escapes in the file",
        figures,
        ("not_exact", "crashes", "control_leaks"),
    )
    row.notes += [f"{name}: failed {', '.join(f)}" for name, f in failures.items() if f]
    row.notes += leaks[:5]
    return row
