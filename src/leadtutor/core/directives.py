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

from leadtutor.core.problems import Problems, did_you_mean

ID_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Prompt, lesson and course ids: lowercase letters, digits, `-` and `_`; at most 64."""

_INFO: Final = re.compile(r"\{(?P<name>[^{}\s]*)\}\s*(?P<arg>.*)")
_OPTION: Final = re.compile(r":(?P<key>[A-Za-z][\w-]*):(?:\s+(?P<value>.*?))?\s*")
_NEAR: Final = re.compile(r"(?P<indent>\s*):(?P<key>[A-Za-z][\w-]*)(?P<colon>:?)(?P<rest>.*)")
"""Something that looks like an option line, perhaps with a mistake."""
_BARE: Final = re.compile(r"(?P<key>[a-z][\w-]*):(?:\s+(?P<value>.*?))?\s*")
"""`min-words: 10`: an option line without its leading colon."""
_YAML_FENCE: Final = re.compile(r"-{3}\s*")
_CODE_FENCE: Final = re.compile(r" {0,3}(`{3,}|~{3,})")
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
    "choice": {"required": _flag, "multiple": _flag, "shuffle": _flag, **_EVERY_PROMPT},
    "scale": {
        "required": _flag,
        "min": _whole(-100, 100),
        "max": _whole(-100, 100),
        "low": _text,
        "high": _text,
        **_EVERY_PROMPT,
    },
    "commit": {"required": _flag, "follow-up": _whole(1, 365), **_EVERY_PROMPT},
    "note": {},
    "tip": {},
    "debate": {},
}
"""Every directive and the options it accepts, each with its value parser."""

ALL_OPTIONS: Final = frozenset(key for spec in OPTION_SPECS.values() for key in spec)
MYST_ADMONITIONS: Final = {
    **dict.fromkeys(
        ("warning", "important", "caution", "attention", "danger", "error", "seealso"), "note"
    ),
    **dict.fromkeys(("hint", "admonition"), "tip"),
}
"""MyST's other admonitions and the leadtutor callout that fits each."""
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
            "this ':::' line closes nothing, so it opens a new fence with no directive; delete "
            "it (the fence before it was already closed, and prompts and callouts cannot be "
            "nested)",
        )
        return None
    if match is None:
        problems.error(
            line,
            "directive.syntax",
            f"write the directive name in braces, e.g. ':::{{note}}' (found ':::{info.strip()}'); "
            "a line that closes a fence is ':::' alone",
        )
        return None
    name, argument = match["name"], match["arg"].strip()
    if name not in OPTION_SPECS:
        known = ", ".join(f"{{{k}}}" for k in OPTION_SPECS)
        hint = did_you_mean(name, OPTION_SPECS, quote="'{{{}}}'")
        if not hint and name.lower() in MYST_ADMONITIONS:
            hint = f" (for a MyST '{{{name}}}' box, use '{{{MYST_ADMONITIONS[name.lower()]}}}')"
        problems.error(
            line, "directive.unknown", f"unknown directive '{{{name}}}'{hint} (known: {known})"
        )
        return None
    lines = content.split("\n")
    options, used = _options(name, lines, line, problems)
    _misplaced_options(name, lines, used, line, problems)
    body = "\n".join(lines[used:])
    return Directive(name, argument, options, body, line + 1 + used)


