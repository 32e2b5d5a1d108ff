"""Export the learner's answers: a Markdown journal, or the full data as JSON.

The Markdown journal follows the course: a section per module, then per lesson, with
each answered prompt's question, the answer, its dates and its earlier versions.
Answers whose prompt is no longer in the course (orphans) and unconfirmed drafts get
sections of their own, so nothing the learner wrote is left out. The JSON export is the
progress file's own format (see `docs/progress-format.md`).

Exports are written like the progress file: atomically, mode 0600. This module reads the
course model from `leadtutor.core`; the rest of `leadtutor.progress` does not need it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from leadtutor.core import AnyPrompt, ChoicePrompt, Course, ScalePrompt
from leadtutor.progress.atomic import write_file
from leadtutor.progress.encode import encode
from leadtutor.progress.journal_groups import Entry, LessonEntries, group
from leadtutor.progress.model import AnswerValue, ChoiceValue, CommitValue, Progress

_VERDICTS = {None: "not checked yet", True: "correct", False: "not correct"}


def describe(value: AnswerValue, prompt: AnyPrompt | None = None) -> str:
    """An answer value as plain text, using the prompt's options and scale if known.

    Args:
        value: The answer's value (current or from history).
        prompt: The prompt it answers, or `None` for an orphan.

    Returns:
        Text such as "Option B; Option C (correct)" or "4 on a scale of 1 to 5".
    """
    if isinstance(value, str):
        return value.strip() or "(empty)"
    if isinstance(value, ChoiceValue):
        if isinstance(prompt, ChoicePrompt):
            options = prompt.options
            picked = [
                options[i].text.plain if i < len(options) else f"option {i + 1}"
                for i in value.selected
            ]
        else:
            picked = [f"option {i + 1}" for i in value.selected]
        return "; ".join(picked or ["nothing ticked"]) + f" ({_VERDICTS[value.correct]})"
    if isinstance(value, CommitValue):
        return f"{value.text.strip() or '(empty)'} (follow up after {value.follow_up_days} days)"
    if isinstance(prompt, ScalePrompt):
        ends = ""
        if prompt.low or prompt.high:
            ends = f" ({prompt.low or prompt.minimum} … {prompt.high or prompt.maximum})"
        return f"{value} on a scale of {prompt.minimum} to {prompt.maximum}{ends}"
    return str(value)


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


def _minute(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y %H:%M")


def _lines(text: str) -> str:
    """Keep the learner's line breaks: Markdown would join single newlines."""
    return "\n".join(line + "  " if line.strip() else line for line in text.splitlines()).rstrip()


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines() or [""])


def _indent(text: str, prefix: str = "  ") -> str:
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(f"{prefix}{line}".rstrip() for line in lines[1:])])


def _answer(entry: Entry) -> str:
    answer, prompt = entry.answer, entry.prompt
    parts = []
    if prompt is not None:
        parts.append(_quote(prompt.text))
    parts.append(_lines(describe(answer.value, prompt)))
    dates = f"Answered {_day(answer.created_at)}"
    if answer.updated_at != answer.created_at:
        dates += f", last changed {_minute(answer.updated_at)}"
    parts.append(f"*{dates}.*")
    for item in entry.commitments:
        line = f"Commitment {item.commitment_id}: due {item.due_on:%d %b %Y}"
        if item.outcome is not None:
            line += f"; outcome: {item.outcome.result}"
            if item.outcome.note:
                line += f" ({item.outcome.note.strip()})"
        parts.append(f"- {_indent(line)}")
    if answer.history:
        earlier = "\n".join(
            f"- {_minute(rev.at)}: {_indent(describe(rev.value, prompt))}"
            for rev in reversed(answer.history)
        )
        parts.append(f"Earlier versions:\n\n{earlier}")
    return "\n\n".join(parts)


def _lesson_section(section: LessonEntries) -> str:
    done = ""
    if section.completed_at:
        done = f"\n\n*Completed {_day(section.completed_at)}.*"
    blocks = [_answer(entry) for entry in section.entries]
    return f"### {section.lesson.title}{done}\n\n" + "\n\n".join(blocks)


def render_markdown(course: Course, progress: Progress, *, now: datetime | None = None) -> str:
    """The learner's journal as Markdown, grouped by module and lesson.

    Args:
        course: The course, for module and lesson titles and the prompts' questions.
        progress: The learner's progress (e.g. `ProgressStore.snapshot()`).
        now: The export time to print; the current time by default.

    Returns:
        The Markdown text, ending in a newline.
    """
    groups = group(course, progress)
    moment = now or datetime.now().astimezone()
    noun = "answer" if groups.count == 1 else "answers"
    out = [f"# Journal: {course.title}", f"*Exported {_minute(moment)}: {groups.count} {noun}.*"]
    for module in groups.modules:
        out.append(f"## {module.module.title}")
        out.extend(_lesson_section(section) for section in module.lessons)
    if groups.orphans:
        out.append("## Answers to prompts no longer in the course")
        out.append("These prompts were removed or renamed; your answers are kept.")
        out.extend(_orphan(entry) for entry in groups.orphans)
    if groups.drafts:
        out.append("## Unconfirmed drafts")
        out.extend(
            f"- `{d.prompt_id}` ({_minute(d.updated_at)}): {_indent(d.text)}" for d in groups.drafts
        )
    return "\n\n".join(out) + "\n"


def _orphan(entry: Entry) -> str:
    answer = entry.answer
    where = f" (lesson `{answer.lesson_id}`)" if answer.lesson_id else ""
    return f"### `{answer.prompt_id}`{where}\n\n" + _answer(entry)


def _write(target: Path, text: str) -> None:
    # Markdown is for reading: a lone surrogate (from a hand-edited file) becomes "?".
    write_file(target, text.encode("utf-8", "replace"))


def export_markdown(course: Course, progress: Progress, target: Path) -> None:
    """Write `render_markdown(course, progress)` to `target` (atomically, mode 0600).

    Raises:
        OSError: The file could not be written; an existing file is left as it was.
    """
    _write(target, render_markdown(course, progress))


def export_json(progress: Progress, target: Path) -> None:
    """Write the full progress data to `target`, in the progress file's format.

    Raises:
        OSError: The file could not be written; an existing file is left as it was.
    """
    write_file(target, encode(progress))
