"""R6: under umask 000 and 022, everything leadtutor writes is private.

A child process sets the umask, then saves progress twice (so `.bak` exists), saves
settings, exports the journal with the real CLI, and sets aside a corrupt file; the
parent checks every directory is 0700 and every file 0600. A second check loosens the
modes by hand and opens the store: it must tighten them and say so.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Final

from benchmarks.reliability_suite import SRC, Row

CHILD: Final = """
import os, sys
from pathlib import Path
os.umask(int(sys.argv[2], 8))
data = Path(sys.argv[1])
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
store = ProgressStore(data, "course")
store.load()
store.set_reflection("p1", "l1", "private words")
store.save()
store.set_reflection("p2", "l1", "more private words")
store.save()
settings = Settings.load(data)
settings.theme = "textual-light"
settings.save()
from leadtutor.cli import main
(data / "export").mkdir()
code = main(["--data-dir", str(data), "journal", "export", "-o", str(data / "export" / "journal.md")])
store.path.write_text("{ not json")
again = ProgressStore(data, "course")
again.load()
again.set_reflection("p3", "l1", "after recovery")
again.save()
sys.exit(code)
"""


def _modes(root: Path) -> list[tuple[str, int, bool]]:
    found = []
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        found.append(
            (str(path.relative_to(root.parent)), stat.S_IMODE(info.st_mode), path.is_dir())
        )
    return found


def run_umask(workdir: Path, umask: str) -> tuple[int, int, list[str]]:
    """Return (files checked, wrong modes, notes) for one umask."""
    data = workdir / f"umask-{umask}"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), umask], env=env, capture_output=True, text=True
    )
    notes = [] if proc.returncode == 0 else [f"child failed: {proc.stderr[-300:]}"]
    wrong = 0 if proc.returncode == 0 else 1
    checked = 0
    for name, mode, is_dir in _modes(data):
        if name.endswith("/export"):  # the folder the learner chose: not ours to restrict
            continue
        checked += 1
        want = 0o700 if is_dir else 0o600
        if mode != want:
            wrong += 1
            notes.append(f"umask {umask}: {name} is {mode:04o}, expected {want:04o}")
    shown = sorted(name.split("/", 1)[-1] for name, _, _ in _modes(data))
    notes.append(f"umask {umask}: checked {', '.join(shown)}")
    return checked, wrong, notes


def loosened_are_tightened(workdir: Path) -> tuple[bool, list[str]]:
    """Loosen modes by hand; opening the store must fix them and tell the learner."""
    from leadtutor.progress import ProgressStore

    data = workdir / "loosened"
    store = ProgressStore(data, "course")
    store.load()
    store.set_reflection("p", "l", "x")
    store.save()
    store.files.directory.chmod(0o755)
    store.path.chmod(0o644)
    again = ProgressStore(data, "course")
    again.load()
    fixed = stat.S_IMODE(again.path.stat().st_mode) == 0o600 and (
        stat.S_IMODE(again.files.directory.stat().st_mode) == 0o700
    )
    told = any("tightened" in notice for notice in again.notices)
    return fixed and told, [] if fixed and told else [f"fixed={fixed} told={told}"]


def run(workdir: Path) -> Row:
    """R6 for umask 000 and 022, plus loosened permissions."""
    figures: dict[str, float | int | str] = {}
    notes: list[str] = []
    for umask in ("000", "022"):
        checked, wrong, more = run_umask(workdir, umask)
        figures[f"wrong_modes_umask_{umask}"] = wrong
        figures[f"paths_checked_{umask}"] = checked
        notes += more
        if checked < 6:
            figures[f"wrong_modes_umask_{umask}"] = wrong or 1
            notes.append(f"umask {umask}: only {checked} paths were written")
    ok, more = loosened_are_tightened(workdir)
    figures["loosened_not_fixed"] = 0 if ok else 1
    notes += more
    zero = ("wrong_modes_umask_000", "wrong_modes_umask_022", "loosened_not_fixed")
    row = Row(
        "R6 permissions",
        "umask 000 and 022: progress, .bak, lock, corrupt copy, settings, export",
        figures,
        zero,
    )
    row.notes.extend(notes)
    return row
