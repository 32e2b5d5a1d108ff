"""The lesson model: immutable objects built by the parser and read by everything else.

Course → Module → Lesson → blocks (Prose | Prompt | Callout). Every block keeps the
1-based source lines it came from. Blocks keep their markdown-it tokens, so the UI
renders them without parsing again; nothing here may mutate a token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Final, Literal, TypeAlias

from markdown_it.token import Token

from leadtutor.core.options import OptionList, option_list
from leadtutor.core.problems import Problem
from leadtutor.core.reader import safe_resolve

PromptKind = Literal["reflect", "choice", "scale", "commit"]
CalloutKind = Literal["note", "tip", "debate"]
PROMPT_KINDS: tuple[PromptKind, ...] = ("reflect", "choice", "scale", "commit")
CALLOUT_KINDS: tuple[CalloutKind, ...] = ("note", "tip", "debate")
Lines: TypeAlias = tuple[int, int]
"""First and last source line of a block, 1-based and inclusive."""


@dataclass(frozen=True, eq=False)
class Markdown:
    """A run of Markdown: its source text and the tokens it parsed to."""

    source: str
    tokens: tuple[Token, ...]

    @property
    def plain(self) -> str:
        """The text without Markdown syntax, one paragraph per line."""
        return plain_text(self.tokens)


@dataclass(frozen=True, eq=False)
class Heading:
    """A heading in a lesson, for the outline and for `#anchor` links."""

    level: int
    text: str
    slug: str
    line: int
    block: int
    """Index of the block that holds it in `Lesson.blocks`."""


@dataclass(frozen=True, eq=False)
class Prose:
    """Markdown between prompts and callouts."""

    body: Markdown
    lines: Lines
    kind: Literal["prose"] = "prose"


@dataclass(frozen=True, eq=False)
class Callout:
    """A `note`, `tip` or `debate` box."""

    callout: CalloutKind
    title: str
    body: Markdown
    lines: Lines
    kind: Literal["callout"] = "callout"


@dataclass(frozen=True, eq=False)
class Prompt:
    """Fields every prompt has. The id keys the learner's saved answer."""

    id: str
    body: Markdown
    """The question."""
    lines: Lines
    required: bool = False
    """`:required:`: the lesson is not done until this prompt is complete
    (see `leadtutor.core.completion`)."""
    revisit: str = ""
    """`:revisit:`: the id of an earlier prompt whose answer is shown beside this one."""

    @property
    def text(self) -> str:
        """The question as plain text."""
        return self.body.plain


@dataclass(frozen=True, eq=False)
class ReflectPrompt(Prompt):
    """Free text."""

    min_words: int = 0
    placeholder: str = ""
    kind: Literal["reflect"] = "reflect"


@dataclass(frozen=True, eq=False)
class ChoiceOption:
    """One option of a `choice` prompt."""

    text: Markdown
    correct: bool
    feedback: Markdown | None


@dataclass(frozen=True, eq=False)
class ChoicePrompt(Prompt):
    """A knowledge check; options come from a task list, `[x]` marks correct ones."""

    options: tuple[ChoiceOption, ...] = ()
    multiple: bool = False
    explanation: Markdown | None = None
    shuffle: bool = False
    """`:shuffle:`: show the options in an order of their own for each learner."""
    published: tuple[OptionList, ...] = ()
    """The option lists `course.lock` records for this prompt, oldest first (the last is
    the one locked now); empty when the lock records none. Answers saved without
    fingerprints are read against the oldest (`leadtutor.progress.choices`)."""
    kind: Literal["choice"] = "choice"

    @property
    def correct(self) -> frozenset[int]:
        """Indexes of the correct options."""
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    @cached_property
    def option_list(self) -> OptionList:
        """The options now, each with its fingerprint (`leadtutor.core.options`)."""
        return option_list([option.text.plain for option in self.options])

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """The fingerprint of each option, in order."""
        return tuple(option.fingerprint for option in self.option_list)


@dataclass(frozen=True, eq=False)
class ScalePrompt(Prompt):
    """A self-rating from `minimum` to `maximum`."""

    minimum: int = 1
    maximum: int = 5
    low: str = ""
    high: str = ""
    kind: Literal["scale"] = "scale"


@dataclass(frozen=True, eq=False)
class CommitPrompt(Prompt):
    """An action the learner commits to, revisited after `follow_up_days`."""

    follow_up_days: int | None = None
    kind: Literal["commit"] = "commit"


SCALE_POINT_CHROME: Final = 5
"""Columns a scale point takes besides its number: the radio button and spaces."""
SCALE_ROW_AT_80: Final = 71
"""Columns a scale's row of points has when the terminal is 80 columns wide (the lesson
view's margins, the prompt box's border and padding); tests/ui checks it."""


