"""The README's test command is exactly what CI runs."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    launch, test = blocks[0], blocks[1]
    assert launch.startswith("python3 -m venv .venv") and launch.endswith(".venv/bin/leadtutor")
    assert test.endswith("python -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci, ".ci/run must run the README's test command verbatim"
