"""R3's hostile lessons: hand-written cases (`CASES`, `SPECIAL_FILES`) and a Hypothesis
strategy for generated ones (`generated_lessons`).

Escape payloads are wrapped in markers, `«name»payload«/»`, so the terminal scan can
check that the screen shows exactly the payload minus its control characters. Action
and link payloads carry the word CLICKME, which the click sweep clicks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

from hypothesis import strategies as st

from leadtutor.core.sanitize import clean_text

ESCAPES: Final = {
    "csi-clear": "\x1b[2J\x1b[H",
    "osc-title-bel": "\x1b]0;PWNED\x07",
    "osc-title-st": "\x1b]2;PWNED\x1b\\",
    "osc52-clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "osc8-link": "\x1b]8;;http://evil.example/\x1b\\label\x1b]8;;\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;PWNED\x9c",
    "dcs": "\x1bP+q544e\x1b\\",
    "sgr-blink": "\x1b[5;31m",
    "query-da": "\x1b[c\x1b[6n",
    "c0-mix": "a\x07b\x08c\x0bd\x0ce\x7ff\x01g\x1fh",
    "bidi": "abc\u202edcba\u2066x\u2069",
}
"""Payloads that would take over the terminal if they reached it."""


def _mark(name: str, where: str = "text") -> str:
    return f"«{name}-{where}»{ESCAPES[name]}«/»"


def expected_markers() -> dict[str, str]:
    """Marker name -> what the screen must show between the markers."""
    shown: dict[str, str] = {}
    for name, payload in ESCAPES.items():
        for where in ("text", "heading", "code", "table", "prompt"):
            shown[f"{name}-{where}"] = clean_text(payload)
    return shown


def _front(title: str = "Hostile", extra: str = "") -> str:
    return f"---\ntitle: '{title}'\n{extra}---\n\n"


def _escapes_lesson() -> str:
    parts = [_front("Escapes in every place")]
    for name in ESCAPES:
        parts.append(f"## H {_mark(name, 'heading')}\n\nPara {_mark(name)} end.\n\n")
        parts.append(
            f"`{_mark(name, 'code')}`\n\n| a | b |\n|---|---|\n| {_mark(name, 'table')} | x |\n\n"
        )
    prompt = " ".join(_mark(name, "prompt") for name in ESCAPES)
    parts.append(
        f":::{{reflect}} esc-reflect\n:placeholder: {ESCAPES['osc-title-bel']}\n{prompt}\n:::\n\n"
    )
    parts.append("```\n" + "".join(ESCAPES.values()) + "\n```\n")
    return "".join(parts)


MARKUP: Final = [
    "[bold red]markup[/]",
    "[@click=app.quit]CLICKME[/]",
    "[@click=app.bell]CLICKME[/]",
    "[link=https://evil.example]CLICKME[/link]",
    "a stray [/] here",
    "[type=x, v={'a[0]'}]",
    "[b",
    "[0]",
    "\\[escaped]",
]


def _markup_everywhere() -> str:
    joined = " ".join(MARKUP)
    return (
        _front(
            "Markup [@click=app.quit]T[/] [/]", "summary: '[b]s[/b] [/]'\nobjectives:\n  - '[/]'\n"
        )
        + f"# {joined}\n\n{joined}\n\n| {MARKUP[1]} | {MARKUP[4]} |\n|---|---|\n| {MARKUP[0]} | x |\n\n"
        + f":::{{reflect}} mk-reflect\n:placeholder: {MARKUP[1]}\nQ {joined}\n:::\n\n"
        + f":::{{choice}} mk-choice\nPick {MARKUP[4]}\n\n- [x] {MARKUP[1]}\n\n  Feedback {MARKUP[4]}\n"
        + f"- [ ] {MARKUP[0]}\n\n  Other\n:::\n\n"
        + f":::{{scale}} mk-scale\n:low: {MARKUP[1]}\n:high: [/]\nRate {MARKUP[0]}\n:::\n\n"
        + f":::{{commit}} mk-commit\nDo {MARKUP[1]}\n:::\n\n"
        + f"::::{{debate}} {MARKUP[1]} [/]\nBody {MARKUP[0]}\n::::\n"
    )


LINKS: Final = [
    "file%3A///etc/passwd",
    "javascript%3Aalert(1)",
    "--renderer-cmd-prefix=/tmp/x",
    "/etc/passwd",
    "vscode://file/etc/passwd",
    "https://example.org/x'),app.quit('",
    "data:text/html,hi",
    "file:///etc/passwd",
    "%2Fetc%2Fpasswd",
    "http://\x1b]0;x\x07evil",
    "~/.ssh/id_rsa",
    "C:\\Windows\\win.ini",
]


def _links_lesson() -> str:
    body = "\n\n".join(f"Link {i}: [CLICKME {i}]({target})" for i, target in enumerate(LINKS))
    return (
        _front("Links")
        + body
        + "\n\n<file:///etc/passwd> <https://evil.example/>\n\n"
        + "![CLICKME img](http://tracker.example/p.png)\n"
    )


def _only(name: str) -> Callable[[], str]:
    return lambda: _front(f"T {ESCAPES[name]}") + f"Only {_mark(name)}.\n"


def _big(text: str) -> Callable[[], str]:
    return lambda: _front("Big") + text


CASES: Final[dict[str, Callable[[], str]]] = {
    "escapes-everywhere": _escapes_lesson,
    "markup-everywhere": _markup_everywhere,
    "links": _links_lesson,
    **{f"escape-{name}": _only(name) for name in ESCAPES},
    "nested-quotes-10000": _big(">" * 10_000 + " deep\n"),
    "nested-lists-10000": _big("".join("  " * i + "- x\n" for i in range(10_000))[:400_000]),
    "table-5000-rows": _big("| a | b | c |\n|---|---|---|\n" + "| 1 | 2 | 3 |\n" * 5000),
    "fence-100k-unlabelled": _big("```\n" + "x" * 100_000 + "\n```\n"),
    "fence-16k-sparql": _big("```sparql\n" + "a" * 16_000 + "\n```\n"),
    "long-line-100k": _big("word " * 20_000 + "\n"),
    "paragraphs-5000": _big("".join(f"Para {i}.\n\n" for i in range(5000))),
    "quadratic-quotes": _big("> # h\nx\n" * 3000),
    "task-list-5000": _big(":::{choice} big\nQ?\n\n" + "- [ ] o\n" * 4999 + "- [x] r\n:::\n"),
    "scale-201-points": _big(":::{scale} wide\n:min: -100\n:max: 100\nHow much?\n:::\n"),
    "prompts-2000": _big(
        "".join(f":::{{reflect}} many-{i}\nWhy {i}?\n:::\n\n" for i in range(2000))
    ),
    "callouts-2000": _big("".join(f":::{{note}} N{i}\nBody {i}.\n:::\n\n" for i in range(2000))),
    "headings-5000": _big("".join(f"## Heading {i}\n\n" for i in range(5000))),
    "choice-26-options": _big(
        ":::{choice} wide-choice\nWhich?\n\n- [x] right\n\n  Yes.\n"
        + "".join(f"- [ ] wrong {i}\n\n  No.\n" for i in range(25))
        + ":::\n"
    ),
    "yaml-alias-bomb": lambda: (
        "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\ntitle: t\n---\n\nx\n"
    ),
    "yaml-duplicate-key": lambda: "---\ntitle: one\ntitle: two\n---\n\nx\n",
    "yaml-deep": lambda: "---\ntitle: t\nx: " + "[" * 5000 + "\n---\n\nx\n",
    "yaml-norway-id": lambda: "---\ntitle: t\nid: no\n---\n\nx\n",
    "yaml-python-tag": lambda: "---\ntitle: !!python/object/apply:os.system ['true']\n---\n\nx\n",
    "bom-crlf": lambda: "\ufeff---\r\ntitle: t\r\n---\r\n\r\nx\r\n",
    "empty": lambda: "",
}
"""Lesson text cases: name -> the file's text."""


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _symlink_out(path: Path, root: Path) -> None:
    secret = root.parent / "secret.md"
    secret.write_text("---\ntitle: SECRET\n---\n\nsecret\n")
    path.symlink_to(secret)


