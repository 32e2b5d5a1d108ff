"""Read what is on disk, recovering from every bad state without losing a byte.

`read_disk` returns the best progress the folder holds, plus one sentence per thing the
learner should know. Nothing is ever deleted: a file that cannot be read is moved aside
as `progress.json.corrupt-<time>`; a file that could only be read in part, or had to be
upgraded, is copied aside first. Only the caller holding the folder's lock may move or
copy files (`locked=True`); without the lock the files are only read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from leadtutor.progress import dates
from leadtutor.progress.decode import Decoded, decode
from leadtutor.progress.errors import UnknownSchema, UnreadableFile
from leadtutor.progress.files import ProgressFiles
from leadtutor.progress.merge import merge
from leadtutor.progress.model import Progress


@dataclass
class DiskState:
    """What `read_disk` found."""

    progress: Progress | None
    """The usable progress, or `None` if there was none at all."""
    digest: str | None
    """SHA-256 of the progress file as it is now on disk; `None` if there is none."""
    notices: list[str] = field(default_factory=list)
    """One sentence for the learner per recovery step taken."""
    rewrite: bool = False
    """The progress holds data the progress file lacks, so it should be saved soon."""


def digest(data: bytes | None) -> str | None:
    """The content hash used to notice changes made by another process."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def _latest(progress: Progress, fallback: Path) -> str:
    """The time of the newest thing in `progress`, in local time, for a notice."""
    stamps = [a.updated_at for a in progress.answers.values()]
    stamps += [x.updated_at for x in progress.lessons.values() if x.updated_at]
    if progress.resume and progress.resume.updated_at:
        stamps.append(progress.resume.updated_at)
    if stamps:
        moment = max(stamps)
    else:
        try:
            moment = datetime.fromtimestamp(fallback.stat().st_mtime, UTC)
        except OSError:
            return "the last save"
    return dates.moment(moment)


def _file_time(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.now(UTC)


class _Reader:
    def __init__(self, files: ProgressFiles, course_id: str, locked: bool) -> None:
        self.files = files
        self.course_id = course_id
        self.locked = locked
        self.notices: list[str] = []
        self.rewrite = False

    def load(self, path: Path, raw: bytes) -> tuple[Decoded | None, str]:
        """Decode one file; set it aside as needed. Returns a reason if unusable."""
        try:
            decoded = decode(raw, self.course_id, file_time=_file_time(path))
        except UnknownSchema as exc:
            return None, f"was written by a newer version of leadtutor (format {exc.version})"
        except UnreadableFile:
            return None, "could not be read"
        if decoded.problems:
            where = self._keep(path, "corrupt", raw)
            self.notices.append(
                f"{decoded.problems} entries in {path.name} could not be read and were left out; "
                f"the original file {where}."
            )
            self.rewrite = True
        if decoded.migrated_from is not None:
            where = self._keep(path, f"schema-{decoded.migrated_from}", raw)
            self.notices.append(
                f"Your progress file was upgraded to the current format; the old file {where}."
            )
            self.rewrite = True
        return decoded, ""

    def _keep(self, path: Path, label: str, raw: bytes) -> str:
        if not self.locked:
            return "was left as it is"
        return f"was kept at {self.files.set_aside(path, label, raw)}"

    def set_aside(self, path: Path) -> str:
        if not self.locked:
            return "was left as it is"
        return f"was moved to {self.files.set_aside(path, 'corrupt')}"


def read_disk(files: ProgressFiles, course_id: str, *, locked: bool) -> DiskState:
    """Read the progress file, falling back to the backup, and say what happened.

    Args:
        files: The course's folder.
        course_id: The course the progress belongs to.
        locked: The caller holds the folder's lock, so files may be moved aside.

    Returns:
        The recovered state. Never raises for bad content.

    Raises:
        OSError: A file exists but could not be read, or could not be set aside.
    """
    reader = _Reader(files, course_id, locked)
    raw = files.read(files.path)
    if raw is None:
        lead = "Your progress file was missing"
    else:
        decoded, reason = reader.load(files.path, raw)
        if decoded is not None:
            return DiskState(decoded.progress, digest(raw), reader.notices, reader.rewrite)
        lead = f"Your progress file {reason}, so it {reader.set_aside(files.path)}"
    # From here the progress file is absent or unusable: its digest is None, so a save
    # (which compares digests) always re-reads it, under the lock, before writing.
    backup = _read_backup(reader)
    if backup is not None:
        reader.notices.append(
            f"{lead}; your answers up to {_latest(backup, files.backup)} "
            f"were restored from the backup {files.backup}."
        )
        return DiskState(backup, None, reader.notices, rewrite=True)
    if raw is not None:
        reader.notices.append(
            f"{lead}; there was no usable backup, so you are starting with empty progress."
        )
    return DiskState(None, None, reader.notices)


def _read_backup(reader: _Reader) -> Progress | None:
    files = reader.files
    raw = files.read(files.backup)
    if raw is None:
        return None
    decoded, reason = reader.load(files.backup, raw)
    if decoded is not None:
        return decoded.progress
    fate = reader.set_aside(files.backup)
    reader.notices.append(f"The backup {files.backup} {reason} either, so it {fate}.")
    return None


def recover_temp_files(files: ProgressFiles, course_id: str, state: DiskState) -> int:
    """Merge complete temp files from interrupted saves into `state`, then delete them all.

    A save killed after writing its temp file but before renaming it leaves a whole,
    newer progress file behind; its answers are merged (the later value of each answer
    wins, the other goes to history). Partial temp files are just deleted: they hold
    private text and nothing that was acknowledged.

    Returns:
        How many temp files were merged.
    """
    temps = files.temp_files()
    merged = 0
    for temp in temps:
        raw = files.read(temp) if files.is_save_temp(temp) else None
        if raw is None:
            continue
        try:
            found = decode(raw, course_id).progress
        except (UnreadableFile, UnknownSchema):
            continue
        empty = Progress(course_id)
        state.progress = merge(empty, state.progress or empty, found)
        state.rewrite = True
        merged += 1
    files.remove(temps)
    return merged
