"""The learner's app settings (the theme), kept in `settings.json` beside progress."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from leadtutor.progress.atomic import make_private_dir, write_file

log = logging.getLogger(__name__)


@dataclass
class Settings:
    """Preferences that persist between runs."""

    path: Path | None = None
    """Where they are saved; `None` keeps them in memory only (tests)."""
    theme: str = ""
    """Textual theme name; empty means the default."""
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        """Read settings; anything unreadable falls back to the defaults."""
        path = data_dir / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict):
            return cls(path)
        theme = data.pop("theme", "")
        return cls(path, theme if isinstance(theme, str) else "", data)

    def save(self) -> None:
        """Write settings atomically (0600); failures are logged, never raised."""
        if self.path is None:
            return
        data = {**self.extra, "theme": self.theme}
        try:
            make_private_dir(self.path.parent)
            write_file(self.path, json.dumps(data, indent=2).encode() + b"\n")
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