def _options(
    name: str, lines: list[str], line: int, problems: Problems
) -> tuple[dict[str, OptionValue], int]:
    """Read the option lines right under the opening line; return them and how many
    lines they take (near-misses such as `:min-words 10` are reported and read)."""
    spec = OPTION_SPECS[name]
    options: dict[str, OptionValue] = {}
    used = 0
    while used < len(lines):
        number, text = line + 1 + used, lines[used]
        if used == 0 and _YAML_FENCE.fullmatch(text):
            end = next((i for i in range(1, len(lines)) if _YAML_FENCE.fullmatch(lines[i])), 0)
            problems.error(
                number,
                "option.yaml-block",
                f"a '---' option block (MyST style) is not read; write each option as "
                f"':key: value' directly under the ':::{{{name}}}' line",
            )
            used = end + 1
            continue
        parsed = _option_line(text, name, number, problems)
        if parsed is None:
            break
        used += 1
        key, raw = parsed
        if key not in spec:
            allowed = ", ".join(f":{k}:" for k in spec) or "none"
            hint = did_you_mean(key, spec, quote="':{}:'")
            problems.warning(
                number,
                "option.unknown",
                f"'{{{name}}}' has no option ':{key}:'{hint} (allowed: {allowed})",
                column=1,
                end_column=len(key) + 3,
            )
            continue
        if key in options:
            problems.error(number, "option.duplicate", f"option ':{key}:' is given twice", column=1)
            continue
        try:
            options[key] = spec[key](raw.strip())
        except ValueError as exc:
            problems.error(
                number,
                "option.type",
                f"option ':{key}:' {exc} (got '{raw.strip()}')",
                column=len(key) + 4,
                end_column=len(key) + 4 + len(raw.strip()),
            )
    return options, used


def _option_line(text: str, name: str, number: int, problems: Problems) -> tuple[str, str] | None:
    """Return (key, value) of an option line, reporting near-misses, or None."""
    option = _OPTION.fullmatch(text)
    if option is not None:
        return option["key"], option["value"] or ""
    near = _NEAR.fullmatch(text)
    if near is None:
        bare = _BARE.fullmatch(text)
        if bare is not None and bare["key"] in OPTION_SPECS[name]:
            value = bare["value"] or ""
            shown = f":{bare['key']}: {value}".rstrip()
            problems.error(
                number,
                "option.syntax",
                f"write '{shown}' (an option line starts with a colon)",
            )
            return bare["key"], value
        return None
    key, colon, rest = near["key"], near["colon"], near["rest"]
    if near["indent"] and _OPTION.fullmatch(text.strip()):
        problems.error(
            number,
            "option.misplaced",
            f"option ':{key}:' is indented; option lines start at the left margin",
        )
        return key, rest.strip()
    if not _known(key, name) or near["indent"]:
        return None
    if not colon:
        shown = f":{key}: {rest.strip()}".rstrip()
        problems.error(
            number,
            "option.syntax",
            f"write '{shown}' (an option name has a colon on each side)",
        )
    else:
        problems.error(
            number, "option.syntax", f"put a space after ':{key}:' (write ':{key}: {rest}')"
        )
    return key, rest.strip()


def _misplaced_options(
    name: str, lines: list[str], used: int, line: int, problems: Problems
) -> None:
    """Report option lines that ended up in the body (learners would see them)."""
    fence = ""
    seen_text = False
    for index in range(used, len(lines)):
        text = lines[index]
        stripped = text.strip()
        marker = _CODE_FENCE.match(text)
        if marker is not None and (not fence or marker[1].startswith(fence)):
            fence = "" if fence else marker[1]
            seen_text = True
            continue
        if fence:
            continue
        near = _NEAR.fullmatch(stripped)
        if near is not None and _known(near["key"], name):
            if text != stripped:
                where = "is indented"
            elif seen_text:
                where = "comes after the question" + (" or the list" if name == "choice" else "")
            else:
                where = "comes after a blank line"
            problems.error(
                line + 1 + index,
                "option.misplaced",
                f"':{near['key']}:' {where}, so it is shown to learners as text and not "
                f"applied; move it directly under the ':::{{{name}}}' line, with no blank line "
                "before it",
                column=len(text) - len(text.lstrip()) + 1,
            )
        elif stripped:
            seen_text = True


def _known(key: str, name: str) -> bool:
    """Whether `key` is (nearly) an option of this or any directive."""
    if key in ALL_OPTIONS:
        return True
    return bool(did_you_mean(key, OPTION_SPECS[name])) if OPTION_SPECS[name] else False


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
        hint = (
            "; options go on their own lines under the opening line"
            if re.search(r"\s:[A-Za-z][\w-]*:", argument)
            else ""
        )
        problems.error(
            line,
            "prompt.bad-id",
            f"prompt id '{argument}' must be one word of lowercase letters, digits, '-' or '_' "
            f"(at most 64 characters){hint}",
        )
        return None
    return argument
