"""Problems found in a course: collected, never raised.

Every check reports through a `Problems` collector, so one run shows every problem
at once, each as `path:line[:column]: error|warning: message [code]`. `CODES` lists
every code with its level; docs/authoring.md has one row per code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

Level = Literal["error", "warning"]

_ERRORS: Final = """
file.unreadable file.not-regular file.too-large file.encoding file.binary file.symlink-loop
file.outside-course course.missing course.invalid course.field course.empty
front-matter.missing front-matter.unclosed front-matter.invalid front-matter.not-mapping
front-matter.duplicate-key front-matter.alias front-matter.missing-title front-matter.type
lesson.bad-id lesson.duplicate-id lesson.empty directive.unknown directive.syntax
directive.unclosed directive.closer-text directive.stray-fence directive.not-top-level
directive.nested directive.backticks prompt.missing-id prompt.bad-id prompt.duplicate-id
prompt.empty option.type option.duplicate option.misplaced option.syntax option.yaml-block
choice.no-options choice.not-task choice.too-few-options choice.too-many-options choice.no-correct
choice.multiple-correct choice.split-list scale.range scale.too-wide link.missing
link.outside-course image.missing markdown.unclosed-code markdown.too-complex lock.invalid lock.course-id
lock.removed lock.kind-changed lock.reused prompt.revisit-unknown prompt.revisit-later
"""
_WARNINGS: Final = """
course.unknown-key course.ignored course.misnamed course.duplicate-number course.check
module.invalid module.unknown-key module.empty front-matter.unknown-key
text.control-characters option.unknown choice.no-feedback choice.feedback-merged
link.anchor link.inert link.unsupported link.undefined-reference link.syntax markdown.raw-html
markdown.footnote markdown.h1 markdown.heading markdown.code-language lock.unlisted
choice.shuffle-position lock.options-changed
"""
CODES: Final[dict[str, Level]] = {
    **dict.fromkeys(_ERRORS.split(), "error"),
    **dict.fromkeys(_WARNINGS.split(), "warning"),
}
"""Every problem code and its level. Errors stop a lesson (or the course) from
opening; warnings are advice, and `leadtutor check --strict` fails on them too."""


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
    """One or two plain sentences: what is wrong and how to fix it."""
    column: int | None = None
    """1-based column, when known."""
    end_line: int | None = None
    """Last line the problem covers (inclusive), when known."""
    end_column: int | None = None
    """1-based column just after the problem on `end_line`, when known."""

    def shown_path(self, relative_to: Path | None = None) -> Path:
        """The path relative to `relative_to` when it is inside it, else as stored."""
        if relative_to is not None:
            try:
                return self.path.relative_to(relative_to)
            except ValueError:
                pass
        return self.path

    def format(self, relative_to: Path | None = None) -> str:
        """Return the problem as `path:line[:column]: level: message [code]`."""
        where = f"{self.shown_path(relative_to)}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.level}: {self.message} [{self.code}]"

    def as_dict(self, relative_to: Path | None = None) -> dict[str, str | int | None]:
        """Return a JSON-ready mapping (used by `leadtutor check --format json`)."""
        return {
            "path": str(self.shown_path(relative_to)),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
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

    def error(
        self,
        line: int,
        code: str,
        message: str,
        *,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> None:
        """Report an error at `line` (and `column`) of the current file."""
        self.add("error", line, code, message, column, end_line, end_column)

    def warning(
        self,
        line: int,
        code: str,
        message: str,
        *,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> None:
        """Report a warning at `line` (and `column`) of the current file."""
        self.add("warning", line, code, message, column, end_line, end_column)

    def add(
        self,
        level: Level,
        line: int,
        code: str,
        message: str,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> None:
        """Report a problem; lines and columns below 1 become 1 (or unknown)."""
        first = max(line, 1)
        last = None if end_line is None else max(end_line, first)
        self.items.append(
            Problem(
                self.path,
                first,
                level,
                code,
                message,
                column if column is None or column >= 1 else None,
                last,
                end_column,
            )
        )


MAX_SUGGESTION_CHOICES: Final = 300
"""Past this many choices no suggestion is looked for: comparing a word with each one
is slow, and a problem per link to a lesson of thousands of headings made `check`
quadratic (issue 14, R4's worst cases)."""


def did_you_mean(word: str, choices: Iterable[str], *, quote: str = "'{}'") -> str:
    """Return " (did you mean 'x'?)" for the closest of `choices`, or "" if none is close
    (or there are more than `MAX_SUGGESTION_CHOICES`)."""
    if isinstance(choices, Sized) and len(choices) > MAX_SUGGESTION_CHOICES:
        return ""
    options = list(choices)
    if len(options) > MAX_SUGGESTION_CHOICES:
        return ""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {option.lower().replace("_", "-"): option for option in options}
        key = word.lower().replace("_", "-")
        close = [lowered[key]] if key in lowered else []
    return f" (did you mean {quote.format(close[0])}?)" if close else ""
