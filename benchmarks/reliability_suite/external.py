"""R7: another process edits, truncates, replaces or deletes the progress file while the
app runs; the app's next save must notice and must not silently overwrite anything.

Per case, with the app open and one answer saved: the file is changed behind its back,
the learner types more, autosave runs, and then the file is read. "Detected" means the
store noticed the hash change (it merged the edit, or said the file was unreadable and
kept it aside); "silently overwritten" means the other side's content is neither in the
new file nor kept in a `*.corrupt-*` copy; "lost" means an answer the app had saved or
typed is missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from benchmarks.reliability_suite import SRC, Row, apps
from leadtutor.progress import ProgressStore

OTHER_INSTANCE: Final = """
import sys
from leadtutor.progress import ProgressStore
store = ProgressStore(sys.argv[1], sys.argv[2])
store.load()
store.set_reflection("elsewhere", "trust", "written by another leadtutor")
store.save()
"""


def _other_instance(path: Path, data_dir: Path, course_id: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run(
        [sys.executable, "-c", OTHER_INSTANCE, str(data_dir), course_id], env=env, check=True
    )
    return "written by another leadtutor"


def _edit_same_size(path: Path, data_dir: Path, course_id: str) -> str:
    """An editor changes one answer in place, same length, and the mtime is put back."""
    info = path.stat()
    data = json.loads(path.read_text())
    old = data["answers"]["trust-how"]["value"]
    new = str(old).replace("listen", "LISTEN")
    data["answers"]["trust-how"]["value"] = new
    text = path.read_text().replace(
        json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)
    )
    with path.open("r+", encoding="utf-8") as out:  # same inode, same size
        out.write(text)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    return new


def _truncate(path: Path, data_dir: Path, course_id: str) -> str:
    path.open("w").close()
    return ""


def _garbage(path: Path, data_dir: Path, course_id: str) -> str:
    path.write_text('{"half a sync": "conflict" ')
    return '{"half a sync": "conflict" '


def _older_copy(path: Path, data_dir: Path, course_id: str) -> str:
    backup = path.with_name("progress.json.bak")
    temp = path.with_name("restored.tmp-copy")
    temp.write_bytes(backup.read_bytes() if backup.exists() else b"")
    temp.replace(path)  # an atomic replace with an older generation
    return ""


def _delete(path: Path, data_dir: Path, course_id: str) -> str:
    path.unlink()
    return ""


DESTRUCTIVE: Final = ("truncated to 0 bytes", "replaced by non-JSON", "deleted")
CASES: Final[dict[str, Callable[[Path, Path, str], str]]] = {
    "another instance saves": _other_instance,
    "same-size edit, mtime restored": _edit_same_size,
    "truncated to 0 bytes": _truncate,
    "replaced by non-JSON": _garbage,
    "replaced by an older copy": _older_copy,
    "deleted": _delete,
}


async def one_case(
    workdir: Path, name: str, change: Callable[[Path, Path, str], str]
) -> dict[str, Any]:
    from textual.widgets import TextArea

    course_dir = apps.course(workdir / "course")
    data_dir = workdir / "data"
    app, store, toasts = apps.make_app(course_dir, data_dir)
    outcome: dict[str, Any] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        first = app.screen.query_one("#text-trust-why", TextArea)
        second = app.screen.query_one("#text-trust-how", TextArea)
        second.focus()
        await pilot.press(*"we listen")
        first.focus()
        await pilot.press(*"because")
        await apps.saved(pilot, app, store)
        theirs = change(store.path, data_dir, store.course_id)
        await pilot.press(*" it matters")
        await apps.saved(pilot, app, store)
        app.pick_up_other_changes()
        await pilot.pause(0.2)
    final = store.path.read_text(encoding="utf-8", errors="replace") if store.path.exists() else ""
    kept = [p.read_text(errors="replace") for p in store.files.directory.glob("*corrupt*")]
    again = ProgressStore(data_dir, store.course_id)
    again.load()
    why, how = again.answer("trust-why"), again.answer("trust-how")
    outcome["lost"] = int(why is None or why.value != "because it matters") + int(how is None)
    outcome["silent"] = int(
        bool(theirs) and theirs not in final and not any(theirs in k for k in kept)
    )
    told = [t for t in toasts if "progress" in t.lower()]
    if name in DESTRUCTIVE:
        detected = bool(told)  # the learner is told; the old file is kept aside
    elif theirs:
        detected = theirs in final  # merged: the other side's words are in the new file
    else:
        detected = outcome["lost"] == 0  # an older copy: merged, nothing went missing
    outcome["undetected"] = int(not detected)
    outcome["told"] = told[:1]
    return outcome


def run(workdir: Path) -> Row:
    """R7: every case in a fresh folder."""
    results = {
        name: asyncio.run(one_case(workdir / f"case-{i}", name, change))
        for i, (name, change) in enumerate(CASES.items())
    }
    figures: dict[str, float | int | str] = {
        "undetected": sum(r["undetected"] for r in results.values()),
        "silently_overwritten": sum(r["silent"] for r in results.values()),
        "answers_lost": sum(r["lost"] for r in results.values()),
        "cases": len(results),
    }
    row = Row(
        "R7 external edits",
        ", ".join(CASES),
        figures,
        ("undetected", "silently_overwritten", "answers_lost"),
    )
    for name, r in results.items():
        row.notes.append(
            f"{name}: lost {r['lost']}, silent {r['silent']}, undetected {r['undetected']}; told: {r['told']}"
        )
    return row
