"""Seeded generators of realistic lessons and courses for the benchmarks.

A generated lesson looks like the bundled ones: YAML front matter, an opening paragraph,
`##`/`###` headings, wrapped paragraphs with emphasis, inline code, strikethrough and
links (web links and `#anchor` links to earlier headings), bulleted, numbered and nested
lists, quotes, tables, fenced code with a language, callouts (`{note}`, `{tip}`,
`{debate}`), and a prompt about every 40 lines, rotating through `{reflect}`, `{choice}`,
`{scale}` and `{commit}` with course-unique ids.

Lines are wrapped at 60 columns so that even a 20,000-line lesson stays under the
loader's 1 MiB per-file limit (`lesson_text` raises if a lesson would not).

Everything is deterministic for a given seed: the same call gives the same bytes.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

WRAP: Final = 60
"""Column at which prose is wrapped."""
PROMPT_EVERY: Final = 40
"""A prompt is placed about every this many lines."""
MAX_BYTES: Final = 1024 * 1024
"""The loader's per-file limit (`leadtutor.core.reader.MAX_FILE_BYTES`)."""

WORDS: Final = [
    "team",
    "manager",
    "leader",
    "decision",
    "meeting",
    "feedback",
    "goal",
    "plan",
    "people",
    "trust",
    "change",
    "role",
    "work",
    "project",
    "question",
    "answer",
    "idea",
    "risk",
    "week",
    "customer",
    "budget",
    "priority",
    "coach",
    "listen",
    "agree",
    "explain",
    "share",
    "notice",
    "support",
    "review",
    "rota",
    "shift",
    "handover",
    "report",
    "deadline",
    "colleague",
    "conversation",
    "purpose",
    "direction",
    "effort",
    "habit",
    "practice",
    "signal",
    "problem",
    "option",
    "choice",
    "value",
    "result",
    "learning",
    "mistake",
    "progress",
    "outcome",
    "pressure",
    "time",
    "task",
    "quietly",
    "often",
    "rarely",
    "clearly",
    "openly",
    "carefully",
    "together",
    "early",
    "later",
    "again",
    "first",
    "small",
    "simple",
    "honest",
    "useful",
    "shared",
    "local",
    "daily",
    "weekly",
    "difficult",
    "fair",
    "calm",
    "steady",
    "ask",
    "decide",
    "build",
    "check",
    "hold",
    "keep",
    "lead",
    "make",
    "name",
    "offer",
    "raise",
    "show",
    "take",
    "try",
    "write",
]
TITLE_WORDS: Final = [
    "Listening",
    "Deciding",
    "Delegating",
    "Coaching",
    "Feedback",
    "Trust",
    "Change",
    "Meetings",
    "Priorities",
    "Purpose",
    "Teams",
    "Conflict",
    "Influence",
    "Habits",
    "Signals",
    "Goals",
    "Roles",
    "Handovers",
    "Questions",
]
LANGUAGES: Final = ("python", "bash", "yaml", "json", "toml", "text")
CALLOUTS: Final = ("note", "tip", "debate")
PROMPT_KINDS: Final = ("reflect", "choice", "scale", "commit")


@dataclass(frozen=True)
class GeneratedLesson:
    """One generated lesson: its id, file text and how many prompts it holds."""

    lesson_id: str
    text: str
    prompts: tuple[tuple[str, str], ...]
    """(kind, prompt id) in order."""

    @property
    def lines(self) -> int:
        """Number of lines of the file."""
        return self.text.count("\n")

    @property
    def reflect_ids(self) -> list[str]:
        """Ids of the reflection prompts."""
        return [pid for kind, pid in self.prompts if kind == "reflect"]


