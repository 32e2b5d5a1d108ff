"""Benchmark: saving and loading progress with 1,000 answers and 10,000 history entries.

Run as `python benchmarks/progress_save.py [--repeat N]`. It prints the median and p95
of each measurement and the ratio of a save against a plain `json.dump` + `os.replace`
of the same data, measured in the same run. It asserts nothing.

Measurements (each on a temporary folder):
    save (one edit)   the app's case: one answer changed, then save(); records that did
                      not change reuse their encoded text.
    save (cold)       the first save of a freshly loaded store: every record is encoded.
    load              ProgressStore(...).load() of the file.
    json.dump         json.dump(data, f, ensure_ascii=False, indent=2) to a temp file,
                      then os.replace: same data, same layout class, no fsync, no lock.
    json.dumps        the C encoder's compact output written the same way (for scale).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

try:
    from leadtutor.progress import ProgressStore
except ImportError:  # a source checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from leadtutor.progress import ProgressStore

ANSWERS = 1_000
HISTORY_PER_ANSWER = 10
COURSE = "bench"
TEXT = (
    "When my manager was away I ran the planning meeting; I noticed that people waited "
    "for me to decide, so next time I asked the group first. Ça a marché, mostly. "
)


class StepClock:
    """A clock that moves 11 minutes per reading, so every edit adds a history entry."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.step = timedelta(minutes=11)

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


def build(folder: Path) -> None:
    """Write a progress file with ANSWERS answers of HISTORY_PER_ANSWER earlier values."""
    store = ProgressStore(folder, COURSE, clock=StepClock())
    store.load()
    for version in range(HISTORY_PER_ANSWER + 1):
        for i in range(ANSWERS):
            store.set_reflection(f"prompt-{i:04d}", f"lesson-{i // 10:03d}", f"{version} {TEXT}")
    store.save()


def timed(
    action: Callable[[], object], repeat: int, before: Callable[[], object] = int
) -> list[float]:
    """Run `before` then time `action`, `repeat` times; seconds per run."""
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def plain_write(path: Path, dump: Callable[[object, object], None], data: object) -> None:
    tmp = path.with_suffix(".plain.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        dump(data, handle)
    tmp.replace(path)


def report(name: str, times: list[float]) -> float:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"  {name:<18} median {median * 1000:8.2f} ms   p95 {p95 * 1000:8.2f} ms   (n={len(times)})"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="runs per measurement")
    args = parser.parse_args()
    repeat: int = args.repeat

    with tempfile.TemporaryDirectory(prefix="leadtutor-bench-") as tmp:
        folder = Path(tmp)
        build(folder)
        store = ProgressStore(folder, COURSE)
        store.load()
        path = store.path
        size = path.stat().st_size
        data = json.loads(path.read_bytes())
        history = sum(len(a["history"]) for a in data["answers"].values())
        print(
            f"progress file: {len(data['answers'])} answers, {history} history entries, "
            f"{size / 1e6:.2f} MB"
        )

        counter = iter(range(10**9))

        def edit(target: ProgressStore) -> None:
            target.set_reflection("prompt-0000", "lesson-000", f"edited {next(counter)} {TEXT}")

        warm = timed(store.save, repeat, before=lambda: edit(store))

        cold_stores: list[ProgressStore] = []

        def fresh() -> None:
            cold_stores[:] = [ProgressStore(folder, COURSE)]
            cold_stores[0].load()
            edit(cold_stores[0])

        cold = timed(lambda: cold_stores[0].save(), max(5, repeat // 4), before=fresh)
        load = timed(lambda: ProgressStore(folder, COURSE).load(), repeat)

        def indented(obj: object, handle: object) -> None:
            json.dump(obj, handle, ensure_ascii=False, indent=2)  # type: ignore[arg-type]

        def compact(obj: object, handle: object) -> None:
            handle.write(json.dumps(obj, ensure_ascii=False))  # type: ignore[attr-defined]

        other = folder / "plain.json"
        dump = timed(lambda: plain_write(other, indented, data), repeat)
        dumps = timed(lambda: plain_write(other, compact, data), repeat)

        print("results:")
        warm_median = report("save (one edit)", warm)
        cold_median = report("save (cold)", cold)
        report("load", load)
        dump_median = report("json.dump+replace", dump)
        dumps_median = report("json.dumps+replace", dumps)
        print("ratios (median save / median plain write; goal <= 3x against json.dump):")
        print(f"  save (one edit) / json.dump   {warm_median / dump_median:5.2f}x")
        print(f"  save (cold)     / json.dump   {cold_median / dump_median:5.2f}x")
        print(f"  save (one edit) / json.dumps  {warm_median / dumps_median:5.2f}x")
        print(f"  save (cold)     / json.dumps  {cold_median / dumps_median:5.2f}x")
        print("(a save also fsyncs the file and the folder, takes the lock, re-reads and")
        print(" hashes the file to detect other instances, and keeps the .bak generation)")


if __name__ == "__main__":
    main()
