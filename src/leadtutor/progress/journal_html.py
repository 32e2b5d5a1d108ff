"""The learner's journal as one printable, self-contained HTML page.

Same arrangement as the Markdown export (`journal_groups.group`): a section per module,
then per lesson, each answered prompt with its question, the answer, its dates, the
commitments made in it (due dates and outcomes) and earlier versions; then answers to
removed questions and unconfirmed drafts, named by their words, never internal ids.
A table of every commitment comes first. Dates are `leadtutor.progress.dates`, as in
the app and the Markdown journal.

The page is safe to open anywhere: every piece of course and learner text goes
through `html.escape`, the only styles are inline, there are no scripts, links,
images or fonts to fetch, and a Content-Security-Policy forbids them anyway. Answers
keep their line breaks (`white-space: pre-wrap`), so the page's text is exactly what
the learner typed. `exports.write` writes it like every export: atomically, mode 0600.
"""

from __future__ import annotations

import html
from datetime import datetime

from leadtutor import __version__
from leadtutor.core import AnyPrompt, ChoicePrompt, Course, ScalePrompt
from leadtutor.progress.answered import earlier_versions
from leadtutor.progress.choices import read_choice
from leadtutor.progress.dates import day, moment
from leadtutor.progress.journal import commitment_line, describe, draft_place, lesson_name
from leadtutor.progress.journal_groups import Entry, LessonEntries, group
from leadtutor.progress.model import (
    AnswerValue,
    ChoiceValue,
    Commitment,
    CommitValue,
    Draft,
    Progress,
)

_VERDICTS = {None: "Not checked yet", True: "Correct", False: "Not correct"}
_OUTCOMES = {"done": "Done", "partly": "Partly done", "not-done": "Not done"}

STYLE = """
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --rule: #d5dbe1;
  --accent: #1f5f8b; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; color: var(--ink);
  background: #fff; font: 16px/1.55 Georgia, "Times New Roman", serif; }
h1, h2, h3, .meta, .dates, .completed, .label, table, footer { font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
.meta, .dates, .completed, .label, footer { color: var(--muted); font-size: .85rem; }
.entry { margin: 0 0 1.25rem; padding: .75rem 1rem; background: var(--soft);
  border-left: 3px solid var(--rule); }
.question { margin: 0 0 .5rem; font-style: italic; }
.answer, .value, .note { white-space: pre-wrap; overflow-wrap: anywhere;
  unicode-bidi: isolate; }
.answer { margin: 0 0 .4rem; }
.dates { margin: .25rem 0 0; }
ul.options { list-style: none; margin: 0 0 .4rem; padding: 0; }
ul.options li::before { content: "\\2610\\00a0"; }
ul.options li.picked { font-weight: bold; }
ul.options li.picked::before { content: "\\2611\\00a0"; }
.verdict { font-weight: bold; margin: 0 0 .4rem; }
.scale-dots { letter-spacing: .15em; color: var(--accent); }
.commitment-list, .history ol { margin: .4rem 0 0; padding-left: 1.25rem; }
.history { margin-top: .5rem; font-size: .9rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--rule); }
th { color: var(--muted); font-weight: 600; }
td.date { white-space: nowrap; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .75rem; }
@page { margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  .entry { break-inside: avoid; background: none; border-left-color: #999; }
  tr { break-inside: avoid; }
}
"""
"""The page's only styles (inline: the page fetches nothing)."""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _value(value: AnswerValue, prompt: AnyPrompt | None) -> str:
    """An answer value as HTML: options ticked, a scale point, or the text as typed."""
    if isinstance(value, ChoiceValue) and isinstance(prompt, ChoicePrompt):
        reading = read_choice(value, prompt)
        if not reading.current:  # answered against options that have changed since
            return f'<p class="answer">{_e(describe(value, prompt))}</p>'
        items = "".join(
            f'<li class="{"picked" if i in reading.selected else "option"}">'
            f"{_e(option.text.plain)}</li>"
            for i, option in enumerate(prompt.options)
        )
        verdict = _VERDICTS[reading.correct]
        return f'<ul class="options">{items}</ul><p class="verdict">{_e(verdict)}</p>'
    if isinstance(value, int) and isinstance(prompt, ScalePrompt):
        span = max(1, prompt.maximum - prompt.minimum + 1)
        filled = max(0, min(span, value - prompt.minimum + 1))
        dots = "●" * filled + "○" * (span - filled)
        return (
            f'<p class="answer"><span class="scale-dots" aria-hidden="true">{dots}</span> '
            f"{_e(describe(value, prompt))}</p>"
        )
    if isinstance(value, CommitValue):
        return (
            f'<p class="answer">{_e(value.text.strip() or "(empty)")}</p>'
            f'<p class="label">Follow up after {value.follow_up_days} days</p>'
        )
    return f'<p class="answer">{_e(describe(value, prompt))}</p>'


def _commitment(item: Commitment) -> str:
    return f'<li class="value">{_e(commitment_line(item))}</li>'


