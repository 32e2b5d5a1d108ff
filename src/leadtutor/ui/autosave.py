"""Debounced, off-thread saving of the progress store.

Changes are written at most 0.5 s after the learner pauses and never later than about
0.8 s after the first unsaved change, in a worker thread so typing never waits on the
disk. Quitting, changing lesson and SIGTERM/SIGHUP save synchronously.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App

PAUSE = 0.5
"""Seconds of quiet before a save."""
MAX_WAIT = 0.8
"""Longest delay between the first unsaved change and the save that includes it."""


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
        self._dirty_since: float | None = None
        self._timer: Timer | None = None
        self._running = False
        self._again = False

    @property
    def dirty(self) -> bool:
        """Whether there are changes not yet on disk."""
        return self.generation != self.saved_generation

    def touch(self) -> int:
        """Note a change and (re)arm the save timer; return the change's generation."""
        self.generation += 1
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        delay = max(
            0.01, min(PAUSE, self._dirty_since + MAX_WAIT - now)
        )  # 0 would divide by zero in Textual timers
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(delay, self._flush)
        self.on_state("saving", "", self.saved_generation)
        return self.generation

    def _flush(self) -> None:
        self._timer = None
        if self._running:
            self._again = True
            return
        self._running = True
        self._dirty_since = None
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
            self.on_state("failed", error, self.saved_generation)
            if self._again or self.dirty:
                self._again = False
                self._timer = self.app.set_timer(3.0, self._flush)
            return
        self.saved_generation = max(self.saved_generation, generation)
        if self._again:
            self._again = False
            self._flush()
        self.on_state("saved" if not self.dirty else "saving", "", self.saved_generation)

    def save_now(self) -> str:
        """Save synchronously (quit, lesson change, signals); return an error or ''."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        generation = self.generation
        try:
            self.store.save()
        except Exception as exc:
            message = str(exc) or type(exc).__name__
            self.on_state("failed", message, self.saved_generation)
            return message
        self._dirty_since = None
        self.saved_generation = max(self.saved_generation, generation)
        self.on_state("saved", "", self.saved_generation)
        return ""
