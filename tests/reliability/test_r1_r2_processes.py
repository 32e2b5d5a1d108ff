"""R1 and R2 in CI: SIGKILL during saves (with the naive control) and concurrent instances.

The long versions (1,000 kills; 2 and 4 processes x 500 saves) are
`benchmarks/reliability.py --only R1,R2`; the harness is the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.reliability_suite import concurrent, crash

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL")]


def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path: Path) -> None:
    row = crash.run(tmp_path, kills=100)
    print(f"\n{row.test}: {row.shown()}")
    assert row.ok, row.shown()
    assert int(row.figures["acks"]) > 100  # the kills landed while saves were happening


def test_the_naive_control_does_lose_data(tmp_path: Path) -> None:
    """Proves the harness can fail: rewriting the file in place corrupts it under kills."""
    row = crash.run(tmp_path, kills=20, mode="naive", per_folder=20)
    print(f"\n{row.test}: {row.shown()}")
    assert int(row.figures["corrupt"]) > 0 and int(row.figures["lost"]) > 0


def test_concurrent_instances_lose_no_update(tmp_path: Path) -> None:
    row = concurrent.run(tmp_path, saves=150, same_saves=60)
    print(f"\n{row.test}: {row.shown()}")
    assert row.ok, row.shown()
