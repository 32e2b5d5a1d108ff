"""Crash test: SIGKILL a process that saves continuously, at random moments, 200 times.

After every kill the progress must load (no corruption notice, no quarantined file) and
hold every answer whose save() returned before the kill, with its exact text; no temp
file may remain after opening, and the file must be 0600. Answers accumulate across
kills; every 25 kills the test starts a fresh folder so the file stays a realistic size.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import leadtutor
from leadtutor.progress import ProgressStore

from .helpers import COURSE

KILLS = 200
KILLS_PER_FOLDER = 25
SEED = 20261127
WORKER = Path(__file__).with_name("worker.py")
SRC = Path(leadtutor.__file__).resolve().parent.parent
RECOVERED = "Answers from a save that was interrupted were recovered."


def _expected_text(n: int) -> str:
    padding = "A reflection of a realistic length, with some accents: é, ü, 漢字. " * 12
    return f"{n}: {padding}"


def _run_until_killed(data_dir: Path, start: int, delay: float) -> list[int]:
    """Start a writer, SIGKILL it after `delay` seconds, return the acknowledged numbers."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), "crash", str(data_dir), str(start)],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []))
    reader.start()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    # Only complete lines count (a write cut by the kill is not an acknowledgement).
    return [
        int(line.split()[1]) for line in lines if line.startswith(b"ACK ") and line.endswith(b"\n")
    ]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_sigkill_during_saves_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folders = acks_total = losses = leftover_temps = recovered = 0
    acked: set[int] = set()
    data_dir = tmp_path
    next_n = 0
    started = time.monotonic()
    for kill in range(KILLS):
        if kill % KILLS_PER_FOLDER == 0:
            folders += 1
            data_dir = tmp_path / f"run-{folders}"
            acked = set()
        new = _run_until_killed(data_dir, next_n, rng.uniform(0.03, 0.25))
        acked.update(new)
        acks_total += len(new)
        next_n = max(acked, default=next_n - 1) + 1

        folder = data_dir / COURSE
        leftover_temps += len(list(folder.glob(".*.tmp"))) if folder.exists() else 0
        store = ProgressStore(data_dir, COURSE)
        store.load()
        assert set(store.notices) <= {RECOVERED}, store.notices
        recovered += RECOVERED in store.notices
        assert list(folder.glob("*corrupt*")) == []
        assert list(folder.glob(".*.tmp")) == []
        for n in acked:
            answer = store.answer(f"crash-{n}")
            if answer is None or answer.value != _expected_text(n):
                losses += 1
        if store.path.exists():
            assert (store.path.stat().st_mode & 0o777) == 0o600
    seconds = time.monotonic() - started
    print(
        f"\ncrash test: {KILLS} kills, {acks_total} acknowledged saves, {losses} lost, "
        f"{leftover_temps} kills left a temp file ({recovered} merged on open), "
        f"{folders} folders, {seconds:.1f} s"
    )
    assert losses == 0
    assert acks_total > KILLS  # the kills landed while saves were happening
