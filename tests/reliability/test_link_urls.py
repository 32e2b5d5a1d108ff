"""Malformed URLs in lesson links are inert links, never a crash of `check` or the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadtutor.core import load_course
from leadtutor.core.links import classify


@pytest.mark.parametrize("href", ["http://]x", "https://[::1", "http://[zz]/", "http://a]b"])
def test_urlsplit_errors_make_an_inert_link(href: str) -> None:
    target = classify(href)
    assert target.kind == "inert" and "not a valid URL" in target.reason


def test_check_reports_a_bracketed_host_instead_of_crashing(tmp_path: Path) -> None:
    lesson = tmp_path / "one.md"
    # The sanitizer turns "http://ESC]0;x BEL evil" into "http://]0;xevil".
    lesson.write_text("---\ntitle: t\n---\n\n[a](http://\x1b]0;x\x07evil)\n")
    codes = [p.code for p in load_course(lesson).problems]
    assert "link.inert" in codes