class _Writer:
    """Single-use state for one lesson."""

    def __init__(self, rng: random.Random, prefix: str) -> None:
        self.rng = rng
        self.prefix = prefix
        self.out: list[str] = []
        self.slugs: list[str] = []
        self.prompts: list[tuple[str, str]] = []
        self.since_prompt = 0
        self.headings = 0

    # -- text pieces ------------------------------------------------------------

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self) -> str:
        text = self.words(6, 16)
        roll = self.rng.random()
        if roll < 0.12:
            a, _, b = text.partition(" ")
            text = f"{a} *{b.split(' ')[0]}* {' '.join(b.split(' ')[1:])}".rstrip()
        elif roll < 0.22:
            text = f"**{self.rng.choice(WORDS)} {self.rng.choice(WORDS)}** {text}"
        elif roll < 0.30:
            text = f"{text} `{self.rng.choice(WORDS)}_{self.rng.choice(WORDS)}`"
        elif roll < 0.36:
            page = self.rng.randint(1, 999)
            text = f"{text} [{self.rng.choice(WORDS)} notes](https://example.org/p/{page})"
        elif roll < 0.40 and self.slugs:
            text = f"{text} (see [{self.rng.choice(WORDS)}](#{self.rng.choice(self.slugs)}))"
        elif roll < 0.42:
            text = f"{text} ~~{self.rng.choice(WORDS)}~~"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low: int = 2, high: int = 5) -> list[str]:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))
        return textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False)

    def title(self, low: int = 2, high: int = 4) -> str:
        words = [self.rng.choice(TITLE_WORDS)] + [
            self.rng.choice(WORDS) for _ in range(self.rng.randint(low - 1, high - 1))
        ]
        return " ".join(words).capitalize()

    # -- blocks -----------------------------------------------------------------

    def emit(self, lines: Iterable[str]) -> None:
        block = list(lines)
        self.out.extend([*block, ""])
        self.since_prompt += len(block) + 1

    def heading(self) -> None:
        self.headings += 1
        level = "##" if self.headings % 3 != 0 else "###"
        text = f"{self.title()} {self.headings}"
        self.slugs.append(text.lower().replace(" ", "-"))
        self.emit([f"{level} {text}"])

    def bullet_list(self) -> None:
        lines: list[str] = []
        numbered = self.rng.random() < 0.4
        for number in range(1, self.rng.randint(3, 6)):
            marker = f"{number}." if numbered else "-"
            item = textwrap.wrap(
                f"**{self.rng.choice(WORDS).capitalize()}**: {self.words(5, 14)}.",
                WRAP - 4,
                break_long_words=False,
            )
            indent = " " * (len(marker) + 1)
            lines.append(f"{marker} {item[0]}")
            lines.extend(indent + rest for rest in item[1:])
            if self.rng.random() < 0.25:
                lines.extend(f"{indent}- {self.words(3, 7)}" for _ in range(2))
        self.emit(lines)

    def quote(self) -> None:
        lines = [f"> {line}" for line in self.paragraph(1, 3)]
        lines.append(f"> — {self.rng.choice(TITLE_WORDS)}, {self.rng.randint(1950, 2024)}")
        self.emit(lines)

    def table(self) -> None:
        lines = ["| Situation | What to try | Why |", "|---|---|---|"]
        lines.extend(
            f"| {self.words(1, 3)} | {self.words(2, 4)} | {self.words(2, 4)} |"
            for _ in range(self.rng.randint(3, 5))
        )
        self.emit(lines)

    def code(self) -> None:
        language = self.rng.choice(LANGUAGES)
        body: list[str]
        if language == "python":
            name = self.rng.choice(WORDS)
            body = [
                f"def {name}_score(items):",
                f'    """Score each {name}."""',
                "    return sum(len(item) for item in items)",
            ]
        elif language == "bash":
            body = [f"leadtutor check lessons/  # {self.words(2, 4)}", "echo done"]
        elif language == "yaml":
            body = [f"{w}: {self.rng.randint(1, 9)}" for w in self.rng.sample(WORDS, 3)]
        elif language == "json":
            body = [f'{{"{self.rng.choice(WORDS)}": {self.rng.randint(1, 99)}}}']
        elif language == "toml":
            body = [f'{self.rng.choice(WORDS)} = "{self.words(1, 3)}"', "weekly = true"]
        else:
            body = [self.words(3, 7) for _ in range(3)]
        self.emit([f"```{language}", *body, "```"])

    def callout(self) -> None:
        kind = self.rng.choice(CALLOUTS)
        self.emit([f":::{{{kind}}} {self.title(1, 3)}", *self.paragraph(1, 3), ":::"])

    def prompt(self) -> None:
        kind = PROMPT_KINDS[len(self.prompts) % len(PROMPT_KINDS)]
        pid = f"{self.prefix}-{kind}-{len(self.prompts) + 1}"
        self.prompts.append((kind, pid))
        question = self.paragraph(1, 2)
        lines = [f":::{{{kind}}} {pid}"]
        if kind == "reflect":
            if self.rng.random() < 0.5:
                lines.append(f":min-words: {self.rng.choice((10, 20, 30))}")
            lines.append(f":placeholder: {self.words(3, 6)}")
            lines.extend(question)
        elif kind == "choice":
            lines.extend([*question, ""])
            correct = self.rng.randint(0, 2)
            for option in range(3):
                mark = "x" if option == correct else " "
                lines.extend(
                    [f"- [{mark}] {self.words(4, 9)}.", "", f"  {self.words(4, 8).capitalize()}."]
                )
            lines.extend(["", f"{self.words(5, 10).capitalize()}."])
        elif kind == "scale":
            lines.extend([":min: 1", ":max: 5", ":low: Rarely", ":high: Almost always"])
            lines.extend(question)
        else:
            lines.append(f":follow-up: {self.rng.choice((7, 14, 30))}")
            lines.extend(question)
        lines.append(":::")
        self.emit(lines)
        self.since_prompt = 0

    def section(self) -> None:
        """About 15-30 lines: a heading now and then, prose and one other construct."""
        if self.rng.random() < 0.5:
            self.heading()
        self.emit(self.paragraph())
        extra = self.rng.random()
        if extra < 0.25:
            self.bullet_list()
        elif extra < 0.40:
            self.quote()
        elif extra < 0.55:
            self.table()
        elif extra < 0.75:
            self.code()
        elif extra < 0.85:
            self.callout()
        self.emit(self.paragraph(1, 4))
        if self.since_prompt >= PROMPT_EVERY - 18:  # a prompt is ~8 lines: ~40 on average
            self.prompt()


