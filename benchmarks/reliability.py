"""The reliability suite of issue 14, long run: prints the R1-R8 table.

    .venv/bin/python benchmarks/reliability.py                 # everything (~1 hour)
    .venv/bin/python benchmarks/reliability.py --quick         # CI-sized counts
    .venv/bin/python benchmarks/reliability.py --only R1,R4 --kills 2000

Counts are options; the defaults are the issue's long-run counts. Each row's "must be
0" figures decide `ok`; the script exits 1 if any row is not ok. `--json` also writes
every figure and note. docs/reliability.md explains the figures and the latest run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.reliability_suite import (
    Row,
    apps,
    audit,
    concurrent,
    crash,
    external,
    faults,
    fuzz,
    hostile,
    learner_input,
    permissions,
    scaling,
)

ROWS = ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "worst", "audit")


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows to run (of {','.join(ROWS)})")
    parser.add_argument("--quick", action="store_true", help="the CI-sized counts")
    parser.add_argument("--kills", type=int, help="R1 kills (default 1000; quick 100)")
    parser.add_argument("--control-kills", type=int, help="R1 naive-control kills (default 100)")
    parser.add_argument("--saves", type=int, help="R2 saves per process (default 500)")
    parser.add_argument("--generated", type=int, help="R3 generated lessons (default 300)")
    parser.add_argument("--fuzz", type=int, help="R4 parser inputs (default 100,000)")
    parser.add_argument("--fuzz-check", type=int, help="R4 check inputs (default 20,000)")
    parser.add_argument("--seed", type=int, default=14, help="R4 Hypothesis seed")
    parser.add_argument("--worst-size", type=int, help="worst-case input size (default 1 MiB)")
    parser.add_argument("--pip-audit", help="a pip-audit executable to use")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    return parser.parse_args(argv)


def _count(value: int | None, long: int, quick: int, is_quick: bool) -> int:
    return value if value is not None else (quick if is_quick else long)


def main(argv: list[str] | None = None) -> int:
    args = _options(argv)
    quick = args.quick
    wanted = [name.strip() for name in args.only.split(",")]
    work = Path(tempfile.mkdtemp(prefix="leadtutor-reliability-"))
    app_course = apps.course(work / "app-course")
    runs: dict[str, Callable[[], list[Row]]] = {
        "R1": lambda: [
            crash.run(work / "r1", _count(args.kills, 1000, 100, quick)),
            crash.run(
                work / "r1-naive",
                _count(args.control_kills, 100, 20, quick),
                mode="naive",
                per_folder=20,
            ),
        ],
        "R2": lambda: [
            concurrent.run(
                work / "r2", _count(args.saves, 500, 150, quick), 200 if not quick else 60
            )
        ],
        "R3": lambda: [hostile.run(work / "r3", _count(args.generated, 300, 0, quick))],
        "R4": lambda: [
            fuzz.run(
                work / "r4",
                _count(args.fuzz, 100_000, 4_000, quick),
                _count(args.fuzz_check, 20_000, 1_000, quick),
                max_bytes=16_000 if quick else 64_000,
                run_seed=args.seed,
            )
        ],
        "R5": lambda: [faults.run(app_course, work / "r5", apps.LESSON, apps.PROMPTS[0])],
        "R6": lambda: [permissions.run(work / "r6")],
        "R7": lambda: [external.run(work / "r7")],
        "R8": lambda: [learner_input.run(work / "r8")],
        "worst": lambda: [
            scaling.run(work / "worst", _count(args.worst_size, 1024 * 1024 - 1, 64 * 1024, quick))
        ],
        "audit": lambda: [audit.run(work, args.pip_audit)],
    }
    rows: list[Row] = []
    begun = time.monotonic()
    for name in wanted:
        started = time.monotonic()
        print(f"running {name}...", file=sys.stderr, flush=True)
        for row in runs[name]():
            row.figures.setdefault("seconds", round(time.monotonic() - started))
            rows.append(row)
            print(f"  {row.test}: {'ok' if row.ok else 'NOT OK'}", file=sys.stderr, flush=True)
    print(table(rows))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nmachine: {os.cpu_count()} CPUs, load average at the end {load}; total {time.monotonic() - begun:.0f} s"
    )
    if args.json:
        args.json.write_text(
            json.dumps([row.__dict__ | {"ok": row.ok} for row in rows], indent=2, default=str)
        )
    return 0 if all(row.ok or row.test.startswith("R1 control") for row in rows) else 1


def table(rows: list[Row]) -> str:
    """The report: a Markdown table, then each row's notes."""
    lines = ["| Test | Run | Figures (must-be-0 first) | OK |", "|---|---|---|---|"]
    for row in rows:
        ok = "yes" if row.ok else "NO"
        if row.test.startswith("R1 control"):
            ok = (
                "yes (loses data, as it must)"
                if row.figures.get("corrupt", 0)
                else "NO (lost nothing)"
            )
        lines.append(f"| {row.test} | {row.run} | {row.shown()} | {ok} |")
    for row in rows:
        if row.notes:
            lines.append(f"\n{row.test}:")
            lines.extend(f"- {note}" for note in row.notes[:25])
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
