"""The lesson's front matter: its fields checked and turned into the lesson's metadata.

`read_meta` reads the `front_matter` token (the strict YAML loader is `frontmatter.py`),
reports every problem with its line, and falls back to the file name for the id and
title, so the rest of the lesson is still parsed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from markdown_it.token import Token

from leadtutor.core.directives import ID_PATTERN
from leadtutor.core.frontmatter import YamlError, load_mapping
from leadtutor.core.problems import Problems, did_you_mean

FRONT_MATTER_KEYS: Final = ("id", "title", "summary", "minutes", "objectives")


def read_meta(tokens: list[Token], text: str, path: Path, problems: Problems) -> dict[str, Any]:
    """Return the lesson's `id`, `title`, `summary`, `minutes` and `objectives`.

    Args:
        tokens: The lesson's tokens (the first is `front_matter` when there is some).
        text: The lesson's text.
        path: The lesson's file (its name is the default id and title).
        problems: Where problems are reported.
    """
    return _Meta(text, path, problems).read(tokens)


class _Meta:
    def __init__(self, text: str, path: Path, problems: Problems) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.path = path
        self.problems = problems

    def read(self, tokens: list[Token]) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "id": self.path.stem,
            "title": self.path.stem,
            "summary": "",
            "minutes": None,
            "objectives": (),
        }
        first = tokens[0] if tokens else None
        if first is None or first.type != "front_matter":
            if self.lines and self.lines[0].strip() == "---":
                self.problems.error(
                    1, "front-matter.unclosed", "front matter is not closed with a '---' line"
                )
            else:
                late = self.text.lstrip().startswith("---")
                self.problems.error(
                    1,
                    "front-matter.missing",
                    "front matter must start on the very first line: remove the blank lines or "
                    "spaces before '---'"
                    if late
                    else "the lesson must start with front matter: a '---' line, 'title: ...', "
                    "and another '---' line",
                )
            self._check_id(meta["id"], 1, default=True)
            return meta
        try:
            data = load_mapping(first.content)
        except YamlError as exc:
            self.problems.error(exc.line + 1, exc.code, exc.message)
            self._check_id(meta["id"], 1, default=True)
            return meta
        key_lines = self._key_lines(first)
        for key, value in data.items():
            line = key_lines.get(str(key), 1)
            if key not in FRONT_MATTER_KEYS:
                hint = did_you_mean(str(key), FRONT_MATTER_KEYS)
                self.problems.warning(
                    line,
                    "front-matter.unknown-key",
                    f"unknown front-matter key '{key}'{hint} (known: {', '.join(FRONT_MATTER_KEYS)})",
                )
                continue
            self._front_matter_value(meta, str(key), value, line)
        if "title" not in data:
            self.problems.error(1, "front-matter.missing-title", "front matter has no 'title'")
        if "id" not in data:
            self._check_id(meta["id"], 1, default=True)
        return meta

    def _front_matter_value(self, meta: dict[str, Any], key: str, value: Any, line: int) -> None:
        if key in ("id", "title", "summary"):
            if not isinstance(value, str) or (key != "summary" and not value.strip()):
                self.problems.error(
                    line,
                    "front-matter.type",
                    f"'{key}' must be text (quote it if it looks like a number)",
                )
                return
            if key == "id" and not self._check_id(value.strip(), line, default=False):
                return
            meta[key] = " ".join(value.split())
        elif key == "minutes":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 600:
                self.problems.error(
                    line, "front-matter.type", "'minutes' must be a whole number from 1 to 600"
                )
                return
            meta[key] = value
        elif key == "objectives":
            if not isinstance(value, list) or not all(
                isinstance(item, str) and item.strip() for item in value
            ):
                self.problems.error(
                    line, "front-matter.type", "'objectives' must be a list of text items ('- ...')"
                )
                return
            meta[key] = tuple(" ".join(item.split()) for item in value)

    def _check_id(self, value: str, line: int, *, default: bool) -> bool:
        if ID_PATTERN.fullmatch(value):
            return True
        if default:
            self.problems.error(
                line,
                "lesson.bad-id",
                f"the file name '{self.path.stem}' is not a valid lesson id; add an 'id:' line "
                "(lowercase letters, digits, '-' or '_')",
            )
        else:
            self.problems.error(
                line,
                "lesson.bad-id",
                f"lesson id '{value}' must be lowercase letters, digits, '-' or '_' (at most 64)",
            )
        return False

    def _key_lines(self, token: Token) -> dict[str, int]:
        found: dict[str, int] = {}
        end = token.map[1] if token.map else 1
        for number in range(2, end):
            match = re.match(r"([A-Za-z_][\w-]*)\s*:", self.lines[number - 1])
            if match:
                found.setdefault(match[1], number)
        return found
