"""The files of one course's progress folder, and the housekeeping done on them.

Layout of `<data_dir>/<course-id>/` (0700, every file 0600)::

    progress.json                     the current progress
    progress.json.bak                 the previous generation
    progress.json.lock                the lock file (empty; held with `FileLock`)
    progress.json.corrupt-<time>      a file that could not be read, kept forever
    progress.json.schema-<n>-<time>   the file as it was before a schema upgrade
    progress.json.reset-<time>        the file as it was before `leadtutor progress reset`
    progress.json.restore-<time>      the file as it was before `leadtutor progress restore`
    journal.md                        the journal the app exported (also .html, .json)
    journal.md.reset-<time>           an exported journal set aside by the same reset
    .progress.json.<random>.tmp       a save in progress (removed when the store opens)
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from filelock import FileLock

from leadtutor.progress.atomic import (
    DIR_MODE,
    FILE_MODE,
    TEMP_SUFFIX,
    fsync_directory,
    temp_prefix,
    write_file,
)

FILE_NAME: Final = "progress.json"
EXPORT_NAMES: Final = ("journal.md", "journal.html", "journal.json")
"""Exports the app writes beside the progress file; a reset sets them aside too."""
_LOOSE: Final = stat.S_IRWXG | stat.S_IRWXO


@dataclass(frozen=True)
class ProgressFiles:
    """Names and housekeeping for the files in one course's progress folder."""

    directory: Path
    """`<data_dir>/<course-id>`."""

    @property
    def path(self) -> Path:
        """The progress file."""
        return self.directory / FILE_NAME

    @property
    def backup(self) -> Path:
        """The previous generation of the progress file."""
        return self.directory / f"{FILE_NAME}.bak"

    @property
    def lock_path(self) -> Path:
        """The file `FileLock` locks; it never holds data."""
        return self.directory / f"{FILE_NAME}.lock"

    def lock(self, timeout: float) -> FileLock:
        """An OS-level lock (`flock`/`msvcrt`) on the lock file; never a soft lock."""
        return FileLock(self.lock_path, timeout=timeout, mode=FILE_MODE, fallback_to_soft=False)

    def read(self, path: Path) -> bytes | None:
        """The bytes of `path`, or `None` if it does not exist."""
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def write(self, data: bytes) -> None:
        """Atomically write the progress file, keeping the old one as `.bak`."""
        write_file(self.path, data, backup=self.backup)

    def temp_files(self) -> list[Path]:
        """Temporary files left by interrupted saves, oldest first."""
        found = []
        for entry in self.directory.glob(f"{temp_prefix(self.path)}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                found.append((entry.stat().st_mtime_ns, entry))
        return [entry for _, entry in sorted(found)]

    def is_save_temp(self, path: Path) -> bool:
        """Whether a temp file held a whole new progress file (not a backup link)."""
        return not path.name.startswith(f"{temp_prefix(self.path)}bak.")

    def remove(self, paths: list[Path]) -> None:
        """Delete files that may already be gone."""
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if paths:
            fsync_directory(self.directory)

    def set_aside(
        self, source: Path, label: str, data: bytes | None = None, *, stamp: str = ""
    ) -> Path:
        """Keep a file under a new, unused name `<source>.<label>-<time>`.

        Args:
            source: The file to keep.
            label: e.g. "corrupt" or "reset".
            data: If given, write these bytes as a copy and leave `source` in place;
                otherwise move `source`.
            stamp: The time part of the name (default: now), to name files set aside
                together alike.

        Returns:
            The new file's path.
        """
        stamp = stamp or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = source.with_name(f"{source.name}.{label}-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = source.with_name(f"{source.name}.{label}-{stamp}-{counter}")
        if data is None:
            source.replace(target)
            if os.name != "nt":
                target.chmod(FILE_MODE)
            fsync_directory(self.directory)
        else:
            write_file(target, data)
        return target

    def set_aside_exports(self, label: str, stamp: str) -> list[Path]:
        """Move the exported journals beside the progress file to `<name>.<label>-<stamp>`."""
        moved = []
        for name in EXPORT_NAMES:
            path = self.directory / name
            if path.is_file() and not path.is_symlink():
                moved.append(self.set_aside(path, label, stamp=stamp))
        return moved

    def backups(self, label: str = "reset") -> list[Path]:
        """The copies `set_aside` made of the progress file with this label, newest first."""
        found = [p for p in self.directory.glob(f"{FILE_NAME}.{label}-*") if p.is_file()]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def tighten_permissions(self) -> tuple[list[Path], list[Path]]:
        """Remove group and other access from the folder and its progress files.

        Returns:
            The paths whose permissions were tightened, and the paths owned by another
            user (left alone). Both are empty on Windows, which has no POSIX modes.
        """
        if os.name == "nt":
            return [], []
        tightened: list[Path] = []
        foreign: list[Path] = []
        paths = [self.directory, *self.directory.glob(f"{FILE_NAME}*")]
        for path in paths:
            try:
                info = path.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(info.st_mode):
                continue
            if info.st_uid != os.getuid():
                foreign.append(path)
            if stat.S_IMODE(info.st_mode) & _LOOSE:
                wanted = DIR_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
                path.chmod(wanted)
                tightened.append(path)
        return tightened, foreign

    def conflict_copies(self) -> list[Path]:
        """Copies a sync client made on a conflict (Syncthing, Dropbox, OneDrive...)."""
        return sorted(
            path
            for path in self.directory.glob("*progress*")
            if "conflict" in path.name.lower() and path.is_file()
        )
