"""Read course files without trusting them.

A naive `read_text()` hangs on a FIFO or `/dev/zero`, follows symlinks out of the
course, and crashes on bad UTF-8. Here every read checks that the path stays inside
the course, opens without blocking, requires a regular file, reads with a size cap and
decodes strictly, reporting the byte offset of bad UTF-8.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

MAX_FILE_BYTES: Final = 1024 * 1024
"""Course files larger than 1 MiB are refused."""


@dataclass(frozen=True)
class ReadError(Exception):
    """A file could not be read; `message` is one plain sentence."""

    code: str
    message: str
    line: int = 1

    def __str__(self) -> str:
        return self.message


LOOP_MESSAGE: Final = (
    "symlink loop: the path never resolves; replace the symlink with the file it should name"
)


def absolute(path: Path) -> Path:
    """`path` made absolute and normalized (no `..`), without touching the file system
    beyond the current folder; as given if even that is gone."""
    try:
        return Path(os.path.normpath(path.absolute()))
    except OSError:
        return Path(os.path.normpath(path))


def here() -> Path | None:
    """The current folder, or None if it was deleted (paths are then shown in full)."""
    try:
        return Path.cwd()
    except OSError:
        return None


def safe_resolve(path: Path) -> Path:
    """Resolve `path` as far as possible, never raising (a loop or an unreadable folder
    gives the absolute, normalized path instead)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return absolute(path)


def kind_of(path: Path) -> str:
    """Return "dir", "file", "other" or "missing" for `path` (following symlinks), never
    raising: a symlink loop or a folder that cannot be searched counts as "other"."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError):
        return "other" if os.path.lexists(path) else "missing"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def resolve_inside(path: Path, root: Path, real_root: Path | None = None) -> Path:
    """Resolve `path` and require it to stay inside `root` (`real_root`: `root`
    already resolved, for callers that resolve many paths).

    Raises:
        ReadError: the path loops, does not exist, or escapes `root` (e.g. a symlink
            pointing elsewhere).
    """
    try:
        real_root = real_root or root.resolve(strict=True)
        real = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports symlink loops this way
        raise ReadError("file.symlink-loop", LOOP_MESSAGE) from None
    except ValueError:  # a NUL byte in the path
        raise ReadError("file.unreadable", "the path holds a NUL byte") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("file.symlink-loop", LOOP_MESSAGE) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise ReadError("file.unreadable", "no such file") from None
        raise ReadError("file.unreadable", f"cannot open: {exc.strerror or exc}") from None
    if not real.is_relative_to(real_root):
        raise ReadError(
            "file.outside-course", "path leads outside the course directory (symlink or '..')"
        )
    return real


def read_bytes(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file inside `root`, refusing anything larger than `limit`."""
    real = resolve_inside(path, root)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("file.symlink-loop", LOOP_MESSAGE) from None
        raise ReadError("file.unreadable", f"cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("file.not-regular", "not a regular file (a directory, FIFO or device)")
        if info.st_size > limit:
            raise ReadError(
                "file.too-large",
                f"file is too large ({info.st_size:,} bytes; the limit is {limit:,})",
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadError(
                "file.too-large", f"file grew past the {limit:,}-byte limit while reading"
            )
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError("file.unreadable", f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def decode(data: bytes) -> str:
    """Decode UTF-8 (one leading BOM allowed), reporting where it goes wrong.

    Raises:
        ReadError: NUL bytes (binary or UTF-16) or invalid UTF-8, with the byte offset
            and line number.
    """
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[skip:]
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise ReadError(
            "file.binary",
            f"binary data (a NUL byte at byte {nul + skip}); lessons are UTF-8 text",
            line,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            "file.encoding",
            f"invalid UTF-8 at byte {exc.start + skip} (0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
            line,
        ) from None


def read_text(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read and decode a UTF-8 text file inside `root` (see `read_bytes` and `decode`)."""
    return decode(read_bytes(path, root, limit))
