"""Leaving the app: quitting (after the keys already typed are handled), signals, the
last save on every way out, crashes, and the rescue file when saving fails.

`LeadTutorApp` builds on `LeavingApp`; the methods here are Textual's hooks
(`action_quit`, `on_exit_app`, `_fatal_error`) and what they need.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

from textual._context import active_message_pump
from textual.app import App
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from leadtutor.progress import ProgressStore
    from leadtutor.ui.autosave import Autosave

SETTLE_TIMEOUT = 2.0
"""Longest wait, when quitting, for keys already typed to be handled."""


class LeavingApp(App[None]):
    """Every way out of the app saves first; if saving fails, nothing is lost."""

    store: ProgressStore
    autosave: Autosave
    farewell: str
    """Printed by `leadtutor` after the app has left the terminal (a rescue file's path)."""

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on Windows, or not in the main thread (tests)

    def _on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP (terminal closed): save, then leave, for sure."""
        self.prepare_to_leave()
        if self.autosave.save_now():
            self.farewell = self.rescue()
        # With the terminal gone, a normal exit can block restoring it; don't linger.
        timer = threading.Timer(1.5, os._exit, args=(128 + signum,))
        timer.daemon = True
        timer.start()
        self.exit(return_code=128 + signum)

    def on_exit_app(self) -> None:
        """Every way out saves first. Quitting and signals already have; this catches
        the exits that skip `action_quit`: in a browser (`leadtutor serve`), closing the
        tab or the server stopping the session arrive as a bare `ExitApp`."""
        self.prepare_to_leave()
        self.autosave.save_now()  # writes nothing when nothing is unsaved

    def prepare_to_leave(self) -> None:
        """Ask the active screen to record where the learner is (resume point, drafts)."""
        remember = getattr(self.screen, "remember_position", None)
        if callable(remember):
            remember()

    def _fatal_error(self) -> None:
        """On a crash: save first, then report without local variables (they may hold
        a learner's answer) unless LEADTUTOR_DEBUG is set; if saving fails, rescue."""
        try:
            self.store.save()
        except Exception:
            self.farewell = self.rescue()
        if os.environ.get("LEADTUTOR_DEBUG"):
            super()._fatal_error()
            return
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, max_frames=4)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    async def settle_input(self, timeout: float = SETTLE_TIMEOUT) -> None:
        """Wait until keys already typed have reached their widgets and the answers they
        change have reached the store (quitting must not drop what was typed).

        Keys are queued from widget to widget (app → screen → text box → prompt →
        screen): wait until no widget of the screen has a message queued or in hand.
        """
        current = active_message_pump.get(None)
        deadline = time.monotonic() + timeout
        calm = 0
        while calm < 2 and time.monotonic() < deadline:
            screen = self.screen
            nodes = [screen, *screen.walk_children(with_self=False)]
            calm = 0 if any(_busy(node, node is current) for node in nodes) else calm + 1
            await asyncio.sleep(0.002)

    async def action_quit(self) -> None:
        await self.settle_input()
        self.prepare_to_leave()
        error = self.autosave.save_now()
        if not error:
            self.exit()
            return
        from leadtutor.ui.screens.dialogs import ConfirmDialog

        def decided(leave: bool | None) -> None:
            if leave:
                self.leave_with_rescue()

        self.clear_notifications()  # no toast may cover the dialog's buttons
        self.push_screen(
            ConfirmDialog(
                "Your latest changes could not be saved",
                f"{error}\n\nQuit anyway writes everything you have written to a rescue "
                "file in your home folder (or the temp folder) and tells you where; "
                "`leadtutor progress restore FILE` brings it back later. Or stay, free "
                "some space or fix the permissions, and quit again.",
                yes="Quit anyway",
                no="Stay",
            ),
            decided,
        )

    def rescue(self) -> str:
        """Write what is in memory to a rescue file; return a sentence saying where."""
        from leadtutor.progress.rescue import write_rescue

        try:
            path = write_rescue(self.store.snapshot())
        except Exception as exc:  # the last resort must not raise
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            return f"leadtutor: not even a rescue file could be written ({why})."
        return (
            "leadtutor: your progress could not be saved, so everything you wrote is in "
            f"this rescue file (readable by you only):\n  {path}\n"
            f"Once the problem is fixed, bring it back with:\n  leadtutor progress restore {path}"
        )

    def leave_with_rescue(self) -> None:
        """Quit anyway: rescue the unsaved answers, exit with status 1; `leadtutor`
        prints `farewell` (where the rescue file is) once the terminal is restored."""
        self.farewell = self.rescue()
        self.exit(return_code=1)


def _busy(node: MessagePump, handling: bool) -> bool:
    """Whether a widget has messages waiting or being handled (`handling`: it is handling
    the one that asked, which does not count)."""
    # asyncio.Queue counts a message taken but not yet handled as unfinished
    unfinished = getattr(node._message_queue, "_unfinished_tasks", 0)
    size = max(node.message_queue_size, unfinished if isinstance(unfinished, int) else 0)
    return size - (1 if handling else 0) > 0
