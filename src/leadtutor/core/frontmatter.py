"""A strict YAML reader for lesson front matter.

PyYAML's safe loader still accepts duplicate keys (last one wins), anchors and aliases
(the "billion laughs"), timestamps, and YAML 1.1 booleans, so `id: no` becomes
`False`. This loader refuses the first three and reads only `true`/`false` as booleans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import yaml

MAX_DEPTH: Final = 20
"""Deeper nesting than this in front matter is refused (it is never needed)."""


@dataclass(frozen=True)
class YamlError(Exception):
    """The front matter is not acceptable; `line` is 1-based within the YAML text."""

    message: str
    line: int
    code: str = "front-matter.invalid"

    def __str__(self) -> str:
        return self.message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, duplicate keys, timestamps or yes/no booleans."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}  # type: ignore[misc]

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                "YAML aliases (*name) are not allowed in front matter",
                event.start_mark.line + 1,
                "front-matter.alias",
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise YamlError(
                "YAML anchors (&name) are not allowed in front matter",
                event.start_mark.line + 1,
                "front-matter.alias",
            )
        depth = getattr(self, "_depth", 0)
        if depth > MAX_DEPTH:
            raise YamlError("front matter is nested too deeply", event.start_mark.line + 1)
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:
                raise YamlError("front-matter keys must be plain text", line) from None
            if first is not None:
                raise YamlError(
                    f"duplicate key '{key}' (first given on line {first})",
                    line,
                    "front-matter.duplicate-key",
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _install_resolvers() -> None:
    """Resolve only YAML 1.2 core scalars: true/false, null, ints and floats."""
    add = _StrictLoader.add_implicit_resolver
    add(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    add("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), [*"-+0123456789"])
    add(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        [*"-+0123456789."],
    )


_install_resolvers()


def load_mapping(text: str) -> dict[str, Any]:
    """Parse front-matter YAML that must be a mapping.

    Raises:
        YamlError: with a plain message and the 1-based line within `text`.
    """
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {what}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", 1) from None
    except RecursionError:
        raise YamlError("front matter is nested too deeply", 1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError(
            "front matter must be a mapping of `key: value` lines", 1, "front-matter.not-mapping"
        )
    return data
