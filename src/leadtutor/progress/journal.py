"""The learner's answers as a Markdown journal, and `describe()`, an answer as words.

The Markdown journal follows the course: a section per module, then per lesson, with
each answered prompt's question, the answer, its dates and its earlier versions.
Answers whose prompt is no longer in the course (orphans) and unconfirmed drafts get
sections of their own, so nothing the learner wrote is left out (the arrangement is
`journal_groups.group`, shared with the HTML page). `exports.py` writes every format
like the progress file: atomically, mode 0600. This module reads the course model from
`leadtutor.core`; the rest of `leadtutor.progress` does not need it.
"""

from __future__ import annotations

from datetime import datetime

from leadtutor.core import AnyPrompt, ChoicePrompt, Course, ScalePrompt
from leadtutor.progress.answered import earlier_versions
from leadtutor.progress.choices import choice_words
from leadtutor.progress.dates import day, moment
from leadtutor.progress.escape import escape_line, escape_text
from leadtutor.progress.journal_groups import Entry, LessonEntries, group
from leadtutor.progress.model import AnswerValue, ChoiceValue, Commitment, CommitValue, Progress

_VERDICTS = {None: "not checked yet", True: "correct", False: "not correct"}


def describe(value: AnswerValue, prompt: AnyPrompt | None = None) -> str:
    """An answer value as plain text, using the prompt's options and scale if known.

    Args:
        value: The answer's value (current or from history).
        prompt: The prompt it answers, or `None` for an orphan.

    Returns:
        Text such as "Option B; Option C (correct)" or "4 on a scale of 1 to 5"; a
        choice answered against options that have changed since is described as an
        answer to an earlier version (`leadtutor.progress.choices`).
    """
    if isinstance(value, str):
        return value.strip() or "(empty)"
    if isinstance(value, ChoiceValue):
        if isinstance(prompt, ChoicePrompt):  # by option identity, not position
            return choice_words(value, prompt)
        picked = [f"option {i + 1}" for i in value.selected]
        return "; ".join(picked or ["nothing ticked"]) + f" ({_VERDICTS[value.correct]})"
    if isinstance(value, CommitValue):
        days = value.follow_up_days
        return f"{value.text.strip() or '(empty)'} (follow up after {days} day{'s' if days != 1 else ''})"
    if isinstance(prompt, ScalePrompt):
        ends = ""
        if prompt.low or prompt.high:
            ends = f" ({prompt.low or prompt.minimum} … {prompt.high or prompt.maximum})"
        return f"{value} on a scale of {prompt.minimum} to {prompt.maximum}{ends}"
    return str(value)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in escape_text(text).splitlines() or [""])


def _indent(text: str, prefix: str = "  ") -> str:
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(f"{prefix}{line}".rstrip() for line in lines[1:])])


_RESULTS = {"done": "done", "partly": "partly done", "not-done": "not done"}


def commitment_line(item: Commitment) -> str:
    """A commitment's dates and outcome in words, without its internal id."""
    line = f"Committed {day(item.committed_on)}; check in on {day(item.due_on)}"
    if item.outcome is None:
        return line
    line += f": {_RESULTS.get(item.outcome.result, item.outcome.result)}"
    if item.outcome.on is not None:
        line += f" (said on {day(item.outcome.on)})"
    if item.outcome.note and item.outcome.note.strip():
        line += f". {item.outcome.note.strip()}"
    return line


def _answer(entry: Entry) -> str:
    answer, prompt = entry.answer, entry.prompt
    parts = []
    if prompt is not None:
        parts.append(_quote(prompt.text))
    parts.append(escape_text(describe(answer.value, prompt)))
    dates = f"Answered {day(answer.created_at)}"
    if answer.updated_at != answer.created_at:
        dates += f", last changed {moment(answer.updated_at)}"
    parts.append(f"*{dates}.*")
    parts.extend(f"- {_indent(escape_text(commitment_line(item)))}" for item in entry.commitments)
    earlier = earlier_versions(answer)
    if earlier:
        listed = "\n".join(
            f"- {escape_text(moment(rev.at))}: {_indent(escape_text(describe(rev.value, prompt)))}"
            for rev in reversed(earlier)
        )
        parts.append(f"Earlier versions:\n\n{listed}")
    return "\n\n".join(parts)


def _lesson_section(section: LessonEntries) -> str:
    done = ""
    if section.completed_at:
        done = f"\n\n*Completed {day(section.completed_at)}.*"
    blocks = [_answer(entry) for entry in section.entries]
    return f"### {escape_line(section.lesson.title)}{done}\n\n" + "\n\n".join(blocks)


def render_markdown(course: Course, progress: Progress, *, now: datetime | None = None) -> str:
    """The learner's journal as Markdown, grouped by module and lesson.

    Everything the learner wrote is escaped, so it reads back as the same text in any
    Markdown viewer; no internal ids are shown; dates are `leadtutor.progress.dates`.

    Args:
        course: The course, for module and lesson titles and the prompts' questions.
        progress: The learner's progress (e.g. `ProgressStore.snapshot()`).
        now: The export time to print; the current time by default.

    Returns:
        The Markdown text, ending in a newline.
    """
    groups = group(course, progress)
    exported = now or datetime.now().astimezone()
    noun = "answer" if groups.count == 1 else "answers"
    out = [
        f"# Journal: {escape_line(course.title)}",
        f"*Exported {moment(exported)}: {groups.count} {noun}.*",
    ]
    for module in groups.modules:
        out.append(f"## {escape_line(module.module.title)}")
        out.extend(_lesson_section(section) for section in module.lessons)
    if groups.orphans:
        out.append("## Answers to questions no longer in the course")
        out.append("These questions were removed or renamed; your answers are kept.")
        out.extend(_orphan(course, number, entry) for number, entry in enumerate(groups.orphans, 1))
    if groups.drafts:
        out.append("## Unconfirmed drafts")
        out.extend(
            f"- {escape_text(draft_place(course, d.prompt_id, d.lesson_id))} "
            f"({escape_text(moment(d.updated_at))}): {_indent(escape_text(d.text))}"
            for d in groups.drafts
        )
    return "\n\n".join(out) + "\n"


def lesson_name(course: Course, lesson_id: str) -> str:
    """Where an answer was, by the lesson's title (never its id)."""
    lesson = course.lesson(lesson_id) if lesson_id else None
    return f"in “{lesson.title}”" if lesson is not None else "in a lesson no longer in the course"


def _orphan(course: Course, number: int, entry: Entry) -> str:
    heading = f"Removed question {number} ({lesson_name(course, entry.answer.lesson_id)})"
    return f"### {escape_line(heading)}\n\n" + _answer(entry)


def draft_place(course: Course, prompt_id: str, lesson_id: str) -> str:
    """A draft's question and lesson in words (never their ids)."""
    found = course.find_prompt(prompt_id)
    if found is not None:
        question = (found[1].text.strip().splitlines() or [""])[0]
        return f"“{question}” in “{found[0].title}”"
    return f"A question {lesson_name(course, lesson_id)}"
