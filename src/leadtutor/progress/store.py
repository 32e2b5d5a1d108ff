"""`ProgressStore`: the learner's progress for one course, in memory and on disk.

The app holds one store per session, changes it from the UI thread and calls `save()`
from a worker. Every public method is thread-safe: `save()` copies the records under the
store's lock and does the disk work outside it, so the UI never waits for the disk, and
a change made during a save is kept and written by the next one.

A save takes an OS lock on `progress.json.lock`, re-reads the file, and if its SHA-256
differs from what this store last read or wrote (another instance saved), merges it
(`leadtutor.progress.merge`) before writing atomically (`leadtutor.progress.atomic`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Final

from filelock import Timeout

from leadtutor import clock as clocks
from leadtutor.progress import ops
from leadtutor.progress.atomic import make_private_dir
from leadtutor.progress.decode import decode
from leadtutor.progress.encode import EncodeCache, encode
from leadtutor.progress.errors import (
    ProgressLoadError,
    ProgressSaveError,
    UnknownSchema,
    UnreadableFile,
    describe,
)
from leadtutor.progress.files import EXPORT_NAMES, ProgressFiles
from leadtutor.progress.merge import merge
from leadtutor.progress.model import Progress
from leadtutor.progress.records import Records
from leadtutor.progress.recovery import DiskState, digest, read_disk, recover_temp_files

_UNREAD: Final = "not read yet"
"""A digest no file has: until the store has read the file, a save always merges it."""


class ProgressStore(Records):
    """Progress for one course: answers, lessons, resume point, drafts and commitments.

    Construct it, then call `load()`. If `load()` raises, the store keeps working in
    memory and a later `save()` still merges whatever the file holds first, so nothing
    on disk is ever overwritten unseen.
    """

    def __init__(
        self,
        data_dir: str | Path,
        course_id: str,
        *,
        clock: Callable[[], datetime] = clocks.now,
        lock_timeout: float = 10.0,
    ) -> None:
        """Create a store; no disk access happens until `load()` or `save()`.

        Args:
            data_dir: The learner's data folder; progress goes in `<data_dir>/<course_id>/`.
            course_id: The course's id, `[a-z0-9][a-z0-9_-]{0,63}`.
            clock: Returns the current time (timezone-aware); tests pass a fake clock.
                The default is `leadtutor.clock.now`, which `LEADTUTOR_TODAY` moves.
            lock_timeout: Seconds to wait for another instance to finish its save.

        Raises:
            ValueError: `course_id` is not a valid id (it becomes a folder name).
        """
        super().__init__(course_id, clock)
        self.files: Final = ProgressFiles(Path(data_dir) / course_id)
        self._lock_timeout = lock_timeout
        self._io = threading.Lock()
        """Serializes load, save, refresh and reset within this process."""
        self._base = Progress(course_id)
        """The file's content as this store last read or wrote it (the merge base)."""
        self._digest: str | None = _UNREAD
        """SHA-256 of the file as last read or written; `None` if there was none."""
        self._saved_version = 0
        self._notices: list[str] = []
        self._notices_taken = 0
        self._cache = EncodeCache()

    @property
    def path(self) -> Path:
        """The progress file."""
        return self.files.path

    @property
    def notices(self) -> list[str]:
        """Every sentence for the learner so far (recoveries, tightened permissions...)."""
        with self._lock:
            return list(self._notices)

    def take_notices(self) -> list[str]:
        """The notices not returned by an earlier call, for the app to show once."""
        with self._lock:
            fresh = self._notices[self._notices_taken :]
            self._notices_taken = len(self._notices)
            return fresh

    def has_unsaved_changes(self) -> bool:
        """Whether memory holds changes not yet written to disk."""
        with self._lock:
            return self._version != self._saved_version

    # ---------------------------------------------------------------------------- load

    def load(self) -> None:
        """Open the progress folder and read the file into memory.

        Creates the folder (0700), tightens loose permissions, merges and removes temp
        files of interrupted saves, reads the file (upgrading old schemas), and recovers
        from a damaged or missing file via `.bak`; each step the learner should know
        about adds a sentence to `notices`. Changes made before `load()` are kept.

        Raises:
            ProgressLoadError: The folder cannot be created, locked or read. Whatever
                could be read has been loaded; the store keeps working in memory.
        """
        folder = self.files.directory
        with self._io:
            try:
                make_private_dir(folder)
            except OSError as exc:
                raise self._load_error(
                    exc, f"Your progress folder {folder} could not be created"
                ) from exc
            try:
                lock = self.files.lock(self._lock_timeout)
                lock.acquire()
            except (OSError, Timeout) as exc:
                self._read_without_lock()
                raise self._load_error(
                    exc, f"Your progress folder {folder} cannot be locked for writing", loaded=True
                ) from exc
            try:
                state = self._open_locked()
            except OSError as exc:
                raise self._load_error(
                    exc, f"Your progress file {self.path} could not be read"
                ) from exc
            finally:
                lock.release()
            self._adopt(state)

    def _open_locked(self) -> DiskState:
        notices = []
        tightened, foreign = self.files.tighten_permissions()
        if tightened:
            notices.append(
                f"Other users could access your progress in {self.files.directory}, so its "
                "permissions were tightened to you alone."
            )
        if foreign:
            notices.append(
                f"Some progress files in {self.files.directory} belong to another user; "
                "check who can read them."
            )
        state = read_disk(self.files, self.course_id, locked=True)
        if recover_temp_files(self.files, self.course_id, state):
            notices.append("Answers from a save that was interrupted were recovered.")
        copies = self.files.conflict_copies()
        if copies:
            names = ", ".join(p.name for p in copies)
            notices.append(
                f"Your sync service left conflicting copies of your progress ({names}) in "
                f"{self.files.directory}; they were not merged."
            )
        state.notices[:0] = notices
        return state

    def _read_without_lock(self) -> None:
        try:
            state = read_disk(self.files, self.course_id, locked=False)
        except OSError:
            return
        self._adopt(state)

    def _load_error(
        self, exc: BaseException, what: str, *, loaded: bool = False
    ) -> ProgressLoadError:
        then = "your progress was loaded, but" if loaded else "until that is fixed,"
        message = f"{what} because {describe(exc)}; {then} changes are kept in memory only."
        return ProgressLoadError(
            message, path=self.files.directory, errno=getattr(exc, "errno", None)
        )

    def _adopt(self, state: DiskState) -> None:
        """Merge what was read into memory and make it the new merge base."""
        theirs = state.progress or Progress(self.course_id)
        with self._lock:
            self._data = merge(self._base, self._data, theirs)
            self._base = theirs
            self._digest = state.digest
            self._notices.extend(state.notices)
            if state.rewrite:
                self._version += 1

    # ---------------------------------------------------------------------------- save

    def save(self) -> bool:
        """Write memory to disk, merging first whatever another instance saved.

        Safe to call from a worker thread while the UI keeps changing the store; a
        change made during the write is kept and saved next time. Does nothing when
        there is nothing unsaved.

        Returns:
            Whether changes saved elsewhere were merged into memory (redraw if so).

        Raises:
            ProgressSaveError: Nothing was written; the old file is intact, no temp file
                is left, and every change is still in memory for the next try.
        """
        with self._io:
            with self._lock:
                if self._version == self._saved_version:
                    return False
                snapshot = self._data.copy()
                version = self._version
            merged = self._write(snapshot, lambda progress: progress)
            with self._lock:
                self._data = merge(snapshot, self._data, merged)
                self._saved_version = version
            return merged != snapshot

    def reset(self, lesson_id: str | None = None, prompt_ids: Iterable[str] = ()) -> Path:
        """Delete progress, after writing a full copy of it next to the progress file.

        Args:
            lesson_id: Reset only this lesson: its status, its answers, drafts and
                commitments, and the resume point if it is in this lesson. `None`
                resets everything.
            prompt_ids: Prompts to reset as well, e.g. the lesson's prompts according
                to the course (answers from old files may not name their lesson).

        Journals the app exported beside the progress file (`journal.md`...) hold the
        answers too, so they are moved aside with the same time (`journal.md.reset-<time>`)
        and a notice says where.

        Returns:
            The copy made before the reset (`progress.json.reset-<time>`).

        Raises:
            ProgressSaveError: Nothing was deleted.
        """
        prompts = frozenset(prompt_ids)
        copy: list[Path] = []
        moved: list[Path] = []

        def clear(progress: Progress) -> Progress:
            kept = self.files.set_aside(self.path, "reset", encode(progress, self._cache))
            copy.append(kept)
            moved.extend(self.files.set_aside_exports("reset", kept.name.partition(".reset-")[2]))
            return ops.without(progress, lesson_id, prompts)

        with self._io:
            with self._lock:
                snapshot = self._data.copy()
            cleared = self._write(snapshot, clear)
            with self._lock:
                self._data = ops.without(merge(snapshot, self._data, cleared), lesson_id, prompts)
                self._saved_version = self._version
                for prompt_id in set(self._recent) - self._data.answers.keys():
                    del self._recent[prompt_id]
                self._notices.extend(
                    f"Your exported journal {path.name.partition('.reset-')[0]} held the "
                    f"answers you reset, so it was moved to {path}."
                    for path in moved
                )
        return copy[0]

    def restore(self, backup: Path) -> Path:
        """Bring back the progress kept in `backup` (e.g. `progress.json.reset-<time>`).

        What the backup holds is merged into the current progress as another instance's
        save would be, so an answer written since the reset is kept as well (the later
        of two versions is current, the other joins its history). The current file is
        kept first as `progress.json.restore-<time>`. An exported journal set aside by
        the same reset comes back too, unless a newer one is in its place.

        Returns:
            The copy of the progress as it was before the restore.

        Raises:
            ProgressLoadError: The backup cannot be read as progress; nothing changed.
            ProgressSaveError: Nothing was written.
        """
        try:
            decoded = decode(backup.read_bytes(), self.course_id)
        except (OSError, UnreadableFile, UnknownSchema) as exc:
            why = describe(exc) if isinstance(exc, OSError) else "it is not a progress file"
            raise ProgressLoadError(
                f"{backup} cannot be restored because {why}; nothing was changed.", path=backup
            ) from exc
        copy: list[Path] = []

        def bring_back(progress: Progress) -> Progress:
            copy.append(self.files.set_aside(self.path, "restore", encode(progress, self._cache)))
            return merge(Progress(self.course_id), progress, decoded.progress)

        with self._io:
            with self._lock:
                snapshot = self._data.copy()
            written = self._write(snapshot, bring_back)
            with self._lock:
                self._data = merge(snapshot, self._data, written)
                self._saved_version = self._version
        _, label, stamp = backup.name.rpartition(".reset-")
        for name in EXPORT_NAMES if label else ():
            kept, current = (
                self.files.directory / f"{name}{label}{stamp}",
                self.files.directory / name,
            )
            if kept.is_file() and not current.exists():
                kept.replace(current)
        return copy[0]

    def _write(self, snapshot: Progress, change: Callable[[Progress], Progress]) -> Progress:
        """Lock, merge the file into `snapshot`, apply `change`, write; return what was written."""
        try:
            make_private_dir(self.files.directory)
            with self.files.lock(self._lock_timeout):
                merged = self._merge_disk(snapshot)
                result = change(merged)
                data = encode(result, self._cache)
                written = digest(data)
                if written != self._digest:
                    self.files.write(data)
        except Timeout as exc:
            raise ProgressSaveError(
                "Your progress could not be saved because another leadtutor window kept the "
                "progress file locked; your answers are still here and saving will be retried.",
                path=self.path,
            ) from exc
        except OSError as exc:
            raise ProgressSaveError(
                f"Your progress could not be saved to {self.path} because {describe(exc)}; "
                "your answers are still here and will be saved once that is fixed.",
                path=self.path,
                errno=exc.errno,
            ) from exc
        with self._lock:
            self._base = result
            self._digest = written
        return result

    def _merge_disk(self, snapshot: Progress) -> Progress:
        """Under the file lock: `snapshot` merged with the file if another process changed it."""
        if digest(self.files.read(self.path)) == self._digest:
            return snapshot
        state = read_disk(self.files, self.course_id, locked=True)
        with self._lock:
            self._notices.extend(state.notices)
            self._digest = state.digest
        if state.progress is None:
            return snapshot
        return merge(self._base, snapshot, state.progress)

    # ------------------------------------------------------------------------- refresh

    def refresh(self) -> bool:
        """Merge changes another instance saved into memory, if the file changed.

        Best effort: if the file cannot be read or locked right now, nothing happens
        (the next `save()` merges and reports errors). Call it from a worker thread.

        Returns:
            Whether memory changed.
        """
        with self._io:
            try:
                if digest(self.files.read(self.path)) == self._digest:
                    return False
                with self.files.lock(self._lock_timeout):
                    state = read_disk(self.files, self.course_id, locked=True)
            except (OSError, Timeout):
                return False
            with self._lock:
                self._notices.extend(state.notices)
                self._digest = state.digest
                before = self._data
                theirs = state.progress
                if theirs is not None:
                    self._data = merge(self._base, self._data, theirs)
                    self._base = theirs
                if self._data != (theirs or Progress(self.course_id)):
                    self._version += 1  # memory holds something the file lacks
                return self._data != before
