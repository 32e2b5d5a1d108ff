"""Errors raised by the progress store.

Messages are one plain sentence meant for the learner. They name files and folders but
never contain the learner's answers, so they are safe to show, log or print.
"""

from __future__ import annotations

import errno as errno_codes
from pathlib import Path


class ProgressError(Exception):
    """Base class for every error the progress store raises."""

    def __init__(self, message: str, *, path: Path | None = None, errno: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        """The sentence to show the learner."""
        self.path = path
        """The file or folder involved, if any."""
        self.errno = errno
        """The operating system's error number, if the cause was an `OSError`."""


class ProgressLoadError(ProgressError):
    """Progress could not be opened; the store keeps working in memory."""


class ProgressSaveError(ProgressError):
    """A save failed; the old file is intact and every change is still in memory."""


_REASONS = {
    errno_codes.ENOSPC: "the disk is full",
    errno_codes.EDQUOT: "the disk quota is used up",
    errno_codes.EACCES: "permission was denied",
    errno_codes.EPERM: "the operation was not permitted",
    errno_codes.EROFS: "the disk is read-only",
    errno_codes.EIO: "the disk reported an input/output error",
    errno_codes.ENOENT: "a file or folder it needs is missing",
    errno_codes.ENOTDIR: "a file is in the way where a folder should be",
}


def describe(exc: BaseException) -> str:
    """Turn an exception into a short lower-case reason, e.g. "the disk is full".

    Args:
        exc: Usually an `OSError`; anything else gets a generic reason.

    Returns:
        A phrase that fits after "because".
    """
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, OSError) and exc.strerror:
        return f"of a system error ({exc.strerror.lower()})"
    return f"of an unexpected error ({type(exc).__name__})"


class UnreadableFile(ValueError):
    """Internal: the bytes are not a progress file at all (not UTF-8, JSON or an object)."""


class UnknownSchema(ValueError):
    """Internal: the file has a schema version this code does not know (a newer one)."""

    def __init__(self, version: int) -> None:
        super().__init__(f"unknown schema version {version}")
        self.version = version