def _entry(entry: Entry) -> str:
    answer, prompt = entry.answer, entry.prompt
    parts = [f'<section class="entry entry-{_e(answer.kind)}">']
    if prompt is not None:
        parts.append(f'<p class="question">{_e(prompt.text)}</p>')
    parts.append(_value(answer.value, prompt))
    dates = f"Answered {day(answer.created_at)}"
    if answer.updated_at != answer.created_at:
        dates += f", last changed {moment(answer.updated_at)}"
    parts.append(f'<p class="dates">{_e(dates)}</p>')
    if entry.commitments:
        items = "".join(_commitment(item) for item in entry.commitments)
        parts.append(f'<ul class="commitment-list">{items}</ul>')
    versions = earlier_versions(answer)
    if versions:
        earlier = "".join(
            f'<li><span class="label">{_e(moment(rev.at))}</span> '
            f'<span class="value">{_e(describe(rev.value, prompt))}</span></li>'
            for rev in reversed(versions)
        )
        parts.append(
            f'<div class="history"><p class="label">Earlier versions</p><ol>{earlier}</ol></div>'
        )
    parts.append("</section>")
    return "".join(parts)


def _lesson(section: LessonEntries) -> str:
    done = ""
    if section.completed_at:
        done = f'<p class="completed">Completed {_e(day(section.completed_at))}</p>'
    body = "\n".join(_entry(entry) for entry in section.entries)
    return f'<article class="lesson"><h3>{_e(section.lesson.title)}</h3>{done}\n{body}</article>'


def _commitments_table(course: Course, commitments: tuple[Commitment, ...]) -> str:
    if not commitments:
        return ""
    rows = []
    for item in sorted(commitments, key=lambda c: (c.due_on, c.commitment_id)):
        lesson = course.lesson(item.lesson_id)
        where = lesson.title if lesson is not None else item.lesson_id
        if item.outcome is None:
            outcome = "—"
        else:
            outcome = _OUTCOMES.get(item.outcome.result, item.outcome.result)
            if item.outcome.note:
                outcome += f": {item.outcome.note.strip()}"
        rows.append(
            f'<tr><td class="value">{_e(item.text.strip())}</td><td>{_e(where)}</td>'
            f'<td class="date">{_e(day(item.committed_on))}</td>'
            f'<td class="date">{_e(day(item.due_on))}</td>'
            f'<td class="value">{_e(outcome)}</td></tr>'
        )
    head = "<tr><th>Commitment</th><th>Lesson</th><th>Made</th><th>Due</th><th>Outcome</th></tr>"
    return (
        '<section class="commitments"><h2>Commitments</h2>'
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _drafts(course: Course, drafts: tuple[Draft, ...]) -> str:
    items = "".join(
        f'<section class="entry entry-draft">'
        f'<p class="question">{_e(draft_place(course, d.prompt_id, d.lesson_id))}</p>'
        f'<p class="answer">{_e(d.text)}</p>'
        f'<p class="dates">{_e(f"Draft, {moment(d.updated_at)}")}</p></section>'
        for d in drafts
    )
    return f'<section class="drafts"><h2>Unconfirmed drafts</h2>{items}</section>'


def render_html(course: Course, progress: Progress, *, now: datetime | None = None) -> str:
    """The learner's journal as one HTML page, grouped by module and lesson.

    Args:
        course: The course, for module and lesson titles and the prompts' questions.
        progress: The learner's progress (e.g. `ProgressStore.snapshot()`).
        now: The export time to print; the current time by default.

    Returns:
        The complete HTML document.
    """
    groups = group(course, progress)
    exported = now or datetime.now().astimezone()
    noun = "answer" if groups.count == 1 else "answers"
    done = sum(1 for lesson in course.lessons if _done(progress, lesson.id))
    meta = (
        f"Exported {moment(exported)} · {groups.count} {noun} · "
        f"{done} of {len(course.lessons)} lessons done"
    )
    body = [
        f'<header><h1>Journal: <span class="course">{_e(course.title)}</span></h1>'
        f'<p class="meta">{_e(meta)}</p></header>',
        _commitments_table(course, groups.commitments),
        "<main>",
    ]
    if not groups.count and not groups.drafts:
        body.append('<p class="empty">No answers yet.</p>')
    for module in groups.modules:
        lessons = "\n".join(_lesson(section) for section in module.lessons)
        body.append(
            f'<section class="module"><h2>{_e(module.module.title)}</h2>\n{lessons}</section>'
        )
    if groups.orphans:
        orphans = "\n".join(
            f'<article class="lesson"><h3>Removed question {number}</h3>'
            f'<p class="completed">{_e(lesson_name(course, entry.answer.lesson_id))}</p>'
            f"{_entry(entry)}</article>"
            for number, entry in enumerate(groups.orphans, 1)
        )
        body.append(
            '<section class="orphans"><h2>Answers to questions no longer in the course</h2>'
            "<p>These questions were removed or renamed; your answers are kept.</p>"
            f"{orphans}</section>"
        )
    if groups.drafts:
        body.append(_drafts(course, groups.drafts))
    body.append("</main>")
    body.append(
        f"<footer>Exported by leadtutor {_e(__version__)}. This page holds your own "
        "answers: share it only if you mean to.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e('Journal: ' + course.title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(p for p in body if p)
        + "\n</body>\n</html>\n"
    )


def _done(progress: Progress, lesson_id: str) -> bool:
    status = progress.lessons.get(lesson_id)
    return status is not None and status.status == "done"
