"""Debounced, off-thread saving of the progress store.

A change is written once the learner has paused for `PAUSE` seconds, and never later
than `MAX_WAIT` seconds after the first unsaved change, in a worker thread so typing
never waits on the disk. One ticking timer checks this (a keystroke only records a
time: no timer is created per key). Quitting, changing lesson and SIGTERM/SIGHUP save
synchronously with `save_now()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

PAUSE = 0.4
"""Seconds of quiet before a save."""
MAX_WAIT = 0.7
"""Longest wait between the first unsaved change and the save that includes it."""
TICK = 0.1
"""How often the timer looks (only while there are unsaved changes)."""
RETRY = 3.0
"""Seconds before trying again after a failed save."""


class Saver(Protocol):
    """What autosave needs from the store."""

    def save(self) -> object: ...


class Autosave:
    """Owns the save timer and reports the state: `saved`, `saving` or `failed`."""

    def __init__(
        self, app: App[Any], store: Saver, on_state: Callable[[str, str, int], None]
    ) -> None:
        """Args:
        app: The running app (timers and workers).
        store: The progress store.
        on_state: Called on the UI thread with (state, message, generation saved).
        """
        self.app = app
        self.store = store
        self.on_state = on_state
        self.generation = 0
        """Counts changes; a save reports the generation it included."""
        self.saved_generation = 0
        self._first_change: float | None = None
        self._last_change = 0.0
        self._not_before = 0.0
        self._timer: Timer | None = None
        self._running = False
        self._state = "saved"

    @property
    def dirty(self) -> bool:
        """Whether there are changes not yet on disk."""
        return self.generation != self.saved_generation

    def touch(self, *, quiet: bool = False) -> int:
        """Note a change; return its generation.

        Args:
            quiet: A change the learner did not make (scroll position, focus): saved
                the same way, but the indicator does not flick to "saving".
        """
        self.generation += 1
        now = time.monotonic()
        self._last_change = now
        if self._first_change is None:
            self._first_change = now
        if self._timer is None:
            self._timer = self.app.set_interval(TICK, self._tick)
        else:
            self._timer.resume()
        if not quiet and self._state == "saved":  # after a failure, keep saying so
            self._report("saving", "")
        return self.generation

    def _tick(self) -> None:
        if self._running:
            return
        if not self.dirty:
            if self._timer is not None:
                self._timer.pause()
            return
        now = time.monotonic()
        first = self._first_change if self._first_change is not None else now
        due = now - self._last_change >= PAUSE or now - first >= MAX_WAIT
        if due and now >= self._not_before:
            self._start_save()

    def _start_save(self) -> None:
        self._running = True
        self._first_change = None
        generation = self.generation
        self.app.run_worker(
            lambda: self._save_in_thread(generation),
            thread=True,
            group="autosave",
            exit_on_error=False,
        )

    def _save_in_thread(self, generation: int) -> None:
        error = ""
        try:
            self.store.save()
        except Exception as exc:  # reported to the learner; the text stays in memory
            error = str(exc) or type(exc).__name__
        self.app.call_from_thread(self._finished, generation, error)

    def _finished(self, generation: int, error: str) -> None:
        self._running = False
        if error:
            self._not_before = time.monotonic() + RETRY
            self._first_change = self._first_change or time.monotonic()
            self._report("failed", error)
            return
        self.saved_generation = max(self.saved_generation, generation)
        if self.dirty:
            self._first_change = self._first_change or time.monotonic()
        elif self._state != "saved":
            self._report("saved", "")

    def _report(self, state: str, message: str) -> None:
        self._state = state
        self.on_state(state, message, self.saved_generation)

    def save_now(self) -> str:
        """Save synchronously (quit, lesson change, signals); return an error or ''."""
        generation = self.generation
        try:
            self.store.save()
        except Exception as exc:
            message = str(exc) or type(exc).__name__
            self._report("failed", message)
            return message
        self._first_change = None
        self.saved_generation = max(self.saved_generation, generation)
        self._report("saved", "")
        return ""
