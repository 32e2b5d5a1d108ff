"""Problems found in a course: collected, never raised.

Every check reports through a `Problems` collector, so one run shows every problem
at once, each as `path:line: error|warning: message [code]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file."""

    path: Path
    """The file the problem is in."""
    line: int
    """1-based line number (1 when the problem concerns the whole file)."""
    level: Level
    """`error` stops the lesson from loading; `warning` is advice."""
    code: str
    """A stable code such as `prompt.duplicate-id`, documented in docs/authoring.md."""
    message: str
    """One plain sentence."""

    def format(self, relative_to: Path | None = None) -> str:
        """Return the problem as `path:line: level: message [code]`."""
        shown = self.path
        if relative_to is not None:
            try:
                shown = self.path.relative_to(relative_to)
            except ValueError:
                shown = self.path
        return f"{shown}:{self.line}: {self.level}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str | int]:
        """Return a JSON-ready mapping (used by `leadtutor check --format json`)."""
        return {
            "path": str(self.path),
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Problems:
    """A collector that checks add to; bound to one file at a time with `at()`."""

    path: Path
    """The file that `error()` and `warning()` report against."""
    items: list[Problem] = field(default_factory=list)
    """Everything reported so far, shared by every view made with `at()`."""

    def at(self, path: Path) -> Problems:
        """Return a view of this collector that reports against another file."""
        return Problems(path, self.items)

    def error(self, line: int, code: str, message: str) -> None:
        """Report an error at `line` of the current file."""
        self.items.append(Problem(self.path, max(line, 1), "error", code, message))

    def warning(self, line: int, code: str, message: str) -> None:
        """Report a warning at `line` of the current file."""
        self.items.append(Problem(self.path, max(line, 1), "warning", code, message))
