"""A separate process that saves through the real store, for the crash and
concurrency tests. Run as `python worker.py MODE DATA_DIR ...`; it prints one line per
acknowledged save, flushed, so the parent knows exactly what was acknowledged.

Modes:
    crash DATA_DIR START       save answers crash-<n> from START on, forever,
                               printing "ACK <n>" after each save() returns.
    own DATA_DIR NAME COUNT    save answers <NAME>-<i> for i < COUNT, one save each;
                               then wait for DATA_DIR/go-refresh and print how many
                               answers of any other writer refresh() made visible.
    same DATA_DIR NAME COUNT   write COUNT different values to the one prompt "shared",
                               each 11 minutes apart on a fake clock (no coalescing),
                               saving after each.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from leadtutor.progress import ProgressStore

COURSE = "course"
PADDING = "A reflection of a realistic length, with some accents: é, ü, 漢字. " * 12


def crash(data_dir: Path, start: int) -> None:
    store = ProgressStore(data_dir, COURSE, lock_timeout=30)
    store.load()
    n = start
    while True:
        store.set_reflection(f"crash-{n}", "lesson", f"{n}: {PADDING}")
        store.save()
        print(f"ACK {n}", flush=True)
        n += 1


def own(data_dir: Path, name: str, count: int) -> None:
    store = ProgressStore(data_dir, COURSE, lock_timeout=30)
    store.load()
    for i in range(count):
        store.set_reflection(f"{name}-{i}", "lesson", f"{name} {i}")
        store.save()
    print(f"DONE {count}", flush=True)
    deadline = time.monotonic() + 60
    while not (data_dir / "go-refresh").exists():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting for go-refresh")
        time.sleep(0.01)
    store.refresh()
    others = [a for a in store.answers() if not a.prompt_id.startswith(f"{name}-")]
    print(f"SEES {len(others)}", flush=True)


class StepClock:
    """Each reading is 11 minutes after the previous one."""

    def __init__(self, offset_seconds: int) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=offset_seconds)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=11)
        return self.now


def same(data_dir: Path, name: str, count: int) -> None:
    store = ProgressStore(data_dir, COURSE, clock=StepClock(len(name)), lock_timeout=30)
    store.load()
    for i in range(count):
        store.set_reflection("shared", "lesson", f"{name} {i}")
        store.save()
    print(f"DONE {count}", flush=True)


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "crash":
        crash(data_dir, int(argv[2]))
    elif mode == "own":
        own(data_dir, argv[2], int(argv[3]))
    elif mode == "same":
        same(data_dir, argv[2], int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
