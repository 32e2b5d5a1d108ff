"""Benchmark W1: the served app's time to its welcome screen in Chromium, against the
terminal app's time to its first frame, measured in the same run.

    .venv/bin/python benchmarks/web.py            # 8 pairs, about a minute
    .venv/bin/python benchmarks/web.py --pairs 3  # quicker

Both sides start a fresh `leadtutor` process on the bundled course with an empty data
folder and wait for the same thing, the welcome screen's "Start" button:
- terminal (baseline): the real command in a pseudo-terminal of 120x40, timed from
  spawn to the first output that contains it (Textual writes a frame at once);
- served: `leadtutor serve` and headless Chromium are started once (not timed); each
  round opens a new tab, timed from `page.goto` to xterm.js's screen showing it, which
  covers the page, textual.js, the websocket, the tab's own app process and drawing.
Pairs alternate (terminal, served, ...) after one warm-up of each; the figure is the
median of the per-pair ratios (goal: at most 3x). Like `run.py`, it prints a table
and exits 0 whatever the figure; it needs Debian's Chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

from tests.web.browser import chromium_missing, expose_terminals, launch  # noqa: E402
from tests.web.processes import Served  # noqa: E402

from benchmarks.harness import Report, Spread, child_env, progress, ratios, yes  # noqa: E402

GOAL = 3.0
NEEDLE = "Start"
COURSE = REPO / "lessons"
SIZE = (120, 40)
_IN_SCREEN = """(needle) => {
  const t = (window.leadtutorTerminals || [])[0];
  if (!t) return false;
  const b = t.terminal.buffer.active;
  for (let y = 0; y < t.terminal.rows; y++) {
    const line = b.getLine(b.viewportY + y);
    if (line && line.translateToString(true).includes(needle)) return true;
  }
  return false;
}"""


def terminal_first_frame(scratch: Path, data: Path) -> float:
    """Seconds from spawning `leadtutor` in a pty to the welcome frame's arrival."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = child_env(scratch) | {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
    command = [sys.executable, "-m", "leadtutor", "--course", str(COURSE), "--data-dir", str(data)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    try:
        deadline = start + 60
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if NEEDLE.encode() in seen:
                    elapsed = time.perf_counter() - start
                    break
    finally:
        process.send_signal(signal.SIGTERM)  # the app saves and leaves
        try:
            while process.poll() is None:
                if select.select([master], [], [], 0.2)[0]:
                    os.read(master, 65536)
            process.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        os.close(master)
    if elapsed != elapsed:
        raise RuntimeError(f"the terminal app never drew {NEEDLE!r}:\n{seen[-2000:]!r}")
    return elapsed


def served_welcome(context: Any, served: Served) -> tuple[float, float]:
    """Seconds from opening a tab to the welcome screen, and to the page's DOM."""
    page = context.new_page()
    expose_terminals(page)
    try:
        start = time.perf_counter()
        page.goto(served.url, wait_until="domcontentloaded")
        loaded = time.perf_counter() - start
        page.wait_for_function(_IN_SCREEN, arg=NEEDLE, polling="raf", timeout=60_000)
        return time.perf_counter() - start, loaded
    finally:
        page.close()
        deadline = time.monotonic() + 20
        while served.sessions() and time.monotonic() < deadline:  # its app has left
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=8, help="timed pairs (default 8)")
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"W1 not measured: {missing}.")
        return 0
    from playwright.sync_api import sync_playwright

    report = Report()
    terminal: list[float] = []
    browser: list[float] = []
    pages: list[float] = []
    with tempfile.TemporaryDirectory(prefix="leadtutor-web-bench-") as tmp:
        scratch = Path(tmp)
        served = Served(COURSE, scratch / "served-data")
        try:
            with sync_playwright() as playwright:
                context = launch(playwright, scratch / "profile")
                try:
                    progress("warming up (one of each)")
                    terminal_first_frame(scratch, scratch / "warm-data")
                    served_welcome(context, served)
                    for n in range(args.pairs):
                        progress(f"pair {n + 1} of {args.pairs}")
                        terminal.append(terminal_first_frame(scratch, scratch / f"t{n}"))
                        total, loaded = served_welcome(context, served)
                        browser.append(total)
                        pages.append(loaded)
                finally:
                    context.close()
        finally:
            served.stop()
            served.close()
    ratio = ratios(browser, terminal)
    report.add(
        "W1 served welcome in Chromium",
        Spread.of(browser).fmt(),
        Spread.of(terminal).fmt() + " (terminal first frame)",
        ratio.ratio(),
        f"≤ {GOAL:.0f}x",
        yes(ratio.median <= GOAL),
    )
    report.note(
        f"of the served time, the page itself (HTML, CSS, textual.js) took "
        f"{Spread.of(pages).fmt()} to DOMContentLoaded; the rest is the websocket, the "
        "tab's own leadtutor process starting and xterm.js drawing"
    )
    from importlib.metadata import version

    print(
        f"leadtutor {version('leadtutor')} web benchmark ({args.pairs} pairs): textual "
        f"{version('textual')}, textual-serve {version('textual-serve')}, {os.cpu_count()} "
        f"CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print()
    print(report.render())
    print()
    for line in report.details:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
