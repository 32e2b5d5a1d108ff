"""Every journal export format in one place, for `leadtutor journal export` and the
app's export dialog: Markdown (`journal.py`), HTML (`journal_html.py`) and the full
data as JSON (the progress file's own format)."""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from leadtutor.core import Course
from leadtutor.progress.atomic import write_file
from leadtutor.progress.encode import encode
from leadtutor.progress.model import Progress

ExportFormat = Literal["md", "html", "json"]
FORMATS: Final[tuple[ExportFormat, ...]] = ("md", "html", "json")
NAMES: Final[dict[ExportFormat, str]] = {
    "md": "Markdown",
    "html": "HTML page, printable",
    "json": "JSON, all your data",
}


def render(course: Course, progress: Progress, fmt: ExportFormat) -> bytes:
    """The export as UTF-8 bytes (a lone surrogate from a hand-edited file becomes '?')."""
    if fmt == "json":
        return encode(progress)
    if fmt == "html":
        from leadtutor.progress.journal_html import render_html

        return render_html(course, progress).encode("utf-8", "replace")
    from leadtutor.progress.journal import render_markdown

    return render_markdown(course, progress).encode("utf-8", "replace")


def write(course: Course, progress: Progress, fmt: ExportFormat, target: Path) -> None:
    """Write the export to `target` like the progress file: atomically, mode 0600.

    Raises:
        OSError: The file could not be written; an existing file is left as it was.
    """
    write_file(target, render(course, progress, fmt))


def default_name(course: Course, fmt: ExportFormat) -> str:
    """A file name for the export, such as `leading-and-managing-journal.html`."""
    return f"{course.id}-journal.{fmt}"


SUFFIXES: Final = {f".{fmt}" for fmt in FORMATS}


def choose_target(text: str, course: Course, fmt: ExportFormat, home: Path) -> Path:
    """Where the learner asked to write: `~` and relative paths are in `home`, and a
    folder (or a path ending in `/`) gets the default file name inside it."""
    chosen = text.strip()
    path = Path(chosen).expanduser() if chosen else home
    if not path.is_absolute():
        path = home / path
    if not chosen or chosen.endswith(("/", "\\")) or path.is_dir():
        path = path / default_name(course, fmt)
    return path


def with_format(text: str, fmt: ExportFormat) -> str:
    """The same path with the format's suffix, if it ended in one of the others."""
    path = Path(text)
    if path.suffix.lower() in SUFFIXES and not text.endswith(("/", "\\")):
        return str(path.with_suffix(f".{fmt}"))
    return text
