"""Driving Debian's Chromium with Playwright, for the browser tests and the benchmark.

The served page draws the terminal on a canvas (xterm.js), so there is no DOM text to
read. `expose_terminals` makes textual.js (as served, otherwise unchanged) also put
its terminal objects on `window.leadtutorTerminals`; `screen()` then reads the rows
xterm.js is showing, exactly what the learner sees. The hook fails loudly if a new
textual-serve changes the line it attaches to.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (`apt-get install chromium`): Playwright never downloads one."""

ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags this machine's closed network refuses
Chromium's own connections at every start (see /work/.library machine notes)."""

_HOOK_FROM = "t.fit(),s||t.connect()"
_HOOK_TO = (
    "(window.leadtutorTerminals=window.leadtutorTerminals||[]).push(t),t.fit(),s||t.connect()"
)

_SCREEN = """() => {
  const t = (window.leadtutorTerminals || [])[0];
  if (!t) return "";
  const buffer = t.terminal.buffer.active, rows = [];
  for (let y = 0; y < t.terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""

_CELL = """() => {
  const t = window.leadtutorTerminals[0];
  const box = t.terminal.element.querySelector(".xterm-screen").getBoundingClientRect();
  return [box.left, box.top, box.width / t.terminal.cols, box.height / t.terminal.rows];
}"""


def chromium_missing() -> str:
    """Why the browser tests cannot run here, or '' when they can."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        return f"Chromium is not installed ({CHROMIUM}); .ci/run installs it with apt-get"
    return ""


def launch(playwright: Any, profile: Path) -> Any:
    """A headless Chromium with a fresh profile folder (a persistent context)."""
    profile.mkdir(parents=True, exist_ok=True)
    args = list(ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        headless=True,
        args=args,
        viewport={"width": 1100, "height": 700},
        timeout=60_000,
    )


def expose_terminals(page: Any) -> None:
    """Serve textual.js with one addition: its terminals on `window.leadtutorTerminals`."""

    def patch(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        if _HOOK_FROM not in body:
            raise AssertionError("textual.js changed: the test hook no longer fits")
        route.fulfill(response=response, body=body.replace(_HOOK_FROM, _HOOK_TO))

    page.route("**/static/js/textual.js", patch)


def screen(page: Any) -> str:
    """The terminal's visible rows, as text."""
    return str(page.evaluate(_SCREEN))


def wait_for_text(page: Any, needle: str, timeout: float = 60) -> str:
    """Wait until `needle` is on the terminal screen; return the screen."""
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(page)
        if needle in shown:
            return shown
        page.wait_for_timeout(50)
    raise AssertionError(f"{needle!r} never appeared in the browser; the screen shows:\n{shown}")


def click_text(page: Any, needle: str) -> None:
    """Click the middle of the first place `needle` is shown, as a person would."""
    rows = screen(page).split("\n")
    for row, line in enumerate(rows):
        column = line.find(needle)
        if column >= 0:
            left, top, width, height = page.evaluate(_CELL)
            x = left + (column + len(needle) / 2) * width
            y = top + (row + 0.5) * height
            page.mouse.click(x, y)
            return
    raise AssertionError(f"{needle!r} is not on the screen:\n{chr(10).join(rows)}")
