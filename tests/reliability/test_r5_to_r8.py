"""R5-R8 in CI, all cases: failed saves, permissions, external edits, learner input.

The same functions make the long run's rows (`benchmarks/reliability.py`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.reliability_suite import apps, external, faults, learner_input, permissions

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and pty")


def _assert_ok(row: object) -> None:
    print(f"\n{row.test}: {row.shown()}")  # type: ignore[attr-defined]
    assert row.ok, (row.shown(), row.notes)  # type: ignore[attr-defined]


@pytest.mark.timeout(300)
def test_r5_failed_saves(tmp_path: Path) -> None:
    row = faults.run(apps.course(tmp_path / "c"), tmp_path / "d", apps.LESSON, apps.PROMPTS[0])
    _assert_ok(row)
    assert int(row.figures["cases"]) >= 4


def test_r6_permissions(tmp_path: Path) -> None:
    _assert_ok(permissions.run(tmp_path))


@pytest.mark.timeout(300)
def test_r7_external_edits(tmp_path: Path) -> None:
    _assert_ok(external.run(tmp_path))


@pytest.mark.timeout(300)
def test_r8_learner_input(tmp_path: Path) -> None:
    _assert_ok(learner_input.run(tmp_path))
