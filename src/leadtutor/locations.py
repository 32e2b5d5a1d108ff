"""Where things live on disk: the learner's data directory and the bundled course.

Only the CLI and the app call these; the store and the parser get paths injected.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

APP_NAME: Final = "leadtutor"
HOME_ENV: Final = "LEADTUTOR_HOME"
"""Environment variable that overrides the data directory."""
CACHE_ENV: Final = "LEADTUTOR_CACHE"
"""Environment variable that overrides the cache directory."""


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the directory that holds the learner's progress files.

    Args:
        override: The `--data-dir` option, which wins over everything.

    Returns:
        `override`, else `$LEADTUTOR_HOME`, else the platform's user data directory.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # deferred: only needed when no override is given

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir(data_override: str | os.PathLike[str] | None = None) -> Path:
    """Return the directory for caches (e.g. `leadtutor check`'s index of lessons).

    `$LEADTUTOR_CACHE`, else `cache/` inside the data directory when that was chosen
    (`--data-dir` or `$LEADTUTOR_HOME`), else the platform's user cache directory.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    if data_override or os.environ.get(HOME_ENV):
        return data_dir(data_override) / "cache"
    import platformdirs  # deferred: only needed when no override is given

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def bundled_course_dir() -> Path:
    """Return the bundled course directory.

    A source checkout or an editable install uses the top-level `lessons/` folder, so
    authors always see their current files; a built wheel carries a copy inside the
    package as `_bundled_course`.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent.parent / "lessons"
    if (checkout / "course.toml").is_file():
        return checkout
    return package / "_bundled_course"
