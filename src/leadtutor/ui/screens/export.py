"""The export dialog: where to write the journal (a file in the home folder by
default) and as what (Markdown, a printable HTML page, or all the data as JSON).

Errors stay in the dialog, in words, so the learner can fix the path and try again;
an existing file is only replaced after a second press. Files are written like the
progress file (atomically, readable by the learner only). In a browser
(`leadtutor serve`) the dialog can also send the file to the browser as a download.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from leadtutor.progress.exports import (
    FORMATS,
    NAMES,
    ExportFormat,
    choose_target,
    default_name,
    render,
    with_format,
    write,
)
from leadtutor.ui.widgets.toggles import ShapedRadioButton

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

MIME = {"md": "text/markdown", "html": "text/html", "json": "application/json"}


class ExportDialog(ModalScreen[Path | None]):
    """Ask where and in which format; dismiss with the file written (None: cancelled
    or sent to the browser)."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ExportDialog .dialog-title { text-style: bold; margin: 0 0 1 0; }
    ExportDialog .export-label { color: $text-muted; margin: 1 0 0 0; }
    ExportDialog RadioSet { width: 100%; }
    ExportDialog #export-error { color: $text-error; height: auto; }
    ExportDialog #export-error.-quiet { color: $text-muted; }
    ExportDialog Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ExportDialog Button { margin: 0 0 0 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, home: Path | None = None) -> None:
        super().__init__()
        self.home = home or Path.home()
        self.format: ExportFormat = "md"
        self._replace: Path | None = None
        """A file that exists and that the learner was asked about (press again)."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        course = self.tutor.course
        with VerticalScroll():
            yield Static(Content("Export your journal"), classes="dialog-title")
            yield Static(Content("Format"), classes="export-label")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield ShapedRadioButton(
                        Content(f"{NAMES[fmt]} (.{fmt})"), value=fmt == "md", id=f"format-{fmt}"
                    )
            yield Static(
                Content("Save to (a file or a folder; ~ is your home folder)"),
                classes="export-label",
            )
            yield Input(str(self.home / default_name(course, "md")), id="export-path")
            yield Static(
                Content("Only you can read the file: it holds your own answers."),
                id="export-error",
                classes="-quiet",
            )
            with Horizontal():
                yield Button(Content("Cancel"), id="cancel")
                if self.app.is_web:
                    yield Button(Content("Download"), id="download")
                yield Button(Content("Export"), id="export", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        pressed = (event.pressed.id or "").removeprefix("format-")
        self.format = next((fmt for fmt in FORMATS if fmt == pressed), "md")
        path = self.query_one("#export-path", Input)
        path.value = with_format(path.value, self.format)
        self._replace = None

    @on(Input.Changed, "#export-path")
    def _path_edited(self) -> None:
        self._replace = None

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        course = self.tutor.course
        text = self.query_one("#export-path", Input).value
        target = choose_target(text, course, self.format, self.home)
        if target.exists() and target != self._replace:
            self._replace = target
            self._say(f"{target} already exists. Press Export again to replace it.")
            return
        try:
            write(course, self.tutor.store.snapshot(), self.format, target)
        except OSError as exc:
            self._replace = None
            self._say(f"Could not write {target}: {exc.strerror or exc}. Choose another place.")
            self.query_one("#export-path", Input).focus()
            return
        self.dismiss(target)

    @on(Button.Pressed, "#download")
    def _download(self) -> None:
        course = self.tutor.course
        data = render(course, self.tutor.store.snapshot(), self.format)
        self.app.deliver_binary(
            io.BytesIO(data),
            save_filename=default_name(course, self.format),
            mime_type=MIME[self.format],
        )
        self.app.notify(
            f"Sent to your browser as {default_name(course, self.format)}",
            title="Exported",
            markup=False,
        )
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _say(self, message: str) -> None:
        line = self.query_one("#export-error", Static)
        line.remove_class("-quiet")
        line.update(Content(message))