def _symlink_loop(path: Path, _: Path) -> None:
    other = path.with_name(path.stem + "-other.md")
    path.symlink_to(other)
    other.symlink_to(path)


SPECIAL_FILES: Final[dict[str, Callable[[Path, Path], None]]] = {
    "invalid-utf8": lambda p, _: _write(p, b"---\ntitle: t\n---\n\nH\xe9llo \xff\n"),
    "binary-png": lambda p, _: _write(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    "utf16": lambda p, _: _write(p, "---\ntitle: t\n---\n\nx\n".encode("utf-16")),
    "over-1mib": lambda p, _: _write(p, b"---\ntitle: t\n---\n\n" + b"x" * (1024 * 1024 + 10)),
    "fifo": lambda p, _: os.mkfifo(p),
    "directory": lambda p, _: p.mkdir(),
    "symlink-escape": lambda p, root: _symlink_out(p, root),
    "dev-zero": lambda p, _: p.symlink_to("/dev/zero"),
    "symlink-loop": _symlink_loop,
}
"""Files that are not plain lessons: name -> make(path, course_root)."""


def directory_loop(root: Path, module: str) -> None:
    """A loop through a directory: `<module>-via` -> `<module>`, and a lesson in
    `<module>` that links to itself through `<module>-via`."""
    (root / f"{module}-via").symlink_to(root / module)
    (root / module / "90-dirloop.md").symlink_to(Path("..") / f"{module}-via" / "90-dirloop.md")


# -- generated (Hypothesis) ------------------------------------------------------------

_CONTROL = st.sampled_from([*ESCAPES.values(), "\x1b", "\x9b", "\x07", "\x00", "\r", "\u202e"])
_INLINE = st.sampled_from([*MARKUP, "*em*", "`code`", "[l](x.md)", "[l](#a)", "![i](p.png)", "<a>"])
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_PIECE = st.one_of(_CONTROL, _INLINE, _TEXT)
_LINE = st.lists(_PIECE, max_size=6).map("".join)
_BLOCK = st.one_of(
    _LINE.map(lambda s: s + "\n\n"),
    _LINE.map(lambda s: f"## {s}\n\n"),
    _LINE.map(lambda s: f"> {s}\n\n"),
    _LINE.map(lambda s: f"- {s}\n- [ ] {s}\n\n"),
    _LINE.map(lambda s: f"| {s} | b |\n|---|---|\n| {s} | c |\n\n"),
    _LINE.map(lambda s: f"```\n{s}\n```\n\n"),
    _LINE.map(lambda s: f"`{s}`\n\n"),
    _LINE.map(lambda s: f":::{{note}} {s}\n{s}\n:::\n\n"),
    st.tuples(st.integers(0, 9999), _LINE).map(
        lambda t: f":::{{reflect}} g{t[0]}\n{t[1]} ?\n:::\n\n"
    ),
)
generated_lessons: Final = st.tuples(_LINE, st.lists(_BLOCK, min_size=1, max_size=12)).map(
    lambda t: f"---\ntitle: 'G {t[0].replace(chr(39), '')}'\n---\n\n" + "".join(t[1])
)
"""A hostile lesson: Markdown blocks mixing control bytes, markup and odd links."""
