"""Shared fixtures for the progress store tests: a fake clock and store factories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from leadtutor.progress import ProgressStore

from .cli_course import answered, course, home  # noqa: F401  (fixtures for the CLI tests)
from .helpers import COURSE, FakeClock

StoreFactory = Callable[..., ProgressStore]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_store(data_dir: Path, clock: FakeClock) -> StoreFactory:
    """Open a store on the test's data dir (a second call is a second instance)."""

    def make(*, load: bool = True, clock_: FakeClock | None = None) -> ProgressStore:
        store = ProgressStore(data_dir, COURSE, clock=clock_ or clock, lock_timeout=5)
        if load:
            store.load()
        return store

    return make


@pytest.fixture
def store(make_store: StoreFactory) -> ProgressStore:
    return make_store()
