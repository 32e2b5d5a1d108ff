"""R2: several processes saving different prompts through the real store at once.

Each of `procs` processes saves `saves` answers of its own, one save each, then (once
all are done) calls `refresh()` and reports how many of the others' answers it sees.
Lost updates are answers missing from the file at the end; every process must also
see all the others' answers after refreshing. A second run has two processes write
the same prompt, where every value must survive as the answer or in its history.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from benchmarks.reliability_suite import SRC, Row
from benchmarks.reliability_suite.worker import COURSE
from leadtutor.progress import ProgressStore

WORKER: Final = Path(__file__).with_name("worker.py")


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(SRC.parent)])}
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, env=env
    )


@contextlib.contextmanager
def writers(*commands: tuple[str, ...]) -> Iterator[list[subprocess.Popen[str]]]:
    """Start writer processes; kill any still running when the block ends."""
    procs = [_start(*command) for command in commands]
    try:
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    return proc.stdout.readline().strip()


def different_prompts(data_dir: Path, procs: int, saves: int) -> dict[str, float | int]:
    """`procs` processes x `saves` saves of their own prompts; figures of the run."""
    names = [f"w{i}" for i in range(procs)]
    started = time.monotonic()
    with writers(*(("own", str(data_dir), n, str(saves)) for n in names)) as running:
        done = [_line(p) for p in running]
        (data_dir / "go-refresh").touch()
        seen = [_line(p) for p in running]
        codes = [p.wait(timeout=120) for p in running]
    store = ProgressStore(data_dir, COURSE)
    store.load()
    on_disk = {a.prompt_id for a in store.answers()}
    expected = {f"{n}-{i}" for n in names for i in range(saves)}
    want_seen = f"SEES {(procs - 1) * saves}"
    return {
        "lost": len(expected - on_disk),
        "stale_refresh": sum(line != want_seen for line in seen),
        "failed_writers": sum(c != 0 for c in codes) + sum(d != f"DONE {saves}" for d in done),
        "saves": procs * saves,
        "seconds": round(time.monotonic() - started, 1),
    }


def same_prompt(data_dir: Path, saves: int) -> dict[str, int]:
    """Two processes write `saves` values each to one prompt; values lost."""
    with writers(*(("same", str(data_dir), n, str(saves)) for n in ("a", "bb"))) as running:
        done = [_line(p) for p in running]
        codes = [p.wait(timeout=120) for p in running]
    store = ProgressStore(data_dir, COURSE)
    store.load()
    answer = store.answer("shared")
    kept = {answer.value, *(r.value for r in answer.history)} if answer else set()
    expected = {f"{n} {i}" for n in ("a", "bb") for i in range(saves)}
    failed = sum(c != 0 for c in codes) + sum(d != f"DONE {saves}" for d in done)
    return {"lost": len(expected - kept), "failed_writers": failed}


def run(workdir: Path, saves: int, same_saves: int, counts: tuple[int, ...] = (2, 4)) -> Row:
    """R2 for each process count, plus the same-prompt run."""
    figures: dict[str, float | int | str] = {}
    for procs in counts:
        result = different_prompts(workdir / f"procs-{procs}", procs, saves)
        for key, value in result.items():
            figures[f"{key}_{procs}p"] = value
    same = same_prompt(workdir / "same", same_saves)
    figures["lost_same_prompt"] = same["lost"]
    figures["failed_writers_same"] = same["failed_writers"]
    zero = tuple(k for k in figures if k.startswith(("lost", "stale_refresh", "failed_writers")))
    run_text = " and ".join(f"{p}" for p in counts) + f" processes x {saves} saves"
    return Row(
        "R2 concurrent instances", f"{run_text}; 2 x {same_saves} on one prompt", figures, zero
    )
