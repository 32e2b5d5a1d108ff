"""The real thing: `leadtutor serve` on a free loopback port, Debian's Chromium driven
by Playwright, a learner's first minute: welcome, Start, an answer, saved on disk.

Skipped (with the reason shown by `-ra`) only where Chromium is not installed;
`.ci/run` installs it, so it runs in CI.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leadtutor.core.completion import count_words
from tests.web.browser import chromium_missing, click_text, expose_terminals, launch, screen
from tests.web.browser import wait_for_text as wait_for
from tests.web.conftest import Served, alive, children, progress_text

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(chromium_missing()), reason=chromium_missing() or "-"),
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc"),
]

ANSWER = 'Typed in a browser: <b>bold?</b> & "quotes"'


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium (fresh profile); afterwards, no Chromium process is left."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path / "chromium-profile"
    with sync_playwright() as playwright:
        context = launch(playwright, profile)
        try:
            yield context
        finally:
            context.close()
    deadline = time.monotonic() + 15
    while _chromium_with(profile) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _chromium_with(profile), "Chromium processes were left running"


def _chromium_with(profile: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and alive(int(entry.name)):
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(profile).encode() in command:
                found.append(int(entry.name))
    return found


def _focus_reflection(page: Any) -> None:
    """Tab to the first reflection and check it has the keyboard (type, then erase)."""
    for _ in range(8):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)
        page.keyboard.press("x")  # no key binding: harmless if the box is not focused
        try:
            wait_for(page, "1 word ", timeout=3)
        except AssertionError:
            continue
        page.keyboard.press("Backspace")
        wait_for(page, "0 words")
        return
    raise AssertionError(f"tab never reached the reflection:\n{screen(page)}")


def test_a_learner_answers_in_the_browser(
    served: Served, browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(served.url) else outside.append(request.url),
    )
    expose_terminals(page)
    page.goto(served.url, wait_until="domcontentloaded")
    assert page.title() == "Test course"

    welcome = wait_for(page, "Start")
    assert "Test course" in welcome
    assert "on the computer running leadtutor serve" in " ".join(welcome.split())
    timings = {"welcome": time.monotonic() - started}

    click_text(page, "Start")
    wait_for(page, "A short opening paragraph for the web test.")
    _focus_reflection(page)
    page.keyboard.type(ANSWER, delay=5)
    words = count_words(ANSWER)
    shown = wait_for(page, f"{words} words  ✓ saved", timeout=30)
    timings["saved"] = time.monotonic() - started
    assert ANSWER in shown

    saved = json.loads(progress_text(served.data_dir))
    assert saved["answers"]["first-thought"]["value"] == ANSWER
    shot = tmp_path / "browser.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # The server is stopped as with Ctrl+C: the tab's app saves, nothing is left over.
    (app,) = served.sessions()
    assert served.stop() == 0
    assert not alive(app) and not children(served.process.pid)
    page.wait_for_selector("body.-closed", timeout=20_000)  # "This session has ended"
    assert outside == [], f"the page asked for things outside the server: {outside}"
    with capsys.disabled():
        print(
            f"\n  browser: welcome after {timings['welcome']:.2f} s, answer saved after "
            f"{timings['saved']:.2f} s; screenshot {shot} ({shot.stat().st_size} bytes)"
        )


def test_export_dialog_downloads_to_the_browser(served: Served, browser: Any) -> None:
    """Served, the export dialog can send the journal to the browser as a download."""
    downloads: list[Any] = []

    def arrived(download: Any) -> None:
        downloads.append(download)

    browser.on("page", lambda page: page.on("download", arrived))  # a new tab opens it
    page = browser.new_page()
    expose_terminals(page)
    page.goto(served.url, wait_until="domcontentloaded")
    wait_for(page, "Start")
    click_text(page, "Start")  # the terminal has the keyboard from here on
    wait_for(page, "A short opening paragraph for the web test.")
    page.keyboard.press("Control+p")
    wait_for(page, "Search for commands")
    page.keyboard.type("export", delay=20)
    wait_for(page, "Export journal")
    page.keyboard.press("Enter")
    wait_for(page, "Export your journal")
    click_text(page, "HTML page")
    click_text(page, "Download")
    deadline = time.monotonic() + 30
    while not downloads and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert downloads, "no download reached the browser"
    download = downloads[0]
    assert download.suggested_filename == "web-course-journal.html"
    body = Path(download.path()).read_text(encoding="utf-8")
    assert (
        body.startswith("<!DOCTYPE html>") and 'Journal: <span class="course">Test course' in body
    )
    wait_for(page, "Sent to your browser")
