"""Crash-safe file writes (security-notes §2.1).

A write goes to a temporary file in the same directory, is flushed and fsynced, made
0600, renamed over the target with `os.replace`, and the directory is fsynced so the
rename itself survives a power cut. A reader therefore sees either the whole old file
or the whole new one, never a mix, and an interrupted write leaves at most a temporary
file named `.<name>.<random>.tmp`, which the store removes the next time it opens.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

FILE_MODE: Final = 0o600
DIR_MODE: Final = 0o700
TEMP_SUFFIX: Final = ".tmp"

_WINDOWS: Final = sys.platform == "win32"
_SHARING_VIOLATIONS: Final = frozenset({5, 32, 33})
"""Windows errors from a file held open by antivirus, an indexer or a sync client."""


def temp_prefix(target: Path) -> str:
    """The prefix of every temporary file made next to `target`."""
    return f".{target.name}."


def write_file(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Atomically replace `path` with `data`, keeping the old file as `backup`.

    Args:
        path: The file to write; its directory must exist.
        data: The complete new content.
        backup: If given and `path` exists, the old generation is kept under this name
            (a hard link, so no data is copied; a copy where links are unsupported).

    Raises:
        OSError: Nothing was replaced; the old file and the backup are as they were,
            except that the backup may already hold the old file. No temporary file
            is left behind.
    """
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    temp = Path(temp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if not _WINDOWS:
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        if backup is not None:
            _keep_backup(path, backup)
        _replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_directory(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _keep_backup(path: Path, backup: Path) -> None:
    """Make `backup` the current generation of `path`, atomically."""
    link = path.parent / f"{temp_prefix(path)}bak.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        os.link(path, link)
    except FileNotFoundError:
        return  # no old generation yet
    except OSError:
        # No hard links here (some FAT, FUSE and sync folders): copy the bytes instead.
        write_file(backup, path.read_bytes())
        return
    try:
        _replace(link, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            link.unlink()
        raise


def _replace(source: Path, target: Path) -> None:
    """`os.replace`, retried briefly on Windows while another program holds the target."""
    delay = 0.01
    while True:
        try:
            source.replace(target)
            return
        except PermissionError as exc:
            winerror = getattr(exc, "winerror", None)
            if not _WINDOWS or winerror not in _SHARING_VIOLATIONS or delay > 1.0:
                raise
            time.sleep(delay)
            delay *= 2


def fsync_directory(directory: Path) -> None:
    """Make renames in `directory` durable (a no-op on Windows, which cannot)."""
    if _WINDOWS:
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(directory: Path) -> bool:
    """Create `directory` (and missing parents) as 0700.

    `os.makedirs(mode=…)` is filtered by the umask and skips parents, so each directory
    this call creates is chmod-ed explicitly. Existing directories are left alone.

    Returns:
        Whether `directory` was created.
    """
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
        if not _WINDOWS:
            folder.chmod(DIR_MODE)
    return bool(missing)
