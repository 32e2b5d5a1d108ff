"""Decide whether a terminal byte stream carries anything a lesson smuggled in.

`violations(stream)` tokenizes the bytes the app wrote into text and escape sequences
and reports, rigorously:

- bytes that are not UTF-8 (a raw 0x9b is C1 CSI to many terminals);
- C0 controls in text other than CR and LF (ESC only as the start of a sequence), DEL,
  C1 controls (U+0080-U+009F), and bidi embedding/override/isolate controls;
- any escape sequence not in `ALLOWED`: the exact set Textual's Linux driver and
  compositor emit (SGR colours, cursor positions, the driver's mode switches, its two
  queries, the kitty keyboard push/pop and the OSC 22 pointer shape). A smuggled OSC
  (title, clipboard, hyperlink), DCS, erase, scroll or mode change is caught by shape.

A lesson SGR or cursor move has the same shape as the app's own, so payloads are also
checked by `payload_problems`: the text between two markers must show, as text, the
payload with its control characters removed (if ESC leaked, `[2J` would be eaten by
the terminal instead of shown).
"""

from __future__ import annotations

import re
from typing import Final

SEQUENCE: Final = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-~])"
)
ALLOWED: Final = re.compile(
    r"\x1b\[[0-9;]*m"  # SGR
    r"|\x1b\[\d+;\d+H"  # cursor position
    r"|\x1b\[\?(?:7|25|1000|1003|1004|1006|1015|1016|1049|2004|2026|2048)[hl]"  # driver modes
    r"|\x1b\[\?(?:2026|2048)\$p"  # the driver's two mode queries
    r"|\x1b\[>\d+u|\x1b\[<u"  # kitty keyboard protocol push / pop
    r"|\x1b\]22;[a-z-]+\x07"  # mouse pointer shape
)
_BAD_TEXT: Final = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_STYLE_ONLY: Final = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")


def violations(stream: bytes, limit: int = 20) -> list[str]:
    """Everything in `stream` that the app itself would never write (up to `limit`)."""
    found: list[str] = []
    try:
        text = stream.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(f"invalid UTF-8 at byte {exc.start}: {stream[exc.start : exc.start + 8]!r}")
        text = stream.decode("utf-8", "replace")
    position = 0
    for match in SEQUENCE.finditer(text):
        _check_text(text[position : match.start()], position, found)
        if not ALLOWED.fullmatch(match.group()):
            found.append(f"escape sequence {match.group()[:40]!r} at {match.start()}")
        position = match.end()
    _check_text(text[position:], position, found)
    return found[:limit]


def _check_text(chunk: str, offset: int, found: list[str]) -> None:
    found.extend(
        f"control U+{ord(m.group()):04X} in text at {offset + m.start()}"
        for m in _BAD_TEXT.finditer(chunk)
    )


def visible(stream: str) -> str:
    """The stream with the app's style and cursor sequences removed."""
    return _STYLE_ONLY.sub("", stream)


def payload_problems(stream: bytes, markers: dict[str, str]) -> list[str]:
    """For each `marker -> expected text`, the stream must show `«marker»expected«/»`.

    `expected` is the payload as the sanitizer leaves it (controls removed). A marker
    that never appears is reported too (the check would otherwise pass vacuously).
    """
    text = visible(stream.decode("utf-8", "replace"))
    problems = []
    for marker, expected in markers.items():
        shown = re.findall(re.escape(f"«{marker}»") + r"(.{0,200}?)«/»", text)
        if not shown:
            problems.append(f"{marker}: never shown on screen")
        elif any(piece != expected for piece in shown):
            problems.append(f"{marker}: shown as {shown[0]!r}, expected {expected!r}")
    return problems
