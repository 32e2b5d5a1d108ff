"""Decide what a link in a lesson points at, without touching anything.

markdown-it's scheme filter runs before Textual percent-decodes a clicked href, so
`file%3A///etc/passwd` would slip through; every decision here is made on the
decoded text. Only `http(s)` URLs are external; relative paths may name lessons;
everything else is inert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final, Literal
from urllib.parse import unquote, urlsplit

LinkKind = Literal["external", "anchor", "relative", "inert"]

_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BAD: Final = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dataclass(frozen=True)
class Target:
    """A classified link target."""

    kind: LinkKind
    url: str = ""
    """The decoded URL, for `external`."""
    path: PurePosixPath | None = None
    """The relative path, for `relative`."""
    anchor: str = ""
    """The `#fragment`, for `anchor` and `relative`."""
    reason: str = ""
    """Why the link is `inert`."""


def classify(href: str) -> Target:
    """Classify a link target as external, an in-lesson anchor, a relative path, or inert."""
    decoded = unquote(href.strip())
    if not decoded:
        return Target("inert", reason="the link is empty")
    if decoded.startswith("-") or _BAD.search(decoded.strip()):
        return Target("inert", reason="the link holds spaces, control characters or a leading '-'")
    if decoded.startswith("#"):
        return Target("anchor", anchor=decoded[1:])
    scheme = _SCHEME.match(decoded)
    if scheme:
        try:
            parts = urlsplit(decoded)
        except ValueError:  # e.g. "http://]x": urlsplit raises "Invalid IPv6 URL"
            return Target("inert", reason="the link is not a valid URL")
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return Target("external", url=decoded)
        return Target("inert", reason=f"only http(s) links open; '{parts.scheme}:' links never do")
    if decoded.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:[\\/]", decoded):
        return Target(
            "inert", reason="absolute paths never open; use a path relative to the lesson"
        )
    path_part, _, anchor = decoded.partition("#")
    path_part = path_part.partition("?")[0]
    if not path_part:
        return Target("anchor", anchor=anchor)
    return Target("relative", path=PurePosixPath(path_part), anchor=anchor)
