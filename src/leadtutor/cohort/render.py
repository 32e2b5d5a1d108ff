"""Write a cohort `Summary` as Markdown or as one self-contained HTML page.

Every piece of course or learner text is escaped: in Markdown each character that could
start markup gets a backslash (so nothing can become a link, an image, HTML or a heading)
and control characters are dropped; in HTML everything goes through `html.escape`,
and the page has no scripts and fetches nothing. Bars are plain text (`█` and `░`),
so the report reads the same in a terminal, an editor and a browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Final

from leadtutor.cohort.summary import ChoiceRow, ScaleRow, Summary

WIDTH: Final = 20
"""Characters in a full bar."""
_INLINE: Final = re.compile(r"([\\`*_\[\]<>|~&!])")
"""Characters that can start emphasis, code, links, images, HTML, entities or table cells."""
_LINE_START: Final = re.compile(r"^(\s*(?:\d+)?)([#>+=.)-])")
"""What would make a line a heading, quote, list item or setext underline."""
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NOTE: Final = "Learners and files are not named in this report."


def bar(count: int, total: int, width: int = WIDTH) -> str:
    """A text bar: filled cells for `count` out of `total`."""
    filled = round(width * count / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def percent(count: int, total: int) -> str:
    """`count` as a whole percentage of `total`."""
    return f"{round(100 * count / total)}%" if total else "–"


def md(text: str) -> str:
    """Text made inert for Markdown: one line, markup characters escaped, controls dropped.

    Safe inline and at the start of a line (a leading `#`, `-`, `1.`… is escaped too).
    """
    flat = _INLINE.sub(r"\\\1", " ".join(_CONTROL.sub("", text).split()))
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], flat, count=1)


def _h(text: str) -> str:
    return html.escape(_CONTROL.sub("", text))


def _intro(summary: Summary, esc: Callable[[str], str]) -> list[str]:
    """The opening sentences; `esc` escapes what came from the exports (version names)."""
    count = summary.learners
    lines = [f"{count} learner export{'s' if count != 1 else ''} merged."]
    versions = {v or "unnamed": n for v, n in summary.versions.items()}
    if len(versions) > 1 or (versions and "unnamed" not in versions):
        named = ", ".join(f"{esc(v)} ({n})" for v, n in versions.items())
        lines.append(f"Course versions: {named}.")
    if summary.other_courses:
        lines.append(f"{summary.other_courses} came from a course with another id.")
    if summary.unreadable:
        many = summary.unreadable != 1
        lines.append(
            f"{summary.unreadable} file{'s' if many else ''} could not be read and "
            f"{'are' if many else 'is'} left out (the messages printed with this report say why)."
        )
    lines.append(
        f"{summary.with_text} of {count} chose to include their written reflections."
        if summary.with_text
        else "No export includes written reflections."
    )
    return lines


def _scale_lines(row: ScaleRow) -> list[str]:
    width = len(str(row.maximum))
    return [
        f"{point:>{width}} │{bar(n, row.total)}│ {n:>3}  {percent(n, row.total)}"
        for point, n in row.counts.items()
    ]


def _scale_ends(row: ScaleRow, esc: Callable[[str], str]) -> str:
    parts = [f"{row.total} rating{'s' if row.total != 1 else ''}", f"mean {row.mean:.1f}"]
    if row.low or row.high:
        low, high = esc(row.low or "low"), esc(row.high or "high")
        parts.append(f"{row.minimum} = {low}, {row.maximum} = {high}")
    return " · ".join(parts)


def _choice_head(row: ChoiceRow) -> str:
    return (
        f"{row.total} answer{'s' if row.total != 1 else ''}. Right at the first Check: "
        f"{row.first_right} ({percent(row.first_right, row.total)}); right at the latest: "
        f"{row.final_right} ({percent(row.final_right, row.total)})."
    )


def _ids(found: dict[str, int], esc: Callable[[str], str]) -> str:
    return ", ".join(f"{esc(key)} ({n})" for key, n in found.items())


def markdown(summary: Summary) -> str:
    """The summary as Markdown."""
    out = [f"# Cohort summary: {md(summary.course_title)}", " ".join(_intro(summary, md))]
    out.append(f"*{NOTE}*")
    out.append("## Completion per lesson")
    table = ["| Lesson | Done | Started |", "|---|---|---|"]
    for row in summary.lessons:
        done = f"`{bar(row.done, summary.learners, 10)}` {row.done} ({percent(row.done, summary.learners)})"
        table.append(f"| {md(row.title)} | {done} | {row.started} |")
    out.append("\n".join(table))
    if summary.scales:
        out.append("## Scales")
        for scale in summary.scales:
            out.append(f"### {md(scale.question)}")
            out.append(f"`{scale.prompt_id}` · {_scale_ends(scale, md)}")
            out.append("```text\n" + "\n".join(_scale_lines(scale)) + "\n```")
    if summary.choices:
        out.append("## Quick checks")
        out.append(
            "Share of learners who picked each option at their first Check. ✓ marks a "
            "right option; ⚠ a wrong one that many picked (a misconception to discuss)."
        )
        for choice in summary.choices:
            out.append(f"### {md(choice.question)}")
            out.append(f"`{choice.prompt_id}` · {_choice_head(choice)}")
            rows = ["| | Option | First Check | Latest |", "|---|---|---|---|"]
            for option in choice.options:
                mark = "✓" if option.correct else ("⚠" if option.misconception else "")
                first = (
                    f"`{bar(option.first, choice.total, 10)}` {option.first} "
                    f"({percent(option.first, choice.total)})"
                )
                rows.append(f"| {mark} | {md(option.label)} | {first} | {option.final} |")
            out.append("\n".join(rows))
    if summary.reflections:
        out.append("## Reflections learners chose to share")
        out.append("In alphabetical order, so their order says nothing about who wrote them.")
        for reflection in summary.reflections:
            out.append(f"### {md(reflection.question)}")
            out.extend(_quote(text) for text in reflection.texts)
    out.extend(_left_out_md(summary))
    return "\n\n".join(out) + "\n"


def _quote(text: str) -> str:
    lines = [md(line) for line in _CONTROL.sub("", text).splitlines() if line.strip()]
    return "\n>\n".join(f"> {line}" for line in lines) or "> (empty)"


def _left_out_md(summary: Summary) -> list[str]:
    if not summary.unknown and not summary.changed:
        return []
    out = ["## Left out"]
    if summary.unknown:
        out.append(
            "Ids this course does not have (from another version of the course), with the "
            f"number of exports that used them: {_ids(summary.unknown, md)}."
        )
    if summary.changed:
        out.append(
            "Answers given when a question had other options or another scale, left out "
            f"because they cannot be compared: {_ids(summary.changed, md)}."
        )
    return out


STYLE: Final = """
body { margin: 0 auto; max-width: 50rem; padding: 2rem 1.25rem 4rem; color: #1d232a;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1f5f8b;
  color: #1f5f8b; } h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; }
.meta { color: #5b6570; font-size: .9rem; margin: 0 0 .5rem; }
pre, .bar { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #d5dbe1; }
tr.misconception td { background: #fff4e0; }
td.n { white-space: nowrap; }
blockquote { margin: .5rem 0; padding: .25rem 1rem; border-left: 3px solid #d5dbe1;
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
"""
_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)


def html_page(summary: Summary) -> str:
    """The summary as one HTML page (inline styles only, no scripts, nothing fetched)."""
    title = f"Cohort summary: {summary.course_title}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_h(title)}</h1>",
        f"<p>{' '.join(_intro(summary, _h))}</p>",
        f'<p class="meta">{_h(NOTE)}</p>',
        "<h2>Completion per lesson</h2>",
        "<table><tr><th>Lesson</th><th>Done</th><th>Started</th></tr>",
    ]
    out.extend(
        f'<tr><td>{_h(row.title)}</td><td class="n"><span class="bar">'
        f"{bar(row.done, summary.learners, 10)}</span> {row.done} "
        f"({percent(row.done, summary.learners)})</td><td>{row.started}</td></tr>"
        for row in summary.lessons
    )
    out.append("</table>")
    if summary.scales:
        out.append("<h2>Scales</h2>")
        for scale in summary.scales:
            out.append(f"<h3>{_h(scale.question)}</h3>")
            out.append(f'<p class="meta">{_h(scale.prompt_id)} · {_scale_ends(scale, _h)}</p>')
            out.append("<pre>" + _h("\n".join(_scale_lines(scale))) + "</pre>")
    if summary.choices:
        out.append("<h2>Quick checks</h2>")
        out.append(
            "<p>Share of learners who picked each option at their first Check. ✓ marks a "
            "right option; ⚠ a wrong one that many picked (a misconception to discuss).</p>"
        )
        for choice in summary.choices:
            out.append(f"<h3>{_h(choice.question)}</h3>")
            out.append(f'<p class="meta">{_h(choice.prompt_id)} · {_h(_choice_head(choice))}</p>')
            out.append(
                "<table><tr><th></th><th>Option</th><th>First Check</th><th>Latest</th></tr>"
            )
            for option in choice.options:
                mark = "✓" if option.correct else ("⚠" if option.misconception else "")
                css = ' class="misconception"' if option.misconception else ""
                out.append(
                    f'<tr{css}><td>{mark}</td><td>{_h(option.label)}</td><td class="n"><span class="bar">'
                    f"{bar(option.first, choice.total, 10)}</span> {option.first} "
                    f"({percent(option.first, choice.total)})</td><td>{option.final}</td></tr>"
                )
            out.append("</table>")
    if summary.reflections:
        out.append("<h2>Reflections learners chose to share</h2>")
        out.append(
            "<p>In alphabetical order, so their order says nothing about who wrote them.</p>"
        )
        for reflection in summary.reflections:
            out.append(f"<h3>{_h(reflection.question)}</h3>")
            out.extend(f"<blockquote>{_h(text)}</blockquote>" for text in reflection.texts)
    if summary.unknown or summary.changed:
        out.append("<h2>Left out</h2>")
        if summary.unknown:
            out.append(
                "<p>Ids this course does not have (from another version of the course), with "
                f"the number of exports that used them: {_ids(summary.unknown, _h)}.</p>"
            )
        if summary.changed:
            out.append(
                "<p>Answers given when a question had other options or another scale, left "
                f"out because they cannot be compared: {_ids(summary.changed, _h)}.</p>"
            )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
