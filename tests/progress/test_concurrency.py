"""Two processes saving through the real store at the same time lose nothing."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import leadtutor
from leadtutor.progress import ProgressStore

from .helpers import COURSE

WORKER = Path(__file__).with_name("worker.py")
SRC = Path(leadtutor.__file__).resolve().parent.parent
SAVES = 500
SAME_PROMPT_SAVES = 150


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, env=env
    )


@contextlib.contextmanager
def _writers(*commands: tuple[str, ...]) -> Iterator[list[subprocess.Popen[str]]]:
    """Start writer processes; kill any still running when the test ends."""
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


@pytest.mark.slow
def test_two_processes_saving_different_prompts(tmp_path: Path) -> None:
    started = time.monotonic()
    names_ = ("alpha", "beta")
    with _writers(*(("own", str(tmp_path), n, str(SAVES)) for n in names_)) as procs:
        assert [_line(p) for p in procs] == [f"DONE {SAVES}"] * 2
        (tmp_path / "go-refresh").touch()
        seen = {name: _line(p) for name, p in zip(names_, procs, strict=True)}
        assert [p.wait(timeout=60) for p in procs] == [0, 0]

    store = ProgressStore(tmp_path, COURSE)
    store.load()
    names = {a.prompt_id for a in store.answers()}
    expected = {f"{name}-{i}" for name in names_ for i in range(SAVES)}
    lost = len(expected - names)
    print(
        f"\nconcurrency: 2 processes x {SAVES} saves, {len(names)} answers on disk, {lost} lost; "
        f"refresh() in each showed the other's answers: {seen}; "
        f"{time.monotonic() - started:.1f} s"
    )
    assert lost == 0 and names == expected
    assert seen == {"alpha": f"SEES {SAVES}", "beta": f"SEES {SAVES}"}


@pytest.mark.slow
def test_two_processes_editing_the_same_prompt(tmp_path: Path) -> None:
    commands = [("same", str(tmp_path), name, str(SAME_PROMPT_SAVES)) for name in ("a", "bb")]
    with _writers(*commands) as procs:
        assert [_line(p) for p in procs] == [f"DONE {SAME_PROMPT_SAVES}"] * 2
        assert [p.wait(timeout=60) for p in procs] == [0, 0]
    store = ProgressStore(tmp_path, COURSE)
    store.load()
    answer = store.answer("shared")
    assert answer is not None
    kept = {answer.value, *(r.value for r in answer.history)}
    expected = {f"{name} {i}" for name in ("a", "bb") for i in range(SAME_PROMPT_SAVES)}
    print(
        f"\nsame prompt: 2 processes x {SAME_PROMPT_SAVES} values, "
        f"{len(expected - kept)} lost, {len(answer.history)} history entries"
    )
    assert kept == expected
