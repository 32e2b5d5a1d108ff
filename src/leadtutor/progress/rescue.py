"""The last resort when progress cannot be saved: a rescue file somewhere else.

When the learner quits while saving fails (an unwritable data folder, a full disk), or
the app is killed in that state, everything in memory is written to
`leadtutor-rescue-<course>-<time>.json` in the home folder, else the temp folder,
readable by the learner only (0600). It is a complete progress file, so
`leadtutor progress restore <file>` merges it back once the data folder works again.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from leadtutor.progress.atomic import write_file
from leadtutor.progress.encode import encode
from leadtutor.progress.model import Progress


def rescue_folders() -> list[Path]:
    """Where a rescue file may go, in order: the home folder, then the temp folder."""
    folders = []
    with contextlib.suppress(RuntimeError, KeyError, OSError):
        folders.append(Path.home())
    folders.append(Path(tempfile.gettempdir()))
    return folders


def write_rescue(
    progress: Progress, folders: Iterable[Path] | None = None, *, now: datetime | None = None
) -> Path:
    """Write `progress` to a new rescue file in the first folder that takes it.

    Returns:
        The rescue file's path.

    Raises:
        OSError: No folder could take it (the last folder's error).
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    data = encode(progress)
    error: OSError | None = None
    for folder in folders if folders is not None else rescue_folders():
        target = folder / f"leadtutor-rescue-{progress.course_id}-{stamp}.json"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"leadtutor-rescue-{progress.course_id}-{stamp}-{counter}.json"
        try:
            write_file(target, data)
        except OSError as exc:
            error = exc
            continue
        return target
    raise error or OSError("no folder to write a rescue file in")
