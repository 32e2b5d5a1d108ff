"""A separate process that saves through the real store, for the crash (R1) and
concurrency (R2) rows. Run as `python worker.py MODE DATA_DIR ...`; it prints one line
per acknowledged save, flushed, so the parent knows exactly what was acknowledged.

Modes:
    crash DATA_DIR START SEED  save answers crash-<n> from START on, forever, with the
                               text `answer_text(SEED, n)` (1 B to 100 KB, non-ASCII,
                               some lone surrogates), printing "ACK <n>" after each
                               save() returns.
    naive DATA_DIR START SEED  the same answers, but written the naive way: the store's
                               bytes streamed into progress.json opened with "w"
                               (truncate, then write in place). The control of R1.
    own DATA_DIR NAME COUNT    save answers <NAME>-<i> for i < COUNT, one save each;
                               then wait for DATA_DIR/go-refresh and print how many
                               answers of any other writer refresh() made visible.
    same DATA_DIR NAME COUNT   write COUNT different values to the one prompt "shared",
                               each 11 minutes apart on a fake clock (no coalescing),
                               saving after each.
"""

from __future__ import annotations

import math
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from leadtutor.progress import ProgressStore
from leadtutor.progress.encode import encode

COURSE = "course"
MAX_ANSWER_BYTES = 100_000
_ALPHABET = "abc xyz ,.;!?\n\t[]/éüß漢字😀ש" + "\u200f"


def answer_text(seed: int, n: int) -> str:
    """The text of answer `n`: 1 B to 100 KB (log-uniform), non-ASCII, 1 in 8 with lone surrogates."""
    rng = random.Random(f"{seed}:{n}")
    size = int(math.exp(rng.uniform(0, math.log(MAX_ANSWER_BYTES // 4))))
    body = "".join(rng.choice(_ALPHABET) for _ in range(min(size, 64)))
    text = f"{n}: " + (body * (size // max(len(body), 1) + 1))[:size]
    if rng.random() < 0.125:
        text += "\ud800 lone \udfff"
    while len(text.encode("utf-8", "surrogatepass")) > MAX_ANSWER_BYTES:
        text = text[: len(text) * 3 // 4]
    return text


def crash(data_dir: Path, start: int, seed: int) -> None:
    store = ProgressStore(data_dir, COURSE, lock_timeout=30)
    store.load()
    print("READY", flush=True)
    n = start
    while True:
        store.set_reflection(f"crash-{n}", "lesson", answer_text(seed, n))
        store.save()
        print(f"ACK {n}", flush=True)
        n += 1


def naive(data_dir: Path, start: int, seed: int) -> None:
    """What many tools do: rewrite the file in place (the store's own bytes, streamed)."""
    store = ProgressStore(data_dir, COURSE, lock_timeout=30)
    store.load()
    path = store.path
    path.parent.mkdir(parents=True, exist_ok=True)
    print("READY", flush=True)
    n = start
    while True:
        store.set_reflection(f"crash-{n}", "lesson", answer_text(seed, n))
        data = encode(store.snapshot())
        with path.open("wb") as out:  # truncates first: a kill from here on loses the file
            for offset in range(0, len(data), 16_384):
                out.write(data[offset : offset + 16_384])
        print(f"ACK {n}", flush=True)
        n += 1


def own(data_dir: Path, name: str, count: int) -> None:
    store = ProgressStore(data_dir, COURSE, lock_timeout=60)
    store.load()
    for i in range(count):
        store.set_reflection(f"{name}-{i}", "lesson", f"{name} {i}")
        store.save()
    print(f"DONE {count}", flush=True)
    deadline = time.monotonic() + 120
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
    store = ProgressStore(data_dir, COURSE, clock=StepClock(len(name)), lock_timeout=60)
    store.load()
    for i in range(count):
        store.set_reflection("shared", "lesson", f"{name} {i}")
        store.save()
    print(f"DONE {count}", flush=True)


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "crash":
        crash(data_dir, int(argv[2]), int(argv[3]))
    elif mode == "naive":
        naive(data_dir, int(argv[2]), int(argv[3]))
    elif mode == "own":
        own(data_dir, argv[2], int(argv[3]))
    elif mode == "same":
        same(data_dir, argv[2], int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
