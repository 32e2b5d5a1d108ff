"""R1: SIGKILL a process that saves real progress, at random moments, many times.

After every kill the parent opens the progress with the real store and counts:
files that fail to load (a corruption notice or a quarantined `*.corrupt-*` file),
acknowledged answers lost (a save had returned, printed "ACK n", yet answer n is
missing or differs), temp files left behind after opening, and files not 0600.
Answers accumulate across kills; every `per_folder` kills a fresh folder starts so the
file stays a realistic size (up to a few MB).

The same harness runs the naive control (`mode="naive"`: the file rewritten in place),
which does lose data, so a 0 in the real run means something.
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
from typing import Final

from benchmarks.reliability_suite import SRC, Row
from benchmarks.reliability_suite.worker import COURSE, answer_text
from leadtutor.progress import ProgressStore

WORKER: Final = Path(__file__).with_name("worker.py")
RECOVERED: Final = "Answers from a save that was interrupted were recovered."


def run_until_killed(mode: str, data_dir: Path, start: int, seed: int, delay: float) -> list[int]:
    """Start a writer, SIGKILL it `delay` seconds after it is ready to save, return the
    acknowledged numbers."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(SRC.parent)])}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), mode, str(data_dir), str(start), str(seed)],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[bytes] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout or []:
            lines.append(line)
            ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    ready.wait(timeout=60)  # the kill lands while saving, not while Python starts
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    proc.stdout.close()
    # Only complete lines count (a line cut by the kill is not an acknowledgement).
    return [
        int(line.split()[1]) for line in lines if line.startswith(b"ACK ") and line.endswith(b"\n")
    ]


def run(
    workdir: Path, kills: int, *, mode: str = "atomic", seed: int = 20261127, per_folder: int = 10
) -> Row:
    """Kill a saving process `kills` times; return the figures (see the module docstring)."""
    rng = random.Random(seed)
    worker_mode = "crash" if mode == "atomic" else "naive"
    counts: dict[str, int] = dict.fromkeys(
        ("corrupt", "lost", "leftover_after_open", "bad_mode", "acks", "temp_at_kill", "merged"), 0
    )
    acked: set[int] = set()
    data_dir = workdir
    next_n = 0
    biggest = 0
    started = time.monotonic()
    for kill in range(kills):
        if kill % per_folder == 0:
            data_dir = workdir / f"{mode}-{kill // per_folder}"
            acked = set()
        new = run_until_killed(worker_mode, data_dir, next_n, seed, rng.uniform(0.0, 0.4))
        acked.update(new)
        counts["acks"] += len(new)
        next_n = max(acked, default=next_n - 1) + 1
        folder = data_dir / COURSE
        counts["temp_at_kill"] += bool(list(folder.glob(".*.tmp"))) if folder.exists() else 0
        current = folder / "progress.json"
        biggest = max(biggest, current.stat().st_size if current.exists() else 0)
        store = ProgressStore(data_dir, COURSE)
        store.load()
        damaged = any("could not be read" in n for n in store.notices) or bool(
            list(folder.glob("*corrupt*"))
        )
        counts["corrupt"] += damaged
        counts["merged"] += RECOVERED in store.notices
        counts["leftover_after_open"] += len(list(folder.glob(".*.tmp")))
        for n in acked:
            answer = store.answer(f"crash-{n}")
            if answer is None or answer.value != answer_text(seed, n):
                counts["lost"] += 1
        acked = {n for n in acked if store.answer(f"crash-{n}") is not None}  # count each loss once
        if store.path.exists() and (store.path.stat().st_mode & 0o777) != 0o600:
            counts["bad_mode"] += 1
        for quarantined in folder.glob("*corrupt*"):
            quarantined.unlink()  # counted; a later kill must show its own damage
    figures: dict[str, float | int | str] = dict(counts)
    figures["largest_file_kb"] = biggest // 1024
    figures["seconds"] = round(time.monotonic() - started, 1)
    name = "R1 SIGKILL during saves" if mode == "atomic" else "R1 control: naive in-place write"
    zero = ("corrupt", "lost", "leftover_after_open", "bad_mode") if mode == "atomic" else ()
    return Row(name, f"{kills} kills, answers 1 B-100 KB", figures, zero)
