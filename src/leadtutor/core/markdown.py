"""The one MarkdownIt factory for the whole project.

The parser, the validator, the lesson view and the tests all call `create_parser()`,
so they can never disagree about syntax. `safeguards` keeps it linear and crash-free on
hostile input (its `parse` may raise `TooComplex`).
"""

from __future__ import annotations

from functools import cache
from typing import Final

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from leadtutor.core import safeguards
from leadtutor.core.markdown_rules import markdown_rules_plugin

CODE_LANGUAGES: Final = frozenset(
    {
        "python",
        "py",
        "bash",
        "sh",
        "shell",
        "console",
        "json",
        "toml",
        "yaml",
        "yml",
        "markdown",
        "md",
        "text",
        "ini",
        "diff",
        "sql",
        "javascript",
        "js",
        "html",
        "css",
    }
)
"""Languages the app highlights in code blocks; anything else is shown plain (the app
never guesses) and `leadtutor check` warns."""


def create_parser() -> MarkdownIt:
    """Build the lesson parser.

    CommonMark plus tables, strikethrough and task lists; YAML front matter; MyST
    colon fences (`:::{name} arg`) for prompts and callouts. Raw HTML is off (it shows
    as text), and so are linkify and typographer (smaller attack surface, no quadratic
    smartquotes).
    """
    md = safeguards.GuardedMarkdownIt(
        "commonmark", {"html": False, "typographer": False, "linkify": False}
    )
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(colon_fence_plugin)
    md.use(tasklists_plugin)
    md.use(markdown_rules_plugin)
    safeguards.install(md)  # last: it wraps every block rule the plugins added
    return md


@cache
def shared_parser() -> MarkdownIt:
    """Return a process-wide parser (MarkdownIt.parse keeps no state between calls)."""
    return create_parser()
