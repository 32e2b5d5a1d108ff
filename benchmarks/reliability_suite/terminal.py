"""Run the real `leadtutor` command in a pseudo-terminal and keep every byte it writes.

This is what "reaching the terminal" means in R3: the bytes the app process writes to
its controlling terminal (read from the pty master), from start to exit, while a script
pages through each lesson, tabs through its prompts and moves on with `n`. Nothing is
filtered on the way: the same bytes a terminal emulator would interpret.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.reliability_suite import SRC

PAGE_DOWN = b" "
NEXT = b"n"
HELP = b"?"
LESSON_LIMIT = 120.0
"""Give up waiting for one lesson after this many seconds."""
RETRY_AFTER = 15.0
"""If the help screen has not appeared by then, a text box took the key: escape, retry."""
ESCAPE = b"\x1b"
QUIT = b"\x11"  # ctrl+q


@dataclass
class Session:
    """What one run of the app wrote, and how it went."""

    output: bytes = b""
    exit_code: int | None = None
    """None if the app had to be killed."""
    exited_early: bool = False
    """The app ended before it was asked to quit (a crash, or an action that quit)."""
    swallowed: int = 0
    """Times a text box had focus and took the tour's `?` (escape and retry)."""
    open_seconds: list[float] = field(default_factory=list)
    """Per lesson: from the key that opened it until the screen stopped changing."""


class Terminal:
    """A pty running `leadtutor`; `send()` types, `settle()` waits for the screen."""

    def __init__(self, args: list[str], *, size: tuple[int, int] = (100, 30)) -> None:
        master, slave = os.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "PYTHONPATH": str(SRC),
            "TEXTUAL_ANIMATIONS": "none",
        }
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "leadtutor", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the app closed the terminal
            return False
        if not chunk:
            return False
        self.output += chunk
        return True

    def started(self, limit: float = 60.0) -> float:
        """Wait until the app has taken over the terminal (alternate screen) and drawn."""
        start = time.monotonic()
        while b"\x1b[?1049h" not in self.output and time.monotonic() - start < limit:
            if not self._read(0.05) and self.proc.poll() is not None:
                break
        return time.monotonic() - start + self.settle(quiet=0.5, limit=limit)

    def settle(self, quiet: float = 0.4, limit: float = 60.0, *, changed: bool = False) -> float:
        """Read until nothing arrives for `quiet` seconds; return the time that took.

        With `changed`, first wait (up to `limit`) for the screen to start changing,
        so a busy app is not mistaken for a settled one.
        """
        start = time.monotonic()
        if changed:
            while not self._read(0.05):
                if time.monotonic() - start > limit or self.proc.poll() is not None:
                    return time.monotonic() - start
        last = time.monotonic()
        while time.monotonic() - start < limit:
            if self._read(0.05):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                break
            if self.proc.poll() is not None:
                while self._read(0.05):
                    pass
                break
        return max(last - start, 0.0)

    def send(self, keys: bytes, pause: float = 0.02) -> None:
        """Type `keys` one at a time (escape sequences whole)."""
        if self.proc.poll() is not None:
            return
        with contextlib.suppress(OSError):
            os.write(self.master, keys)
        self._read(pause)

    def close(self, timeout: float = 10.0) -> int | None:
        """Quit with ctrl+q; kill if it does not go. Returns the exit code or None."""
        code: int | None = None
        self.send(QUIT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            self._read(0.05)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        else:
            code = self.proc.returncode
        while self._read(0.05):
            pass
        os.close(self.master)
        return code


def tour(course: Path, data_dir: Path, first: str, lessons: int, *, pages: int = 6) -> Session:
    """Open `first`, then for each of `lessons` lessons page down `pages` times and
    press `n`; finally quit. Returns everything written.

    Each lesson's time runs from the key that opened it until the app has also handled
    the paging: `?` (help) is sent after the paging, and the help screen appearing
    proves every earlier key was handled; escape closes it again. (No tab or escape
    otherwise: escape outside a text box leaves the lesson, and on the welcome screen
    it quits.)
    """
    args = ["--course", str(course), "--data-dir", str(data_dir), "--lesson", first]
    term = Terminal(args)
    session = Session()
    started = time.monotonic()
    term.started()
    for index in range(lessons):
        for _ in range(pages):
            term.send(PAGE_DOWN, pause=0.05)
        term.settle(quiet=0.1, limit=1)
        before = len(term.output)
        term.send(HELP)
        deadline = time.monotonic() + LESSON_LIMIT
        retry = time.monotonic() + RETRY_AFTER
        waited = 0.0
        while b"Keys" not in term.output[before:] and term.proc.poll() is None:
            term._read(0.05)
            if time.monotonic() > retry:
                # A text box has focus (it took the `?`): leave it, then ask again.
                session.swallowed += 1
                waited += RETRY_AFTER
                term.send(ESCAPE)
                term.settle(quiet=0.3)
                before = len(term.output)
                term.send(HELP)
                retry = time.monotonic() + RETRY_AFTER
            if time.monotonic() > deadline:
                break
        # The time spent waiting for a key a text box took is the tour's, not the app's.
        session.open_seconds.append(time.monotonic() - started - 0.05 * pages - waited)
        if os.environ.get("RELIABILITY_DEBUG"):
            print(
                f"lesson {index + 1}: {session.open_seconds[-1]:.2f} s", file=sys.stderr, flush=True
            )
        term.send(ESCAPE)
        term.settle(quiet=0.3, changed=True)
        if index < lessons - 1:
            started = time.monotonic()
            term.send(NEXT)
            term.settle(quiet=0.1, limit=60, changed=True)
    session.exited_early = term.proc.poll() is not None
    session.exit_code = term.close()
    session.output = bytes(term.output)
    return session