def scale_columns(minimum: int, maximum: int, width: int) -> int:
    """How many points of a `minimum`..`maximum` scale fit side by side in `width`
    columns (at least 1): the scale widget wraps the rest onto further rows."""
    widths = [len(str(point)) + SCALE_POINT_CHROME for point in range(minimum, maximum + 1)]
    for columns in range(len(widths), 1, -1):
        rows = [widths[start : start + columns] for start in range(0, len(widths), columns)]
        if sum(max(row[i] for row in rows if i < len(row)) for i in range(columns)) <= width:
            return columns
    return 1


AnyPrompt: TypeAlias = ReflectPrompt | ChoicePrompt | ScalePrompt | CommitPrompt
Block: TypeAlias = Prose | Callout | AnyPrompt


@dataclass(frozen=True, eq=False)
class Lesson:
    """One lesson file. A lesson with errors has `problems` and may have no blocks."""

    id: str
    title: str
    path: Path
    summary: str = ""
    minutes: int | None = None
    objectives: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()
    module: str = ""
    """Slug of the module folder the lesson is in."""

    @property
    def ok(self) -> bool:
        """Whether the lesson loaded without errors (warnings are fine)."""
        return not any(p.level == "error" for p in self.problems)

    @cached_property
    def prompts(self) -> tuple[AnyPrompt, ...]:
        """The lesson's prompts in order."""
        return tuple(b for b in self.blocks if not isinstance(b, Prose | Callout))

    def block_index(self, prompt_id: str) -> int | None:
        """Return the index in `blocks` of the prompt with this id."""
        for index, block in enumerate(self.blocks):
            if not isinstance(block, Prose | Callout) and block.id == prompt_id:
                return index
        return None

    def heading(self, slug: str) -> Heading | None:
        """Return the heading whose anchor is `slug`."""
        return self._by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, Heading]:
        # A dict, not a scan: checking N anchor links against N headings was O(N²).
        found: dict[str, Heading] = {}
        for heading in self.headings:
            found.setdefault(heading.slug, heading)
        return found


@dataclass(frozen=True)
class Link:
    """A link or image in a lesson, kept for the link checker."""

    target: str
    line: int
    image: bool = False
    column: int | None = None
    """1-based column of the `[` (or `![`, `<`) that starts the link, when known."""
    end_line: int | None = None
    end_column: int | None = None
    """Where the link's source ends (the column just after it), when known."""


@dataclass(frozen=True, eq=False)
class Module:
    """A numbered folder of lessons."""

    slug: str
    title: str
    path: Path
    lessons: tuple[Lesson, ...] = ()


@dataclass(frozen=True, eq=False)
class Course:
    """A course directory: metadata from `course.toml` and its modules in order."""

    id: str
    title: str
    root: Path
    description: str = ""
    version: str = ""
    modules: tuple[Module, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    """Every problem found while loading, lesson problems included."""

    @cached_property
    def lessons(self) -> tuple[Lesson, ...]:
        """Every lesson in course order."""
        return tuple(lesson for module in self.modules for lesson in module.lessons)

    def lesson(self, lesson_id: str) -> Lesson | None:
        """Return the lesson with this id."""
        return self._by_id.get(lesson_id)

    def lesson_at(self, path: Path) -> Lesson | None:
        """Return the lesson loaded from `path` (resolved), if any."""
        return self._by_path.get(safe_resolve(path))

    def find_prompt(self, prompt_id: str) -> tuple[Lesson, AnyPrompt] | None:
        """Return the lesson and prompt with this id."""
        return self._prompts.get(prompt_id)

    @property
    def prompt_ids(self) -> frozenset[str]:
        """Every prompt id in the course."""
        return frozenset(self._prompts)

    @property
    def minutes(self) -> int:
        """Total estimated minutes of all lessons."""
        return sum(lesson.minutes or 0 for lesson in self.lessons)

    @cached_property
    def _by_id(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for lesson in reversed(self.lessons)}

    @cached_property
    def _by_path(self) -> dict[Path, Lesson]:
        return {safe_resolve(lesson.path): lesson for lesson in self.lessons}

    @cached_property
    def _prompts(self) -> dict[str, tuple[Lesson, AnyPrompt]]:
        found: dict[str, tuple[Lesson, AnyPrompt]] = {}
        for lesson in self.lessons:
            for prompt in lesson.prompts:
                found.setdefault(prompt.id, (lesson, prompt))
        return found


def walk(tokens: tuple[Token, ...] | list[Token]) -> Iterator[Token]:
    """Yield every token, descending into inline children."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def plain_text(tokens: tuple[Token, ...] | list[Token]) -> str:
    """Return the visible text of block tokens: one line per paragraph or item."""
    lines: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts: list[str] = []
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
        text = "".join(parts).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)
