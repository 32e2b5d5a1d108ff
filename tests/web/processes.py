"""The processes the web tests and the web benchmark start: a free loopback port,
the real `leadtutor serve` in a child process (in its own process group, never left
running), and what /proc says about its children. No pytest here, so
`benchmarks/web.py` can use it too."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def progress_text(data_dir: Path, course_id: str = "web-course") -> str:
    """The progress file's text, or '' before it exists."""
    path = data_dir / course_id / "progress.json"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def alive(pid: int) -> bool:
    """Whether a process exists (and is not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


class Served:
    """`leadtutor serve` on a free loopback port, in its own process group."""

    def __init__(self, course: Path, data_dir: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        command = [sys.executable, "-m", "leadtutor", "serve", "--port", str(self.port)]
        command += ["--course", str(course), "--data-dir", str(data_dir), *extra]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.seen_sessions: set[int] = set()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_line("Serving")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for_line(self, needle: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            if needle in line:
                return line
        raise AssertionError(f"the server never printed {needle!r}:\n{''.join(self.output)}")

    def sessions(self) -> list[int]:
        """The app processes (one per browser tab) running now."""
        found = children(self.process.pid)
        self.seen_sessions.update(found)
        return found

    def stop(self, sig: int = signal.SIGINT, timeout: float = 40) -> int:
        """Signal the server as Ctrl+C would and wait for it to finish."""
        self.sessions()
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            time.sleep(0.1)  # let the reader thread take the last lines

    def close(self) -> None:
        """Whatever happened, leave no process behind."""
        with contextlib.suppress(Exception):
            self.sessions()
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for pid in self.seen_sessions:
            if alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
