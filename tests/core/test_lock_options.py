"""course.lock's choice options: fingerprints, reading and writing, history, the check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.core import ChoicePrompt, load_course
from leadtutor.core.lock import Lock, LockedOptions, lock_of, read_lock, render_lock
from leadtutor.core.options import fingerprint, normalised, option_list
from leadtutor.core.problems import Problems
from tests.conftest import REPO, write_course


def choice(prompt_id: str, *options: str) -> str:
    """A choice prompt whose first option is the right one."""
    items = "\n".join(f"- [{'x' if i == 0 else ' '}] {text}" for i, text in enumerate(options))
    return f":::{{choice}} {prompt_id}\nWhich?\n\n{items}\n\nBecause.\n:::\n"


def lesson(*prompts: str) -> str:
    return "---\ntitle: A\nid: a\n---\n\n" + "\n".join(prompts)


def test_fingerprint_ignores_style_case_and_punctuation_not_words() -> None:
    assert normalised("  *Two* systems;\n organizations NEED both. ") == (
        "two systems organizations need both"
    )
    assert fingerprint("Two systems; both.") == fingerprint("two systems — both")
    assert fingerprint("Two systems; both.") != fingerprint("Two systems; either.")
    assert fingerprint("—") != fingerprint("–")  # no words: the text itself counts
    assert len(fingerprint("x")) == 8 and int(fingerprint("x"), 16) >= 0


def sample() -> Lock:
    lock = lock_of("c", [("a", [("a-check", "choice"), ("a-why", "reflect")])])
    lock.options = {
        "a-check": LockedOptions(
            option_list(["Beta", 'Say "yes"\\ \u007f']),
            "2.0",
            (("1.0", option_list(["Alpha", "Beta"])), ("", option_list(["Beta", "Gamma"]))),
        )
    }
    return lock


def test_options_read_back_and_compact(tmp_path: Path) -> None:
    lock = sample()
    text = render_lock(lock)
    assert '[options.a-check]\nversion = "2.0"\noptions = [\n    "' in text
    assert text.count("[[options.a-check.earlier]]") == 2
    (tmp_path / "course.lock").write_text(text)
    back = read_lock(tmp_path, Problems(tmp_path))
    assert back is not None
    assert dict(back.options) == dict(lock.options)
    assert back.options["a-check"].lists[0] == option_list(["Alpha", "Beta"])
    assert back.line("prompt:a-why") == text.split("\n").index('a-why = "reflect"') + 1
    assert render_lock(back) == text
    compact = Lock.from_compact(lock.compact(), tmp_path / "course.lock")
    assert dict(compact.options) == dict(lock.options) and "nope" not in compact.options


@pytest.mark.parametrize(
    "entry",
    [
        'version = "1"\noptions = ["nothex Alpha"]',
        'version = "1"\noptions = "8ed3f6ad Alpha"',
        'version = 1\noptions = ["8ed3f6ad Alpha"]',
        'version = "1"',
    ],
)
def test_a_malformed_options_entry_is_lock_invalid(tmp_path: Path, entry: str) -> None:
    (tmp_path / "course.lock").write_text(f'schema = 1\ncourse = "c"\n\n[options.x]\n{entry}\n')
    problems = Problems(tmp_path)
    assert read_lock(tmp_path, problems) is None
    assert [p.code for p in problems.items] == ["lock.invalid"]


def test_update_lock_keeps_a_history_of_changed_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(
        tmp_path / "c", {"01-m/01-a.md": lesson(choice("a-check", "Alpha", "Beta"))}
    )
    (root / "course.toml").write_text('id = "c"\ntitle = "C"\nversion = "1.0"\n')
    assert main(["check", "--update-lock", str(root)]) == 0
    first = (root / "course.lock").read_text()
    assert f'version = "1.0"\noptions = [\n    "{fingerprint("Alpha")} Alpha",' in first
    # punctuation and emphasis only: same options, the labels are refreshed, no history
    path = root / "01-m" / "01-a.md"
    path.write_text(lesson(choice("a-check", "*Alpha!*", "Beta")))
    assert main(["check", "--strict", str(root)]) == 0
    assert main(["check", "--update-lock", str(root)]) == 0
    assert "earlier" not in (root / "course.lock").read_text()
    # re-worded and re-ordered: a warning until the lock is updated, then history
    path.write_text(lesson(choice("a-check", "Delta", "Alpha")))
    (root / "course.toml").write_text('id = "c"\ntitle = "C"\nversion = "2.0"\n')
    capsys.readouterr()
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "01-a.md:6: warning: the options of 'a-check' differ from course.lock" in out
    assert "(1 locked option(s) re-worded or removed (“Beta”), 1 new): a learner" in out
    assert "answer to an earlier version of this check" in out
    assert main(["check", "--update-lock", str(root)]) == 0
    assert "earlier options kept for 1 choice(s)" in capsys.readouterr().err
    lock = read_lock(root, Problems(root))
    assert lock is not None
    entry = lock.options["a-check"]
    assert entry.version == "2.0" and [o.label for o in entry.now] == ["Delta", "Alpha"]
    assert entry.earlier == (("1.0", option_list(["Alpha!", "Beta"])),)
    assert main(["check", "--strict", str(root)]) == 0


def test_only_reordered_options_say_answers_follow_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(
        tmp_path / "c", {"01-m/01-a.md": lesson(choice("a-check", "Alpha", "Beta"))}
    )
    assert main(["check", "--update-lock", str(root)]) == 0
    (root / "01-m" / "01-a.md").write_text(lesson(choice("a-check", "Beta", "Alpha")))
    capsys.readouterr()
    assert main(["check", str(root / "01-m" / "01-a.md"), "--no-cache"]) == 0  # one lesson too
    out = capsys.readouterr().out
    assert "(the order changed): saved answers follow their options by their words" in out


def test_options_from_an_earlier_copy_become_the_oldest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_course(
        tmp_path / "old", {"01-m/01-a.md": lesson(choice("a-check", "Alpha", "Beta"))}, "c"
    )
    (old / "course.toml").write_text('id = "c"\ntitle = "C"\nversion = "1.0"\n')
    root = write_course(
        tmp_path / "c", {"01-m/01-a.md": lesson(choice("a-check", "Gamma", "Beta"))}, "c"
    )
    (root / "course.toml").write_text('id = "c"\ntitle = "C"\nversion = "2.0"\n')
    args = ["check", "--update-lock", "--options-from", str(old), str(root)]
    assert main(args) == 0
    text = (root / "course.lock").read_text()
    assert main(args) == 0  # running it again changes nothing
    assert (root / "course.lock").read_text() == text
    lock = read_lock(root, Problems(root))
    assert lock is not None
    assert lock.options["a-check"].lists == (
        option_list(["Alpha", "Beta"]),
        option_list(["Gamma", "Beta"]),
    )
    assert lock.options["a-check"].earlier[0][0] == "1.0"
    # the loaded course carries the lists, oldest first, on the prompt
    prompt = load_course(root).find_prompt("a-check")
    assert prompt is not None and isinstance(prompt[1], ChoicePrompt)
    assert prompt[1].published == lock.options["a-check"].lists
    capsys.readouterr()
    assert main(["check", "--update-lock", "--options-from", str(tmp_path), str(root)]) == 1
    assert "not a copy of course 'c'" in capsys.readouterr().err
    assert main(["check", "--options-from", str(old), str(root)]) == 2


def test_bundled_lock_has_the_first_editions_options(tmp_path: Path) -> None:
    """The second edition re-worded the first edition's checks; course.lock keeps the
    first edition's lists as the oldest, so answers saved without fingerprints (by the
    first edition's app) are read against them."""
    course = load_course(REPO / "lessons")
    found = course.find_prompt("doors-check")
    assert found is not None and isinstance(found[1], ChoicePrompt)
    oldest = [o.label for o in found[1].published[0]]
    assert oldest[1] == "Two complementary systems of action; organizations need both."
    assert found[1].published[-1] == found[1].option_list
    copy = tmp_path / "lessons"
    shutil.copytree(REPO / "lessons", copy)  # updating the lock again keeps that history
    assert main(["check", "--update-lock", str(copy)]) == 0
    assert (copy / "course.lock").read_text() == (REPO / "lessons" / "course.lock").read_text()
