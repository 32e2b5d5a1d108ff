"""Edit a reflection in the learner's own editor ($VISUAL or $EDITOR).

The text goes to a 0600 temporary file inside the private data folder (not /tmp), which
is removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import SuspendNotSupported
from textual.widgets import TextArea

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.screens.lesson import LessonScreen


async def edit_in_editor(screen: LessonScreen, area: TextArea) -> None:
    """Open `area`'s text in the external editor and load the result back."""
    app = cast("LeadTutorApp", screen.app)
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        screen.notify(
            "Set $EDITOR (for example EDITOR=nano) to write in your own editor.", markup=False
        )
        return
    folder = app.store.path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".edit-", suffix=".md", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(area.text)
        try:
            with app.suspend():
                result = subprocess.run([*shlex.split(command), str(path)], check=False)
        except SuspendNotSupported:
            screen.notify("An external editor can't be opened here.", markup=False)
            return
        if result.returncode != 0:
            screen.notify("The editor exited with an error; your text is unchanged.", markup=False)
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        area.load_text(text.rstrip("\n"))
        area.post_message(TextArea.Changed(area))
    except OSError as exc:
        screen.notify(f"Could not run the editor: {exc.strerror or exc}", markup=False)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
