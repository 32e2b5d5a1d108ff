"""Share exports (`journal export --share`) and `leadtutor cohort summarize`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.progress import ProgressStore
from tests.conftest import write_course

LESSON_ONE = """---
id: one
title: Lesson one
---

:::{reflect} one-reflect
What does leading mean to you?
:::

:::{scale} one-scale
:min: 1
:max: 5
:low: Rarely
:high: Often
How often do you ask first?
:::

:::{choice} one-check
Which is right?

- [ ] Leaders are born

  No.
- [x] Both can be learned

  Yes.
- [ ] Only managers plan

  No.
:::

:::{commit} one-commit
:follow-up: 7
What will you do?
:::
"""

LESSON_TWO = """---
id: two
title: Lesson two
---

:::{scale} two-scale
:min: 0
:max: 10
Rate it.
:::
"""

LESSON_TWO_OLD = LESSON_TWO.replace(":max: 10", ":max: 4").replace(
    ":::\n", ":::\n\n:::{reflect} two-old-reflect\nGone in version 2.\n:::\n", 1
)


def _course(root: Path, version: str, two: str = LESSON_TWO) -> Path:
    path = write_course(root, {"01-m/01-one.md": LESSON_ONE, "01-m/02-two.md": two}, "cohort")
    with (path / "course.toml").open("a") as handle:
        handle.write(f'version = "{version}"\n')
    return path


def _learner(
    home: Path,
    *,
    scale: int,
    first: list[int],
    final: list[int] | None = None,
    text: str = "",
    two: int | None = None,
) -> None:
    store = ProgressStore(home, "cohort")
    store.load()
    store.set_scale("one-scale", "one", scale)
    store.set_choice("one-check", "one", first, first == [1])
    if final is not None:
        store.finish_editing()
        store.set_choice("one-check", "one", final, final == [1])
    if text:
        store.set_reflection("one-reflect", "one", text)
    store.make_commitment("one-commit", "one", "SECRET COMMITMENT", 7)
    store.open_lesson("one")
    store.complete_lesson("one")
    if two is not None:
        store.set_scale("two-scale", "two", two)
        store.open_lesson("two")
    store.save()


def _export(course: Path, home: Path, out: Path, *extra: str) -> int:
    args = ["journal", "export", "--share", "--course", str(course), "--data-dir", str(home)]
    return main([*args, "-o", str(out), *extra])


def test_share_export_holds_no_free_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, home = _course(tmp_path / "c", "2"), tmp_path / "h"
    _learner(home, scale=4, first=[0], final=[1], text="MY PRIVATE WORDS", two=7)
    out = tmp_path / "share.json"
    assert _export(course, home, out) == 0
    assert "none of your writing" in capsys.readouterr().err
    raw = out.read_text(encoding="utf-8")
    assert "MY PRIVATE WORDS" not in raw and "SECRET COMMITMENT" not in raw
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(raw)
    assert doc["format"] == "leadtutor-share" and doc["schema_version"] == 1
    assert doc["includes_text"] is False and "none of your written answers" in doc["about"]
    assert doc["course_id"] == "cohort" and doc["course_version"] == "2"
    assert doc["lessons"] == {"one": "done", "two": "started"}
    assert set(doc["answers"]) == {"one-scale", "one-check", "two-scale"}
    assert doc["answers"]["one-scale"] == {"kind": "scale", "value": 4, "min": 1, "max": 5}
    check = doc["answers"]["one-check"]
    assert (check["first_selected"], check["first_correct"]) == ([0], False)
    assert (check["selected"], check["correct"], check["options"]) == ([1], True, 3)
    keys = set(doc)
    assert keys == {
        "format",
        "schema_version",
        "includes_text",
        "about",
        "course_id",
        "course_version",
        "exported_on",
        "lessons",
        "answers",
    }


def test_include_text_adds_reflections_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, home = _course(tmp_path / "c", "2"), tmp_path / "h"
    _learner(home, scale=2, first=[1], text="Shared words")
    out = tmp_path / "share.json"
    assert _export(course, home, out, "--include-text") == 0
    assert "INCLUDES your written reflections" in capsys.readouterr().err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["includes_text"] is True and "WRITTEN REFLECTIONS" in doc["about"]
    assert doc["answers"]["one-reflect"] == {"kind": "reflect", "text": "Shared words"}
    assert "SECRET COMMITMENT" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [["--include-text"], ["--share", "--format", "md"], ["--share", "--format", "html"]],
)
def test_share_options_that_do_not_go_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    course = _course(tmp_path / "c", "2")
    assert main(["journal", "export", "--course", str(course), *args]) == 2
    assert "--" in capsys.readouterr().err


def _summarize(course: Path, *files: Path, fmt: str = "md") -> int:
    return main(["cohort", "summarize", "--course", str(course), "--format", fmt, *map(str, files)])


def test_cohort_merges_two_course_versions_by_prompt_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _course(tmp_path / "old", "1", LESSON_TWO_OLD), _course(tmp_path / "new", "2")
    files = []
    for n, (course, scale, first, two) in enumerate(
        [(old, 2, [0], 3), (old, 4, [1], 4), (new, 4, [0], 9), (new, 5, [2], None)]
    ):
        home = tmp_path / f"h{n}"
        _learner(home, scale=scale, first=first, final=[1], two=two, text=f"text {n}")
        out = tmp_path / f"anna-{n}.json"
        assert _export(course, home, out) == 0
        files.append(out)
    capsys.readouterr()
    assert _summarize(new, *files) == 0
    report = capsys.readouterr().out
    assert report.startswith("# Cohort summary: Test course")
    assert "4 learner exports merged. Course versions: 1 (2), 2 (2)." in report
    assert "| Lesson one | `██████████` 4 (100%) | 0 |" in report
    assert "| Lesson two | `░░░░░░░░░░` 0 (0%) | 3 |" in report
    # the 1-5 scale from both versions: 2, 4, 4, 5
    assert "2 │█████░░░░░░░░░░░░░░░│   1  25%" in report
    assert "4 │██████████░░░░░░░░░░│   2  50%" in report
    assert "4 ratings · mean 3.8 · 1 = Rarely, 5 = Often" in report
    # the 0-10 scale: only version 2's rating; version 1's 0-4 ratings are left out
    assert " 9 │" in report and "1 rating · mean 9.0" in report
    assert "cannot be compared: two-scale (2)" in report
    # quick check, first attempts: 0, 1, 0, 2 → option 0 is a common misconception
    assert "Right at the first Check: 1 (25%); right at the latest: 4 (100%)." in report
    assert "| ⚠ | Leaders are born | `█████░░░░░` 2 (50%) | 0 |" in report
    assert "| ✓ | Both can be learned |" in report
    assert "No export includes written reflections." in report
    assert "text 0" not in report  # not shared, so never shown
    assert "anna" not in report  # no file names


def test_unknown_ids_are_reported_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _course(tmp_path / "old", "1", LESSON_TWO_OLD), _course(tmp_path / "new", "2")
    home = tmp_path / "h"
    store = ProgressStore(home, "cohort")
    store.load()
    store.set_reflection("two-old-reflect", "two", "old words")
    store.save()
    out = tmp_path / "old.json"
    assert _export(old, home, out, "--include-text") == 0
    doc = json.loads(out.read_text())
    doc["lessons"]["lesson-from-v0"] = "done"
    out.write_text(json.dumps(doc))
    capsys.readouterr()
    assert _summarize(new, out) == 0
    report = capsys.readouterr().out
    assert "Ids this course does not have" in report
    assert "lesson lesson-from-v0 (1)" in report and "two-old-reflect (1)" in report
    assert "old words" not in report  # its question is gone: nothing to show it under


def test_a_malformed_export_is_named_and_the_others_still_summarized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, home = _course(tmp_path / "c", "2"), tmp_path / "h"
    _learner(home, scale=3, first=[1])
    good = tmp_path / "good.json"
    assert _export(course, home, good) == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "leadtutor-share", ')
    full = tmp_path / "full.json"
    full.write_text(json.dumps({"schema_version": 2, "course_id": "cohort", "answers": {}}))
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**json.loads(good.read_text()), "schema_version": 9}))
    odd = tmp_path / "odd.json"
    doc = json.loads(good.read_text())
    doc["answers"]["one-scale"]["value"] = 99
    odd.write_text(json.dumps(doc))
    missing = tmp_path / "missing.json"
    capsys.readouterr()
    assert _summarize(course, good, broken, full, newer, odd, missing) == 1
    captured = capsys.readouterr()
    assert f"{broken}: is not valid JSON (line 1); left out." in captured.err
    assert f"{full}: is a full progress export" in captured.err
    assert f"{newer}: was made by a newer leadtutor (share format 9" in captured.err
    assert f"{odd}: the answer to 'one-scale' has an unknown shape; skipped." in captured.err
    assert f"{missing}: cannot be read" in captured.err
    assert "2 learner exports merged." in captured.out
    assert "4 files could not be read and are left out" in captured.out
    assert "broken" not in captured.out and "odd" not in captured.out


def test_nothing_readable_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = _course(tmp_path / "c", "2")
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    assert _summarize(course, bad) == 1
    err = capsys.readouterr().err
    assert f"{bad}: is not a share export" in err and "nothing to summarize" in err


HOSTILE = "<script>alert(1)</script> [click](https://evil.example) ![x](y.png) # heading"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_text_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    course, home = _course(tmp_path / "c", "2"), tmp_path / "h"
    _learner(home, scale=3, first=[1], text=HOSTILE + "\n\x1b[31mred\x1b[0m second line")
    out = tmp_path / "s.json"
    assert _export(course, home, out, "--include-text") == 0
    capsys.readouterr()
    report_file = tmp_path / f"report.{fmt}"
    args = ["cohort", "summarize", "--course", str(course), "--format", fmt]
    assert main([*args, "-o", str(report_file), str(out)]) == 0
    report = report_file.read_text(encoding="utf-8")
    assert "\x1b" not in report
    if fmt == "html":
        assert "<script" not in report
        assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](https://evil.example)" in report
        assert "Content-Security-Policy" in report
    else:
        from leadtutor.core.markdown import create_parser

        tokens = create_parser().parse(report)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
        assert not kinds & {"link_open", "image", "html_inline", "html_block"}, kinds
        headings = [t for t in tokens if t.type == "heading_open"]
        shown = create_parser().render(report)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](https://evil.example)" in shown
        assert "![x](y.png) # heading" in shown and "[31mred[0m second line" in shown
        assert len(headings) == len([line for line in report.splitlines() if line[:1] == "#"])
    assert "1 of 1 chose to include their written reflections." in report