def lesson_text(
    lines: int, *, seed: int = 1, prefix: str = "g", lesson_id: str = ""
) -> GeneratedLesson:
    """Generate a lesson of about `lines` lines (never fewer).

    Args:
        lines: Target length in lines.
        seed: Seed of the generator; the same seed gives the same text.
        prefix: Prefix of the prompt ids (must differ between lessons of one course).
        lesson_id: The lesson id in the front matter (default `{prefix}-lesson`).
    """
    rng = random.Random(f"{seed}:{lines}:{prefix}")
    writer = _Writer(rng, prefix)
    lesson_id = lesson_id or f"{prefix}-lesson"
    head = [
        "---",
        f"id: {lesson_id}",
        f"title: {writer.title(2, 5)}",
        f"summary: {writer.words(8, 14).capitalize()}.",
        f"minutes: {max(5, min(600, lines // 10))}",
        "objectives:",
        *(f"  - {writer.words(4, 8).capitalize()}" for _ in range(3)),
        "---",
        "",
    ]
    writer.out.extend(head)
    writer.emit(writer.paragraph(3, 5))
    while len(writer.out) < lines - 30:
        writer.section()
    while len(writer.out) < lines - 2:  # top up with short paragraphs
        writer.emit(writer.paragraph(1, 2)[: lines - 2 - len(writer.out)])
    if not writer.prompts:
        writer.prompt()
    text = "\n".join(writer.out).rstrip("\n") + "\n"
    if len(text.encode()) > MAX_BYTES:
        raise ValueError(
            f"a {lines}-line lesson is {len(text.encode()):,} bytes, over the 1 MiB limit"
        )
    return GeneratedLesson(lesson_id, text, tuple(writer.prompts))


def write_course(
    root: Path,
    lessons: list[GeneratedLesson],
    *,
    course_id: str = "bench-course",
    per_module: int = 100,
) -> Path:
    """Write `lessons` as a course under `root` (modules of `per_module` lessons)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text(
        f'id = "{course_id}"\ntitle = "Benchmark course"\n', encoding="utf-8"
    )
    for index, lesson in enumerate(lessons):
        module = root / f"{index // per_module + 1:02d}-module"
        module.mkdir(exist_ok=True)
        path = module / f"{index % per_module + 1:03d}-{lesson.lesson_id}.md"
        path.write_text(lesson.text, encoding="utf-8")
    return root


def one_lesson_course(root: Path, lines: int, *, seed: int = 1) -> tuple[Path, GeneratedLesson]:
    """Write a course holding one generated lesson of `lines` lines."""
    lesson = lesson_text(lines, seed=seed, prefix=f"s{lines}")
    return write_course(root, [lesson], course_id=f"bench-{lines}"), lesson


def many_lessons_course(
    root: Path, count: int, lines: int, *, seed: int = 1
) -> tuple[Path, list[GeneratedLesson]]:
    """Write a course of `count` lessons of about `lines` lines each."""
    lessons = [lesson_text(lines, seed=seed, prefix=f"m{i}") for i in range(count)]
    return write_course(root, lessons, course_id="bench-many"), lessons
