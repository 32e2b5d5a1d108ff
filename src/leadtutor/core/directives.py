"""MyST colon-fence directives: `:::{kind} argument`, `:key: value` options, then a body.

Prompts (`reflect`, `choice`, `scale`, `commit`) need a stable id as their argument;
callouts (`note`, `tip`, `debate`) take an optional title. Option values are checked
against each directive's spec here; the body is Markdown, parsed by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from leadtutor.core.problems import Problems

ID_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Prompt, lesson and course ids: lowercase letters, digits, `-` and `_`; at most 64."""

_INFO: Final = re.compile(r"\{(?P<name>[^{}\s]*)\}\s*(?P<arg>.*)")
_OPTION: Final = re.compile(r":(?P<key>[A-Za-z][\w-]*):(?:\s+(?P<value>.*?))?\s*")
_TRUE: Final = frozenset({"", "true", "yes", "on", "1"})
_FALSE: Final = frozenset({"false", "no", "off", "0"})

OptionValue = bool | int | str


def _flag(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError("expects true or false (or nothing, meaning true)")


def _whole(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not re.fullmatch(r"[+-]?\d{1,6}", raw):
            raise ValueError("expects a whole number")
        value = int(raw)
        if not low <= value <= high:
            raise ValueError(f"expects a whole number from {low} to {high}")
        return value

    return parse


def _text(raw: str) -> str:
    if not raw:
        raise ValueError("expects some text")
    return raw


def _prompt_id(raw: str) -> str:
    if ID_PATTERN.fullmatch(raw) is None:
        raise ValueError(
            "expects the id of an earlier prompt (lowercase letters, digits, '-', '_')"
        )
    return raw


_EVERY_PROMPT: Final[dict[str, Callable[[str], OptionValue]]] = {"revisit": _prompt_id}
"""Options every prompt kind accepts (`:revisit:` shows an earlier answer beside it)."""

OPTION_SPECS: Final[dict[str, dict[str, Callable[[str], OptionValue]]]] = {
    "reflect": {
        "required": _flag,
        "min-words": _whole(0, 5000),
        "placeholder": _text,
        **_EVERY_PROMPT,
    },
    "choice": {"multiple": _flag, "shuffle": _flag, **_EVERY_PROMPT},
    "scale": {
        "min": _whole(-100, 100),
        "max": _whole(-100, 100),
        "low": _text,
        "high": _text,
        **_EVERY_PROMPT,
    },
    "commit": {"follow-up": _whole(1, 365), **_EVERY_PROMPT},
    "note": {},
    "tip": {},
    "debate": {},
}
"""Every directive and the options it accepts, each with its value parser."""

PROMPT_DIRECTIVES: Final = ("reflect", "choice", "scale", "commit")
CALLOUT_DIRECTIVES: Final = ("note", "tip", "debate")


@dataclass(frozen=True)
class Directive:
    """The parsed head of a colon fence."""

    name: str
    argument: str
    options: dict[str, OptionValue]
    body: str
    body_line: int
    """1-based source line where the body starts."""


def parse_directive(info: str, content: str, line: int, problems: Problems) -> Directive | None:
    """Parse a colon fence's info string and option lines.

    Args:
        info: The text after the colons on the opening line.
        content: The raw text between the opening and closing fence lines.
        line: 1-based line of the opening fence.
        problems: Where unknown directives and bad options are reported.

    Returns:
        The directive, or None when the name is missing or unknown.
    """
    match = _INFO.fullmatch(info.strip())
    if not info.strip():
        problems.error(
            line,
            "directive.stray-fence",
            "this ':::' line opens a fence with no directive; if it was meant to close one, "
            "that fence was already closed (when nesting, give the outer fence more colons)",
        )
        return None
    if match is None:
        problems.error(
            line,
            "directive.syntax",
            f"write the directive name in braces, e.g. ':::{{note}}' (found ':::{info.strip()}')",
        )
        return None
    name, argument = match["name"], match["arg"].strip()
    if name not in OPTION_SPECS:
        known = ", ".join(OPTION_SPECS)
        problems.error(
            line, "directive.unknown", f"unknown directive '{{{name}}}' (known: {known})"
        )
        return None
    spec = OPTION_SPECS[name]
    options: dict[str, OptionValue] = {}
    lines = content.split("\n")
    used = 0
    for number, text in enumerate(lines, start=line + 1):
        option = _OPTION.fullmatch(text)
        if option is None:
            break
        used += 1
        key, raw = option["key"], option["value"] or ""
        if key not in spec:
            allowed = ", ".join(f":{k}:" for k in spec) or "none"
            problems.warning(
                number,
                "option.unknown",
                f"'{{{name}}}' has no option ':{key}:' (allowed: {allowed})",
            )
            continue
        if key in options:
            problems.error(number, "option.duplicate", f"option ':{key}:' is given twice")
            continue
        try:
            options[key] = spec[key](raw.strip())
        except ValueError as exc:
            problems.error(number, "option.type", f"option ':{key}:' {exc} (got '{raw.strip()}')")
    body = "\n".join(lines[used:])
    return Directive(name, argument, options, body, line + 1 + used)


def check_prompt_id(argument: str, line: int, problems: Problems) -> str | None:
    """Return the prompt id in `argument`, reporting a missing or malformed one."""
    if not argument:
        problems.error(
            line,
            "prompt.missing-id",
            "prompt has no id; write one after the directive, e.g. ':::{reflect} first-door'",
        )
        return None
    if ID_PATTERN.fullmatch(argument) is None:
        problems.error(
            line,
            "prompt.bad-id",
            f"prompt id '{argument}' must be one word of lowercase letters, digits, '-' or '_' "
            "(at most 64 characters)",
        )
        return None
    return argument
